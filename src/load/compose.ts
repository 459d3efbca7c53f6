/**
 * Composition: a group may `include` clauses of another edition by reference. This resolves includes into a
 * flat edition (the form everything downstream compiles), bringing along the facts, parameters and sources the
 * included clauses use, and keeping each clause's own routing (unless the include gives the routing for its
 * subject) and origin. Pure: editions come in as data.
 */
import type { Diagnostic } from '../errors.js';
import type {
  ClauseSpec,
  EditionSpec,
  GroupSpec,
  KindSpec,
  ParameterSpec,
  PartSpec,
  QuantifierSpec,
  SourceDoc,
  FactSpec,
} from '../model/edition.js';
import { conditionReads } from '../model/condition.js';
import { canonicalJson, hashJson } from '../hash/index.js';
import { placeholdersOf } from '../model/template.js';
import { editionContent } from '../model/edition-content.js';
import { checkCases } from './validate.js';
import type { DocPath, ParsedText } from './yaml.js';
import { locationOf, reporter } from './report.js';

/** An edition to compose, with where it came from (for positioned errors). */
export interface ComposeInput {
  spec: EditionSpec;
  file?: string;
  locate?: ParsedText['locate'];
}

/** A composed group: its id, label and section cap as written, with its clauses (own and included). */
function groupOf(g: GroupSpec, clauses: ClauseSpec[]): GroupSpec {
  return {
    id: g.id,
    label: g.label,
    ...(g.deductionCap !== undefined ? { deductionCap: g.deductionCap } : {}),
    clauses,
  };
}

/** Facts and parameters a clause reads, from its conditions and its messages. */
function clauseReads(c: ClauseSpec): { facts: Set<string>; params: Set<string> } {
  const { facts, params } = conditionReads(c.check, conditionReads(c.appliesWhen));
  for (const m of Object.values(c.messages)) {
    for (const n of [...placeholdersOf(m.zh), ...placeholdersOf(m.en)]) {
      facts.add(n);
      params.add(n);
    }
  }
  return { facts, params };
}

/**
 * Resolves every edition's includes. Returns the flat editions (same order as given; editions without includes
 * unchanged) and every problem found: unknown editions, groups or clauses, cycles, a published edition
 * including a draft, conflicting facts, parameters or sources, duplicate clause ids, and case errors.
 */
export function composeEditions(inputs: readonly ComposeInput[]): {
  editions: EditionSpec[];
  diagnostics: Diagnostic[];
} {
  const byRef = new Map(inputs.map((i) => [`${i.spec.id}@${i.spec.version}`, i]));
  const done = new Map<string, EditionSpec>();
  const visiting = new Set<string>();
  const diagnostics: Diagnostic[] = [];

  const resolve = (input: ComposeInput): EditionSpec => {
    const spec = input.spec;
    const ref = `${spec.id}@${spec.version}`;
    const cached = done.get(ref);
    if (cached) return cached;
    const file = input.file ?? ref;
    const report = reporter({ file, locate: input.locate }, diagnostics);
    if (!spec.groups.some((g) => g.include)) {
      const own = { ...spec, groups: spec.groups.map((g) => ({ ...g, clauses: g.clauses ?? [] })) };
      done.set(ref, own);
      return own;
    }
    visiting.add(ref);
    const facts: Record<string, FactSpec> = { ...spec.facts };
    const params: Record<string, ParameterSpec> = { ...(spec.parameters ?? {}) };
    const sources: SourceDoc[] = [...spec.sources];
    // Kinds, quantifiers and parts come along with the clauses that check or read them.
    const kinds: Record<string, KindSpec> = { ...(spec.kinds ?? {}) };
    const quantifiers: Record<string, QuantifierSpec> = { ...(spec.quantifiers ?? {}) };
    const parts: PartSpec[] = [...(spec.parts ?? [])];
    const groups: GroupSpec[] = spec.groups.map((g, gi) => {
      const clauses = [...(g.clauses ?? [])];
      const inc = g.include;
      if (!inc) return groupOf(g, clauses);
      const at: DocPath = ['groups', gi, 'include'];
      const targetInput = byRef.get(inc.standard);
      if (!targetInput) {
        report('E_REFERENCE', [...at, 'standard'], `unknown edition "${inc.standard}"`, {
          value: inc.standard,
          allowed: [...byRef.keys()],
        });
        return groupOf(g, clauses);
      }
      if (visiting.has(inc.standard)) {
        report('E_REFERENCE', [...at, 'standard'], `including "${inc.standard}" makes a cycle`, {
          value: inc.standard,
        });
        return groupOf(g, clauses);
      }
      const target = resolve(targetInput);
      if (spec.status === 'published' && target.status !== 'published') {
        report(
          'E_REFERENCE',
          [...at, 'standard'],
          `a published edition can only include published editions; "${inc.standard}" is a draft`,
          { value: inc.standard },
        );
      }
      let picked: ClauseSpec[] = [];
      if (inc.group === undefined && inc.clauses === undefined) {
        report('E_SCHEMA', at, 'an include names a `group`, or `clauses`, or both');
      } else {
        let pool = target.groups.flatMap((x) => x.clauses);
        if (inc.group !== undefined) {
          const tg = target.groups.find((x) => x.id === inc.group);
          if (!tg)
            report('E_REFERENCE', [...at, 'group'], `"${inc.standard}" has no group "${inc.group}"`, {
              value: inc.group,
              allowed: target.groups.map((x) => x.id),
            });
          pool = tg?.clauses ?? [];
        }
        if (inc.clauses !== undefined) {
          inc.clauses.forEach((id, k) => {
            const c = pool.find((x) => x.id === id);
            if (!c)
              report(
                'E_REFERENCE',
                [...at, 'clauses', k],
                `no clause "${id}" in ${inc.group ? `group "${inc.group}" of ` : ''}"${inc.standard}"`,
                { value: id, allowed: pool.map((x) => x.id) },
              );
            else picked.push(c);
          });
        } else picked = pool;
      }
      const origin = { standard: target.id, version: target.version, hash: hashJson(editionContent(target)) };
      // The include's own cites name sources of this edition, not of the included one.
      inc.cites?.forEach((cite, k) => {
        if (!spec.sources.some((s) => s.id === cite.source)) {
          report('E_SOURCE', [...at, 'cites', k, 'source'], `unknown source "${cite.source}"`, {
            value: cite.source,
            allowed: spec.sources.map((s) => s.id),
          });
        }
      });
      const bringSources = (c: ClauseSpec) => {
        for (const cite of c.cites) {
          const src = target.sources.find((s) => s.id === cite.source)!;
          const mine = sources.find((s) => s.id === src.id);
          if (!mine) sources.push(src);
          else if (canonicalJson(mine) !== canonicalJson(src)) {
            report(
              'E_REFERENCE',
              at,
              `source "${src.id}" of "${inc.standard}" differs from the source of the same id here`,
              { value: src.id },
            );
          }
        }
      };
      const bring = <T>(kind: string, id: string, from: Record<string, T> | undefined, into: Record<string, T>) => {
        const item = from?.[id];
        if (item === undefined) return;
        if (into[id] !== undefined && canonicalJson(into[id]) !== canonicalJson(item)) {
          report(
            'E_REFERENCE',
            at,
            `${kind} "${id}" of "${inc.standard}" conflicts with a ${kind} of the same id here; give them the same definition or different ids`,
            { value: id },
          );
          return;
        }
        into[id] = item;
      };
      // Included per instance: the clauses run once per instance of a kind declared here, on the kind's facts.
      let perInstance: KindSpec | undefined;
      if (inc.each !== undefined) {
        perInstance = kinds[inc.each];
        if (!perInstance)
          report('E_REFERENCE', [...at, 'each'], `unknown kind "${inc.each}"; declare it under \`kinds\` (facts: {})`, {
            value: inc.each,
            allowed: Object.keys(kinds),
          });
        else if (picked.some((c) => c.each !== undefined))
          report('E_REFERENCE', [...at, 'each'], `"${inc.standard}" already checks these clauses per object`, {
            value: inc.each,
          });
        else kinds[inc.each] = perInstance = { ...perInstance, facts: { ...perInstance.facts } };
      }
      for (const c of picked) {
        const routing = inc.routing ?? c.routing ?? target.routing;
        clauses.push({
          ...c,
          ...(inc.cites ? { cites: [...inc.cites, ...c.cites] } : {}),
          ...(routing ? { routing } : {}),
          origin: c.origin ?? origin,
          ...(perInstance && inc.each !== undefined ? { each: inc.each } : {}),
        });
        const reads = clauseReads(c);
        if (perInstance) {
          // Every fact the clause reads is asked of each instance; parameters stay the edition's.
          for (const f of reads.facts) bring('fact', f, target.facts, perInstance.facts);
          for (const p of reads.params) {
            bring('parameter', p, target.parameters, params);
            const by = target.parameters?.[p]?.byFact;
            if (by) bring('fact', by, target.facts, perInstance.facts);
          }
          bringSources(c);
          continue;
        }
        for (const f of reads.facts) bring('fact', f, target.facts, facts);
        const needKinds = new Set<string>(c.each !== undefined ? [c.each] : []);
        for (const f of reads.facts) {
          const q = target.quantifiers?.[f];
          if (!q) continue;
          bring('quantifier', f, target.quantifiers, quantifiers);
          needKinds.add(q.kind);
          const where = conditionReads(q.where);
          for (const w of where.facts) bring('fact', w, target.facts, facts);
          for (const w of where.params) bring('parameter', w, target.parameters, params);
          if (typeof q.quantifier === 'object' && 'share' in q.quantifier && typeof q.quantifier.share === 'object')
            bring('parameter', q.quantifier.share.param, target.parameters, params);
        }
        for (const k of needKinds) {
          bring('kind', k, target.kinds, kinds);
          for (const pid of target.kinds?.[k]?.parts ?? []) {
            const part = target.parts?.find((x) => x.id === pid);
            if (part && !parts.some((x) => x.id === pid)) parts.push(part);
          }
        }
        for (const p of reads.params) {
          bring('parameter', p, target.parameters, params);
          const by = target.parameters?.[p]?.byFact;
          if (by) bring('fact', by, target.facts, facts);
        }
        bringSources(c);
      }
      return groupOf(g, clauses);
    });
    visiting.delete(ref);
    const seen = new Set<string>();
    groups.forEach((g, gi) =>
      g.clauses.forEach((c) => {
        if (seen.has(c.id))
          report('E_DUPLICATE_ID', ['groups', gi], `clause id "${c.id}" appears twice after composition`, {
            value: c.id,
          });
        seen.add(c.id);
      }),
    );
    for (const id of Object.keys(params)) {
      if (facts[id])
        report('E_DUPLICATE_ID', ['parameters'], `parameter "${id}" has the same id as a fact after composition`, {
          value: id,
        });
    }
    const flat: EditionSpec = { ...spec, sources, facts, groups };
    if (Object.keys(kinds).length) flat.kinds = kinds;
    if (Object.keys(quantifiers).length) flat.quantifiers = quantifiers;
    if (parts.length) flat.parts = parts;
    if (Object.keys(params).length) flat.parameters = params;
    done.set(ref, flat);
    return flat;
  };

  const editions = inputs.map((i) => {
    const flat = resolve(i);
    if (flat.groups.every((g) => g.clauses.length === 0)) {
      diagnostics.push({
        code: 'E_SCHEMA',
        message: 'the edition has no clauses',
        location: locationOf({ file: i.file ?? `${i.spec.id}@${i.spec.version}`, locate: i.locate }, ['groups']),
      });
    }
    diagnostics.push(
      ...checkCases(flat, { file: i.file ?? `${i.spec.id}@${i.spec.version}`, locate: i.locate ?? (() => undefined) }),
    );
    return flat;
  });
  return { editions, diagnostics };
}
