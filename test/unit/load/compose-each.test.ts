/**
 * `include.each`: a standard that judges one object (四净三无两通一明 judges one toilet) included into a unit,
 * once per instance of a kind declared there; the facts its clauses read, keyed parameters' facts included,
 * become the kind's. test/fixtures/units-each/street-toilets.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileEdition, evaluate, loadEdition, type EditionSpec } from '../../../src/index.js';
import { composeEditions } from '../../../src/load/compose.js';

const root = join(__dirname, '..', '..', '..');
const load = (p: string) => loadEdition(readFileSync(join(root, p), 'utf8'), { file: p });
const toilet = load('standards/si-jing-san-wu-liang-tong-yi-ming/2.0.0.yaml');
const unit = load('test/fixtures/units-each/street-toilets/1.0.0.yaml');

function composed(spec: EditionSpec = unit) {
  const { editions, diagnostics } = composeEditions([{ spec: toilet }, { spec }]);
  return { flat: editions[1]!, diagnostics };
}

describe('including a one-object standard per instance', () => {
  it('makes the included clauses per toilet and their facts the kind’s, none the unit’s', () => {
    const { flat, diagnostics } = composed();
    expect(diagnostics).toEqual([]);
    expect(Object.keys(flat.facts)).toEqual([]);
    const own = Object.keys(flat.kinds!['public-toilet']!.facts);
    expect(own.length).toBeGreaterThan(3);
    const clauses = flat.groups[0]!.clauses;
    expect(clauses.every((c) => c.each === 'public-toilet' && c.origin?.standard === toilet.id)).toBe(true);
    // The keyed limits of the included standard read each toilet's own class.
    for (const p of Object.values(flat.parameters ?? {})) if (p.byFact) expect(own).toContain(p.byFact);
  });

  it('judges each toilet on its own facts, and a toilet that fails is named', () => {
    const ed = compileEdition(composed().flat);
    const toiletClauses = ed.kinds[0]!.clauses;
    // Answer every fact of one toilet from the included edition's own first passing case, the other from a failing one.
    const cases = toilet.cases ?? [];
    const passing = cases.find((c) => c.expect.outcome === 'pass')!;
    const keep = (facts: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(facts).filter(([k]) => ed.kinds[0]!.own.some((f) => f.id === k)));
    const pick = (evidence: Record<string, unknown> | undefined) =>
      Object.fromEntries(Object.entries(evidence ?? {}).filter(([k]) => ed.kinds[0]!.own.some((f) => f.id === k)));
    const good = { id: 't1', label: '东门公厕', facts: keep(passing.facts), evidence: pick(passing.evidence) };
    const v = evaluate(ed, {
      standard: 'street-toilets@1.0.0',
      facts: {},
      instances: { 'public-toilet': [good] },
    } as never);
    expect(v.clauses.map((c) => c.outcome).every((o) => o === 'pass' || o === 'not_applicable')).toBe(true);
    expect(toiletClauses.length).toBe(v.clauses.length);
    const first = toiletClauses[0]!.spec.check as { fact: string; operator: string; value: unknown };
    const bad = { ...good, id: 't2', label: '西门公厕', facts: { ...good.facts } };
    // Break the first clause's check for the second toilet: flip a boolean it reads.
    if (typeof bad.facts[first.fact] === 'boolean') bad.facts[first.fact] = !bad.facts[first.fact];
    const v2 = evaluate(ed, {
      standard: 'street-toilets@1.0.0',
      facts: {},
      instances: { 'public-toilet': [good, bad] },
    } as never);
    const r = v2.clauses.find((c) => c.clause === toiletClauses[0]!.id)!;
    expect(r.instances!.map((x) => [x.instance.id, x.outcome])).toEqual([
      ['t1', 'pass'],
      ['t2', 'fail'],
    ]);
    expect(v2.findings!.map((f) => f.instance?.label)).toContain('西门公厕');
  });

  it('refuses a kind that is not declared, and a standard already checked per object', () => {
    const noKind = { ...unit, kinds: {} };
    expect(composed(noKind).diagnostics.map((d) => [d.code, d.location?.path])).toEqual([
      ['E_REFERENCE', 'groups[0].include.each'],
    ]);
  });
});
