/**
 * The inspector's page: pick a standard, fill in its checklist, and see live each clause's state, the overall
 * verdict, the citations, what is still needed and the score. Built on `daoze/sdk` only; the inspection in
 * progress is kept in local storage across reloads, and can be exported as JSON.
 */
import {
  ChecklistError,
  OUTCOME_TEXT,
  createChecklist,
  loadBundle,
  restore,
  type Checklist,
  type ChecklistItem,
  type ChecklistSnapshot,
  type ChecklistUpdate,
  type EvidenceRef,
  type LoadedBundle,
  type Locale,
  type Verdict,
} from 'daoze/sdk';

/** The page's own words. */
const UI = {
  zh: {
    title: '巡查检查单',
    standard: '标准',
    lang: 'English',
    export: '导出 JSON',
    reset: '新检查',
    yes: '是',
    no: '否',
    unknown: '无法判定',
    clear: '清除',
    none: '—',
    overall: '结论',
    score: '得分',
    atLeast: '最低可能',
    progress: '进度',
    answered: '已答',
    applicable: '适用',
    total: '共',
    needed: '仍需填写',
    optional: '选填(仅影响选用条款)',
    nothingNeeded: '无:各计分条款均已判定。',
    more: '……另有 {n} 项',
    settles: '影响 {n} 条',
    whyUnknown: '记为无法判定',
    whyEvidence: '缺证据',
    clauses: '条款',
    text: '条文',
    basis: '依据',
    task: '任务',
    clause: '条',
    optionalClause: '选用条款,不计入结论',
    moot: { 'not-applicable': '不适用,无需回答', decided: '已判定,无需回答', unused: '未使用' },
    evidence: '证据',
    evidenceRequired: '须附证据',
    addEvidence: '添加',
    evidencePlaceholder: '照片或记录编号',
    evidenceNeedsValue: '先填写回答再附证据',
    awaitingEvidence: '未附证据,暂不计入',
    restoreFailed: '上次的检查无法恢复:',
    keepOld: '下载旧记录',
    footer: '导则 Daoze · 标准 {ref} · 内容 {hash} · 本页数据只保存在本机浏览器中。',
    counts: (t: Verdict['totals']) =>
      `合格 ${t.pass} · 不合格 ${t.fail} · 无法判定 ${t.indeterminate} · 不适用 ${t.not_applicable}`,
  },
  en: {
    title: 'Inspection checklist',
    standard: 'Standard',
    lang: '中文',
    export: 'Export JSON',
    reset: 'New inspection',
    yes: 'Yes',
    no: 'No',
    unknown: 'Cannot tell',
    clear: 'Clear',
    none: '—',
    overall: 'Verdict',
    score: 'Score',
    atLeast: 'lowest possible',
    progress: 'Progress',
    answered: 'answered',
    applicable: 'applicable',
    total: 'total',
    needed: 'Still needed',
    optional: 'Optional (affects optional clauses only)',
    nothingNeeded: 'Nothing: every clause that counts is decided.',
    more: '… and {n} more',
    settles: 'settles {n}',
    whyUnknown: 'recorded as cannot tell',
    whyEvidence: 'evidence missing',
    clauses: 'Clauses',
    text: 'Text',
    basis: 'Source',
    task: 'task',
    clause: 'clause',
    optionalClause: 'optional clause, not counted in the verdict',
    moot: {
      'not-applicable': 'does not apply, no answer needed',
      decided: 'already decided, no answer needed',
      unused: 'unused',
    },
    evidence: 'Evidence',
    evidenceRequired: 'evidence required',
    addEvidence: 'Add',
    evidencePlaceholder: 'photo or record id',
    evidenceNeedsValue: 'answer first, then attach evidence',
    awaitingEvidence: 'no evidence attached yet: not counted',
    restoreFailed: 'The last inspection could not be restored:',
    keepOld: 'Download the old record',
    footer: 'Daoze 导则 · standard {ref} · content {hash} · this page keeps its data in this browser only.',
    counts: (t: Verdict['totals']) =>
      `pass ${t.pass} · fail ${t.fail} · undecided ${t.indeterminate} · n/a ${t.not_applicable}`,
  },
} as const;

const STORE = 'daoze-inspector/v1';
/** How many still-needed facts the panel lists (the most decisive first); the rest are counted. */
const NEEDED_SHOWN = 12;

/** What the page keeps in local storage: the language, the standard on screen and one inspection per edition. */
interface Stored {
  locale: Locale;
  current?: string;
  inspections: Record<string, ChecklistSnapshot>;
  /** Inspections that could not be restored under their edition: kept, never silently dropped or re-based. */
  unrestored?: Record<string, unknown>;
}

function readStore(): Stored {
  try {
    const s = JSON.parse(localStorage.getItem(STORE) ?? 'null') as Stored | null;
    if (s && typeof s === 'object' && s.inspections && typeof s.inspections === 'object')
      return { ...s, locale: s.locale === 'en' ? 'en' : 'zh' };
  } catch {
    // A corrupt store is ignored rather than breaking the page.
  }
  return { locale: 'zh', inspections: {} };
}

const store = readStore();
const save = () => localStorage.setItem(STORE, JSON.stringify(store));

/** Creates an element with attributes and children; text always goes in as text, never as HTML. */
function h(
  tag: string,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: (Node | string | undefined | false)[]
): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== undefined && c !== false) el.append(c);
  return el;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

let bundle: LoadedBundle;
let checklist: Checklist;
let unsubscribe: (() => void) | undefined;
const errors = new Map<string, string>();
/** Evidence typed in before the item has an answer; attached with the answer. */
const pending = new Map<string, EvidenceRef[]>();

function words() {
  return UI[checklist?.locale ?? store.locale];
}

function fillN(template: string, n: number) {
  return template.replace('{n}', String(n));
}

function download(name: string, data: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function showNotice(message: string, old?: unknown) {
  const n = $('notice');
  n.replaceChildren(message);
  if (old !== undefined) {
    const b = h('button', { type: 'button' }, words().keepOld);
    b.addEventListener('click', () => download('daoze-unrestored-inspection.json', old));
    n.append(b);
  }
  n.hidden = false;
}

/** Opens the inspection of an edition: the saved one if it can be restored under its exact edition, else a new one. */
function open(ref: string) {
  unsubscribe?.();
  errors.clear();
  pending.clear();
  $('notice').hidden = true;
  const saved = store.inspections[ref];
  checklist = undefined as unknown as Checklist;
  if (saved) {
    try {
      checklist = restore(bundle, saved, { locale: store.locale });
    } catch (e) {
      if (!(e instanceof ChecklistError)) throw e;
      // Never re-based onto another edition: say so, keep the old record downloadable, start afresh.
      showNotice(`${UI[store.locale].restoreFailed} ${e.text[store.locale]}`, saved);
      store.unrestored = { ...store.unrestored, [ref]: saved };
      delete store.inspections[ref];
    }
  }
  checklist ??= createChecklist(bundle, bundle.find(ref) ? ref : defaultRef(), { locale: store.locale });
  store.current = checklist.edition.ref;
  store.inspections[checklist.edition.ref] = checklist.toJSON();
  save();
  unsubscribe = checklist.subscribe(onUpdate);
  renderAll();
}

function onUpdate(u: ChecklistUpdate) {
  store.inspections[checklist.edition.ref] = checklist.toJSON();
  store.locale = checklist.locale;
  save();
  if (u.kind === 'locale') renderAll();
  else {
    refreshItems();
    renderResult(new Set(u.changes.map((c) => c.clause)));
  }
}

function answer(fact: string, value: unknown, evidence?: EvidenceRef[]) {
  try {
    const ev = evidence ?? pending.get(fact);
    checklist.answer(fact, value, ev);
    pending.delete(fact);
    errors.delete(fact);
  } catch (e) {
    if (!(e instanceof ChecklistError)) throw e;
    errors.set(fact, e.message);
  }
  refreshItems();
}

function clear(fact: string) {
  errors.delete(fact);
  pending.delete(fact);
  checklist.clear(fact);
}

function control(item: ChecklistItem): HTMLElement {
  const w = words();
  const box = h('div', { class: 'controls' });
  const name = `f-${item.fact}`;
  if (item.input === 'yes-no') {
    for (const [v, label] of [
      ['true', w.yes],
      ['false', w.no],
    ] as const) {
      const r = h('input', { type: 'radio', name, value: v }) as HTMLInputElement;
      r.addEventListener('change', () => answer(item.fact, v === 'true'));
      box.append(h('label', {}, r, label));
    }
  } else if (item.input === 'choice') {
    const s = h(
      'select',
      { name },
      h('option', { value: '' }, w.none),
      ...(item.choices ?? []).map((c) => h('option', { value: c.value }, c.label)),
    ) as HTMLSelectElement;
    s.addEventListener('change', () => (s.value === '' ? clear(item.fact) : answer(item.fact, s.value)));
    box.append(s);
  } else if (item.input === 'number') {
    const i = h('input', {
      type: 'number',
      name,
      step: item.range?.step ? String(item.range.step) : 'any',
      min: item.range?.min !== undefined ? String(item.range.min) : undefined,
      max: item.range?.max !== undefined ? String(item.range.max) : undefined,
      inputmode: 'decimal',
    }) as HTMLInputElement;
    i.addEventListener('change', () => (i.value.trim() === '' ? clear(item.fact) : answer(item.fact, Number(i.value))));
    box.append(i);
    if (item.unit) box.append(h('span', { class: 'unit' }, item.unit));
  } else {
    const i = h('input', { type: item.input === 'date' ? 'date' : 'datetime-local', name }) as HTMLInputElement;
    i.addEventListener('change', () => {
      if (!i.value) return clear(item.fact);
      if (item.input === 'date') return answer(item.fact, i.value);
      // datetime-local has no zone: record the browser's offset, as RFC 3339 requires one.
      const off = -new Date(i.value).getTimezoneOffset();
      const hh = String(Math.floor(Math.abs(off) / 60)).padStart(2, '0');
      const mm = String(Math.abs(off) % 60).padStart(2, '0');
      answer(item.fact, `${i.value.length === 16 ? `${i.value}:00` : i.value}${off >= 0 ? '+' : '-'}${hh}:${mm}`);
    });
    box.append(i);
  }
  const unknown = h('button', { type: 'button', class: 'small', 'data-action': 'unknown' }, w.unknown);
  unknown.addEventListener('click', () => answer(item.fact, null));
  const clr = h('button', { type: 'button', class: 'small', 'data-action': 'clear' }, w.clear);
  clr.addEventListener('click', () => clear(item.fact));
  box.append(unknown, clr);
  return box;
}

function evidenceControl(item: ChecklistItem): HTMLElement | undefined {
  if (!item.evidence) return undefined;
  const w = words();
  const box = h('div', { class: 'evidence' });
  const kind = h('select', {}, ...item.evidence.kinds.map((k) => h('option', { value: k }, k))) as HTMLSelectElement;
  const ref = h('input', { type: 'text', placeholder: w.evidencePlaceholder }) as HTMLInputElement;
  const add = h('button', { type: 'button', class: 'small' }, w.addEvidence);
  add.addEventListener('click', () => {
    if (!ref.value.trim()) return;
    const now = checklist.item(item.fact);
    const list = [
      ...(now.answered ? now.attached : (pending.get(item.fact) ?? [])),
      { kind: kind.value as EvidenceRef['kind'], ref: ref.value.trim() },
    ];
    ref.value = '';
    if (now.answered) answer(item.fact, now.value, list);
    else {
      pending.set(item.fact, list);
      refreshItems();
    }
  });
  box.append(
    `${w.evidence}${item.evidence.required ? `(${w.evidenceRequired})` : ''}:`,
    h('span', { class: 'attached' }),
    kind,
    ref,
    add,
  );
  return box;
}

/** Builds the checklist form (on opening an edition or switching language). */
function renderChecklist() {
  const root = $('checklist');
  root.replaceChildren();
  for (const sec of checklist.sections()) {
    root.append(h('h2', { 'data-section': sec.id }, sec.label, h('span', { class: 'marks' })));
    for (const item of sec.items) {
      const help = item.help ? h('div', { class: 'question' }, item.help) : undefined;
      const el = h(
        'div',
        { class: 'item', 'data-fact': item.fact },
        h('div', { class: 'q' }, h('span', { class: 'label' }, item.label), h('span', { class: 'tag' })),
        h('div', { class: 'question' }, item.question),
        help,
        control(item),
        evidenceControl(item),
        h('div', { class: 'error', role: 'alert' }),
      );
      root.append(el);
    }
  }
  refreshItems();
}

/** Brings the form in line with the session: values, moot items, evidence, errors. */
function refreshItems() {
  const w = words();
  const sections = checklist.sections();
  for (const sec of sections) {
    const marks = document.querySelector(`[data-section="${sec.id}"] .marks`);
    marks?.replaceChildren(
      ...sec.clauses.map((c) =>
        h('span', { class: `mark ${c.outcome}`, title: OUTCOME_TEXT[c.outcome][checklist.locale] }, c.label),
      ),
    );
    for (const item of sec.items) {
      const el = document.querySelector<HTMLElement>(`[data-fact="${item.fact}"]`);
      if (!el) continue;
      el.classList.toggle('answered', item.answered);
      el.classList.toggle('moot', item.relevance === 'moot');
      el.dataset.relevance = item.relevance;
      const tag = el.querySelector('.tag')!;
      tag.className = `tag${item.awaitingEvidence ? ' required-evidence' : ''}`;
      tag.textContent = item.moot
        ? w.moot[item.moot]
        : item.awaitingEvidence
          ? w.awaitingEvidence
          : item.value === null
            ? w.unknown
            : '';
      const active = document.activeElement;
      if (item.input === 'yes-no') {
        el.querySelectorAll<HTMLInputElement>('input[type=radio]').forEach(
          (r) => (r.checked = item.value !== undefined && item.value !== null && r.value === String(item.value)),
        );
      } else {
        const input = el.querySelector<HTMLInputElement | HTMLSelectElement>('.controls select, .controls input');
        if (input && input !== active) {
          const v = item.value === undefined || item.value === null ? '' : String(item.value);
          input.value = item.input === 'datetime' ? v.slice(0, 19) : v;
        }
      }
      const attached = el.querySelector('.attached');
      const list = item.answered ? item.attached : (pending.get(item.fact) ?? []);
      attached?.replaceChildren(...list.map((e) => h('span', { class: 'ref' }, `${e.kind}: ${e.ref}`)));
      el.querySelector('.error')!.textContent = errors.get(item.fact) ?? '';
    }
  }
}

function sourceLine(s: Verdict['clauses'][number]['citation']['sources'][number], locale: Locale): string {
  const w = UI[locale];
  const parts = [s.designation ? `${s.designation} ${s.title[locale]}` : s.title[locale]];
  if (s.section) parts.push(s.section);
  if (s.task !== undefined) parts.push(locale === 'zh' ? `${w.task}${s.task}` : `${w.task} ${s.task}`);
  if (s.clause) parts.push(locale === 'zh' ? `${s.clause}` : `${w.clause} ${s.clause}`);
  return parts.join(' · ');
}

/** The verdict panel: overall outcome, score, progress, what is still needed, each clause with its citation. */
function renderResult(changed = new Set<string>()) {
  const w = words();
  const loc = checklist.locale;
  const v = checklist.verdict();
  const p = checklist.progress();
  const root = $('result');
  const overall = h(
    'div',
    { class: 'overall', id: 'overall', 'data-outcome': v.outcome },
    h('span', {}, w.overall),
    h('span', { class: `badge ${v.outcome}` }, OUTCOME_TEXT[v.outcome][loc]),
    h('span', { class: 'totals' }, w.counts(v.totals)),
    v.score
      ? h(
          'span',
          { class: 'score', id: 'score' },
          `${w.score} ${v.score.value} / ${v.score.base}`,
          h('br'),
          h('small', {}, `${w.atLeast} ${v.score.lowest}`),
        )
      : undefined,
  );
  const pct = p.applicable ? Math.round((100 * p.answered) / p.applicable) : 100;
  const progress = h(
    'div',
    { class: 'progress', id: 'progress' },
    `${w.progress}: ${w.answered} ${p.answered} / ${w.applicable} ${p.applicable} / ${w.total} ${p.total}`,
    h('div', { class: 'meter' }, h('div', { style: `width:${pct}%` })),
  );
  const needItem = (m: (typeof p.needed)[number]) => {
    const li = h(
      'li',
      { 'data-needed': m.fact },
      m.label,
      m.clauses > 1 ? h('span', { class: 'why' }, fillN(w.settles, m.clauses)) : undefined,
      m.reason !== 'absent' && m.reason !== 'unknown'
        ? h('span', { class: 'why' }, w.whyEvidence)
        : m.reason === 'unknown'
          ? h('span', { class: 'why' }, w.whyUnknown)
          : undefined,
    );
    li.addEventListener('click', () =>
      document.querySelector<HTMLElement>(`[data-fact="${m.fact}"] input, [data-fact="${m.fact}"] select`)?.focus(),
    );
    return li;
  };
  const needed = h(
    'div',
    { class: 'needed', id: 'needed' },
    h('h2', {}, w.needed),
    p.needed.length ? h('ol', {}, ...p.needed.slice(0, NEEDED_SHOWN).map(needItem)) : h('div', {}, w.nothingNeeded),
    p.needed.length > NEEDED_SHOWN
      ? h('div', { class: 'more' }, w.more.replace('{n}', String(p.needed.length - NEEDED_SHOWN)))
      : undefined,
    p.optional.length
      ? h(
          'div',
          { class: 'optional' },
          `${w.optional}: ${p.optional.map((m) => m.label).join(loc === 'zh' ? '、' : ', ')}`,
        )
      : undefined,
  );
  const clauses = h('div', { id: 'clauses' }, h('h2', {}, w.clauses));
  let group = '';
  for (const c of v.clauses) {
    if (c.group !== group) {
      group = c.group;
      clauses.append(h('h3', {}, c.citation.group.label[loc]));
    }
    clauses.append(
      h(
        'div',
        {
          class: `clause ${c.outcome}${changed.has(c.clause) ? ' changed' : ''}`,
          'data-clause': c.clause,
          'data-outcome': c.outcome,
        },
        h(
          'div',
          { class: 'head' },
          h(
            'span',
            { class: `badge ${c.outcome}`, style: 'font-size:12px;padding:0 8px' },
            OUTCOME_TEXT[c.outcome][loc],
          ),
          h('span', { class: 'label' }, c.label),
        ),
        h('div', { class: 'message' }, c.message),
        c.counts ? undefined : h('div', { class: 'optional-note' }, w.optionalClause),
        h('div', { class: 'cite' }, `${w.text}: `, h('span', { class: 'text' }, c.citation.text[loc])),
        ...c.citation.sources.map((s) =>
          h(
            'div',
            { class: 'cite source', 'data-task': s.task !== undefined ? String(s.task) : undefined },
            `${w.basis}: ${sourceLine(s, loc)}`,
          ),
        ),
      ),
    );
  }
  root.replaceChildren(overall, progress, needed, clauses);
  $('footer').textContent = w.footer
    .replace('{ref}', checklist.edition.ref)
    .replace('{hash}', checklist.edition.hash.slice(0, 19));
}

function renderChrome() {
  const w = words();
  document.documentElement.lang = checklist.locale === 'zh' ? 'zh-CN' : 'en';
  document.title = `${checklist.locale === 'zh' ? '导则' : 'Daoze'} · ${w.title}`;
  $('app-title').textContent = w.title;
  $('standard-label').textContent = w.standard;
  $('lang').textContent = w.lang;
  $('export').textContent = w.export;
  $('reset').textContent = w.reset;
  const select = $<HTMLSelectElement>('standard');
  select.replaceChildren(
    ...bundle.editions.map((e) =>
      h('option', { value: e.ref }, `${e.spec.nickname} — ${e.spec.title[checklist.locale]} (${e.version})`),
    ),
  );
  select.value = checklist.edition.ref;
}

function renderAll() {
  renderChrome();
  renderChecklist();
  renderResult();
}

/** The edition a first visit opens: the public-toilet standard when the bundle has it. */
function defaultRef(): string {
  return (bundle.find('si-jing-san-wu-liang-tong-yi-ming') ?? bundle.editions[0]!).ref;
}

async function main() {
  const res = await fetch('./standards.bundle.json');
  // The documented opt-out (docs/security.md): this page and its bundle come from the same folder on the same
  // server, so a trust root embedded in app.js would arrive by the same road as the bundle it checks; whoever
  // can change one can change the other, and a signature would only look like protection. An app that fetches
  // bundles from elsewhere (a CDN, a city's server) builds its .pub file into its code and passes { trust: [key] }.
  bundle = loadBundle(await res.json(), 'zh', 'unsigned');
  open(store.current ?? defaultRef());
  $<HTMLSelectElement>('standard').addEventListener('change', (e) => open((e.target as HTMLSelectElement).value));
  $('lang').addEventListener('click', () => checklist.setLocale(checklist.locale === 'zh' ? 'en' : 'zh'));
  $('export').addEventListener('click', () => {
    const v = checklist.verdict();
    download(`daoze-${checklist.edition.id}-${checklist.edition.version}-r${checklist.revision}.json`, {
      checklist: checklist.toJSON(),
      verdict: v,
    });
  });
  $('reset').addEventListener('click', () => {
    delete store.inspections[checklist.edition.ref];
    open(checklist.edition.ref);
  });
  document.body.dataset.ready = 'true';
}

main().catch((e: unknown) => {
  showNotice(String((e as Error)?.message ?? e));
  throw e;
});
