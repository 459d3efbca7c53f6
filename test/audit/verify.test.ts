/** Verdict records: sealing, and verification that accepts every record the engine makes and names any alteration. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compileEdition,
  createRecord,
  evaluate,
  recordVerdict,
  RecordError,
  sha256Text,
  verifyRecord,
  createRegistry,
  type VerdictRecord,
} from '../../src/index.js';
import { formatJsonPath, jsonPathAt } from '../../src/audit/index.js';
import { builtin } from '../support/helpers.js';
import { altered, evaluatorOf, getAt, leafPaths, recordInputs, setAt } from './helpers.js';

const root = join(__dirname, '..', '..');
const example = JSON.parse(readFileSync(join(root, 'examples/observations/01-toilet-ammonia-high.json'), 'utf8'));
const EVALUATED = '2026-11-20T10:00:00+08:00';
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('verdict records', () => {
  const rec = recordVerdict(builtin(), example, { evaluatedAt: EVALUATED });

  it('carry the engine, the edition and its hash, the observation, its hash and provenance, and the evaluation time', () => {
    const ed = builtin().get('si-jing-san-wu-liang-tong-yi-ming@1.0.0');
    expect(rec.edition).toMatchObject({
      ref: ed.ref,
      hash: ed.hash,
      requested: example.standard,
      resolvedBy: 'pinned',
    });
    expect(rec.engine.name).toBe('daoze');
    expect(rec.evaluatedAt).toBe(EVALUATED);
    expect(rec.verdict.evaluatedAt).toBe(EVALUATED);
    expect(rec.observation).toEqual(example);
    expect(rec.provenance.observer).toEqual(example.observer);
    expect(rec.provenance.subject).toEqual(example.subject);
    expect(rec.provenance.evidence).toContainEqual({ fact: 'ammonia-mg-m3', ...example.evidence['ammonia-mg-m3'][0] });
    expect(rec.clauses.map((c) => c.clause)).toEqual(ed.clauses.map((c) => c.id));
  });

  it('hash each clause text as printed, so that anyone can check it with sha256sum', () => {
    const ed = builtin().get('si-jing-san-wu-liang-tong-yi-ming@1.0.0');
    for (const seal of rec.clauses) {
      const text = ed.clauseById.get(seal.clause)!.spec.text;
      expect(seal.textHash).toEqual({ zh: sha256Text(text.zh), en: sha256Text(text.en) });
      expect(seal.clauseHash).toBe(ed.clauseById.get(seal.clause)!.hash);
    }
  });

  it('say how the edition was chosen: pinned, in force on the day of observedAt, or latest', () => {
    const bare = { ...example, standard: 'si-jing-san-wu-liang-tong-yi-ming' };
    expect(recordVerdict(builtin(), bare, { evaluatedAt: EVALUATED }).edition).toMatchObject({
      resolvedBy: 'in-force',
      inForceOn: '2026-11-20',
      version: '1.0.0',
    });
    // 2.0.0 (published, superseding 1.0.0 from 2026-12-01) no longer has 1.0.0's fly count and odour grade.
    const { 'adult-fly-count': _f, 'odour-grade': _g, ...commonFacts } = example.facts as Record<string, unknown>;
    const common = { ...bare, facts: commonFacts };
    const { observedAt: _o, ...undated } = common;
    expect(recordVerdict(builtin(), undated, { evaluatedAt: EVALUATED }).edition).toMatchObject({
      resolvedBy: 'latest',
      version: '2.0.0',
    });
    const december = { ...common, observedAt: '2026-12-01T09:30:00+08:00' };
    expect(recordVerdict(builtin(), december, { evaluatedAt: EVALUATED }).edition).toMatchObject({
      resolvedBy: 'in-force',
      inForceOn: '2026-12-01',
      version: '2.0.0',
    });
  });

  it('need the evaluation time as an input and the traces', () => {
    expect(() => recordVerdict(builtin(), example, { evaluatedAt: 'yesterday' })).toThrow(RecordError);
    const v = builtin().evaluate(example, { evaluatedAt: EVALUATED, trace: false });
    expect(() => createRecord(example, v)).toThrow(/trace/);
    expect(() => createRecord(example, builtin().evaluate(example))).toThrow(/evaluation time/);
  });

  it('the committed example record still verifies (records made earlier keep reproducing)', () => {
    const committed = JSON.parse(
      readFileSync(join(root, 'examples/records/01-toilet-ammonia-high.record.json'), 'utf8'),
    );
    const r = verifyRecord(committed, builtin());
    expect(r.problems.filter((p) => !p.startsWith('recorded with daoze'))).toEqual([]);
    expect(r).toMatchObject({ ok: true, intact: true, reproduces: true, altered: [] });
  });
});

describe('verify', () => {
  const rec = recordVerdict(builtin(), example, { evaluatedAt: EVALUATED });

  it('names an altered fact, with the hash it no longer matches', () => {
    const bad = copy(rec);
    bad.observation.facts['ammonia-mg-m3'] = 0.9;
    const r = verifyRecord(bad, builtin());
    expect(r).toMatchObject({ ok: false, intact: false, reproduces: false });
    expect(r.altered.map((d) => d.field)).toEqual(['observation.facts.ammonia-mg-m3']);
    expect(r.altered[0]!.hashField).toBe('inputHashes["observation.facts.ammonia-mg-m3"]');
    // The consequences show what the verdict was made with.
    expect(r.differences.find((d) => d.field === 'verdict.clauses[6].trace.check.all[1].observed')).toMatchObject({
      recorded: 1.5,
      expected: 0.9,
    });
  });

  it('names an altered output field, and an altered record hash', () => {
    const bad = copy(rec);
    bad.verdict.clauses[0]!.outcome = 'fail';
    expect(verifyRecord(bad, builtin()).altered.map((d) => d.field)).toEqual(['verdict.clauses[0].outcome']);
    const seal = copy(rec);
    seal.recordHash = `sha256:${'0'.repeat(64)}`;
    const r = verifyRecord(seal, builtin());
    expect(r).toMatchObject({ ok: false, intact: false, reproduces: true });
    expect(r.altered.map((d) => d.field)).toEqual(['recordHash']);
  });

  it('tells an intact record whose edition changed since from an altered record', () => {
    const specs = builtin().editions.map((e) => e.spec);
    const changed = specs.map((s) =>
      s.id === 'si-jing-san-wu-liang-tong-yi-ming' && s.version === '1.0.0'
        ? {
            ...s,
            parameters: {
              ...s.parameters,
              'ammonia-limit': {
                ...s.parameters!['ammonia-limit']!,
                values: { 'class-1': 0.3, 'class-2': 2, 'class-3': 3 },
              },
            },
          }
        : s,
    );
    const r = verifyRecord(copy(rec), createRegistry(changed));
    expect(r).toMatchObject({ ok: false, intact: true, reproduces: false, altered: [] });
    expect(r.problems.join('\n')).toMatch(
      /si-jing-san-wu-liang-tong-yi-ming@1.0.0 here has content hash sha256:\w+, but the record was made under sha256:/,
    );
    expect(r.differences.map((d) => d.field)).toContain('verdict.clauses[6].outcome');
  });

  it('with the original observation, catches a record that was altered and then re-sealed', () => {
    const forged = recordVerdict(
      builtin(),
      { ...example, facts: { ...example.facts, 'water-supply-ok': true } },
      { evaluatedAt: EVALUATED },
    );
    expect(verifyRecord(forged, builtin()).ok).toBe(true); // consistent in itself: only an outside copy can tell
    const r = verifyRecord(forged, builtin(), { observation: example });
    expect(r).toMatchObject({ ok: false, observationMatches: false });
    expect(r.altered.map((d) => d.field)).toEqual(['observation.facts.water-supply-ok']);
    expect(verifyRecord(rec, builtin(), { observation: example })).toMatchObject({
      ok: true,
      observationMatches: true,
    });
  });

  it('reports what is not a record without throwing', () => {
    for (const junk of [null, 42, 'x', [], {}, { format: 'other' }]) {
      const r = verifyRecord(junk, builtin());
      expect(r.ok).toBe(false);
      expect(r.problems.length).toBeGreaterThan(0);
    }
  });

  it('accepts every record the engine produces', () => {
    fc.assert(
      fc.property(recordInputs, ({ spec, observation, evaluatedAt, locale }) => {
        const ev = evaluatorOf(compileEdition(spec));
        const record = recordVerdict(ev, observation, { evaluatedAt, locale });
        const r = verifyRecord(JSON.parse(JSON.stringify(record)), ev);
        expect(r.differences).toEqual([]);
        expect(r).toMatchObject({ ok: true, intact: true, reproduces: true, altered: [] });
      }),
      { numRuns: 150 },
    );
  });

  it('rejects every single-field alteration and names the field', () => {
    fc.assert(
      fc.property(recordInputs, fc.nat(), fc.nat(), ({ spec, observation, evaluatedAt, locale }, pick, seed) => {
        const ev = evaluatorOf(compileEdition(spec));
        const record = JSON.parse(
          JSON.stringify(recordVerdict(ev, observation, { evaluatedAt, locale })),
        ) as VerdictRecord;
        const paths = leafPaths(record);
        const path = paths[pick % paths.length]!;
        const bad = copy(record);
        setAt(bad, path, altered(getAt(record, path), seed));
        const r = verifyRecord(bad, ev);
        expect(r.ok).toBe(false);
        const named = r.altered.some(
          (d) =>
            d.hashField === formatJsonPath(path) ||
            d.path.every((s, i) => s === path[i]) ||
            path.every((s, i) => s === d.path[i]),
        );
        expect(named, `${formatJsonPath(path)} altered; named ${r.altered.map((d) => d.field).join(', ')}`).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('detects a one-character change anywhere in a record file, and names where it is', () => {
    const text = JSON.stringify(rec);
    fc.assert(
      fc.property(
        fc.nat({ max: text.length - 1 }),
        fc.constantFrom('0', '1', 'a', '"', ',', '}', ' ', '9'),
        (at, ch) => {
          if (text[at] === ch) return;
          const changed = text.slice(0, at) + ch + text.slice(at + 1);
          let data: unknown;
          try {
            data = JSON.parse(changed);
          } catch {
            // Broken JSON is detected by any reader; the CLI names the field it broke in: a field of the original,
            // or a new member of one (a `]` turned into `0` opens an element).
            const path = jsonPathAt(changed, at);
            expect(getAt(rec, path) ?? getAt(rec, path.slice(0, -1))).toBeDefined();
            return;
          }
          const r = verifyRecord(data, builtin());
          expect(r.ok).toBe(false);
          expect(r.altered.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('verifies the same record whatever the key order (canonical hashes)', () => {
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reversed(x)]),
            )
          : v;
    expect(verifyRecord(reversed(rec), builtin()).ok).toBe(true);
  });

  it('re-evaluation uses the engine, not the stored verdict (a record evaluated by hand does not pass)', () => {
    const ed = builtin().get('si-jing-san-wu-liang-tong-yi-ming@1.0.0');
    const v = evaluate(ed, example, { evaluatedAt: EVALUATED });
    v.clauses[6]!.outcome = 'pass';
    v.outcome = 'fail';
    const fake = createRecord(example, v);
    const r = verifyRecord(fake, builtin());
    expect(r).toMatchObject({ ok: false, intact: true, reproduces: false });
    expect(r.differences.map((d) => d.field)).toContain('verdict.clauses[6].outcome');
  });
});
