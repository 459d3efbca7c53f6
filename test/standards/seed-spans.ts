/**
 * Where each task and section of the seed plan begins and ends in its text, so a quote can be checked against
 * the part of the plan it is cited for. The plan is OCR'd text on one line: task N starts at "N." or "N ." (task
 * 11 at "IL", an OCR slip for "11."; task 40 at "40,"), found in order; a task runs to the next task's start, the
 * last one to section 五. Top-level sections start at "一、" … "六、" in order.
 */
import type { Cite } from '../../src/index.js';

/** A span of the seed text, `[start, end)`. */
export interface Span {
  start: number;
  end: number;
}

/** The spans of the seed plan's tasks and sections. */
export interface SeedSpans {
  tasks: Map<number, Span & { title: string }>;
  sections: Map<string, Span>;
  /** The span a cite points at: its task, else its section (`二`, `四(二)12` → task 12, `四(二)` → that campaign). */
  spanOf(cite: Cite): Span | undefined;
  /** The task's title as printed (up to its first 。). */
  titleOf(task: number): string | undefined;
}

const TOP = ['一', '二', '三', '四', '五', '六'] as const;
const SUB = ['一', '二', '三', '四', '五'] as const;

/** Splits the seed text into tasks and sections. */
export function seedSpans(seed: string): SeedSpans {
  const sections = new Map<string, Span>();
  let from = 0;
  const tops: { id: string; start: number }[] = [];
  for (const id of TOP) {
    const at = seed.indexOf(`${id}、`, from);
    if (at < 0) break;
    tops.push({ id, start: at });
    from = at + 1;
  }
  tops.forEach((t, i) => sections.set(t.id, { start: t.start, end: tops[i + 1]?.start ?? seed.length }));

  const tasks = new Map<number, Span & { title: string }>();
  const four = sections.get('四');
  const starts: number[] = [];
  let pos = four?.start ?? 0;
  for (let n = 1; n <= 40; n++) {
    const re = n === 11 ? /IL/g : new RegExp(`${n} ?[.,．]`, 'g');
    re.lastIndex = pos;
    const m = re.exec(seed);
    if (!m) break;
    starts.push(m.index);
    const titleStart = m.index + m[0].length;
    tasks.set(n, { start: m.index, end: 0, title: seed.slice(titleStart, seed.indexOf('。', titleStart)) });
    pos = titleStart;
  }
  const lastEnd = sections.get('五')?.start ?? seed.length;
  for (const [n, t] of tasks) t.end = tasks.get(n + 1)?.start ?? lastEnd;

  // Campaigns (一)…(五) inside section 四: from the first task of each to the last task's end.
  if (four) {
    let p = four.start;
    const subs: { id: string; start: number }[] = [];
    for (const id of SUB) {
      const at = seed.indexOf(`(${id})`, p);
      if (at < 0 || at > four.end) break;
      subs.push({ id, start: at });
      p = at + 1;
    }
    subs.forEach((s, i) => sections.set(`四(${s.id})`, { start: s.start, end: subs[i + 1]?.start ?? four.end }));
  }

  return {
    tasks,
    sections,
    spanOf(cite) {
      if (cite.task !== undefined) return tasks.get(cite.task);
      if (cite.section === undefined) return undefined;
      const m = /^(.+\))(\d+)$/.exec(cite.section);
      if (m) return tasks.get(Number(m[2]));
      return sections.get(cite.section);
    },
    titleOf: (task) => tasks.get(task)?.title,
  };
}
