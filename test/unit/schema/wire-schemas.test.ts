/**
 * The published JSON Schemas of the wire formats (schema/observation, verdict and record .schema.json) accept
 * what the engine really writes and reads — the verdicts of every built-in edition's cases, the observations of
 * examples/, the records `daoze check --record` writes, signed or not — and each rejects a mutated example.
 * The observation envelope is held to the envelope of the per-edition schemas `daoze build` generates.
 */
import { describe, expect, it } from 'vitest';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  evaluate,
  generateKeyPair,
  observationSchema,
  recordVerdict,
  signRecord,
  type Observation,
} from '../../../src/index.js';
import observationJson from '../../../schema/observation.schema.json';
import verdictJson from '../../../schema/verdict.schema.json';
import recordJson from '../../../schema/record.schema.json';
import { builtin, runCli } from '../../support/helpers.js';

const root = join(__dirname, '..', '..', '..');
const EVALUATED = '2026-12-04T09:00:00+08:00';
const json = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
ajv.addSchema(observationJson).addSchema(verdictJson).addSchema(recordJson);
const schema = (s: { $id: string }): ValidateFunction => ajv.getSchema(s.$id)!;
const validObservation = schema(observationJson);
const validVerdict = schema(verdictJson);
const validRecord = schema(recordJson);

/** Fails with ajv's errors when `value` does not fit. */
function fits(validate: ValidateFunction, value: unknown, label: string): void {
  const ok = validate(value);
  expect(ok, `${label}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
}

const exampleObservations = (): { file: string; obs: Observation }[] =>
  readdirSync(join(root, 'examples/observations'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      file: f,
      obs: JSON.parse(readFileSync(join(root, 'examples/observations', f), 'utf8')) as Observation,
    }));

/** Every case of every built-in edition as an observation. */
const caseObservations = (): { label: string; obs: Observation }[] =>
  builtin().editions.flatMap((ed) =>
    (ed.spec.cases ?? []).map((c) => ({
      label: `${ed.ref}: ${c.name}`,
      obs: { standard: ed.ref, facts: c.facts, ...(c.evidence ? { evidence: c.evidence } : {}) } as Observation,
    })),
  );

describe('schema/observation.schema.json', () => {
  it('accepts the example observations, the recorded inspections and every case of every built-in edition', () => {
    for (const { file, obs } of exampleObservations()) fits(validObservation, obs, file);
    for (const f of readdirSync(join(root, 'examples/inspections'))) {
      readFileSync(join(root, 'examples/inspections', f), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .forEach((l, i) => fits(validObservation, JSON.parse(l), `${f}:${i + 1}`));
    }
    const cases = caseObservations();
    expect(cases.length).toBeGreaterThan(300);
    for (const { label, obs } of cases) fits(validObservation, obs, label);
  });

  it('rejects what the engine rejects in the envelope: an unknown field, a date-time without zone, an unknown evidence kind, a list as a value', () => {
    const { obs } = exampleObservations()[0]!;
    for (const mutate of [
      (o: Record<string, unknown>) => (o.inspector = 'x'),
      (o: Record<string, unknown>) => (o.observedAt = '2026-11-20T09:30:00'),
      (o: Record<string, unknown>) =>
        ((o.evidence as Record<string, { kind: string }[]>)['ammonia-mg-m3']![0]!.kind = 'audio'),
      (o: Record<string, unknown>) => ((o.facts as Record<string, unknown>)['ammonia-mg-m3'] = [1.5]),
      (o: Record<string, unknown>) => delete o.facts,
    ]) {
      const bad = json(obs) as unknown as Record<string, unknown>;
      mutate(bad);
      expect(validObservation(bad), JSON.stringify(bad).slice(0, 120)).toBe(false);
      expect(() => evaluate(builtin().get(obs.standard), bad)).toThrow();
    }
  });

  it('is the envelope of every per-edition observation schema (daoze build --schemas)', () => {
    // Local $refs resolved and descriptions left out: the two must say the same about every field but the facts.
    const plain = (x: unknown, defs: Record<string, unknown>): unknown => {
      if (Array.isArray(x)) return x.map((y) => plain(y, defs));
      if (x === null || typeof x !== 'object') return x;
      const o = x as Record<string, unknown>;
      if (typeof o.$ref === 'string' && o.$ref.startsWith('#/$defs/')) return plain(defs[o.$ref.slice(8)], defs);
      return Object.fromEntries(
        Object.entries(o)
          .filter(([k]) => k !== 'description' && k !== 'title')
          .map(([k, v]) => [k, plain(v, defs)]),
      );
    };
    const envelope = plain(observationJson, observationJson.$defs) as {
      properties: Record<string, unknown>;
      required: string[];
      $defs: Record<string, unknown>;
    };
    for (const ed of builtin().editions) {
      const s = observationSchema(ed) as { $defs: Record<string, unknown> };
      const own = plain(s, s.$defs) as typeof envelope;
      expect(own.required, ed.ref).toEqual(envelope.required);
      for (const k of ['profile', 'observedAt', 'subject', 'observer'])
        expect(own.properties[k], `${ed.ref} ${k}`).toEqual(envelope.properties[k]);
      expect(own.$defs.evidence, ed.ref).toEqual(envelope.$defs.evidence);
      // `instances` only for an edition with kinds of object (it refuses them otherwise).
      const keys = Object.keys(envelope.properties).filter((k) => k !== 'instances' || ed.kinds.length > 0);
      expect(Object.keys(own.properties).sort()).toEqual(keys.sort());
    }
  });
});

describe('schema/verdict.schema.json', () => {
  it('accepts the verdict of every case of every built-in edition, with and without traces, in both languages', () => {
    const registry = builtin();
    let n = 0;
    for (const { label, obs } of caseObservations()) {
      fits(validVerdict, json(evaluate(registry.get(obs.standard), obs, { locale: 'en' })), label);
      if (n++ % 5 === 0) {
        fits(
          validVerdict,
          json(evaluate(registry.get(obs.standard), obs, { locale: 'zh', trace: false, evaluatedAt: EVALUATED })),
          `${label} (zh, no trace)`,
        );
      }
    }
    // Under a profile, and with subject, observer and times: the example observations through the registry.
    const snow = exampleObservations().find((x) => x.file.startsWith('04-snow'))!.obs;
    const profiled = json(
      registry.evaluate({ ...snow, profile: 'example-city-snow@1.0.0' }, { evaluatedAt: EVALUATED }),
    );
    expect(profiled.profile).toBeDefined();
    fits(validVerdict, profiled, 'snow under its profile');
    for (const { file, obs } of exampleObservations())
      fits(validVerdict, json(registry.evaluate(obs, { evaluatedAt: EVALUATED })), file);
  });

  it('rejects a mutated verdict: the /1 clause shape, a trace node without its result, an unknown outcome, a missing member', () => {
    const { obs } = exampleObservations()[0]!;
    const v = json(builtin().evaluate(obs));
    fits(validVerdict, v, 'the verdict itself');
    const clause = (x: typeof v) =>
      x.clauses.find((c) => c.clause === 'no-odour')! as unknown as Record<string, unknown> & {
        trace: { check: Record<string, unknown> };
      };
    for (const mutate of [
      (x: typeof v) => {
        const c = clause(x);
        c.required = c.counts;
        delete c.counts;
      },
      (x: typeof v) => delete clause(x).trace.check.result,
      (x: typeof v) =>
        (clause(x).trace.check = (clause(x).trace.check as { all: unknown[] }).all as unknown as Record<
          string,
          unknown
        >),
      (x: typeof v) => ((x as { outcome: string }).outcome = 'passed'),
      (x: typeof v) => delete (x as Partial<typeof v>).totals,
      (x: typeof v) => ((x.clauses[0]!.citation as { clauseHash: string }).clauseHash = 'b4f5'),
    ]) {
      const bad = json(v);
      mutate(bad);
      expect(validVerdict(bad)).toBe(false);
    }
  });
});

describe('schema/record.schema.json', () => {
  it('accepts the records check --record writes, the committed example, and a signed record', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'daoze-schema-')), 'all.ndjson');
    expect(
      runCli('check', join(root, 'examples/observations'), '--record', out, '--evaluated-at', EVALUATED, '--exit-zero')
        .code,
    ).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines.length).toBe(exampleObservations().length);
    lines.forEach((l, i) => fits(validRecord, JSON.parse(l), `${out}:${i + 1}`));
    fits(
      validRecord,
      JSON.parse(readFileSync(join(root, 'examples/records/01-toilet-ammonia-high.record.json'), 'utf8')),
      'examples/records/01',
    );
    const { obs } = exampleObservations()[0]!;
    const signed = signRecord(
      recordVerdict(builtin(), obs, { evaluatedAt: EVALUATED, locale: 'en' }),
      generateKeyPair().privateKey,
    );
    fits(validRecord, json(signed), 'signed record');
    // Records of case observations of several standards, through the library.
    for (const { label, obs: o } of caseObservations().filter((_, i) => i % 10 === 0))
      fits(validRecord, json(recordVerdict(builtin(), o, { evaluatedAt: EVALUATED })), label);
  });

  it('rejects a /1 record, a mutated format, a bad hash, an unknown member and a malformed signature', () => {
    const v1 = JSON.parse(readFileSync(join(root, 'test/fixtures/records/v1-example-01.record.json'), 'utf8'));
    expect(validRecord(v1)).toBe(false);
    const { obs } = exampleObservations()[0]!;
    const rec = json(
      signRecord(recordVerdict(builtin(), obs, { evaluatedAt: EVALUATED }), generateKeyPair().privateKey),
    ) as unknown as Record<string, unknown>;
    fits(validRecord, rec, 'the record itself');
    for (const mutate of [
      (r: Record<string, unknown>) => (r.format = 'daoze-verdict-record/1'),
      (r: Record<string, unknown>) => (r.recordHash = 'sha256:XYZ'),
      (r: Record<string, unknown>) => (r.comment = 'checked by hand'),
      (r: Record<string, unknown>) => ((r.signature as Record<string, unknown>).algorithm = 'rsa'),
      (r: Record<string, unknown>) => ((r.edition as Record<string, unknown>).resolvedBy = 'guessed'),
      (r: Record<string, unknown>) => ((r.verdict as Record<string, unknown>).outcome = 'ok'),
    ]) {
      const bad = json(rec);
      mutate(bad);
      expect(validRecord(bad)).toBe(false);
    }
  });
});

describe('the wire schemas and objects in a unit', () => {
  it('accept the observation and the verdict of a unit inspected object by object, and refuse a forged finding', async () => {
    const { compileEdition, loadEdition } = await import('../../../src/index.js');
    const ed = compileEdition(
      loadEdition(readFileSync(join(root, 'test/fixtures/units/street-objects/1.0.0.yaml'), 'utf8'), {
        file: 'u.yaml',
      }),
    );
    const obs: Observation = {
      standard: 'street-objects',
      observedAt: '2026-11-20T09:30:00+08:00',
      facts: { 'street-is-main-road': true },
      instances: {
        'street-lamp': [
          {
            id: 'l3',
            label: '3号路灯',
            part: 'street-plane',
            location: { lat: 40.8, lng: 111.6, crs: 'GCJ-02' },
            facts: { 'lamp-pole-tilted': true },
          },
        ],
        manhole: [{ id: 'm1', facts: { 'cover-intact': true } }],
        'shop-frontage': [{ id: 's1', responsible: { name: '便民超市' }, facts: { 'goods-outside': true } }],
      },
    };
    fits(validObservation, obs, 'observation with instances');
    const v = json(evaluate(ed, obs, { evaluatedAt: EVALUATED }));
    expect(v.findings!.length).toBe(2);
    fits(validVerdict, v, 'verdict with findings');
    const forged = { ...v, findings: [{ ...v.findings![0]!, mustAct: { parties: ['x'], from: 'anyone' } }] };
    expect(validVerdict(forged)).toBe(false);
  });
});
