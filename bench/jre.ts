/**
 * The same edition's clauses as json-rules-engine rules: one rule per check and one per applicability
 * condition. Parameters become what a json-rules-engine user would write: a plain parameter is inlined as a
 * literal; a parameter keyed by an enum fact becomes a computed fact that looks the key up in the table.
 */
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { Condition, EditionSpec, Outcome } from '../src/index.js';

function toJre(c: Condition, spec: EditionSpec): unknown {
  if ('all' in c) return { all: c.all.map((x) => toJre(x, spec)) };
  if ('any' in c) return { any: c.any.map((x) => toJre(x, spec)) };
  if ('not' in c) return { not: toJre(c.not, spec) };
  const v = c.value;
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'param' in v) {
    const p = spec.parameters![v.param]!;
    if (p.byFact) return { fact: c.fact, operator: c.operator, value: { fact: `param:${v.param}` } };
    return { fact: c.fact, operator: c.operator, value: p.value };
  }
  return { fact: c.fact, operator: c.operator, value: v };
}

const root = (c: unknown): TopLevelCondition => {
  const o = c as Record<string, unknown>;
  return ('all' in o || 'any' in o || 'not' in o ? o : { all: [o] }) as TopLevelCondition;
};

/** A json-rules-engine engine for an edition, and a function that turns one run into clause outcomes. */
export function jreFor(spec: EditionSpec): { engine: Engine; run(facts: Record<string, unknown>): Promise<Outcome[]> } {
  // allowUndefinedFacts: observations have missing facts; without it json-rules-engine throws on the first one.
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const [id, p] of Object.entries(spec.parameters ?? {})) {
    if (!p.byFact) continue;
    const table = p.values ?? {};
    const key = p.byFact;
    engine.addFact(`param:${id}`, async (_params, almanac) => {
      const k = (await almanac.factValue(key).catch(() => undefined)) as string | undefined;
      return k === undefined ? undefined : table[k];
    });
  }
  const clauses = spec.groups.flatMap((g) => g.clauses);
  clauses.forEach((c, i) => {
    const rules: RuleProperties[] = [
      { name: `check:${i}`, conditions: root(toJre(c.check, spec)), event: { type: 'check', params: { i } } },
    ];
    if (c.appliesWhen)
      rules.push({
        name: `applies:${i}`,
        conditions: root(toJre(c.appliesWhen, spec)),
        event: { type: 'applies', params: { i } },
      });
    for (const r of rules) engine.addRule(r);
  });
  return {
    engine,
    async run(facts) {
      const { results } = await engine.run({ ...facts });
      const check = new Array<boolean>(clauses.length).fill(false);
      const applies = clauses.map((c) => !c.appliesWhen);
      for (const r of results) {
        const [kind, i] = String(r.name).split(':');
        if (kind === 'check') check[Number(i)] = true;
        else applies[Number(i)] = true;
      }
      // Two-valued: json-rules-engine has no "unknown", so a clause whose fact is missing passes or fails.
      return clauses.map((_, i) => (!applies[i] ? 'not_applicable' : check[i] ? 'pass' : 'fail'));
    },
  };
}
