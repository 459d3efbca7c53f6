/**
 * Record formats: records are written as `daoze-verdict-record/2`, records written as `/1` keep verifying, a
 * record relabelled with the other format never verifies, and a record of a condition nested as deep as an
 * edition allows is read, verified and explained.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compileEdition,
  createRegistry,
  explainVerdict,
  MAX_RECORD_DEPTH,
  RECORD_FORMAT,
  RECORD_FORMAT_V1,
  recordHashOf,
  recordVerdict,
  verifyRecord,
  type Condition,
  type EditionSpec,
} from '../../../src/index.js';
import { parseJson } from '../../../src/input/index.js';
import { MAX_CONDITION_DEPTH } from '../../../src/load/validate.js';
import { builtin, runCli } from '../../support/helpers.js';
import { editionHeader } from '../../support/edition-header.js';

const root = join(__dirname, '..', '..', '..');
const FIXTURES = join(root, 'test/fixtures/records');
const example = JSON.parse(readFileSync(join(root, 'examples/observations/01-toilet-ammonia-high.json'), 'utf8'));
const EVALUATED = '2026-11-20T10:00:00+08:00';
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Every committed `/1` record: written by `check --record` before `/2` (v1-example-01 was the example of docs/audit.md). */
function v1Records(): { label: string; record: Record<string, unknown> }[] {
  const out: { label: string; record: Record<string, unknown> }[] = [];
  for (const f of readdirSync(FIXTURES).sort()) {
    const text = readFileSync(join(FIXTURES, f), 'utf8');
    const docs = f.endsWith('.ndjson') ? text.split('\n').filter((l) => l.trim()) : [text];
    docs.forEach((d, i) => out.push({ label: `${f}#${i}`, record: JSON.parse(d) }));
  }
  return out;
}

/** Re-seals a record after a change, as someone with Daoze at hand could. */
function reseal<T extends Record<string, unknown>>(r: T): T {
  return { ...r, recordHash: recordHashOf(r) };
}

describe('record formats', () => {
  it('a new record is /2: counts on each clause, the condition tree in its traces', () => {
    const rec = recordVerdict(builtin(), example, { evaluatedAt: EVALUATED });
    expect(rec.format).toBe('daoze-verdict-record/2');
    expect(RECORD_FORMAT).toBe('daoze-verdict-record/2');
    const c = rec.verdict.clauses.find((x) => x.clause === 'no-odour')!;
    expect(c.counts).toBe(true);
    expect('required' in c).toBe(false);
    expect(c.trace!.check).toMatchObject({
      all: [{ fact: 'odour-grade' }, { fact: 'ammonia-mg-m3', observed: 1.5, result: 'false' }],
      result: 'false',
    });
  });

  it('every committed /1 record still verifies: intact, and it reproduces in its own format', () => {
    const records = v1Records();
    expect(records.length).toBeGreaterThanOrEqual(8);
    for (const { label, record } of records) {
      expect(record.format, label).toBe(RECORD_FORMAT_V1);
      const r = verifyRecord(record, builtin());
      expect(
        r.problems.filter((p) => !p.startsWith('recorded with daoze')),
        label,
      ).toEqual([]);
      expect(r, label).toMatchObject({ ok: true, intact: true, reproduces: true, altered: [] });
    }
    // The profile record is among them, and one with a nested any (snow-clearing).
    expect(
      records.some(({ record }) => (record.profile as { id?: string } | undefined)?.id === 'example-city-snow'),
    ).toBe(true);
    expect(records.some(({ record }) => (record.edition as { id: string }).id === 'snow-clearing')).toBe(true);
  });

  it('daoze verify accepts the /1 fixtures from the command line', () => {
    for (const f of readdirSync(FIXTURES)) {
      const run = runCli('verify', join(FIXTURES, f), '--locale', 'en');
      expect(run.code, `${f}\n${run.stdout}${run.stderr}`).toBe(0);
    }
  });

  it('an altered /1 record is still named field by field', () => {
    const { record } = v1Records().find((x) => x.label.startsWith('v1-example-01'))!;
    const bad = copy(record) as { verdict: { clauses: { required: boolean }[] } };
    bad.verdict.clauses[0]!.required = false;
    const r = verifyRecord(bad, builtin());
    expect(r).toMatchObject({ ok: false, intact: false });
    expect(r.altered.map((d) => d.field)).toEqual(['verdict.clauses[0].required']);
  });

  it('a /2 record relabelled /1 does not verify, even re-sealed, nor a /1 record relabelled /2', () => {
    const rec = recordVerdict(builtin(), example, { evaluatedAt: EVALUATED });
    const down = reseal({ ...copy(rec), format: RECORD_FORMAT_V1 } as Record<string, unknown>);
    const r = verifyRecord(down, builtin());
    expect(r).toMatchObject({ ok: false, intact: true, reproduces: false });
    expect(r.differences.map((d) => d.field)).toContain('verdict.clauses[0].counts');
    expect(r.differences.map((d) => d.field)).toContain('verdict.clauses[0].required');

    const { record } = v1Records().find((x) => x.label.startsWith('v1-example-01'))!;
    const up = reseal({ ...copy(record), format: RECORD_FORMAT });
    const u = verifyRecord(up, builtin());
    expect(u).toMatchObject({ ok: false, intact: true, reproduces: false });
    expect(u.differences.map((d) => d.field)).toEqual(
      expect.arrayContaining([
        'verdict.clauses[6].trace.check',
        'verdict.clauses[6].required',
        'verdict.clauses[6].counts',
      ]),
    );

    // Relabelled without re-sealing: not intact, and the format is the field named.
    const relabelled = { ...copy(record), format: RECORD_FORMAT };
    expect(verifyRecord(relabelled, builtin())).toMatchObject({ ok: false, intact: false });
  });

  it('a format this engine does not know is named with the formats it reads', () => {
    const rec = {
      ...copy(recordVerdict(builtin(), example, { evaluatedAt: EVALUATED })),
      format: 'daoze-verdict-record/3',
    };
    const r = verifyRecord(rec, builtin());
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      'format: "daoze-verdict-record/3" is not a Daoze verdict record format (this engine reads "daoze-verdict-record/2", "daoze-verdict-record/1")',
    ]);
  });

  it(`a record of a condition nested ${MAX_CONDITION_DEPTH} levels deep is read, verified and explained`, () => {
    let cond: Condition = { fact: 'x', operator: 'equal', value: true };
    for (let i = 1; i < MAX_CONDITION_DEPTH; i++)
      cond =
        i % 3 === 0
          ? { not: cond }
          : i % 3 === 1
            ? { all: [cond] }
            : { any: [cond, { fact: 'x', operator: 'equal', value: false }] };
    const t = { zh: 'x', en: 'x' };
    const spec: EditionSpec = {
      ...editionHeader('deep-record'),
      facts: { x: { type: 'boolean', label: t, question: t } },
      groups: [
        {
          id: 'g',
          label: t,
          clauses: [
            {
              id: 'deep',
              label: t,
              text: t,
              cites: [{ source: 'src' }],
              provenance: 'seed',
              severity: 'minor',
              check: cond,
              messages: { pass: t, fail: t, indeterminate: t },
            },
          ],
        },
      ],
    };
    const registry = createRegistry([spec]);
    const rec = recordVerdict(
      registry,
      { standard: 'deep-record@1.0.0', facts: { x: true } },
      { evaluatedAt: EVALUATED },
    );
    const text = JSON.stringify(rec, null, 2);
    const parsed = parseJson(text, 'deep.json', { maxDepth: MAX_RECORD_DEPTH });
    expect(verifyRecord(parsed, registry)).toMatchObject({ ok: true, intact: true, reproduces: true });
    const x = explainVerdict(rec.verdict, { edition: compileEdition(spec), locale: 'en' });
    expect(x.clauses).toEqual([]); // it passed; explanation lists failed and undecided clauses only
    const failing = recordVerdict(registry, { standard: 'deep-record@1.0.0', facts: {} }, { evaluatedAt: EVALUATED });
    const y = explainVerdict(failing.verdict, { edition: compileEdition(spec), locale: 'en' });
    expect(y.clauses[0]!.check).toBeDefined();
  });
});
