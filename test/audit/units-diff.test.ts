/**
 * `daoze diff` and `diff --replay` on editions with kinds of object: a clause moved between the unit and its
 * objects is breaking, kinds added or removed are named, and a replay says which findings appear or go away.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compileEdition,
  diffEditions,
  loadEdition,
  replay,
  type EditionSpec,
  type Observation,
} from '../../src/index.js';

const root = join(__dirname, '..', '..');
const base = loadEdition(readFileSync(join(root, 'test/fixtures/units/street-objects/1.0.0.yaml'), 'utf8'), {
  file: 'u.yaml',
});
const observation = JSON.parse(
  readFileSync(join(root, 'test/fixtures/units/observations/street-unit.json'), 'utf8'),
) as Observation;

/** A next edition: frontage duties dropped (kind and clause), and tilted poles tolerated on side streets only. */
const next: EditionSpec = {
  ...base,
  version: '2.0.0',
  kinds: { 'street-lamp': base.kinds!['street-lamp']!, manhole: base.kinds!.manhole! },
  groups: base.groups
    .filter((g) => g.id !== 'frontage')
    .map((g) =>
      g.id !== 'lamps'
        ? g
        : {
            ...g,
            clauses: g.clauses.map((c) =>
              c.id === 'lamp-pole-upright'
                ? { ...c, appliesWhen: { fact: 'street-is-main-road', operator: 'equal', value: false } }
                : c,
            ),
          },
    ),
};

describe('diff and replay of objects', () => {
  it('names a removed kind, and a clause moved to the unit as breaking', () => {
    const moved: EditionSpec = {
      ...base,
      version: '1.1.0',
      groups: base.groups.map((g) => ({
        ...g,
        clauses: g.clauses.map((c) =>
          c.id === 'no-goods-outside'
            ? { ...c, each: undefined, check: { fact: 'street-is-main-road', operator: 'equal', value: true } }
            : c,
        ),
      })),
    };
    const kinds = diffEditions(base, next).changes.filter((c) => c.kind.startsWith('kind'));
    expect(kinds.map((c) => [c.kind, c.subject, c.impact])).toEqual([['kind-removed', 'shop-frontage', 'breaking']]);
    const scope = diffEditions(base, moved).changes.find((c) => c.kind === 'scope-changed')!;
    expect(scope).toMatchObject({ clause: 'no-goods-outside', impact: 'breaking', from: 'shop-frontage' });
    expect(diffEditions(base, moved).requiredBump).toBe('major');
  });

  it('replays an inspection and says which findings go away, object by object', () => {
    const r = replay(compileEdition(base), compileEdition(next), [observation], { locale: 'zh' });
    expect(r.total).toBe(1);
    const c = r.changes[0]!;
    expect(c.dropped).toEqual(['instances.shop-frontage']);
    expect(c.findings).toEqual([
      { clause: 'lamp-pole-upright', instance: 'l3', label: '3号路灯', change: 'resolved' },
      { clause: 'no-goods-outside', instance: 's1', label: '便民超市', change: 'resolved' },
    ]);
  });
});
