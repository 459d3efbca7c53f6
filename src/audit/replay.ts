/**
 * Replay: which recorded inspections would change outcome under another edition, and how. Each observation is
 * evaluated under both editions (pinned, whatever its own `standard` says) and the outcomes compared clause by
 * clause. Pure: the caller reads the observations.
 */
import type { CompiledEdition } from '../compile/compile.js';
import { evaluate } from '../evaluate/evaluate.js';
import type { Observation } from '../evaluate/observation.js';
import type { Locale, Outcome } from '../model/edition.js';
import type { Finding, Verdict } from '../result/types.js';
import { DaozeError, InputError } from '../errors.js';
import { checkJsonValue } from '../input/depth.js';
import { isRecordFormat, MAX_RECORD_DEPTH } from './record.js';

/** One clause whose outcome differs. `from`/`to` is `absent` when the clause exists in one edition only. */
export interface ClauseFlip {
  clause: string;
  label: string;
  from: Outcome | 'absent';
  to: Outcome | 'absent';
  /** The new edition's message for this inspection (or the old one's, for a removed clause). */
  message: string;
}

/** A finding that one edition makes and the other does not: a failure that appears or goes away. */
export interface FindingFlip {
  clause: string;
  /** The object, for a clause checked per object. */
  instance?: string;
  /** The object's label (or the clause's, on the unit). */
  label: string;
  change: 'new' | 'resolved';
}

/** One recorded inspection whose verdict would differ. */
export interface ReplayChange {
  /** 1-based position in the input (the line of an NDJSON file). */
  index: number;
  subject?: string;
  observedAt?: string;
  from: { outcome: Outcome; score?: number };
  /** Absent when the new edition rejects the observation (see `error`). */
  to?: { outcome: Outcome; score?: number };
  clauses: ClauseFlip[];
  /** Why the new edition rejects the observation as recorded. */
  error?: string;
  /** Facts the inspection recorded that the new edition no longer asks for (left out of its evaluation). */
  dropped?: string[];
  /** For editions with kinds of object: the findings that appear or go away. */
  findings?: FindingFlip[];
}

/** The outcome of a replay. */
export interface ReplayReport {
  from: string;
  to: string;
  /** Inspections replayed (excluding skipped ones). */
  total: number;
  /** Same overall outcome, same score and same outcome on every clause. */
  unchanged: number;
  /** The overall outcome changed. */
  outcomeChanged: number;
  /** The overall outcome held but a clause or the score changed. */
  clausesChanged: number;
  /** The new edition rejects the observation as recorded. */
  rejected: number;
  changes: ReplayChange[];
  /** Inputs not replayed: another standard, or invalid under the old edition. */
  skipped: { index: number; reason: string }[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The observation in an input line: an observation, or a verdict record of any format carrying one (with a `standard` to replay under). */
function observationIn(input: unknown): Observation | undefined {
  const obs = isObject(input) && isRecordFormat(input.format) ? input.observation : input;
  return isObject(obs) && typeof obs.standard === 'string' ? (obs as unknown as Observation) : undefined;
}

/** Why an input cannot be replayed as data (nested too deeply, a cycle, BigInt, NaN), or undefined. */
function notJsonData(input: unknown): string | undefined {
  try {
    checkJsonValue(input, 'input', '', MAX_RECORD_DEPTH);
    return undefined;
  } catch (e) {
    if (e instanceof InputError) return `${e.code} ${e.reason}`;
    throw e;
  }
}

/** The observation with facts and evidence the edition does not know left out, and their names. */
function fitTo(ed: CompiledEdition, obs: Observation): { obs: Observation; dropped: string[] } {
  const dropped = Object.keys(obs.facts ?? {}).filter((f) => !ed.factById.has(f));
  const fitted: Observation = { ...obs };
  if (dropped.length || !Object.keys(obs.evidence ?? {}).every((f) => ed.factById.has(f))) {
    const keep = <T>(o: Record<string, T> | undefined) =>
      Object.fromEntries(Object.entries(o ?? {}).filter(([k]) => ed.factById.has(k)));
    fitted.facts = keep(obs.facts);
    if (obs.evidence) fitted.evidence = keep(obs.evidence);
  }
  // Objects: kinds the new edition does not have are left out, and so are facts a kind no longer has.
  if (isObject(obs.instances)) {
    const instances: NonNullable<Observation['instances']> = {};
    for (const [kind, list] of Object.entries(obs.instances)) {
      const k = ed.kindById.get(kind);
      if (!k || !Array.isArray(list)) {
        dropped.push(`instances.${kind}`);
        continue;
      }
      const own = new Set(k.own.map((f) => f.id));
      instances[kind] = list.map((x) => {
        if (!isObject(x) || !isObject(x.facts)) return x;
        const gone = Object.keys(x.facts).filter((f) => !own.has(f));
        for (const f of gone) dropped.push(`${String(x.id)}.${f}`);
        if (!gone.length && Object.keys(x.evidence ?? {}).every((f) => own.has(f))) return x;
        const keep = <T>(o: Record<string, T> | undefined) =>
          Object.fromEntries(Object.entries(o ?? {}).filter(([f]) => own.has(f)));
        return { ...x, facts: keep(x.facts), ...(x.evidence ? { evidence: keep(x.evidence) } : {}) };
      });
    }
    if (ed.kinds.length) fitted.instances = instances;
    else delete fitted.instances;
  }
  return { obs: fitted, dropped };
}

/**
 * Replays observations (or verdict records) under two editions of one standard and reports every inspection
 * whose overall outcome, score or clause outcomes would differ. An input that is not plain JSON data within
 * the depth bound (`checkJsonValue`), or neither an observation nor a record, is listed in `skipped` with why.
 *
 * Facts the new edition no longer has are left out and listed (`dropped`); an observation the new edition
 * still rejects is reported with the error rather than skipped, since re-inspection would be needed.
 */
export function replay(
  from: CompiledEdition,
  to: CompiledEdition,
  inputs: Iterable<unknown>,
  options: { locale?: Locale } = {},
): ReplayReport {
  const locale = options.locale ?? 'zh';
  const report: ReplayReport = {
    from: from.ref,
    to: to.ref,
    total: 0,
    unchanged: 0,
    outcomeChanged: 0,
    clausesChanged: 0,
    rejected: 0,
    changes: [],
    skipped: [],
  };
  const opts = { locale, trace: false } as const;
  let index = 0;
  for (const input of inputs) {
    index++;
    // Before anything recurses into it: an input nested 10⁵ deep is one skipped line, not a stack overflow.
    const unreadable = notJsonData(input);
    if (unreadable) {
      report.skipped.push({ index, reason: unreadable });
      continue;
    }
    const obs = observationIn(input);
    if (!obs) {
      report.skipped.push({ index, reason: 'neither an observation nor a verdict record' });
      continue;
    }
    const id = obs.standard.split('@')[0];
    if (id !== from.id) {
      report.skipped.push({ index, reason: `for ${obs.standard}, not ${from.id}` });
      continue;
    }
    let a: Verdict;
    try {
      a = evaluate(from, { ...obs, standard: from.ref }, opts);
    } catch (e) {
      if (!(e instanceof DaozeError)) throw e;
      report.skipped.push({ index, reason: `invalid under ${from.ref}: ${e.message.replace(/\n/g, '; ')}` });
      continue;
    }
    report.total++;
    const { obs: fitted, dropped } = fitTo(to, obs);
    const head = {
      index,
      ...(obs.subject?.id ? { subject: obs.subject.id } : {}),
      ...(obs.observedAt ? { observedAt: obs.observedAt } : {}),
      from: { outcome: a.outcome, ...(a.score ? { score: a.score.value } : {}) },
    };
    let b: Verdict;
    try {
      b = evaluate(to, { ...fitted, standard: to.ref }, opts);
    } catch (e) {
      if (!(e instanceof DaozeError)) throw e;
      report.rejected++;
      report.changes.push({
        ...head,
        clauses: [],
        error: e.message.replace(/\n/g, '; '),
        ...(dropped.length ? { dropped } : {}),
      });
      continue;
    }
    const before = new Map(a.clauses.map((c) => [c.clause, c]));
    const after = new Map(b.clauses.map((c) => [c.clause, c]));
    const clauses: ClauseFlip[] = [];
    for (const c of b.clauses) {
      const x = before.get(c.clause);
      if (!x || x.outcome !== c.outcome)
        clauses.push({
          clause: c.clause,
          label: c.label,
          from: x?.outcome ?? 'absent',
          to: c.outcome,
          message: c.message,
        });
    }
    for (const x of a.clauses)
      if (!after.has(x.clause))
        clauses.push({ clause: x.clause, label: x.label, from: x.outcome, to: 'absent', message: x.message });
    const scoreChanged = a.score?.value !== b.score?.value;
    const findings = findingFlips(a, b);
    if (a.outcome === b.outcome && !clauses.length && !scoreChanged && !findings.length) {
      report.unchanged++;
      continue;
    }
    if (a.outcome !== b.outcome) report.outcomeChanged++;
    else report.clausesChanged++;
    report.changes.push({
      ...head,
      to: { outcome: b.outcome, ...(b.score ? { score: b.score.value } : {}) },
      clauses,
      ...(dropped.length ? { dropped } : {}),
      ...(findings.length ? { findings } : {}),
    });
  }
  return report;
}

/** The findings one verdict has and the other has not, by clause and object. */
function findingFlips(a: Verdict, b: Verdict): FindingFlip[] {
  const key = (f: Finding) => `${f.clause}\u0000${f.instance?.id ?? ''}`;
  const before = new Map((a.findings ?? []).map((f) => [key(f), f]));
  const after = new Map((b.findings ?? []).map((f) => [key(f), f]));
  const flip = (f: Finding, change: FindingFlip['change']): FindingFlip => ({
    clause: f.clause,
    ...(f.instance ? { instance: f.instance.id } : {}),
    label: f.instance?.label ?? f.label,
    change,
  });
  return [
    ...[...after].filter(([k]) => !before.has(k)).map(([, f]) => flip(f, 'new')),
    ...[...before].filter(([k]) => !after.has(k)).map(([, f]) => flip(f, 'resolved')),
  ];
}
