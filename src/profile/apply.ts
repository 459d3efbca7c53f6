/**
 * City profiles: a profile extends one edition, sets its parameters, replaces (typically provisional) clauses
 * with the city's own definition, adds or disables clauses, or makes optional clauses count. Applying a profile
 * gives a derived edition that compiles like any other; the verdict names the profile and cites the base.
 */
import type { Diagnostic } from '../errors.js';
import {
  type ClauseSpec,
  type EditionSpec,
  type FactSpec,
  type ParameterSpec,
  type ProfileSpec,
} from '../model/edition.js';
import { checkCases, checkClause, checkFact, literalFitsValue, reservedTableKey } from '../load/validate.js';
import type { DocPath, ParsedText } from '../load/yaml.js';
import { reporter } from '../load/report.js';
import { compileEdition, type CompiledEdition } from '../compile/compile.js';
import { editionContent } from '../model/edition-content.js';
import { hashJson } from '../hash/index.js';

/** The result of applying a profile: the derived edition, or the problems that prevent it. */
export interface ProfileApplication {
  spec?: EditionSpec;
  diagnostics: Diagnostic[];
}

/** The content hash of a profile (everything but its cases). */
export function profileHash(p: ProfileSpec): string {
  const { cases: _cases, ...content } = p;
  return hashJson(content);
}

/**
 * Applies a profile to its (composed) base edition. Every reference the profile makes — parameters, clauses,
 * groups, facts, sources — must exist in the base (or the profile); otherwise a positioned diagnostic.
 */
export function applyProfile(
  base: EditionSpec,
  profile: ProfileSpec,
  where: Partial<Pick<ParsedText, 'file' | 'locate'>> = {},
): ProfileApplication {
  const file = where.file ?? `${profile.id}@${profile.version}`;
  const diagnostics: Diagnostic[] = [];
  const report = reporter({ file, locate: where.locate }, diagnostics);
  const baseRef = `${base.id}@${base.version}`;
  if (profile.extends !== baseRef)
    report('E_REFERENCE', ['extends'], `profile extends "${profile.extends}", not ${baseRef}`, {
      value: profile.extends,
      allowed: [baseRef],
    });

  // Parameters: only the base's, with values of the same shape.
  const parameters: Record<string, ParameterSpec> = { ...(base.parameters ?? {}) };
  for (const [id, set] of Object.entries(profile.parameters ?? {})) {
    const path: DocPath = ['parameters', id];
    // Own keys only: a parameter named `constructor` must not find Object.prototype's.
    const p = Object.hasOwn(parameters, id) ? parameters[id] : undefined;
    if (!p) {
      report(
        'E_UNKNOWN_PARAM',
        path,
        `the base ${baseRef} has no parameter "${id}"`,
        { value: id, allowed: Object.keys(parameters) },
        true,
      );
      continue;
    }
    const keyed = p.byFact !== undefined;
    if (
      (set.value !== undefined) === (set.values !== undefined) ||
      (keyed ? set.values === undefined : set.value === undefined)
    ) {
      report(
        'E_SCHEMA',
        path,
        keyed
          ? `parameter "${id}" is keyed by "${p.byFact}": set \`values\``
          : `parameter "${id}" is a single value: set \`value\``,
        {},
        true,
      );
      continue;
    }
    const sample = p.value ?? Object.values(p.values ?? {})[0];
    const fits = (v: unknown) => literalFitsValue(sample, v);
    if (keyed) {
      for (const [k, v] of Object.entries(set.values!)) {
        if (reservedTableKey(k, [...path, 'values', k], report)) continue;
        if (!Object.hasOwn(p.values ?? {}, k))
          report(
            'E_SCHEMA',
            [...path, 'values', k],
            `"${k}" is not a choice of fact "${p.byFact}"`,
            { value: k, allowed: Object.keys(p.values ?? {}) },
            true,
          );
        else if (!fits(v))
          report('E_SCHEMA', [...path, 'values', k], `value must be a ${typeof sample} like the base's`, { value: v });
      }
      parameters[id] = {
        ...p,
        values: { ...p.values, ...set.values },
        cites: [...set.cites, ...p.cites],
        ...(set.note ? { note: set.note } : {}),
      };
    } else {
      if (!fits(set.value))
        report('E_SCHEMA', [...path, 'value'], `value must be a ${typeof sample} like the base's`, {
          value: set.value,
        });
      parameters[id] = {
        ...p,
        value: set.value!,
        cites: [...set.cites, ...p.cites],
        ...(set.note ? { note: set.note } : {}),
      };
    }
  }

  // Facts: the profile's own must not redefine the base's.
  const facts: Record<string, FactSpec> = { ...base.facts };
  for (const [id, f] of Object.entries(profile.facts ?? {})) {
    if (Object.hasOwn(facts, id))
      report('E_DUPLICATE_ID', ['facts', id], `the base already has a fact "${id}"`, { value: id }, true);
    else if (Object.hasOwn(parameters, id))
      report('E_DUPLICATE_ID', ['facts', id], `the base has a parameter "${id}"`, { value: id }, true);
    else {
      checkFact(id, f, report);
      facts[id] = f;
    }
  }
  const sources = [...base.sources];
  profile.sources.forEach((s, i) => {
    if (sources.some((x) => x.id === s.id))
      report('E_DUPLICATE_ID', ['sources', i, 'id'], `the base already has a source "${s.id}"`, { value: s.id });
    else sources.push(s);
  });
  const ctx = {
    facts: new Map(Object.entries(facts)),
    params: new Map(Object.entries(parameters)),
    sourceIds: new Set(sources.map((s) => s.id)),
    report,
  };

  const allClauses = new Map(base.groups.flatMap((g) => g.clauses.map((c) => [c.id, c] as const)));
  const ops = profile.clauses ?? {};
  const disabled = new Set<string>();
  (ops.disable ?? []).forEach((d, i) => {
    if (!allClauses.has(d.id))
      report('E_REFERENCE', ['clauses', 'disable', i, 'id'], `the base has no clause "${d.id}"`, {
        value: d.id,
        allowed: [...allClauses.keys()],
      });
    disabled.add(d.id);
  });
  const required = new Set<string>();
  (ops.require ?? []).forEach((id, i) => {
    const c = allClauses.get(id);
    if (!c)
      report('E_REFERENCE', ['clauses', 'require', i], `the base has no clause "${id}"`, {
        value: id,
        allowed: [...allClauses.keys()],
      });
    else if (!c.optional)
      report(
        'E_REFERENCE',
        ['clauses', 'require', i],
        `clause "${id}" already counts; only optional clauses can be required`,
        { value: id },
      );
    required.add(id);
  });
  const replaced = new Map<string, ClauseSpec>();
  (ops.replace ?? []).forEach((c, i) => {
    const path: DocPath = ['clauses', 'replace', i];
    if (!allClauses.has(c.id))
      report('E_REFERENCE', [...path, 'id'], `the base has no clause "${c.id}" to replace`, {
        value: c.id,
        allowed: [...allClauses.keys()],
      });
    checkClause(c, path, ctx);
    replaced.set(c.id, c);
  });
  const added = new Map<string, ClauseSpec[]>();
  (ops.add ?? []).forEach((a, i) => {
    const path: DocPath = ['clauses', 'add', i];
    if (!base.groups.some((g) => g.id === a.group))
      report('E_REFERENCE', [...path, 'group'], `the base has no group "${a.group}"`, {
        value: a.group,
        allowed: base.groups.map((g) => g.id),
      });
    if (allClauses.has(a.clause.id))
      report(
        'E_DUPLICATE_ID',
        [...path, 'clause', 'id'],
        `the base already has a clause "${a.clause.id}"; use replace`,
        { value: a.clause.id },
      );
    checkClause(a.clause, [...path, 'clause'], ctx);
    added.set(a.group, [...(added.get(a.group) ?? []), a.clause]);
  });

  const groups = base.groups.map((g) => ({
    ...g,
    clauses: [
      ...g.clauses
        .filter((c) => !disabled.has(c.id))
        .map((c) => replaced.get(c.id) ?? c)
        .map((c) => (required.has(c.id) ? { ...c, optional: false } : c)),
      ...(added.get(g.id) ?? []),
    ],
  }));
  const spec: EditionSpec = {
    ...base,
    sources,
    facts,
    groups,
    ...(Object.keys(parameters).length ? { parameters } : {}),
    cases: profile.cases ?? [],
  };
  diagnostics.push(...checkCases(spec, { file, locate: where.locate ?? (() => undefined) }));
  return diagnostics.length ? { diagnostics } : { spec, diagnostics };
}

/**
 * Compiles a base edition under a profile; the compiled edition keeps the base's identity and hash and records the
 * profile. `baseHash` is the base's content hash when the caller has it (a registry has compiled the base).
 */
export function compileWithProfile(
  base: EditionSpec,
  profile: ProfileSpec,
  derived: EditionSpec,
  baseHash: string = hashJson(editionContent(base)),
): CompiledEdition {
  return compileEdition(derived, {
    profile: { id: profile.id, version: profile.version, hash: profileHash(profile) },
    editionHash: baseHash,
  });
}
