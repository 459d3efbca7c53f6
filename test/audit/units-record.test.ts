/**
 * Verdict records of a unit inspected object by object: sealed with each object's evidence in the provenance,
 * verified by re-evaluation, and an altered object's fact named by its own input hash.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRegistry, loadEdition, recordVerdict, verifyRecord, type Observation } from '../../src/index.js';

const root = join(__dirname, '..', '..');
const spec = loadEdition(readFileSync(join(root, 'test/fixtures/units/street-objects/1.0.0.yaml'), 'utf8'), {
  file: 'u.yaml',
});
const registry = createRegistry([spec]);
const observation = JSON.parse(
  readFileSync(join(root, 'test/fixtures/units/observations/street-unit.json'), 'utf8'),
) as Observation;
const sealed = () => recordVerdict(registry, observation, { evaluatedAt: '2026-11-20T10:00:00+08:00' });

describe('a record of objects in a unit', () => {
  it('carries the findings and each object’s evidence, and verifies', () => {
    const r = sealed();
    expect(r.verdict.findings!.map((f) => f.instance?.id)).toEqual(['l3', 's1']);
    expect(r.provenance.evidence).toEqual([
      { fact: 'lamp-pole-tilted', instance: { kind: 'street-lamp', id: 'l3' }, kind: 'photo', ref: 'photos/l3.jpg' },
    ]);
    expect(verifyRecord(JSON.parse(JSON.stringify(r)), registry).ok).toBe(true);
  });

  it('names the altered field of an object, not just the list', () => {
    const r = JSON.parse(JSON.stringify(sealed())) as { observation: Observation };
    r.observation.instances!['street-lamp']![1]!.facts['lamp-pole-tilted'] = false;
    const report = verifyRecord(r, registry);
    expect(report.ok).toBe(false);
    expect(report.altered.map((a) => a.field)).toEqual(['observation.instances.street-lamp[1].facts.lamp-pole-tilted']);
  });

  it('names a forged finding (who must act) as an output that does not reproduce', () => {
    const r = JSON.parse(JSON.stringify(sealed())) as { verdict: { findings: { mustAct: { parties: string[] } }[] } };
    r.verdict.findings[0]!.mustAct.parties = ['某公司'];
    const report = verifyRecord(r, registry);
    expect(report.ok).toBe(false);
    expect(report.altered.map((a) => a.field)).toEqual(['verdict.findings[0].mustAct.parties[0]']);
  });
});
