/**
 * The U型空间 street unit (`u-unit-street`) composes task standards by reference. These tests check what the
 * issue's "done when" asks of it — a missing manhole cover fails, citing task 4, routed to its implementing
 * unit — and that every included clause reaches the unit unchanged, with its own citation and routing.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from '../../src/index.js';
import { builtin } from '../support/helpers.js';

const unit = () => builtin().get('u-unit-street@1.0.0');
const example = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'observations', '04-u-unit-missing-manhole-cover.json'), 'utf8'));

describe('u-unit-street', () => {
  it('fails a unit whose manhole cover is missing on that clause alone, citing task 4 and routing to 市住房城乡建设局', () => {
    const v = evaluate(unit(), example, { locale: 'zh' });
    expect(v.outcome).toBe('fail');
    expect(v.clauses.filter((c) => c.outcome === 'fail').map((c) => c.clause)).toEqual(['manhole-covers-not-missing']);
    const c = v.clauses.find((x) => x.clause === 'manhole-covers-not-missing')!;
    expect(c.citation.sources).toContainEqual(expect.objectContaining({ id: 'seed-plan', section: '四(一)4', task: 4 }));
    expect(c.citation.origin).toMatchObject({ standard: 'municipal-facilities', version: '1.0.0' });
    expect(c.routing?.implementing).toEqual(['市住房城乡建设局']);
    expect(c.message).toBe('井盖缺失(要求无缺失)。');
  });

  it('brings every included clause unchanged: same outcome, message, citation and routing as in its own standard', () => {
    const u = unit();
    const ev = evaluate(u, example, { locale: 'zh', trace: false });
    expect(ev.clauses.length).toBe(u.clauses.length);
    for (const r of ev.clauses) {
      const origin = r.citation.origin;
      expect(origin, `${r.clause} has no origin`).toBeDefined();
      const part = builtin().get(`${origin!.standard}@${origin!.version}`);
      // The same observation, cut down to the facts the component standard knows.
      const known = new Set(part.facts.map((f) => f.id));
      const pick = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([k]) => known.has(k)));
      const obs = { standard: part.ref, facts: pick(example.facts), evidence: pick(example.evidence) };
      const own = evaluate(part, obs, { locale: 'zh', trace: false }).clauses.find((x) => x.clause === r.clause);
      expect(own, `${r.clause} is not in ${part.ref}`).toBeDefined();
      const { standard: _s, version: _v, editionHash: _e, clauseHash: _c, group: _g, origin: _o, ...mine } = r.citation;
      const { standard: _s2, version: _v2, editionHash: _e2, clauseHash: _c2, group: _g2, origin: _o2, ...theirs } = own!.citation;
      expect(mine, r.clause).toEqual(theirs);
      expect(r.outcome, r.clause).toBe(own!.outcome);
      expect(r.message, r.clause).toBe(own!.message);
      expect(r.routing, r.clause).toEqual(own!.routing);
      expect(r.routing?.implementing.length, `${r.clause} has no implementing unit to route to`).toBeGreaterThan(0);
    }
  });

  it('asks a fact shared by task 23 and 门前三包 once, and fails both clauses with their different routing', () => {
    const u = unit();
    const v = evaluate(u, { standard: u.ref, facts: { 'sundries-piled-outside-along-street': true } }, { locale: 'zh', trace: false });
    const t23 = v.clauses.find((c) => c.clause === 'no-sundries-piled-along-street')!;
    const mqsb = v.clauses.find((c) => c.clause === 'frontage-no-piled-sundries')!;
    expect([t23.outcome, mqsb.outcome]).toEqual(['fail', 'fail']);
    expect(t23.routing).toEqual({ implementing: ['各城区人民政府(管委会)', '市住房城乡建设局'], responsible: ['市公安局'] });
    expect(mqsb.routing).toEqual({ implementing: ['各城区人民政府(管委会)'], responsible: ['各城区人民政府(管委会)'] });
    expect(u.facts.filter((f) => f.id === 'sundries-piled-outside-along-street')).toHaveLength(1);
  });
});
