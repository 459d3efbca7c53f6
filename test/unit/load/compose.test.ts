/** Composition by reference: `include` brings clauses with their facts, parameters, sources, routing and origin. */
import { describe, expect, it } from 'vitest';
import { composeEditions, createRegistry, StandardError, type EditionSpec } from '../../../src/index.js';
import { editionHeader } from '../../support/edition-header.js';

const msg = {
  pass: { zh: 'p', en: 'p' },
  fail: { zh: 'f {limit}', en: 'f {limit}' },
  indeterminate: { zh: 'i', en: 'i' },
};
const base = (): EditionSpec => ({
  ...editionHeader('part', { status: 'published', source: 'seed-plan' }),
  routing: { implementing: ['市住建局'], responsible: ['各城区'] },
  parameters: { limit: { label: { zh: '限', en: 'limit' }, unit: 'cm', value: 2, cites: [{ source: 'seed-plan' }] } },
  facts: {
    'cover-present': { type: 'boolean', label: { zh: '井盖', en: 'cover' }, question: { zh: '?', en: '?' } },
    'cover-sunk-cm': { type: 'number', unit: 'cm', label: { zh: '沉', en: 'sunk' }, question: { zh: '?', en: '?' } },
    'lamp-ok': { type: 'boolean', label: { zh: '灯', en: 'lamp' }, question: { zh: '?', en: '?' } },
  },
  groups: [
    {
      id: 'wells',
      label: { zh: '检查井', en: 'wells' },
      clauses: [
        {
          id: 'cover-present',
          label: { zh: '井盖', en: 'cover' },
          text: { zh: 't', en: 't' },
          cites: [{ source: 'seed-plan', task: 4 }],
          provenance: 'seed',
          severity: 'critical',
          check: { fact: 'cover-present', operator: 'equal', value: true },
          messages: msg,
        },
        {
          id: 'cover-level',
          label: { zh: '平顺', en: 'level' },
          text: { zh: 't', en: 't' },
          cites: [{ source: 'seed-plan', task: 4 }],
          provenance: 'seed',
          severity: 'major',
          check: { fact: 'cover-sunk-cm', operator: 'lessThanInclusive', value: { param: 'limit' } },
          messages: msg,
        },
      ],
    },
    {
      id: 'lamps',
      label: { zh: '路灯', en: 'lamps' },
      clauses: [
        {
          id: 'lamp-ok',
          label: { zh: '灯', en: 'lamp' },
          text: { zh: 't', en: 't' },
          cites: [{ source: 'seed-plan', task: 2 }],
          provenance: 'seed',
          severity: 'minor',
          routing: { implementing: ['路灯所'], responsible: ['市住建局'] },
          check: { fact: 'lamp-ok', operator: 'equal', value: true },
          messages: msg,
        },
      ],
    },
  ],
});
const unit = (include: object): EditionSpec => ({
  ...editionHeader('unit', { status: 'published', source: 'seed-plan' }),
  facts: {},
  groups: [{ id: 'g', label: { zh: 'g', en: 'g' }, include } as never],
});

describe('composition', () => {
  it('includes a whole group with the facts, parameters and sources its clauses use', () => {
    const { editions, diagnostics } = composeEditions([
      { spec: base() },
      { spec: unit({ standard: 'part@1.0.0', group: 'wells' }) },
    ]);
    expect(diagnostics).toEqual([]);
    const flat = editions[1]!;
    expect(flat.groups[0]!.clauses.map((c) => c.id)).toEqual(['cover-present', 'cover-level']);
    expect(Object.keys(flat.facts).sort()).toEqual(['cover-present', 'cover-sunk-cm']); // not lamp-ok: no included clause reads it
    expect(Object.keys(flat.parameters ?? {})).toEqual(['limit']);
    expect(flat.groups[0]!.clauses[0]!.routing).toEqual(base().routing); // the home edition's routing
  });

  it('includes single clauses, keeps their own routing, and cites their home edition', () => {
    const reg = createRegistry([base(), unit({ standard: 'part@1.0.0', clauses: ['lamp-ok', 'cover-present'] })]);
    const v = reg.evaluate({ standard: 'unit@1.0.0', facts: { 'lamp-ok': false, 'cover-present': false } });
    expect(v.outcome).toBe('fail');
    const lamp = v.clauses.find((c) => c.clause === 'lamp-ok')!;
    expect(lamp.routing).toEqual({ implementing: ['路灯所'], responsible: ['市住建局'] });
    expect(lamp.citation.standard).toBe('unit');
    expect(lamp.citation.origin).toEqual({ standard: 'part', version: '1.0.0', hash: reg.get('part@1.0.0').hash });
    expect(lamp.citation.sources[0]!.task).toBe(2);
  });

  it('a change in the included edition shows up in the composite (one source of truth)', () => {
    const changed = base();
    changed.parameters!.limit!.value = 5;
    const obs = { standard: 'unit@1.0.0', facts: { 'cover-sunk-cm': 3, 'cover-present': true } };
    const before = createRegistry([base(), unit({ standard: 'part@1.0.0', group: 'wells' })]);
    const after = createRegistry([changed, unit({ standard: 'part@1.0.0', group: 'wells' })]);
    expect(before.evaluate(obs).outcome).toBe('fail');
    expect(after.evaluate(obs).outcome).toBe('pass');
    expect(before.get('unit').hash).not.toBe(after.get('unit').hash);
  });

  it.each([
    [{ standard: 'nope@1.0.0', group: 'wells' }, 'unknown edition "nope@1.0.0"'],
    [{ standard: 'part@1.0.0', group: 'nope' }, 'has no group "nope"'],
    [{ standard: 'part@1.0.0', clauses: ['nope'] }, 'no clause "nope"'],
    [{ standard: 'part@1.0.0' }, 'names a `group`, or `clauses`'],
  ])('rejects %j', (include, message) => {
    const { diagnostics } = composeEditions([{ spec: base() }, { spec: unit(include) }]);
    expect(diagnostics.map((d) => d.message).join('\n')).toContain(message);
  });

  it('rejects a fact that means something else under the same id, a cycle, and a published edition including a draft', () => {
    const u = unit({ standard: 'part@1.0.0', group: 'wells' });
    u.facts['cover-present'] = { type: 'integer', label: { zh: 'x', en: 'x' }, question: { zh: 'x', en: 'x' } };
    expect(
      composeEditions([{ spec: base() }, { spec: u }])
        .diagnostics.map((d) => d.message)
        .join(),
    ).toContain('fact "cover-present"');

    const a = unit({ standard: 'unit@1.0.0', group: 'g' });
    expect(
      composeEditions([{ spec: a }])
        .diagnostics.map((d) => d.message)
        .join(),
    ).toContain('cycle');

    const draft = { ...base(), status: 'draft' as const };
    expect(
      composeEditions([{ spec: draft }, { spec: u }])
        .diagnostics.map((d) => d.message)
        .join(),
    ).toContain('only include published');
    expect(() => createRegistry([draft, unit({ standard: 'part@1.0.0', group: 'wells' })])).toThrow(StandardError);
  });

  it('an include may give its subject its own routing and add a cite to each included clause', () => {
    const routing = { implementing: ['各城区'], responsible: ['市土储中心'] };
    const cites = [{ source: 'seed-plan', task: 36 }];
    const reg = createRegistry([
      base(),
      unit({ standard: 'part@1.0.0', clauses: ['lamp-ok', 'cover-present'], routing, cites }),
    ]);
    const v = reg.evaluate({ standard: 'unit@1.0.0', facts: { 'lamp-ok': false, 'cover-present': false } });
    for (const c of v.clauses) {
      expect(c.routing).toEqual(routing); // in place of the clause's own (lamp-ok) and the home edition's (cover-present)
      expect(c.citation.sources.map((s) => s.task)).toEqual([36, c.clause === 'lamp-ok' ? 2 : 4]);
    }
    expect(reg.get('part@1.0.0').spec.groups[1]!.clauses[0]!.routing).toEqual({
      implementing: ['路灯所'],
      responsible: ['市住建局'],
    });
  });

  it('rejects an include cite whose source the including edition does not list', () => {
    const { diagnostics } = composeEditions([
      { spec: base() },
      { spec: unit({ standard: 'part@1.0.0', group: 'wells', cites: [{ source: 'nope' }] }) },
    ]);
    expect(diagnostics.map((d) => `${d.code} ${d.location.path} ${d.message}`)).toContain(
      'E_SOURCE groups[0].include.cites[0].source unknown source "nope"',
    );
  });
});
