/**
 * The hostile-input catalogue of issue 9: every case, how its input is built, what is run, and what must come
 * back. All expected codes and exit codes live here, in one table, so they are easy to adjust. Run by
 * test/hostile/cli.test.ts (cases with `args`), library.test.ts (`library`, `record`) and sdk.test.ts (`sdk`).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileEdition, readBundle, verifyRecord, explainVerdict, type Bundle } from '../../src/index.js';
import { loadRegistry } from '../../src/node.js';
import { parseJson } from '../../src/input/index.js';
import { createChecklist, restore, type Checklist, type ChecklistOptions } from '../../sdk/index.js';
import {
  EVALUATED_AT,
  TOILET,
  builtinRegistry,
  copyStandards,
  deepArray,
  deepArrayText,
  deepObject,
  deepObjectText,
  editFile,
  example,
  makeRecord,
  miniEdition,
  passingCase,
  profileYaml,
  remove,
  toiletPass,
  withFirstMember,
  withRawValue,
  write,
} from './fixtures.js';

/** The entry point a case attacks. */
export type Entry = 'cli' | 'library' | 'sdk' | 'batch' | 'record';

/** What must come back. */
export type Expectation =
  /** A typed error: its `code` (any of a list, when more than one typed answer is reasonable), and for the CLI the exit code. */
  | { kind: 'error'; code: string | readonly string[]; exit?: number; detail?: string | RegExp }
  /** The evidence rule: the verdict is indeterminate and names the fact as missing (the CLI exits 2). */
  | { kind: 'indeterminate'; missing: string; exit?: number; orCode?: string }
  /** A control that must keep working: the CLI exits with one of these codes, printing no error code. */
  | { kind: 'accepted'; exitIn: readonly number[] }
  /** In process: returns, or throws a DaozeError subclass; nothing else. */
  | { kind: 'safe' }
  /** `verifyRecord` never throws: the report is not ok and, when given, names `field` among the altered. */
  | { kind: 'not-verified'; field?: string; exit?: number }
  /** `check --batch`: records for these line numbers, numbered errors (with a code) for those, in order. */
  | {
      kind: 'batch';
      records: readonly number[];
      errors: Readonly<Record<number, string | readonly string[]>>;
      exit: number;
    };

/** The context an in-process call gets. */
export interface CallContext {
  dir: string;
  /** An unsigned bundle of every built-in edition, as `createBundle` writes it. */
  bundle: () => Bundle;
  /** Signed artefacts made by the built CLI (`daoze keygen`, `daoze build --sign`); undefined when that failed. */
  signed?: { bundle: Bundle; pub: string; otherPub: string };
}

/** One hostile case. */
export interface HostileCase {
  /** kebab-case, unique. */
  id: string;
  /** The item of issue 9 this case belongs to (1–10). */
  class: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;
  entry: Entry;
  /** Writes the case's files into its own temp dir (run before `args` or `call`). */
  build?: (dir: string) => void;
  /** CLI: commands run first (each must exit 0), e.g. `keygen`, `build --sign`, `check --record --sign`. */
  setup?: (dir: string) => string[][];
  /** CLI: runs after `setup`, to tamper with what it wrote. */
  tamper?: (dir: string) => void;
  /** CLI: the arguments of `daoze` (run in `dir`). */
  args?: (dir: string) => string[];
  /** CLI: bytes on standard input. */
  stdin?: (dir: string) => string | Uint8Array;
  /** In process: the call; its result is checked against the expectation, as is anything it throws. */
  call?: (ctx: CallContext) => unknown;
  expect: Expectation;
  /** Also on stderr (CLI), e.g. the file that must be named. */
  stderrNames?: (dir: string) => readonly string[];
  /** Also on stdout (CLI), e.g. a valid file that must still be judged. */
  stdoutNames?: (dir: string) => readonly string[];
  /** Why the expectation is what it is, where that is a judgement (an error code the issue does not name). */
  note?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Signing, as the "signing" helper builds it. Adjust here if the flag or option names differ.

/** How the signing commands and options are spelled. */
export const SIGNING = {
  keygen: (out: string) => ['keygen', '--out', out],
  privateKey: (base: string) => `${base}.key`,
  publicKey: (base: string) => `${base}.pub`,
  build: (out: string, key: string) => ['build', '--out', out, '--sign', key],
  /** createChecklist / restore options trusting these public keys (the .pub file's text). */
  trust: (pubs: readonly string[]): ChecklistOptions => ({ trust: [...pubs] }) as unknown as ChecklistOptions,
};

/**
 * The documented opt-out for an unsigned bundle. Every SDK case that is not about signing passes it, so that it
 * tests what it names both before and after signed bundles arrive.
 */
export const UNSIGNED: ChecklistOptions = { trust: 'unsigned' };

// ---------------------------------------------------------------------------------------------------------
// Shared builders.

const obsFile = (dir: string, data: string | Uint8Array | object, name = 'obs.json') => write(dir, name, data);
const check =
  (file = 'obs.json', ...more: string[]) =>
  (_dir: string) => ['check', file, '--locale', 'en', ...more];
const checkJson =
  (file = 'obs.json', ...more: string[]) =>
  (_dir: string) => ['check', file, '--locale', 'en', '--format', 'json', ...more];
const E = (code: string | readonly string[], exit?: number, detail?: string | RegExp): Expectation => ({
  kind: 'error',
  code,
  ...(exit !== undefined ? { exit } : {}),
  ...(detail !== undefined ? { detail } : {}),
});
const INVALID = 3;
const USAGE = 4;
/** validate and test exit 1 when they find problems in the standards. */
const PROBLEMS = 1;

/** The evidence of ammonia replaced by `list` in an otherwise passing toilet observation. */
function ammoniaEvidence(list: unknown): Record<string, any> {
  const o = toiletPass();
  o.evidence['ammonia-mg-m3'] = list;
  return o;
}
const GOOD_SHA = 'sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae';

/** Evidence variants that must not count: each leaves `ammonia-mg-m3` (requires a measurement) missing. */
const BAD_EVIDENCE: readonly { id: string; list: unknown; fact?: string }[] = [
  { id: 'wrong-kind-gps-empty-ref', list: [{ kind: 'gps', ref: '' }] },
  { id: 'wrong-kind-photo', list: [{ kind: 'photo', ref: 'photos/ammonia.jpg' }] },
  { id: 'wrong-kind-document-with-hash', list: [{ kind: 'document', ref: 'docs/a.pdf', sha256: GOOD_SHA }] },
  { id: 'right-kind-empty-ref', list: [{ kind: 'measurement', ref: '' }] },
];

/** Evidence whose hash is malformed: an invalid observation (E_OBSERVATION naming the field), never counted evidence. */
const MALFORMED_HASH: readonly { id: string; list: unknown }[] = [
  { id: 'sha256-not-hex', list: [{ kind: 'measurement', ref: 'meter/a.csv', sha256: 'sha256:xyz' }] },
  { id: 'sha256-uppercase', list: [{ kind: 'measurement', ref: 'meter/a.csv', sha256: GOOD_SHA.toUpperCase() }] },
  { id: 'sha256-no-prefix', list: [{ kind: 'measurement', ref: 'meter/a.csv', sha256: GOOD_SHA.slice(7) }] },
  { id: 'sha256-short', list: [{ kind: 'measurement', ref: 'meter/a.csv', sha256: GOOD_SHA.slice(0, 40) }] },
];

/** A toilet observation whose h2s evidence (measurement required) is a video. */
function h2sWrongKind(): Record<string, any> {
  const o = toiletPass();
  o.evidence['h2s-mg-m3'] = [{ kind: 'video', ref: 'v.mp4' }];
  return o;
}

/** Answers every fact of an observation in a checklist, with its evidence. */
function answerAll(c: Checklist, obs: Record<string, any>): void {
  for (const [fact, value] of Object.entries(obs.facts as Record<string, unknown>))
    c.answer(fact, value, obs.evidence?.[fact] ?? []);
}

function toiletChecklist(ctx: CallContext, obs: Record<string, any> = toiletPass()): Checklist {
  const c = createChecklist(ctx.bundle(), `${TOILET}@1.0.0`, { ...UNSIGNED, observedAt: obs.observedAt });
  answerAll(c, obs);
  return c;
}

/** A record file with one edit applied to its parsed form (the record hash left as it was). */
function recordWith(edit: (r: Record<string, any>) => void, obs?: object): string {
  const r = JSON.parse(JSON.stringify(makeRecord(obs))) as Record<string, any>;
  edit(r);
  return JSON.stringify(r, null, 2);
}

/** The bundle with one edition's spec edited and its hash recomputed, as a forger would. */
function forge(bundle: Bundle, ref: string, edit: (spec: any) => void): Bundle {
  const b = JSON.parse(JSON.stringify(bundle)) as Bundle;
  const e = b.editions.find((x) => x.ref === ref)!;
  edit(e.spec);
  try {
    e.hash = compileEdition(e.spec).hash;
  } catch {
    // A spec that does not compile keeps the old hash; it must still be refused as E_BUNDLE.
  }
  return b;
}

/** Opens a checklist on every edition of a bundle and drives it: what a page does with a bundle it is handed. */
function useBundle(b: unknown, options: object = UNSIGNED): unknown {
  const lb = readBundle(b, { trust: 'unsigned' });
  for (const ed of lb.editions) {
    const c = createChecklist(b as object, ed.ref, options);
    c.sections();
    c.items();
    for (const f of ed.facts) {
      try {
        c.answer(f.id, f.spec.type === 'boolean' ? true : f.spec.type === 'enum' ? f.spec.choices![0]!.value : 1);
      } catch (e) {
        // A value out of range is the SDK's own typed refusal; anything else is not.
        if (!(e instanceof Error && (e as { code?: string }).code === 'E_VALUE')) throw e;
      }
    }
    c.verdict();
    c.progress();
  }
  return lb;
}

const fifo = (path: string) => execFileSync('mkfifo', [path]);

/** An observations folder: a valid file, an invalid one, and whatever `more` adds. */
function folderWithBad(dir: string, bad: (d: string) => void): void {
  write(dir, 'obs/a-good.json', example('01-toilet-ammonia-high.json'));
  bad(join(dir, 'obs'));
  write(dir, 'obs/c-good.json', example('03-coal-boiler-removed.json'));
}

/** A standards copy with si-jing@1.0.0's class-2 ammonia limit raised from 1 to 2 (example 01 then passes ammonia). */
function editedPublished(dir: string): string {
  const std = copyStandards(dir);
  editFile(
    join(std, TOILET, '1.0.0.yaml'),
    'values: { class-1: 0.3, class-2: 1, class-3: 3 }',
    'values: { class-1: 0.3, class-2: 2, class-3: 3 }',
  );
  obsFile(dir, example('01-toilet-ammonia-high.json'));
  return std;
}

/** A folder `std` holding one mini draft edition (no published editions, so no lock is needed). */
function miniStd(dir: string, text: string | Uint8Array, id = 'hostile-mini'): void {
  write(dir, `std/${id}/1.0.0.yaml`, text);
  mkdirSync(join(dir, 'no-profiles'), { recursive: true });
}
const validateMini = (_dir: string) => ['validate', 'std', '--profiles', 'no-profiles'];
const loadMini = (ctx: CallContext) => loadRegistry(join(ctx.dir, 'std'), join(ctx.dir, 'no-profiles'));

/** 600 leaves in one `all`: over MAX_CONDITION_LEAVES (500). */
const manyLeaves = `{ all: [${Array(600).fill('{ fact: lights-ok, operator: equal, value: true }').join(', ')}] }`;

/** A snow observation (30 h: fails the built-in 24 h, passes the example city's 36 h) dated before the profile takes effect. */
function snowBeforeProfile(dir: string, standard: string): void {
  const o = example('04-snow-a-class-30h.json');
  o.standard = standard;
  o.observedAt = '2023-12-01T16:00:00+08:00';
  obsFile(dir, o);
}

/** A profile over the draft si-jing@2.0.0 allowing 50 flies/m², and a bare-id observation dated while 1.0.0 is in force, valid under 2.0.0. */
function profileOverDraft(dir: string, status: string): void {
  // A draft 3.0.0 of the toilet standard beside the built-in editions (which carry no draft of their own): the
  // same content as the published 2.0.0, so 2.0.0's passing case is valid under it.
  const std = copyStandards(dir);
  const published = readFileSync(join(std, TOILET, '2.0.0.yaml'), 'utf8');
  write(
    dir,
    `standards/${TOILET}/3.0.0.yaml`,
    published
      .replace(/^version: 2\.0\.0$/m, 'version: 3.0.0')
      .replace(/^status: published$/m, 'status: draft')
      .replace(/^supersedes: .*$/m, `supersedes: ${TOILET}@2.0.0`),
  );
  write(
    dir,
    'profiles/toilet-city/1.0.0.yaml',
    profileYaml(
      'toilet-city',
      `${TOILET}@3.0.0`,
      [
        '  fly-density-limit:',
        '    values: { attached: 50, stand-alone: 50 }',
        '    cites: [{ source: city-rule, clause: "1" }]',
      ].join('\n'),
      { status },
    ),
  );
  const c = passingCase(TOILET, '2.0.0');
  obsFile(dir, {
    standard: TOILET,
    observedAt: '2026-11-20T09:30:00+08:00',
    facts: c.facts,
    ...(c.evidence ? { evidence: c.evidence } : {}),
  });
}

const snowProfileParam = (name: string, values: string) =>
  profileYaml(
    'hostile-snow',
    'snow-clearing@1.0.0',
    [`  ${name}:`, `    values: ${values}`, '    cites: [{ source: city-rule, clause: "1" }]'].join('\n'),
  );

/** Invalid UTF-8 byte sequences, each put into the subject's name. */
const BAD_UTF8: readonly { id: string; bytes: number[] }[] = [
  { id: 'lone-ff', bytes: [0xff] },
  { id: 'lone-continuation', bytes: [0x80] },
  { id: 'overlong-slash', bytes: [0xc0, 0xaf] },
  { id: 'encoded-surrogate', bytes: [0xed, 0xa0, 0x80] },
  { id: 'truncated-three-byte', bytes: [0xe4, 0xb8] },
  { id: 'above-u10ffff', bytes: [0xf4, 0x90, 0x80, 0x80] },
];

/** `text` as UTF-8 bytes with `bad` bytes inserted just before the first `marker`. */
function bytesInside(text: string, marker: string, bad: readonly number[]): Uint8Array {
  const i = text.indexOf(marker);
  if (i < 0) throw new Error(`no ${marker}`);
  return Buffer.concat([Buffer.from(text.slice(0, i), 'utf8'), Buffer.from(bad), Buffer.from(text.slice(i), 'utf8')]);
}

/** The example observation as bytes, with `bad` bytes inside the subject's name. */
function withBadBytes(bad: readonly number[]): Uint8Array {
  return bytesInside(JSON.stringify(example('01-toilet-ammonia-high.json'), null, 2), '人民公园', bad);
}

const ndjson = (...lines: (string | Uint8Array)[]) =>
  Buffer.concat(
    lines.map((l) =>
      Buffer.concat([typeof l === 'string' ? Buffer.from(l, 'utf8') : Buffer.from(l), Buffer.from('\n')]),
    ),
  );
const line = (o: object) => JSON.stringify(o);
const batch =
  (file = 'in.ndjson') =>
  (_dir: string) => ['check', '--batch', file, '--locale', 'en', '--workers', '0'];

// ---------------------------------------------------------------------------------------------------------
// The cases.

const cases: HostileCase[] = [];
const add = (...c: HostileCase[]) => cases.push(...c);

// 1. Evidence of the wrong kind, with an empty reference or a malformed hash, never counts.
for (const v of BAD_EVIDENCE) {
  add(
    {
      id: `evidence-${v.id}-cli`,
      class: 1,
      entry: 'cli',
      build: (d) => obsFile(d, ammoniaEvidence(v.list)),
      args: checkJson(),
      expect: { kind: 'indeterminate', missing: 'ammonia-mg-m3', exit: 2 },
    },
    {
      id: `evidence-${v.id}-library`,
      class: 1,
      entry: 'library',
      call: () => builtinRegistry().evaluate(ammoniaEvidence(v.list), { locale: 'en' }),
      expect: { kind: 'indeterminate', missing: 'ammonia-mg-m3' },
    },
  );
}
for (const v of MALFORMED_HASH) {
  add(
    {
      id: `evidence-${v.id}-cli`,
      class: 1,
      entry: 'cli',
      build: (d) => obsFile(d, ammoniaEvidence(v.list)),
      args: checkJson(),
      expect: E('E_OBSERVATION', INVALID, /sha256/),
    },
    {
      id: `evidence-${v.id}-library`,
      class: 1,
      entry: 'library',
      call: () => builtinRegistry().evaluate(ammoniaEvidence(v.list), { locale: 'en' }),
      expect: E('E_OBSERVATION', undefined, /sha256/),
    },
  );
}
add(
  {
    id: 'evidence-control-right-kind-counts',
    class: 1,
    entry: 'cli',
    build: (d) => obsFile(d, toiletPass()),
    args: checkJson(),
    expect: { kind: 'accepted', exitIn: [0] },
    note: 'the base of every evidence case passes with its evidence: the cases above test the evidence, nothing else',
  },
  {
    id: 'evidence-h2s-video-library',
    class: 1,
    entry: 'library',
    call: () => builtinRegistry().evaluate(h2sWrongKind(), { locale: 'en' }),
    expect: { kind: 'indeterminate', missing: 'h2s-mg-m3' },
  },
  {
    id: 'evidence-wrong-kind-in-batch',
    class: 1,
    entry: 'batch',
    build: (d) => write(d, 'in.ndjson', ndjson(line(toiletPass()), line(ammoniaEvidence([{ kind: 'gps', ref: '' }])))),
    args: batch(),
    expect: { kind: 'accepted', exitIn: [2] },
    note: 'line 1 passes; line 2 (gps evidence for a measurement) must make the batch indeterminate, not pass',
  },
  {
    id: 'evidence-wrong-kind-sdk-answer',
    class: 1,
    entry: 'sdk',
    call: (ctx) => toiletChecklist(ctx, ammoniaEvidence([{ kind: 'gps', ref: 'x' }])).verdict(),
    expect: { kind: 'indeterminate', missing: 'ammonia-mg-m3', orCode: 'E_EVIDENCE' },
  },
  {
    id: 'evidence-empty-ref-sdk-answer',
    class: 1,
    entry: 'sdk',
    call: (ctx) => toiletChecklist(ctx, ammoniaEvidence([{ kind: 'measurement', ref: '' }])).verdict(),
    expect: { kind: 'indeterminate', missing: 'ammonia-mg-m3', orCode: 'E_EVIDENCE' },
  },
  {
    id: 'evidence-wrong-kind-sdk-restore',
    class: 1,
    entry: 'sdk',
    call: (ctx) => {
      const c = toiletChecklist(ctx);
      const snap = c.toJSON() as any;
      snap.observation.evidence['ammonia-mg-m3'] = [{ kind: 'photo', ref: 'p.jpg' }];
      return restore(ctx.bundle(), JSON.stringify(snap), UNSIGNED).verdict();
    },
    expect: { kind: 'indeterminate', missing: 'ammonia-mg-m3', orCode: 'E_SNAPSHOT' },
  },
  {
    id: 'evidence-wrong-kind-record-verify-reproduces-indeterminate',
    class: 1,
    entry: 'record',
    call: () => makeRecord(ammoniaEvidence([{ kind: 'gps', ref: '' }])).verdict,
    expect: { kind: 'indeterminate', missing: 'ammonia-mg-m3' },
  },
);

// 2. Duplicate keys, anywhere, are an error naming both positions.
const toiletText = () => JSON.stringify(example('01-toilet-ammonia-high.json'), null, 2);
const DUPLICATES: readonly { id: string; text: () => string }[] = [
  {
    id: 'fact',
    text: () => withFirstMember(example('01-toilet-ammonia-high.json'), ['facts'], '"ammonia-mg-m3": 0.5'),
  },
  {
    id: 'fact-escaped-spelling',
    text: () => withFirstMember(example('01-toilet-ammonia-high.json'), ['facts'], '"ammonia\\u002dmg-m3": 0.5'),
  },
  {
    id: 'standard',
    text: () => withFirstMember(example('01-toilet-ammonia-high.json'), [], '"standard": "san-duan@1.0.0"'),
  },
  { id: 'facts-object', text: () => withFirstMember(example('01-toilet-ammonia-high.json'), [], '"facts": {}') },
  {
    id: 'evidence-fact',
    text: () => withFirstMember(example('01-toilet-ammonia-high.json'), ['evidence'], '"ammonia-mg-m3": []'),
  },
  {
    id: 'evidence-kind',
    text: () =>
      withFirstMember(example('01-toilet-ammonia-high.json'), ['evidence', 'ammonia-mg-m3', 0], '"kind": "gps"'),
  },
  {
    id: 'subject-id',
    text: () => withFirstMember(example('01-toilet-ammonia-high.json'), ['subject'], '"id": "other"'),
  },
  { id: 'observer-id', text: () => withFirstMember(example('01-toilet-ammonia-high.json'), ['observer'], '"id": "x"') },
  {
    id: 'proto-twice',
    text: () => toiletText().replace('"facts": {', '"facts": {\n    "__proto__": 1,\n    "__proto__": 2,'),
  },
];
for (const v of DUPLICATES) {
  add({
    id: `duplicate-${v.id}-cli`,
    class: 2,
    entry: 'cli',
    build: (d) => obsFile(d, v.text()),
    args: check(),
    expect: E('E_DUPLICATE_KEY', INVALID),
  });
}
add(
  {
    id: 'duplicate-fact-cli-json-format',
    class: 2,
    entry: 'cli',
    build: (d) => obsFile(d, DUPLICATES[0]!.text()),
    args: checkJson(),
    expect: E('E_DUPLICATE_KEY', INVALID, /\d+:\d+/),
    note: 'both positions: the message carries line:col',
  },
  {
    id: 'duplicate-fact-parse-json-library',
    class: 2,
    entry: 'library',
    call: () => parseJson(DUPLICATES[1]!.text(), 'obs.json'),
    expect: E('E_DUPLICATE_KEY'),
  },
  {
    id: 'duplicate-deep-in-evidence-parse-json-library',
    class: 2,
    entry: 'library',
    call: () => parseJson(DUPLICATES[5]!.text(), 'obs.json'),
    expect: E('E_DUPLICATE_KEY'),
  },
  {
    id: 'duplicate-record-outcome-verify',
    class: 2,
    entry: 'cli',
    build: (d) => write(d, 'r.json', withFirstMember(makeRecord(), ['verdict'], '"outcome": "pass"')),
    args: () => ['verify', 'r.json', '--locale', 'en'],
    expect: E('E_DUPLICATE_KEY', INVALID),
  },
  {
    id: 'duplicate-record-top-outcome-verify',
    class: 2,
    entry: 'cli',
    build: (d) => write(d, 'r.json', withFirstMember(makeRecord(), [], '"outcome": "pass"')),
    args: () => ['verify', 'r.json', '--locale', 'en'],
    expect: E('E_DUPLICATE_KEY', INVALID),
  },
  {
    id: 'duplicate-record-input-hash-explain',
    class: 2,
    entry: 'cli',
    build: (d) => write(d, 'r.json', withFirstMember(makeRecord(), ['inputHashes'], '"locale": "sha256:00"')),
    args: () => ['explain', 'r.json', '--locale', 'en'],
    expect: E('E_DUPLICATE_KEY', INVALID),
  },
  {
    id: 'duplicate-records-ndjson-verify',
    class: 2,
    entry: 'cli',
    build: (d) =>
      write(
        d,
        'r.ndjson',
        `${JSON.stringify(makeRecord())}\n${withFirstMember(makeRecord(), ['observation', 'facts'], '"ammonia-mg-m3": 0.1').replace(/\n\s*/g, ' ')}\n`,
      ),
    args: () => ['verify', 'r.ndjson', '--locale', 'en'],
    expect: E('E_DUPLICATE_KEY', INVALID),
  },
  {
    id: 'duplicate-verify-trusted-observation',
    class: 2,
    entry: 'cli',
    build: (d) => {
      write(d, 'r.json', makeRecord());
      obsFile(d, DUPLICATES[0]!.text());
    },
    args: () => ['verify', 'r.json', '--observation', 'obs.json', '--locale', 'en'],
    expect: E('E_DUPLICATE_KEY', INVALID),
  },
  {
    id: 'duplicate-diff-replay-line',
    class: 2,
    entry: 'cli',
    build: (d) => write(d, 'replay.ndjson', `${DUPLICATES[0]!.text().replace(/\n\s*/g, ' ')}\n`),
    args: () => ['diff', `${TOILET}@1.0.0`, `${TOILET}@2.0.0`, '--replay', 'replay.ndjson', '--locale', 'en'],
    expect: E('E_DUPLICATE_KEY', INVALID),
  },
  {
    id: 'duplicate-bundle-readbundle-library',
    class: 2,
    entry: 'library',
    call: (ctx) =>
      readBundle(withFirstMember(ctx.bundle(), ['editions', 0, 'spec'], '"status": "published"'), {
        trust: 'unsigned',
      }),
    expect: E('E_BUNDLE', undefined, /duplicate|E_DUPLICATE_KEY/i),
  },
  {
    id: 'duplicate-bundle-sdk',
    class: 2,
    entry: 'sdk',
    call: (ctx) =>
      createChecklist(withFirstMember(ctx.bundle(), ['editions', 0], '"hash": "sha256:0"'), 'san-duan@1.0.0', UNSIGNED),
    expect: E('E_BUNDLE', undefined, /duplicate|E_DUPLICATE_KEY/i),
  },
  {
    id: 'duplicate-saved-session-restore',
    class: 2,
    entry: 'sdk',
    call: (ctx) =>
      restore(
        ctx.bundle(),
        withFirstMember(toiletChecklist(ctx).toJSON(), ['observation', 'facts'], '"ammonia-mg-m3": 0.1'),
        UNSIGNED,
      ),
    expect: E('E_SNAPSHOT', undefined, /duplicate|E_DUPLICATE_KEY/i),
  },
  {
    id: 'duplicate-in-batch-line',
    class: 2,
    entry: 'batch',
    build: (d) =>
      write(
        d,
        'in.ndjson',
        ndjson(line(toiletPass()), DUPLICATES[0]!.text().replace(/\n\s*/g, ' '), line(toiletPass())),
      ),
    args: batch(),
    expect: { kind: 'batch', records: [1, 3], errors: { 2: 'E_DUPLICATE_KEY' }, exit: INVALID },
  },
);

// 3. An edited published edition is refused at load; a standards folder with published editions needs its lock.
const STD_COMMANDS: readonly { id: string; args: (std: string) => string[]; exit: number }[] = [
  { id: 'check', args: (s) => ['check', 'obs.json', '--standards', s, '--locale', 'en'], exit: INVALID },
  {
    id: 'check-json',
    args: (s) => ['check', 'obs.json', '--standards', s, '--locale', 'en', '--format', 'json'],
    exit: INVALID,
  },
  { id: 'show', args: (s) => ['show', `${TOILET}@1.0.0`, '--standards', s], exit: INVALID },
  { id: 'build', args: (s) => ['build', '--out', 'b.json', '--standards', s], exit: INVALID },
  { id: 'validate', args: (s) => ['validate', s], exit: PROBLEMS },
];
for (const c of STD_COMMANDS) {
  add({
    id: `published-edited-${c.id}`,
    class: 3,
    entry: 'cli',
    build: (d) => void editedPublished(d),
    args: () => c.args('standards'),
    expect: E('E_PUBLISHED_CHANGED', c.exit),
  });
  add({
    id: `lock-missing-${c.id}`,
    class: 3,
    entry: 'cli',
    build: (d) => {
      remove(join(copyStandards(d), 'editions.lock.json'));
      obsFile(d, example('01-toilet-ammonia-high.json'));
    },
    args: () => c.args('standards'),
    expect: E('E_LOCK', c.exit),
  });
}
add(
  {
    id: 'published-edited-batch',
    class: 3,
    entry: 'cli',
    build: (d) => {
      editedPublished(d);
      write(d, 'in.ndjson', ndjson(line(example('01-toilet-ammonia-high.json'))));
    },
    args: () => ['check', '--batch', 'in.ndjson', '--standards', 'standards', '--workers', '0'],
    expect: E('E_PUBLISHED_CHANGED', INVALID),
  },
  {
    id: 'published-edited-load-registry',
    class: 3,
    entry: 'library',
    build: (d) => void editedPublished(d),
    call: (ctx) => loadRegistry(join(ctx.dir, 'standards')),
    expect: E('E_STANDARD', undefined, 'E_PUBLISHED_CHANGED'),
  },
  {
    id: 'lock-missing-load-registry',
    class: 3,
    entry: 'library',
    build: (d) => remove(join(copyStandards(d), 'editions.lock.json')),
    call: (ctx) => loadRegistry(join(ctx.dir, 'standards')),
    expect: E('E_STANDARD', undefined, 'E_LOCK'),
  },
  {
    id: 'draft-edited-still-loads',
    class: 3,
    entry: 'cli',
    build: (d) => {
      const std = copyStandards(d);
      // A draft of the toilet standard (the built-in editions carry none), then an edit to it: drafts stay editable.
      const draft = readFileSync(join(std, TOILET, '2.0.0.yaml'), 'utf8')
        .replace(/^version: 2\.0\.0$/m, 'version: 3.0.0')
        .replace(/^status: published$/m, 'status: draft')
        .replace(/^supersedes: .*$/m, `supersedes: ${TOILET}@2.0.0`);
      write(d, `standards/${TOILET}/3.0.0.yaml`, draft);
      editFile(
        join(std, TOILET, '3.0.0.yaml'),
        'values: { attached: 1, stand-alone: 3 }',
        'values: { attached: 2, stand-alone: 3 }',
      );
      obsFile(d, example('01-toilet-ammonia-high.json'));
    },
    args: () => ['check', 'obs.json', '--standards', 'standards', '--locale', 'en'],
    expect: { kind: 'accepted', exitIn: [1] },
    note: 'control: drafts stay editable, and example 01 still fails under 1.0.0',
  },
);

// 4. Profiles extend only published editions and apply only where both they and their base are in force.
add(
  {
    id: 'profile-published-over-draft-validate',
    class: 4,
    entry: 'cli',
    build: (d) => profileOverDraft(d, 'published'),
    args: () => ['validate', 'standards', '--profiles', 'profiles'],
    expect: E('E_REFERENCE', PROBLEMS),
    note: 'code is a judgement: a reference to a base that may not be extended',
  },
  {
    id: 'profile-over-draft-bare-id-in-force-day',
    class: 4,
    entry: 'cli',
    build: (d) => profileOverDraft(d, 'draft'),
    args: () => [
      'check',
      'obs.json',
      '--standards',
      'standards',
      '--profiles',
      'profiles',
      '--profile',
      'toilet-city@1.0.0',
      '--locale',
      'en',
    ],
    expect: E(['E_REFERENCE', 'E_OBSERVATION', 'E_NOT_FOUND', 'E_STANDARD'], INVALID),
    note: 'the observation is valid under the draft 3.0.0 and would pass there with 50 flies/m²; a published edition is in force that day',
  },
  {
    id: 'profile-over-draft-library',
    class: 4,
    entry: 'library',
    build: (d) => profileOverDraft(d, 'draft'),
    call: (ctx) =>
      loadRegistry(join(ctx.dir, 'standards'), join(ctx.dir, 'profiles')).evaluate(
        JSON.parse(readFileSync(join(ctx.dir, 'obs.json'), 'utf8')),
        { profile: 'toilet-city@1.0.0' },
      ),
    expect: E(['E_REFERENCE', 'E_OBSERVATION', 'E_NOT_FOUND', 'E_STANDARD']),
  },
  {
    id: 'profile-before-its-effective-date-bare-id',
    class: 4,
    entry: 'cli',
    build: (d) => snowBeforeProfile(d, 'snow-clearing'),
    args: () => ['check', 'obs.json', '--profile', 'example-city-snow@1.0.0', '--locale', 'en'],
    expect: E(['E_OBSERVATION', 'E_NOT_FOUND', 'E_REFERENCE'], INVALID, /force|effective|2024-11-01/i),
  },
  {
    id: 'profile-before-its-effective-date-pinned',
    class: 4,
    entry: 'cli',
    build: (d) => snowBeforeProfile(d, 'snow-clearing@1.0.0'),
    args: () => ['check', 'obs.json', '--profile', 'example-city-snow@1.0.0', '--locale', 'en'],
    expect: E(['E_OBSERVATION', 'E_NOT_FOUND', 'E_REFERENCE'], INVALID, /force|effective|2024-11-01/i),
  },
  {
    id: 'profile-before-its-effective-date-library',
    class: 4,
    entry: 'library',
    call: () => {
      const o = example('04-snow-a-class-30h.json');
      o.observedAt = '2023-12-01T16:00:00+08:00';
      return builtinRegistry().evaluate(o, { profile: 'example-city-snow@1.0.0' });
    },
    expect: E(['E_OBSERVATION', 'E_NOT_FOUND', 'E_REFERENCE']),
  },
  {
    id: 'profile-in-observation-before-effective-date-batch',
    class: 4,
    entry: 'batch',
    build: (d) => {
      const o = example('04-snow-a-class-30h.json');
      o.observedAt = '2023-12-01T16:00:00+08:00';
      o.profile = 'example-city-snow@1.0.0';
      write(d, 'in.ndjson', ndjson(line(example('04-snow-a-class-30h.json')), line(o)));
    },
    args: batch(),
    expect: {
      kind: 'batch',
      records: [1],
      errors: { 2: ['E_OBSERVATION', 'E_NOT_FOUND', 'E_REFERENCE', 'E_STANDARD_REF'] },
      exit: INVALID,
    },
  },
  {
    id: 'profile-control-in-force',
    class: 4,
    entry: 'cli',
    build: (d) => obsFile(d, example('04-snow-a-class-30h.json')),
    args: () => ['check', 'obs.json', '--profile', 'example-city-snow@1.0.0', '--locale', 'en'],
    expect: { kind: 'accepted', exitIn: [0] },
    note: 'control: on 2026-12-03 the profile and its base are in force, and 30 h passes under 36 h',
  },
);

// 5. Signed bundles and records; a malformed bundle is always E_BUNDLE.
add(
  {
    id: 'sign-keygen-out-is-folder',
    class: 5,
    entry: 'cli',
    build: (d) => mkdirSync(join(d, 'keys.key'), { recursive: true }) ?? undefined,
    args: () => SIGNING.keygen('keys'),
    expect: E(['E_NOT_FILE', 'E_READ', 'E_VALUE'], INVALID),
    note: 'keygen writes keys.key and keys.pub; keys.key is a folder',
  },
  {
    id: 'sign-build-missing-key',
    class: 5,
    entry: 'cli',
    args: () => SIGNING.build('b.json', 'nope.key'),
    expect: E('E_NO_SUCH_FILE', INVALID),
  },
  {
    id: 'sign-build-key-is-garbage',
    class: 5,
    entry: 'cli',
    build: (d) => write(d, 'bad.key', 'not a key\n'),
    args: () => SIGNING.build('b.json', 'bad.key'),
    expect: E(['E_KEY', 'E_SIGNATURE', 'E_VALUE'], INVALID),
    note: 'code is a guess: the issue names no code for a malformed key file',
  },
  {
    id: 'sign-record-verified-with-other-key',
    class: 5,
    entry: 'cli',
    build: (d) => obsFile(d, example('01-toilet-ammonia-high.json')),
    setup: (d) => [
      SIGNING.keygen(join(d, 'k')),
      SIGNING.keygen(join(d, 'other')),
      // check exits 1 (the toilet fails); setup commands may exit 0–2.
      [
        'check',
        join(d, 'obs.json'),
        '--record',
        join(d, 'r.json'),
        '--sign',
        SIGNING.privateKey(join(d, 'k')),
        '--evaluated-at',
        EVALUATED_AT,
      ],
    ],
    args: (d) => ['verify', 'r.json', '--trust', SIGNING.publicKey(join(d, 'other'))],
    expect: { kind: 'not-verified', exit: 1 },
    note: 'code is a guess; exit 3: a bad signature is invalid input (house rules)',
  },
  {
    id: 'sign-record-forged-outcome-with-recomputed-hash',
    class: 5,
    entry: 'cli',
    build: (d) => obsFile(d, example('01-toilet-ammonia-high.json')),
    setup: (d) => [
      SIGNING.keygen(join(d, 'k')),
      [
        'check',
        join(d, 'obs.json'),
        '--record',
        join(d, 'r.json'),
        '--sign',
        SIGNING.privateKey(join(d, 'k')),
        '--evaluated-at',
        EVALUATED_AT,
      ],
    ],
    tamper: (d) => {
      const p = join(d, 'r.json');
      const r = JSON.parse(readFileSync(p, 'utf8')) as Record<string, any>;
      r.outcome = 'pass';
      r.verdict.outcome = 'pass';
      writeFileSync(p, JSON.stringify(r));
    },
    args: (d) => ['verify', 'r.json', '--trust', SIGNING.publicKey(join(d, 'k'))],
    expect: { kind: 'not-verified', exit: 1 },
  },
  {
    id: 'sign-unsigned-record-with-trust',
    class: 5,
    entry: 'cli',
    build: (d) => write(d, 'r.json', makeRecord()),
    setup: (d) => [SIGNING.keygen(join(d, 'k'))],
    args: (d) => ['verify', 'r.json', '--trust', SIGNING.publicKey(join(d, 'k'))],
    expect: { kind: 'not-verified', exit: 1 },
    note: 'asking for a signature and getting none must not verify',
  },
  {
    id: 'sign-bundle-signature-truncated-sdk',
    class: 5,
    entry: 'sdk',
    call: (ctx) => {
      const b = JSON.parse(JSON.stringify(ctx.signed!.bundle)) as Record<string, any>;
      const sigKey = Object.keys(b).find((k) => /sign/i.test(k))!;
      b[sigKey] = JSON.parse(JSON.stringify(b[sigKey]).replace(/[A-Za-z0-9+/=_-]{16}"/, '"'));
      return createChecklist(b, `${TOILET}@1.0.0`, SIGNING.trust([ctx.signed!.pub]));
    },
    expect: E('E_BUNDLE'),
  },
  {
    id: 'sign-bundle-forged-evidence-required-removed',
    class: 5,
    entry: 'sdk',
    call: (ctx) =>
      createChecklist(
        forge(ctx.signed!.bundle, `${TOILET}@1.0.0`, (s) => delete s.facts['ammonia-mg-m3'].evidence.required),
        `${TOILET}@1.0.0`,
        SIGNING.trust([ctx.signed!.pub]),
      ),
    expect: E(['E_SIGNATURE', 'E_BUNDLE']),
  },
  {
    id: 'sign-bundle-other-key',
    class: 5,
    entry: 'sdk',
    call: (ctx) => createChecklist(ctx.signed!.bundle, `${TOILET}@1.0.0`, SIGNING.trust([ctx.signed!.otherPub])),
    expect: E(['E_SIGNATURE', 'E_BUNDLE']),
  },
  {
    id: 'sign-bundle-unsigned-without-opt-out',
    class: 5,
    entry: 'sdk',
    call: (ctx) => createChecklist(ctx.bundle(), `${TOILET}@1.0.0`),
    expect: E(['E_SIGNATURE', 'E_BUNDLE']),
    note: 'an unsigned bundle only with the explicit opt-out',
  },
  {
    id: 'sign-bundle-unsigned-with-trust',
    class: 5,
    entry: 'sdk',
    call: (ctx) => createChecklist(ctx.bundle(), `${TOILET}@1.0.0`, SIGNING.trust([ctx.signed!.pub])),
    expect: E(['E_SIGNATURE', 'E_BUNDLE']),
  },
  {
    id: 'sign-bundle-restore-forged',
    class: 5,
    entry: 'sdk',
    call: (ctx) => {
      const forged = forge(
        ctx.signed!.bundle,
        `${TOILET}@1.0.0`,
        (s) => delete s.facts['ammonia-mg-m3'].evidence.required,
      );
      const c = createChecklist(ctx.signed!.bundle, `${TOILET}@1.0.0`, SIGNING.trust([ctx.signed!.pub]));
      return restore(forged, JSON.stringify(c.toJSON()), SIGNING.trust([ctx.signed!.pub]));
    },
    expect: E(['E_SIGNATURE', 'E_BUNDLE', 'E_EDITION_CHANGED']),
  },
  {
    id: 'sign-control-signed-bundle-trusted',
    class: 5,
    entry: 'sdk',
    call: (ctx) => createChecklist(ctx.signed!.bundle, `${TOILET}@1.0.0`, SIGNING.trust([ctx.signed!.pub])).verdict(),
    expect: { kind: 'accepted', exitIn: [0] },
    note: 'control: a signed bundle with its key is usable',
  },
);
const MALFORMED_BUNDLES: readonly { id: string; ref: string; edit: (spec: any) => void }[] = [
  { id: 'missing-messages', ref: `${TOILET}@1.0.0`, edit: (s) => delete s.groups[0].clauses[0].messages },
  { id: 'missing-pass-message', ref: `${TOILET}@1.0.0`, edit: (s) => delete s.groups[0].clauses[0].messages.pass },
  {
    id: 'unknown-source',
    ref: `${TOILET}@1.0.0`,
    edit: (s) => (s.groups[0].clauses[0].cites = [{ source: 'no-such-source', task: 12 }]),
  },
  {
    id: 'operator-tostring',
    ref: 'san-duan@1.0.0',
    edit: (s) => setFirstLeaf(s, (leaf) => (leaf.operator = 'toString')),
  },
  {
    id: 'operator-constructor',
    ref: 'san-duan@1.0.0',
    edit: (s) => setFirstLeaf(s, (leaf) => (leaf.operator = 'constructor')),
  },
  { id: 'conditions-2000-deep', ref: 'san-duan@1.0.0', edit: (s) => (s.groups[0].clauses[0].check = deepNot(2000)) },
  { id: 'facts-not-object', ref: 'san-duan@1.0.0', edit: (s) => (s.facts = 'x') },
  { id: 'groups-null', ref: 'san-duan@1.0.0', edit: (s) => (s.groups = null) },
  { id: 'clause-label-number', ref: 'san-duan@1.0.0', edit: (s) => (s.groups[0].clauses[0].label = 7) },
  {
    id: 'fact-type-unknown',
    ref: 'san-duan@1.0.0',
    edit: (s) => (Object.values(s.facts as Record<string, any>)[0].type = 'bigint'),
  },
  {
    id: 'leaf-fact-unknown',
    ref: 'san-duan@1.0.0',
    edit: (s) => setFirstLeaf(s, (leaf) => (leaf.fact = 'no-such-fact')),
  },
  { id: 'leaf-fact-proto', ref: 'san-duan@1.0.0', edit: (s) => setFirstLeaf(s, (leaf) => (leaf.fact = '__proto__')) },
];
function setFirstLeaf(spec: any, edit: (leaf: any) => void): void {
  const todo: any[] = [spec.groups[0].clauses[0].check];
  while (todo.length) {
    const n = todo.shift();
    if (n && typeof n === 'object' && typeof n.fact === 'string') return edit(n);
    if (n?.all) todo.push(...n.all);
    if (n?.any) todo.push(...n.any);
    if (n?.not) todo.push(n.not);
  }
  throw new Error('no leaf');
}
function deepNot(n: number): unknown {
  let c: unknown = { fact: 'x', operator: 'equal', value: true };
  for (let i = 0; i < n; i++) c = { not: c };
  return c;
}
for (const m of MALFORMED_BUNDLES) {
  add(
    {
      id: `bundle-${m.id}-sdk`,
      class: 5,
      entry: 'sdk',
      call: (ctx) => useBundle(forge(ctx.bundle(), m.ref, m.edit)),
      expect: E('E_BUNDLE'),
    },
    {
      id: `bundle-${m.id}-library`,
      class: 5,
      entry: 'library',
      call: (ctx) => readBundle(forge(ctx.bundle(), m.ref, m.edit), { trust: 'unsigned' }),
      expect: E('E_BUNDLE'),
    },
  );
}
add(
  {
    id: 'bundle-not-json-sdk',
    class: 5,
    entry: 'sdk',
    call: () => createChecklist('{"format": "daoze-bundle",', 'san-duan@1.0.0', UNSIGNED),
    expect: E('E_BUNDLE'),
  },
  {
    id: 'bundle-deep-json-text-sdk',
    class: 5,
    entry: 'sdk',
    call: () => createChecklist(deepArrayText(100_000), 'san-duan@1.0.0', UNSIGNED),
    expect: E('E_BUNDLE'),
  },
  {
    id: 'bundle-editions-entry-deep-library',
    class: 5,
    entry: 'library',
    call: (ctx) => readBundle({ ...ctx.bundle(), editions: [deepArray(100_000)] }, { trust: 'unsigned' }),
    expect: E('E_BUNDLE'),
  },
);

// 6. Depth is checked iteratively wherever a value enters; a deep line is one numbered error in a batch.
const deepFact = (n: number) => withRawValue(example('01-toilet-ammonia-high.json'), 'ammonia-mg-m3', deepArrayText(n));
for (const n of [1_000, 10_000, 100_000]) {
  add({
    id: `deep-fact-${n}-cli`,
    class: 6,
    entry: 'cli',
    build: (d) => obsFile(d, deepFact(n)),
    args: check(),
    expect: E('E_DEPTH', INVALID),
  });
}
add(
  {
    id: 'deep-object-fact-cli-json',
    class: 6,
    entry: 'cli',
    build: (d) =>
      obsFile(d, withRawValue(example('01-toilet-ammonia-high.json'), 'odour-grade', deepObjectText(50_000))),
    args: checkJson(),
    expect: E('E_DEPTH', INVALID),
  },
  {
    id: 'deep-subject-cli',
    class: 6,
    entry: 'cli',
    build: (d) => obsFile(d, withRawValue(example('01-toilet-ammonia-high.json'), 'name', deepObjectText(20_000))),
    args: check(),
    expect: E('E_DEPTH', INVALID),
  },
  {
    id: 'deep-evidence-note-cli',
    class: 6,
    entry: 'cli',
    build: (d) =>
      obsFile(
        d,
        withRawValue(
          example('01-toilet-ammonia-high.json'),
          'h2s-mg-m3',
          `[{"kind":"measurement","ref":"x","note":${deepArrayText(20_000)}}]`,
        ),
      ),
    args: check(),
    expect: E('E_DEPTH', INVALID),
  },
  {
    id: 'deep-whole-file-cli',
    class: 6,
    entry: 'cli',
    build: (d) => obsFile(d, deepArrayText(200_000)),
    args: check(),
    expect: E('E_DEPTH', INVALID),
  },
  {
    id: 'deep-profile-field-cli',
    class: 6,
    entry: 'cli',
    build: (d) =>
      obsFile(
        d,
        withFirstMember(example('01-toilet-ammonia-high.json'), [], `"profile": ${deepArrayText(20_000, '"x"')}`),
      ),
    args: check(),
    expect: E('E_DEPTH', INVALID),
  },
  {
    id: 'deep-record-member-verify',
    class: 6,
    entry: 'cli',
    build: (d) => write(d, 'r.json', withRawValue(makeRecord(), 'observedAt', deepArrayText(50_000, '"x"'))),
    args: () => ['verify', 'r.json'],
    expect: E('E_DEPTH', INVALID),
  },
  {
    id: 'deep-record-member-explain',
    class: 6,
    entry: 'cli',
    build: (d) => write(d, 'r.json', withRawValue(makeRecord(), 'observedAt', deepArrayText(50_000, '"x"'))),
    args: () => ['explain', 'r.json'],
    expect: E('E_DEPTH', INVALID),
  },
  {
    id: 'deep-verify-observation',
    class: 6,
    entry: 'cli',
    build: (d) => {
      write(d, 'r.json', makeRecord());
      obsFile(d, deepFact(50_000));
    },
    args: () => ['verify', 'r.json', '--observation', 'obs.json'],
    expect: E('E_DEPTH', INVALID),
  },
  {
    id: 'deep-diff-replay-line',
    class: 6,
    entry: 'cli',
    build: (d) => write(d, 'replay.ndjson', `${deepFact(50_000).replace(/\n\s*/g, ' ')}\n`),
    args: () => ['diff', `${TOILET}@1.0.0`, `${TOILET}@2.0.0`, '--replay', 'replay.ndjson'],
    expect: E('E_DEPTH', INVALID),
  },
  {
    id: 'deep-line-batch-goes-on',
    class: 6,
    entry: 'batch',
    build: (d) =>
      write(
        d,
        'in.ndjson',
        ndjson(
          line(toiletPass()),
          deepFact(10_000).replace(/\n\s*/g, ' '),
          deepFact(100_000).replace(/\n\s*/g, ' '),
          line(toiletPass()),
        ),
      ),
    args: batch(),
    expect: { kind: 'batch', records: [1, 4], errors: { 2: 'E_DEPTH', 3: 'E_DEPTH' }, exit: INVALID },
  },
  {
    id: 'deep-line-batch-full-verdicts',
    class: 6,
    entry: 'batch',
    build: (d) =>
      write(d, 'in.ndjson', ndjson(line(toiletPass()), deepFact(100_000).replace(/\n\s*/g, ' '), line(toiletPass()))),
    args: () => ['check', '--batch', 'in.ndjson', '--full', '--locale', 'en', '--workers', '0'],
    expect: { kind: 'batch', records: [1, 3], errors: { 2: 'E_DEPTH' }, exit: INVALID },
  },
);
const deepObs = (where: 'fact' | 'evidence' | 'subject' | 'observer', n: number) => {
  const o = example('01-toilet-ammonia-high.json');
  if (where === 'fact') o.facts['ammonia-mg-m3'] = deepArray(n);
  if (where === 'evidence') o.evidence['h2s-mg-m3'] = [{ kind: 'measurement', ref: 'x', note: deepArray(n) }];
  if (where === 'subject') o.subject.name = deepObject(n);
  if (where === 'observer') o.observer.role = deepArray(n);
  return o;
};
for (const where of ['fact', 'evidence', 'subject', 'observer'] as const) {
  add({
    id: `deep-${where}-library`,
    class: 6,
    entry: 'library',
    call: () => builtinRegistry().evaluate(deepObs(where, 100_000)),
    expect: E(['E_DEPTH', 'E_OBSERVATION']),
  });
}
add(
  {
    id: 'cycle-in-fact-library',
    class: 6,
    entry: 'library',
    call: () => {
      const o = example('01-toilet-ammonia-high.json');
      const c: any = { a: 1 };
      c.self = c;
      o.subject.location = c;
      return builtinRegistry().evaluate(o);
    },
    expect: E(['E_VALUE', 'E_OBSERVATION']),
  },
  {
    id: 'deep-record-create-library',
    class: 6,
    entry: 'record',
    call: () => makeRecord(deepObs('subject', 100_000)),
    expect: E(['E_DEPTH', 'E_OBSERVATION', 'E_RECORD']),
  },
  {
    id: 'deep-sdk-answer',
    class: 6,
    entry: 'sdk',
    call: (ctx) => toiletChecklist(ctx).answer('ammonia-mg-m3', deepArray(100_000)),
    expect: E('E_VALUE'),
  },
  {
    id: 'deep-sdk-evidence',
    class: 6,
    entry: 'sdk',
    call: (ctx) =>
      toiletChecklist(ctx).answer('ammonia-mg-m3', 0.5, [
        { kind: 'measurement', ref: 'x', note: deepArray(100_000) } as any,
      ]),
    expect: E(['E_EVIDENCE', 'E_VALUE']),
  },
  {
    id: 'deep-sdk-subject-option',
    class: 6,
    entry: 'sdk',
    call: (ctx) =>
      createChecklist(ctx.bundle(), `${TOILET}@1.0.0`, {
        ...UNSIGNED,
        subject: { id: 's', name: deepObject(100_000) } as any,
      }),
    expect: E(['E_OPTIONS', 'E_VALUE']),
  },
  {
    id: 'deep-sdk-restore',
    class: 6,
    entry: 'sdk',
    call: (ctx) => {
      const snap = toiletChecklist(ctx).toJSON() as any;
      snap.observation.subject = { id: 's', name: deepObject(100_000) };
      return restore(ctx.bundle(), snap, UNSIGNED);
    },
    expect: E('E_SNAPSHOT'),
  },
  {
    id: 'deep-sdk-restore-text',
    class: 6,
    entry: 'sdk',
    call: (ctx) => restore(ctx.bundle(), deepArrayText(100_000), UNSIGNED),
    expect: E('E_SNAPSHOT'),
  },
);

// 7. No exit 70, no stack trace: each is a typed error naming the path, exit 3 (4 for usage).
add(
  {
    id: 'record-1e400-verify',
    class: 7,
    entry: 'cli',
    build: (d) => write(d, 'r.json', withRawValue(makeRecord(), 'odour-grade', '1e400')),
    args: () => ['verify', 'r.json'],
    expect: { kind: 'not-verified', exit: 1 },
    note: '1e400 is JSON syntax; read, it is Infinity, which no record holds: not verified',
  },
  {
    id: 'record-1e400-explain',
    class: 7,
    entry: 'cli',
    build: (d) => write(d, 'r.json', withRawValue(makeRecord(), 'odour-grade', '1e400')),
    args: () => ['explain', 'r.json'],
    expect: E(['E_VALUE', 'E_JSON'], INVALID),
  },
  {
    id: 'observation-1e400-check',
    class: 7,
    entry: 'cli',
    build: (d) => obsFile(d, withRawValue(example('01-toilet-ammonia-high.json'), 'odour-grade', '-1e400')),
    args: check(),
    expect: E(['E_VALUE', 'E_JSON', 'E_OBSERVATION'], INVALID),
  },
  {
    id: 'verdict-without-standard-ref-explain',
    class: 7,
    entry: 'cli',
    build: (d) => {
      const v = builtinRegistry().evaluate(example('01-toilet-ammonia-high.json'), {
        trace: true,
        evaluatedAt: EVALUATED_AT,
      }) as any;
      delete v.standard.ref;
      write(d, 'v.json', v);
    },
    args: () => ['explain', 'v.json'],
    expect: E(['E_RECORD', 'E_VALUE', 'E_VERDICT'], INVALID),
    note: 'code is a judgement: a verdict that is not well formed',
  },
  {
    id: 'profile-param-constructor-validate',
    class: 7,
    entry: 'cli',
    build: (d) => write(d, 'profiles/hostile-snow/1.0.0.yaml', snowProfileParam('constructor', '{ a-class: 36 }')),
    args: () => ['validate', '--profiles', 'profiles'],
    expect: E('E_UNKNOWN_PARAM', PROBLEMS),
    note: 'today the lookup finds Object.prototype.constructor and says "is a single value"',
  },
  {
    id: 'profile-param-constructor-check',
    class: 7,
    entry: 'cli',
    build: (d) => {
      write(d, 'profiles/hostile-snow/1.0.0.yaml', snowProfileParam('constructor', '{ a-class: 36 }'));
      obsFile(d, example('04-snow-a-class-30h.json'));
    },
    args: () => ['check', 'obs.json', '--profiles', 'profiles'],
    expect: E('E_UNKNOWN_PARAM', INVALID),
  },
  {
    id: 'profile-param-constructor-library',
    class: 7,
    entry: 'library',
    build: (d) => write(d, 'profiles/hostile-snow/1.0.0.yaml', snowProfileParam('constructor', '{ a-class: 36 }')),
    call: (ctx) => loadRegistry(undefined, join(ctx.dir, 'profiles')),
    expect: E('E_STANDARD', undefined, 'E_UNKNOWN_PARAM'),
  },
  {
    id: 'folder-named-json-in-folder',
    class: 7,
    entry: 'cli',
    build: (d) => folderWithBad(d, (o) => mkdirSync(join(o, 'b-folder.json'), { recursive: true })),
    args: () => ['check', 'obs', '--locale', 'en'],
    expect: E('E_NOT_FILE', INVALID),
    stderrNames: () => ['b-folder.json'],
    stdoutNames: () => ['a-good.json', 'c-good.json'],
  },
  {
    id: 'folder-named-json-given',
    class: 7,
    entry: 'cli',
    build: (d) => mkdirSync(join(d, 'x.json'), { recursive: true }) ?? undefined,
    args: check('x.json'),
    expect: E(['E_NOT_FILE', 'E_NO_SUCH_FILE'], INVALID),
    note: 'a folder given by name is read as a folder of observations: here an empty one',
  },
  {
    id: 'symlink-loop-file',
    class: 7,
    entry: 'cli',
    build: (d) => symlinkSync('loop.json', join(d, 'loop.json')),
    args: check('loop.json'),
    expect: E('E_READ', INVALID),
    stderrNames: () => ['loop.json'],
  },
  {
    id: 'symlink-loop-in-folder',
    class: 7,
    entry: 'cli',
    build: (d) => folderWithBad(d, (o) => symlinkSync('b-loop.json', join(o, 'b-loop.json'))),
    args: () => ['check', 'obs', '--locale', 'en'],
    expect: E('E_READ', INVALID),
    stderrNames: () => ['b-loop.json'],
    stdoutNames: () => ['a-good.json', 'c-good.json'],
  },
  {
    id: 'symlink-dangling-observation',
    class: 7,
    entry: 'cli',
    build: (d) => symlinkSync('gone.json', join(d, 'obs.json')),
    args: check(),
    expect: E('E_NO_SUCH_FILE', INVALID),
  },
  {
    id: 'unreadable-file-eio',
    class: 7,
    entry: 'cli',
    args: () => ['check', '/proc/self/mem'],
    expect: E(['E_READ', 'E_NOT_FILE'], INVALID),
    note: 'stat says a regular file of 0 bytes; reading fails with EIO (tests run as root, so chmod 000 cannot make a file unreadable)',
  },
  {
    id: 'unreadable-file-mode-000',
    class: 7,
    entry: 'cli',
    build: (d) => {
      const p = obsFile(d, example('01-toilet-ammonia-high.json'));
      chmodSync(p, 0o000);
    },
    args: check(),
    expect: process.getuid?.() === 0 ? { kind: 'accepted', exitIn: [1] } : E('E_READ', INVALID),
    note: 'as root the file is readable and judged (fails); otherwise E_READ',
  },
  {
    id: 'missing-observation',
    class: 7,
    entry: 'cli',
    args: check('nope.json'),
    expect: E('E_NO_SUCH_FILE', INVALID),
    stderrNames: () => ['nope.json'],
  },
  {
    id: 'missing-standards-path-check',
    class: 7,
    entry: 'cli',
    build: (d) => void obsFile(d, example('01-toilet-ammonia-high.json')),
    args: () => ['check', 'obs.json', '--standards', 'nope'],
    expect: E('E_NO_SUCH_FILE', INVALID),
    stderrNames: () => ['nope'],
  },
  {
    id: 'missing-standards-path-validate',
    class: 7,
    entry: 'cli',
    args: () => ['validate', 'nope'],
    expect: E('E_NO_SUCH_FILE', INVALID),
    stderrNames: () => ['nope'],
  },
  {
    id: 'missing-standards-path-list',
    class: 7,
    entry: 'cli',
    args: () => ['list', '--standards', 'nope'],
    expect: E('E_NO_SUCH_FILE', INVALID),
  },
  {
    id: 'missing-standards-path-test',
    class: 7,
    entry: 'cli',
    args: () => ['test', '--standards', 'nope'],
    expect: E('E_NO_SUCH_FILE', INVALID),
  },
  {
    id: 'missing-profiles-path-check',
    class: 7,
    entry: 'cli',
    build: (d) => void obsFile(d, example('01-toilet-ammonia-high.json')),
    args: () => ['check', 'obs.json', '--profiles', 'nope', '--profile', 'x@1.0.0'],
    expect: E(['E_NO_SUCH_FILE', 'E_NOT_FOUND'], INVALID),
  },
  {
    id: 'dangling-edition-symlink',
    class: 7,
    entry: 'cli',
    build: (d) => {
      copyStandards(d);
      symlinkSync('gone.yaml', join(d, 'standards', 'san-duan', '9.0.0.yaml'));
      obsFile(d, example('01-toilet-ammonia-high.json'));
    },
    args: () => ['check', 'obs.json', '--standards', 'standards'],
    expect: E(['E_NO_SUCH_FILE', 'E_READ'], INVALID),
    stderrNames: () => ['9.0.0.yaml'],
  },
  {
    id: 'edition-symlink-loop-validate',
    class: 7,
    entry: 'cli',
    build: (d) => {
      copyStandards(d);
      symlinkSync('9.0.0.yaml', join(d, 'standards', 'san-duan', '9.0.0.yaml'));
    },
    args: () => ['validate', 'standards'],
    expect: E('E_READ', PROBLEMS),
  },
  {
    id: 'record-to-folder',
    class: 7,
    entry: 'cli',
    build: (d) => {
      obsFile(d, example('01-toilet-ammonia-high.json'));
      mkdirSync(join(d, 'out.json'));
    },
    args: check('obs.json', '--record', 'out.json'),
    expect: E('E_NOT_FILE', INVALID),
  },
  {
    id: 'record-under-a-file',
    class: 7,
    entry: 'cli',
    build: (d) => void obsFile(d, example('01-toilet-ammonia-high.json')),
    args: check('obs.json', '--record', 'obs.json/rec.json'),
    expect: E(['E_NOT_FILE', 'E_READ'], INVALID),
  },
  {
    id: 'record-to-proc',
    class: 7,
    entry: 'cli',
    build: (d) => void obsFile(d, example('01-toilet-ammonia-high.json')),
    args: check('obs.json', '--record', '/proc/version'),
    expect: E(['E_READ', 'E_NOT_FILE'], INVALID),
  },
  {
    id: 'record-missing-folder',
    class: 7,
    entry: 'cli',
    build: (d) => void obsFile(d, example('01-toilet-ammonia-high.json')),
    args: check('obs.json', '--record', 'no/such/dir/r.json'),
    expect: E(['E_NO_SUCH_FILE', 'E_READ'], INVALID),
  },
  {
    id: 'build-out-folder',
    class: 7,
    entry: 'cli',
    build: (d) => mkdirSync(join(d, 'b.json')) ?? undefined,
    args: () => ['build', '--out', 'b.json'],
    expect: E('E_NOT_FILE', INVALID),
  },
  {
    id: 'build-schemas-file',
    class: 7,
    entry: 'cli',
    build: (d) => void write(d, 'schemas', 'x'),
    args: () => ['build', '--out', 'b.json', '--schemas', 'schemas'],
    expect: E('E_NOT_FILE', INVALID),
  },
  {
    id: 'verify-folder',
    class: 7,
    entry: 'cli',
    build: (d) => mkdirSync(join(d, 'r.json')) ?? undefined,
    args: () => ['verify', 'r.json'],
    expect: E('E_NOT_FILE', INVALID),
  },
  {
    id: 'explain-folder',
    class: 7,
    entry: 'cli',
    build: (d) => mkdirSync(join(d, 'r.json')) ?? undefined,
    args: () => ['explain', 'r.json'],
    expect: E('E_NOT_FILE', INVALID),
  },
  {
    id: 'verify-missing',
    class: 7,
    entry: 'cli',
    args: () => ['verify', 'nope.json'],
    expect: E('E_NO_SUCH_FILE', INVALID),
  },
  {
    id: 'batch-folder',
    class: 7,
    entry: 'cli',
    build: (d) => mkdirSync(join(d, 'in.ndjson')) ?? undefined,
    args: batch(),
    expect: E('E_NOT_FILE', INVALID),
  },
  { id: 'batch-missing', class: 7, entry: 'cli', args: batch('nope.ndjson'), expect: E('E_NO_SUCH_FILE', INVALID) },
  {
    id: 'usage-unknown-flag',
    class: 7,
    entry: 'cli',
    args: () => ['check', 'x.json', '--no-such-flag'],
    expect: E('E_USAGE', USAGE),
    note: 'a usage error names its code too (house rule: the code on the error line)',
  },
  {
    id: 'verify-record-nan-library',
    class: 7,
    entry: 'record',
    call: () => {
      const r = makeRecord() as any;
      r.observation.facts['odour-grade'] = Number.NaN;
      return verifyRecord(r, builtinRegistry());
    },
    expect: { kind: 'not-verified' },
  },
  {
    id: 'verify-record-infinity-library',
    class: 7,
    entry: 'record',
    call: () => {
      const r = makeRecord() as any;
      r.observation.facts['odour-grade'] = Number.POSITIVE_INFINITY;
      return verifyRecord(r, builtinRegistry());
    },
    expect: { kind: 'not-verified' },
  },
  {
    id: 'verify-record-bigint-library',
    class: 7,
    entry: 'record',
    call: () => {
      const r = makeRecord() as any;
      r.observation.facts['adult-fly-count'] = 1n;
      return verifyRecord(r, builtinRegistry());
    },
    expect: { kind: 'not-verified' },
  },
  {
    id: 'verify-record-bigint-in-verdict-library',
    class: 7,
    entry: 'record',
    call: () => {
      const r = makeRecord() as any;
      r.verdict.totals.pass = 8n;
      return verifyRecord(r, builtinRegistry());
    },
    expect: { kind: 'not-verified' },
  },
  {
    id: 'verify-record-deep-member-library',
    class: 7,
    entry: 'record',
    call: () => {
      const r = makeRecord() as any;
      r.provenance.subject = deepObject(100_000);
      return verifyRecord(r, builtinRegistry());
    },
    expect: { kind: 'not-verified' },
  },
  {
    id: 'verify-record-cycle-library',
    class: 7,
    entry: 'record',
    call: () => {
      const r = makeRecord() as any;
      r.verdict.self = r;
      return verifyRecord(r, builtinRegistry());
    },
    expect: { kind: 'not-verified' },
  },
  {
    id: 'verify-record-getter-throws-library',
    class: 7,
    entry: 'record',
    call: () => {
      const r = makeRecord() as any;
      Object.defineProperty(r.verdict, 'outcome', {
        enumerable: true,
        get: () => {
          throw new Error('hostile getter');
        },
      });
      return verifyRecord(r, builtinRegistry());
    },
    expect: { kind: 'not-verified' },
    note: 'verifyRecord is documented never to throw; a record from a hostile caller can carry a throwing getter',
  },
  {
    id: 'explain-verdict-without-ref-library',
    class: 7,
    entry: 'record',
    call: () => {
      const v = builtinRegistry().evaluate(example('01-toilet-ammonia-high.json'), {
        trace: true,
        evaluatedAt: EVALUATED_AT,
      }) as any;
      delete v.standard.ref;
      return explainVerdict(v, { edition: builtinRegistry().get(`${TOILET}@1.0.0`) });
    },
    expect: { kind: 'safe' },
  },
);

// 8. No hangs: FIFOs and devices are refused, or read with a byte cap that holds for streams.
add(
  {
    id: 'fifo-check',
    class: 8,
    entry: 'cli',
    build: (d) => fifo(join(d, 'obs.json')),
    args: check(),
    expect: E('E_NOT_FILE', INVALID),
  },
  {
    id: 'fifo-in-folder',
    class: 8,
    entry: 'cli',
    build: (d) => folderWithBad(d, (o) => fifo(join(o, 'b-fifo.json'))),
    args: () => ['check', 'obs', '--locale', 'en'],
    expect: E('E_NOT_FILE', INVALID),
    stderrNames: () => ['b-fifo.json'],
    stdoutNames: () => ['a-good.json', 'c-good.json'],
  },
  {
    id: 'fifo-verify',
    class: 8,
    entry: 'cli',
    build: (d) => fifo(join(d, 'r.json')),
    args: () => ['verify', 'r.json'],
    expect: E('E_NOT_FILE', INVALID),
  },
  {
    id: 'fifo-explain',
    class: 8,
    entry: 'cli',
    build: (d) => fifo(join(d, 'r.json')),
    args: () => ['explain', 'r.json'],
    expect: E('E_NOT_FILE', INVALID),
  },
  {
    id: 'fifo-verify-observation',
    class: 8,
    entry: 'cli',
    build: (d) => {
      write(d, 'r.json', makeRecord());
      fifo(join(d, 'obs.json'));
    },
    args: () => ['verify', 'r.json', '--observation', 'obs.json'],
    expect: E('E_NOT_FILE', INVALID),
  },
  {
    id: 'fifo-edition',
    class: 8,
    entry: 'cli',
    build: (d) => {
      copyStandards(d);
      fifo(join(d, 'standards', 'san-duan', '9.0.0.yaml'));
    },
    args: () => ['validate', 'standards'],
    expect: E('E_NOT_FILE', PROBLEMS),
  },
  {
    id: 'dev-zero-check',
    class: 8,
    entry: 'cli',
    args: check('/dev/zero'),
    expect: E(['E_NOT_FILE', 'E_TOO_LARGE'], INVALID),
  },
  {
    id: 'dev-urandom-check',
    class: 8,
    entry: 'cli',
    args: check('/dev/urandom'),
    expect: E(['E_NOT_FILE', 'E_TOO_LARGE'], INVALID),
  },
  {
    id: 'dev-null-check',
    class: 8,
    entry: 'cli',
    args: check('/dev/null'),
    expect: E(['E_NOT_FILE', 'E_JSON'], INVALID),
  },
  {
    id: 'dev-zero-verify',
    class: 8,
    entry: 'cli',
    args: () => ['verify', '/dev/zero'],
    expect: E(['E_NOT_FILE', 'E_TOO_LARGE'], INVALID),
  },
  {
    id: 'dev-zero-explain',
    class: 8,
    entry: 'cli',
    args: () => ['explain', '/dev/zero'],
    expect: E(['E_NOT_FILE', 'E_TOO_LARGE'], INVALID),
  },
  {
    id: 'dev-zero-batch',
    class: 8,
    entry: 'cli',
    args: batch('/dev/zero'),
    expect: E(['E_NOT_FILE', 'E_TOO_LARGE'], INVALID),
  },
  {
    id: 'dev-zero-replay',
    class: 8,
    entry: 'cli',
    args: () => ['diff', `${TOILET}@1.0.0`, `${TOILET}@2.0.0`, '--replay', '/dev/zero'],
    expect: E(['E_NOT_FILE', 'E_TOO_LARGE'], INVALID),
  },
  {
    id: 'dev-zero-standards',
    class: 8,
    entry: 'cli',
    args: () => ['validate', '/dev/zero'],
    expect: E(['E_NOT_FILE', 'E_TOO_LARGE'], INVALID),
  },
  {
    id: 'proc-stream-check',
    class: 8,
    entry: 'cli',
    args: check('/proc/self/status'),
    expect: E(['E_NOT_FILE', 'E_JSON'], INVALID),
    note: 'stat size 0, yet it has content: read with a cap, it is not JSON',
  },
  {
    id: 'sparse-11mb-check',
    class: 8,
    entry: 'cli',
    build: (d) => {
      obsFile(d, '{}');
      truncateSync(join(d, 'obs.json'), 11 * 1024 * 1024);
    },
    args: check(),
    expect: E('E_TOO_LARGE', INVALID),
  },
);

// 9. Silent acceptance and changed data.
for (const b of BAD_UTF8) {
  add({
    id: `utf8-${b.id}-check`,
    class: 9,
    entry: 'cli',
    build: (d) => obsFile(d, withBadBytes(b.bytes)),
    args: check(),
    expect: E('E_ENCODING', INVALID, /byte|offset|\d+:\d+/i),
  });
}
add(
  {
    id: 'utf8-invalid-batch-line',
    class: 9,
    entry: 'batch',
    build: (d) => write(d, 'in.ndjson', ndjson(line(toiletPass()), flat(withBadBytes([0xff])), line(toiletPass()))),
    args: batch(),
    expect: { kind: 'batch', records: [1, 3], errors: { 2: 'E_ENCODING' }, exit: INVALID },
  },
  {
    id: 'utf8-invalid-record-verify',
    class: 9,
    entry: 'cli',
    build: (d) => write(d, 'r.json', bytesInside(JSON.stringify(makeRecord()), '人民公园', [0xff])),
    args: () => ['verify', 'r.json'],
    expect: E('E_ENCODING', INVALID),
  },
  {
    id: 'utf16-le-bom-check',
    class: 9,
    entry: 'cli',
    build: (d) =>
      obsFile(
        d,
        Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from(JSON.stringify(example('01-toilet-ammonia-high.json')), 'utf16le'),
        ]),
      ),
    args: check(),
    expect: E('E_ENCODING', INVALID),
  },
  {
    id: 'bom-check-accepted',
    class: 9,
    entry: 'cli',
    build: (d) => obsFile(d, `\uFEFF${JSON.stringify(example('01-toilet-ammonia-high.json'))}`),
    args: check(),
    expect: { kind: 'accepted', exitIn: [1] },
    note: 'control: a UTF-8 BOM is dropped; example 01 fails as without it',
  },
  {
    id: 'bom-batch-accepted',
    class: 9,
    entry: 'batch',
    build: (d) => write(d, 'in.ndjson', `\uFEFF${line(toiletPass())}\n${line(toiletPass())}\n`),
    args: batch(),
    expect: { kind: 'batch', records: [1, 2], errors: {}, exit: 0 },
  },
  {
    id: 'bom-record-verify-accepted',
    class: 9,
    entry: 'cli',
    build: (d) => write(d, 'r.json', `\uFEFF${JSON.stringify(makeRecord())}`),
    args: () => ['verify', 'r.json'],
    expect: { kind: 'accepted', exitIn: [0] },
  },
  {
    id: 'bom-yaml-accepted',
    class: 9,
    entry: 'cli',
    build: (d) => miniStd(d, `\uFEFF${miniEdition('hostile-mini')}`),
    args: validateMini,
    expect: { kind: 'accepted', exitIn: [0] },
  },
  {
    id: 'bom-twice-check',
    class: 9,
    entry: 'cli',
    build: (d) => obsFile(d, `\uFEFF\uFEFF${JSON.stringify(example('01-toilet-ammonia-high.json'))}`),
    args: check(),
    expect: E(['E_JSON', 'E_ENCODING'], INVALID),
    note: 'only one BOM is dropped; a second is a character where JSON allows none',
  },
  {
    id: 'yaml-invalid-utf8',
    class: 9,
    entry: 'cli',
    build: (d) =>
      miniStd(
        d,
        Buffer.concat([
          Buffer.from(miniEdition('hostile-mini', { labelZh: 'X' }).split('X')[0]!),
          Buffer.from([0xff]),
          Buffer.from(miniEdition('hostile-mini', { labelZh: 'X' }).split('X')[1]!),
        ]),
      ),
    args: validateMini,
    expect: E(['E_ENCODING', 'E_YAML'], PROBLEMS),
  },
  {
    id: 'yaml-tag-js-function',
    class: 9,
    entry: 'cli',
    build: (d) => miniStd(d, miniEdition('hostile-mini', { labelZh: '!!js/function "function () { return 1 }"' })),
    args: validateMini,
    expect: E('E_YAML', PROBLEMS),
  },
  {
    id: 'yaml-tag-evil',
    class: 9,
    entry: 'cli',
    build: (d) => miniStd(d, miniEdition('hostile-mini', { labelZh: '!evil 测试' })),
    args: validateMini,
    expect: E('E_YAML', PROBLEMS),
  },
  {
    id: 'yaml-tag-evil-on-map',
    class: 9,
    entry: 'cli',
    build: (d) => miniStd(d, miniEdition('hostile-mini').replace('title: {', 'title: !evil {')),
    args: validateMini,
    expect: E('E_YAML', PROBLEMS),
  },
  {
    id: 'yaml-tag-evil-library',
    class: 9,
    entry: 'library',
    build: (d) => miniStd(d, miniEdition('hostile-mini', { labelZh: '!evil 测试' })),
    call: loadMini,
    expect: E('E_STANDARD', undefined, 'E_YAML'),
  },
  {
    id: 'condition-600-leaves-validate',
    class: 9,
    entry: 'cli',
    build: (d) => miniStd(d, miniEdition('hostile-mini', { check: manyLeaves })),
    args: validateMini,
    expect: E('E_LIMIT', PROBLEMS),
  },
  {
    id: 'condition-600-leaves-library',
    class: 9,
    entry: 'library',
    build: (d) => miniStd(d, miniEdition('hostile-mini', { check: manyLeaves })),
    call: loadMini,
    expect: E('E_STANDARD', undefined, 'E_LIMIT'),
  },
  {
    id: 'condition-500-leaves-accepted',
    class: 9,
    entry: 'cli',
    build: (d) =>
      miniStd(
        d,
        miniEdition('hostile-mini', {
          check: `{ all: [${Array(500).fill('{ fact: lights-ok, operator: equal, value: true }').join(', ')}] }`,
        }),
      ),
    args: validateMini,
    expect: { kind: 'accepted', exitIn: [0] },
    note: 'control: exactly the limit is allowed',
  },
  ...(['constructor', 'prototype', '__proto__', 'toString', 'hasOwnProperty'] as const).map((fid): HostileCase => ({
    id: `fact-id-${fid.replace(/_/g, '').toLowerCase()}-validate`,
    class: 9,
    entry: 'cli',
    build: (d) =>
      miniStd(
        d,
        miniEdition('hostile-mini', {
          facts: [
            `  ${fid}:`,
            '    type: boolean',
            '    label: { zh: 灯, en: lights }',
            '    question: { zh: 灯亮?, en: lit? }',
          ].join('\n'),
          check: `{ fact: ${fid}, operator: equal, value: true }`,
        }),
      ),
    args: validateMini,
    expect: E(['E_FACT_SPEC', 'E_SCHEMA'], PROBLEMS),
  })),
  {
    id: 'fact-id-constructor-library',
    class: 9,
    entry: 'library',
    build: (d) =>
      miniStd(
        d,
        miniEdition('hostile-mini', {
          facts: [
            '  constructor:',
            '    type: boolean',
            '    label: { zh: 灯, en: lights }',
            '    question: { zh: 灯亮?, en: lit? }',
          ].join('\n'),
          check: '{ fact: constructor, operator: equal, value: true }',
        }),
      ),
    call: loadMini,
    expect: E('E_STANDARD', undefined, /E_FACT_SPEC|E_SCHEMA/),
  },
  {
    id: 'keyed-table-missing-prototype-choice',
    class: 9,
    entry: 'cli',
    build: (d) =>
      miniStd(
        d,
        miniEdition('hostile-mini', {
          facts: [
            '  lights-ok:',
            '    type: boolean',
            '    label: { zh: 灯, en: lights }',
            '    question: { zh: 灯亮?, en: lit? }',
            '  kind:',
            '    type: enum',
            '    label: { zh: 类, en: kind }',
            '    question: { zh: 类?, en: kind? }',
            '    choices:',
            '      - { value: a, label: { zh: 甲, en: a } }',
            '      - { value: constructor, label: { zh: 乙, en: b } }',
            '  count:',
            '    type: integer',
            '    label: { zh: 数, en: count }',
            '    question: { zh: 数?, en: count? }',
          ].join('\n'),
          parameters: [
            '  limit:',
            '    label: { zh: 限, en: limit }',
            '    byFact: kind',
            '    values: { a: 1 }',
            '    cites: [{ source: seed-plan, task: 12 }]',
          ].join('\n'),
          check: '{ fact: count, operator: lessThanInclusive, value: { param: limit } }',
        }),
      ),
    args: validateMini,
    expect: E(['E_REFERENCE', 'E_UNKNOWN_PARAM', 'E_FACT_SPEC', 'E_SCHEMA'], PROBLEMS),
    note: 'the table has no value for the choice "constructor"; found only if the lookup ignores the prototype',
  },
  {
    id: 'profile-values-proto-key',
    class: 9,
    entry: 'cli',
    build: (d) =>
      write(
        d,
        'profiles/hostile-snow/1.0.0.yaml',
        snowProfileParam('snow-clear-hours-limit', '{ a-class: 36, b-class: 48, c-class: 72, __proto__: 1 }'),
      ),
    args: () => ['validate', '--profiles', 'profiles'],
    expect: E(['E_SCHEMA', 'E_REFERENCE', 'E_FACT_SPEC'], PROBLEMS),
  },
  {
    id: 'profile-values-constructor-key',
    class: 9,
    entry: 'cli',
    build: (d) =>
      write(
        d,
        'profiles/hostile-snow/1.0.0.yaml',
        snowProfileParam('snow-clear-hours-limit', '{ a-class: 36, b-class: 48, c-class: 72, constructor: 1 }'),
      ),
    args: () => ['validate', '--profiles', 'profiles'],
    expect: E(['E_SCHEMA', 'E_REFERENCE', 'E_FACT_SPEC'], PROBLEMS),
  },
  {
    id: 'empty-observations-folder',
    class: 9,
    entry: 'cli',
    build: (d) => mkdirSync(join(d, 'obs')) ?? undefined,
    args: () => ['check', 'obs'],
    expect: E(['E_NO_SUCH_FILE', 'E_NOT_FILE', 'E_EMPTY'], INVALID),
    note: 'code is a judgement; the issue asks only for "say so and exit non-zero"',
  },
  {
    id: 'empty-standards-folder',
    class: 9,
    entry: 'cli',
    build: (d) => {
      mkdirSync(join(d, 'std'));
      mkdirSync(join(d, 'no-profiles'));
      obsFile(d, example('01-toilet-ammonia-high.json'));
    },
    args: () => ['check', 'obs.json', '--standards', 'std', '--profiles', 'no-profiles'],
    expect: E(['E_NO_SUCH_FILE', 'E_NOT_FILE', 'E_EMPTY', 'E_NOT_FOUND'], INVALID),
  },
  {
    id: 'empty-standards-folder-validate',
    class: 9,
    entry: 'cli',
    build: (d) => {
      mkdirSync(join(d, 'std'));
      mkdirSync(join(d, 'no-profiles'));
    },
    args: () => ['validate', 'std', '--profiles', 'no-profiles'],
    expect: E(['E_NO_SUCH_FILE', 'E_NOT_FILE', 'E_EMPTY'], INVALID),
  },
  {
    id: 'restore-negative-revision',
    class: 9,
    entry: 'sdk',
    call: (ctx) => restore(ctx.bundle(), { ...(toiletChecklist(ctx).toJSON() as object), revision: -1 }, UNSIGNED),
    expect: E('E_SNAPSHOT'),
  },
  {
    id: 'restore-fractional-revision',
    class: 9,
    entry: 'sdk',
    call: (ctx) => restore(ctx.bundle(), { ...(toiletChecklist(ctx).toJSON() as object), revision: 1.5 }, UNSIGNED),
    expect: E('E_SNAPSHOT'),
  },
  {
    id: 'restore-string-revision',
    class: 9,
    entry: 'sdk',
    call: (ctx) => restore(ctx.bundle(), { ...(toiletChecklist(ctx).toJSON() as object), revision: '3' }, UNSIGNED),
    expect: E('E_SNAPSHOT'),
  },
  {
    id: 'restore-unknown-locale',
    class: 9,
    entry: 'sdk',
    call: (ctx) => restore(ctx.bundle(), { ...(toiletChecklist(ctx).toJSON() as object), locale: 'fr' }, UNSIGNED),
    expect: E('E_SNAPSHOT'),
  },
  {
    id: 'restore-mismatched-edition-ref',
    class: 9,
    entry: 'sdk',
    call: (ctx) => {
      const s = toiletChecklist(ctx).toJSON() as any;
      s.edition.ref = 'san-duan@1.0.0';
      return restore(ctx.bundle(), s, UNSIGNED);
    },
    expect: E('E_SNAPSHOT'),
  },
  {
    id: 'restore-unknown-field',
    class: 9,
    entry: 'sdk',
    call: (ctx) => restore(ctx.bundle(), { ...(toiletChecklist(ctx).toJSON() as object), admin: true }, UNSIGNED),
    expect: E('E_SNAPSHOT'),
  },
  {
    id: 'restore-unknown-edition-field',
    class: 9,
    entry: 'sdk',
    call: (ctx) => {
      const s = toiletChecklist(ctx).toJSON() as any;
      s.edition.extra = 1;
      return restore(ctx.bundle(), s, UNSIGNED);
    },
    expect: E('E_SNAPSHOT'),
  },
  {
    id: 'restore-proto-key',
    class: 9,
    entry: 'sdk',
    call: (ctx) =>
      restore(
        ctx.bundle(),
        JSON.stringify(toiletChecklist(ctx).toJSON()).replace('"facts":{', '"facts":{"__proto__":{"x":1},'),
        UNSIGNED,
      ),
    expect: E('E_SNAPSHOT'),
  },
  {
    id: 'restore-control-roundtrip',
    class: 9,
    entry: 'sdk',
    call: (ctx) => restore(ctx.bundle(), JSON.stringify(toiletChecklist(ctx).toJSON()), UNSIGNED).verdict(),
    expect: { kind: 'accepted', exitIn: [0] },
    note: 'control: a saved session restores',
  },
);
function flat(bytes: Uint8Array): Uint8Array {
  // One NDJSON line: the pretty-printed newlines become spaces, byte for byte.
  const b = Buffer.from(bytes);
  for (let i = 0; i < b.length; i++) if (b[i] === 0x0a) b[i] = 0x20;
  return b;
}

// 10. Errors name the right place.
add(
  {
    id: 'folder-names-each-invalid-file',
    class: 10,
    entry: 'cli',
    build: (d) =>
      folderWithBad(d, (o) => {
        write(o, 'b-bad-json.json', '{"standard": ');
        write(o, 'b-duplicate.json', DUPLICATES[0]!.text());
      }),
    args: () => ['check', 'obs', '--locale', 'en'],
    expect: E(['E_JSON', 'E_DUPLICATE_KEY'], INVALID),
    stderrNames: () => ['b-bad-json.json', 'b-duplicate.json', 'E_JSON', 'E_DUPLICATE_KEY'],
    stdoutNames: () => ['a-good.json', 'c-good.json'],
  },
  {
    id: 'folder-invalid-observation-named',
    class: 10,
    entry: 'cli',
    build: (d) =>
      folderWithBad(d, (o) =>
        write(o, 'b-unknown-fact.json', { ...example('01-toilet-ammonia-high.json'), facts: { 'no-such-fact': 1 } }),
      ),
    args: () => ['check', 'obs', '--locale', 'en'],
    expect: E('E_OBSERVATION', INVALID),
    stderrNames: () => ['b-unknown-fact.json', 'no-such-fact'],
    stdoutNames: () => ['a-good.json', 'c-good.json'],
  },
  {
    id: 'input-hash-tampered-named-as-entry-library',
    class: 10,
    entry: 'record',
    call: () => {
      const r = makeRecord() as any;
      r.inputHashes['observation.evidence.ammonia-mg-m3'] = `sha256:${'0'.repeat(64)}`;
      return verifyRecord(r, builtinRegistry());
    },
    expect: { kind: 'not-verified', field: 'inputHashes["observation.evidence.ammonia-mg-m3"]' },
  },
  {
    id: 'input-hash-tampered-named-as-entry-cli',
    class: 10,
    entry: 'cli',
    build: (d) =>
      write(
        d,
        'r.json',
        recordWith((r) => (r.inputHashes['observation.evidence.ammonia-mg-m3'] = `sha256:${'0'.repeat(64)}`)),
      ),
    args: () => ['verify', 'r.json', '--locale', 'en', '--format', 'json'],
    expect: { kind: 'not-verified', field: 'inputHashes["observation.evidence.ammonia-mg-m3"]', exit: 1 },
  },
  {
    id: 'fact-tampered-named-as-fact-library',
    class: 10,
    entry: 'record',
    call: () => {
      const r = makeRecord() as any;
      r.observation.facts['ammonia-mg-m3'] = 0.5;
      return verifyRecord(r, builtinRegistry());
    },
    expect: { kind: 'not-verified', field: 'observation.facts.ammonia-mg-m3' },
    note: 'control for the case above: a changed fact is still named as the fact',
  },
  {
    id: 'duplicate-names-both-positions',
    class: 10,
    entry: 'cli',
    build: (d) => obsFile(d, '{\n  "standard": "san-duan@1.0.0",\n  "standard": "san-duan@1.0.0",\n  "facts": {}\n}\n'),
    args: check(),
    expect: E('E_DUPLICATE_KEY', INVALID, /3:3[\s\S]*2:3|2:3[\s\S]*3:3/),
  },
  {
    id: 'encoding-names-byte-offset',
    class: 10,
    entry: 'cli',
    build: (d) => obsFile(d, Buffer.concat([Buffer.from('{"standard": "'), Buffer.from([0xff]), Buffer.from('"}')])),
    args: check(),
    expect: E('E_ENCODING', INVALID, /\b14\b|1:15/),
    note: 'the bad byte is at offset 14 (line 1, column 15)',
  },
);

/** Every case. */
export const CASES: readonly HostileCase[] = cases;

/** The cases run through the built CLI. */
export const CLI_CASES = CASES.filter((c) => c.args !== undefined);

/** The cases run in process against `daoze` and `daoze/node` (`library` and `record`). */
export const LIBRARY_CASES = CASES.filter(
  (c) => c.call !== undefined && (c.entry === 'library' || c.entry === 'record'),
);

/** The cases run in process against `daoze/sdk`. */
export const SDK_CASES = CASES.filter((c) => c.call !== undefined && c.entry === 'sdk');
