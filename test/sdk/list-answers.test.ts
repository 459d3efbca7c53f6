/** The checklist SDK on a list fact: a multi-select item, list answers recorded as the engine reads them. */
import { describe, expect, it } from 'vitest';
import { compileEdition, createBundle, evaluate, readBundle } from '../../src/index.js';
import { editionShapeIssues } from '../../src/bundle/shape.js';
import { ChecklistError, createChecklist } from '../../sdk/index.js';
import { listEdition } from '../support/list-edition.js';

const ed = compileEdition(listEdition);
const BUNDLE = JSON.parse(JSON.stringify(createBundle([ed])));
const U = { trust: 'unsigned' } as const;
const open = () => createChecklist(BUNDLE, listEdition.id, U);

describe('a list fact in a checklist', () => {
  it('is a multi-select item offering its choices', () => {
    const item = open().item('defects');
    expect(item.input).toBe('multi-select');
    expect(item.type).toBe('list');
    expect(item.choices?.map((c) => c.value)).toEqual(['cracked', 'tilted', 'missing-bolt']);
  });

  it.each([[[]], [['cracked']], [['tilted', 'missing-bolt']], [{ atLeast: ['tilted'] }], [{ atLeast: [] }]])(
    'takes the answer %j, and its verdict is evaluate’s',
    (answer) => {
      const cl = open();
      cl.answer('defects', answer);
      const want = evaluate(ed, { standard: listEdition.id, facts: { defects: answer } });
      expect(cl.verdict().clauses.map((c) => c.outcome)).toEqual(want.clauses.map((c) => c.outcome));
      expect(cl.verdict().outcome).toBe(want.outcome);
      expect(cl.observation().facts).toEqual({ defects: answer });
      expect(cl.item('defects').answered).toBe(true);
    },
  );

  it('shows the answer by its labels', () => {
    const cl = open();
    cl.answer('defects', ['cracked', 'tilted']);
    expect(cl.item('defects').display).toBe('破裂、倾斜');
  });

  it('refuses a value that is not a list answer, saying so, and leaves the session as it was', () => {
    const cl = open();
    for (const bad of ['cracked', ['cracked', 'cracked'], ['broken'], { atLeast: 'x' }]) {
      let e: unknown;
      try {
        cl.answer('defects', bad);
      } catch (x) {
        e = x;
      }
      expect(e).toBeInstanceOf(ChecklistError);
      expect((e as ChecklistError).code).toBe('E_VALUE');
      expect((e as ChecklistError).text.en).toMatch(/list of the options ticked/);
    }
    expect(cl.revision).toBe(0);
    expect(cl.item('defects').answered).toBe(false);
  });
});

describe('a bundle with a list fact', () => {
  it('reads back, and its check refuses a list operator naming no choice of the fact', () => {
    expect(readBundle(BUNDLE, U).editions).toHaveLength(1);
    const spec = JSON.parse(JSON.stringify(listEdition));
    spec.groups[0].clauses[0].check.value = 'broken';
    expect(editionShapeIssues(spec, '').map((i) => i.path)).toEqual(['.groups[0].clauses[0].check.value']);
    spec.groups[0].clauses[0].check.value = { fact: 'defects' };
    expect(editionShapeIssues(spec, '').map((i) => i.path)).toEqual(['.groups[0].clauses[0].check.value']);
    delete spec.groups[0].clauses[0].check.value;
    spec.facts.defects.choices = [];
    expect(editionShapeIssues(spec, '').map((i) => i.path)).toContain('.facts.defects.choices');
  });
});
