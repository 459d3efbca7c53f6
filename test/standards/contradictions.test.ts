/**
 * One question, one answer: no two standards in force on the same day decide the same facts oppositely or hold
 * the same seed requirement to different deadlines (the rules are in ./contradictions.ts).
 */
import { describe, expect, it } from 'vitest';
import { compileEdition, loadEdition } from '../../src/index.js';
import { builtin } from '../support/helpers.js';
import { findContradictions } from './contradictions.js';

/**
 * Contradictions between published editions that a later edition has closed. Published editions never change,
 * so an old pair stays in the repository and is found for the days they were both in force; each entry names
 * the editions that resolve it. Nothing may be added here for a pair still in force.
 */
const CLOSED = [
  {
    kind: 'deadline',
    a: 'city-kpi@1.0.0#kpi-property-management-coverage-target',
    b: 'residential-compound@1.0.0#residential-property-management-in-place',
    from: '2023-01-01',
    until: '2026-11-30',
    resolvedBy: ['city-kpi@1.1.0', 'residential-compound@1.1.0'],
  },
];

const search = findContradictions(builtin().editions);

describe('contradictions between the built-in standards', () => {
  it('compares both kinds on real clause pairs', () => {
    expect(search.compared.sameFacts).toBeGreaterThan(0);
    expect(search.compared.deadline).toBeGreaterThan(0);
  });

  it('finds exactly the known, closed contradictions', () => {
    expect(search.contradictions.map(({ kind, a, b, from, until }) => ({ kind, a, b, from, until }))).toEqual(CLOSED.map(({ resolvedBy: _, ...c }) => c));
  });

  it('finds the old property-management pair: residential-compound@1.0.0 due every day, city-kpi@1.0.0 from 2025', () => {
    const c = search.contradictions.find((x) => x.b.startsWith('residential-compound@1.0.0#residential-property-management-in-place'));
    expect(c?.detail).toMatchObject({
      requirement: 'task 29: 住宅小区物业管理3年全覆盖',
      'city-kpi@1.0.0#kpi-property-management-coverage-target': 2025,
      'residential-compound@1.0.0#residential-property-management-in-place': 'every day in force',
    });
  });

  it('leaves no contradiction open on or after the day the resolving editions take effect', () => {
    const reg = builtin();
    for (const c of CLOSED) {
      for (const ref of c.resolvedBy) expect(reg.editions.find((e) => e.ref === ref)?.spec.effective.from, ref).toBe('2026-12-01');
    }
    expect(search.contradictions.filter((c) => c.until === undefined || c.until >= '2026-12-01')).toEqual([]);
  });
});

/** A small published edition for one fact and one clause. */
function edition(id: string, clause: string, extra = ''): ReturnType<typeof compileEdition> {
  return compileEdition(
    loadEdition(`
id: ${id}
version: 1.0.0
status: published
nickname: ${id}
title: { zh: ${id}, en: ${id} }
effective: { from: 2023-01-01 }
sources: [{ id: seed-plan, kind: plan, title: { zh: s, en: s } }]
parameters:
  due: { label: { zh: 期限, en: due }, value: 2025, cites: [{ source: seed-plan }] }
facts:
  managed: { type: boolean, label: { zh: 物业, en: managed }, question: { zh: 物业?, en: managed? } }
  year: { type: integer, minimum: 2000, maximum: 2100, label: { zh: 年度, en: year }, question: { zh: 年度?, en: year? } }
groups:
  - id: g
    label: { zh: g, en: g }
    clauses:
      - id: c
        label: { zh: c, en: c }
        text: { zh: ${id}, en: ${id} }
        cites: [{ source: seed-plan, task: 29, quote: 住宅小区物业管理3年全覆盖 }]
        provenance: seed
        severity: major
${extra}
        check: ${clause}
        messages:
          pass: { zh: 是, en: yes }
          fail: { zh: 否, en: no }
          indeterminate: { zh: "缺{missing}", en: "{missing}" }
          notApplicable: { zh: 不适用, en: n/a }
`),
  );
}

describe('the contradiction finder', () => {
  const managed = '{ fact: managed, operator: equal, value: true }';
  const fromDue = '        appliesWhen: { fact: year, operator: greaterThanInclusive, value: { param: due } }';

  it('finds two standards deciding the same fact oppositely', () => {
    const r = findContradictions([edition('x-a', managed), edition('x-b', '{ fact: managed, operator: equal, value: false }')]);
    expect(r.contradictions.map((c) => c.kind)).toContain('same-facts');
  });

  it('finds one requirement held to different deadlines', () => {
    const r = findContradictions([edition('x-a', managed), edition('x-b', managed, fromDue)]);
    expect(r.contradictions.map((c) => [c.kind, c.a, c.b])).toEqual([['deadline', 'x-a@1.0.0#c', 'x-b@1.0.0#c']]);
  });

  it('accepts two standards that ask the same question the same way on the same timeline', () => {
    const r = findContradictions([edition('x-a', managed, fromDue), edition('x-b', managed, fromDue)]);
    expect(r.contradictions).toEqual([]);
    expect(r.compared.deadline).toBe(1);
  });

  it('compares only the days on which both are in force', () => {
    const later = edition('x-b', managed, fromDue);
    const r = findContradictions([edition('x-a', managed), { ...later, spec: { ...later.spec, effective: { from: '2030-01-01' } } }]);
    // Days in common from 2030 on: both due, no contradiction.
    expect(r.contradictions).toEqual([]);
  });
});
