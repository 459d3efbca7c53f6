/** A set of compiled editions (and city profiles over them), looked up by `id` or `id@version`. */
import { NotFoundError, ObservationError, StandardError } from './errors.js';
import { composeEditions } from './load/compose.js';
import { compileEdition, type CompiledEdition } from './compile/compile.js';
import type { EditionSpec, ProfileSpec } from './model/edition.js';
import { compareSemver } from './model/semver.js';
import { evaluate, type EvaluateOptions } from './evaluate/evaluate.js';
import type { Observation } from './evaluate/observation.js';
import type { Verdict } from './result/types.js';
import { applyProfile, compileWithProfile } from './profile/apply.js';
import type { ParsedText } from './load/yaml.js';

/** A profile to register, with where it came from (for positioned errors). */
export interface ProfileInput {
  spec: ProfileSpec;
  file?: string;
  locate?: ParsedText['locate'];
}

/** Compiled editions of several standards, and the profiles that adapt them. */
export interface Registry {
  /** Every edition, ordered by id, then version. */
  readonly editions: readonly CompiledEdition[];
  /** Every profile, compiled over its base, ordered by id, then version. */
  readonly profiles: readonly { readonly spec: ProfileSpec; readonly edition: CompiledEdition }[];
  /** The edition for `id@version`, or for a bare `id` the highest published version (else the highest draft). */
  get(ref: string): CompiledEdition;
  /** Whether `ref` resolves. */
  has(ref: string): boolean;
  /** The base edition compiled under a profile (`profile-id@version` or a bare id for its highest version). */
  profile(ref: string): CompiledEdition;
  /**
   * Resolves the observation's `standard` (and `profile`, or `options.profile`) and evaluates it.
   * Throws ObservationError when the observation names an unknown standard or a profile of another standard.
   */
  evaluate(observation: Observation | unknown, options?: EvaluateOptions & { profile?: string }): Verdict;
}

function pick<T extends { id: string; version: string }>(all: readonly T[], ref: string, published: (t: T) => boolean): T | undefined {
  if (ref.includes('@')) return all.find((e) => `${e.id}@${e.version}` === ref);
  const same = all.filter((e) => e.id === ref);
  const pub = same.filter(published);
  return (pub.length ? pub : same).at(-1);
}

/**
 * Builds a registry from validated edition specs (and profiles): resolves includes between editions, applies
 * each profile to its base, checks every case, and compiles each once. Throws `StandardError` listing every
 * problem found.
 */
export function createRegistry(specs: readonly EditionSpec[], options: { profiles?: readonly ProfileInput[] } = {}): Registry {
  const composed = composeEditions(specs.map((spec) => ({ spec })));
  const diagnostics = [...composed.diagnostics];
  const editions = composed.editions
    .map((s) => compileEdition(s))
    .sort((a, b) => a.id.localeCompare(b.id) || compareSemver(a.version, b.version));
  const byRef = new Map(editions.map((e) => [e.ref, e]));
  const profiles: { spec: ProfileSpec; edition: CompiledEdition }[] = [];
  for (const p of options.profiles ?? []) {
    const base = byRef.get(p.spec.extends);
    if (!base) {
      const pos = p.locate?.(['extends']);
      diagnostics.push({
        code: 'E_REFERENCE',
        message: `profile extends unknown edition "${p.spec.extends}"`,
        location: { file: p.file ?? p.spec.id, path: 'extends', ...(pos ? { line: pos.line, col: pos.col } : {}) },
        value: p.spec.extends,
        allowed: [...byRef.keys()],
      });
      continue;
    }
    const r = applyProfile(base.spec, p.spec, { ...(p.file ? { file: p.file } : {}), ...(p.locate ? { locate: p.locate } : {}) });
    diagnostics.push(...r.diagnostics);
    if (r.spec) profiles.push({ spec: p.spec, edition: compileWithProfile(base.spec, p.spec, r.spec) });
  }
  if (diagnostics.length) throw new StandardError(diagnostics);
  profiles.sort((a, b) => a.spec.id.localeCompare(b.spec.id) || compareSemver(a.spec.version, b.spec.version));
  const find = (ref: string) => pick(editions, ref, (e) => e.spec.status === 'published');
  const findProfile = (ref: string) => pick(profiles.map((p) => ({ ...p, id: p.spec.id, version: p.spec.version })), ref, (p) => p.spec.status === 'published');

  return {
    editions,
    profiles,
    get(ref) {
      const e = find(ref);
      if (!e) throw new NotFoundError(`no edition "${ref}"; known: ${[...byRef.keys()].join(', ')}`);
      return e;
    },
    has: (ref) => find(ref) !== undefined,
    profile(ref) {
      const p = findProfile(ref);
      if (!p) throw new NotFoundError(`no profile "${ref}"; known: ${profiles.map((x) => `${x.spec.id}@${x.spec.version}`).join(', ') || 'none'}`);
      return p.edition;
    },
    evaluate(observation, opts = {}) {
      const obs = observation as { standard?: unknown; profile?: unknown } | null;
      const ref = obs?.standard;
      if (typeof ref !== 'string') {
        throw new ObservationError([{ code: 'E_STANDARD_REF', path: 'standard', message: 'the observation must name its standard as "id" or "id@version"', value: ref }]);
      }
      const e = find(ref);
      if (!e) throw new ObservationError([{ code: 'E_STANDARD_REF', path: 'standard', message: `no edition "${ref}"`, value: ref, allowed: [...byRef.keys()] }]);
      const profileRef = opts.profile ?? obs?.profile;
      if (profileRef === undefined) return evaluate(e, observation, opts);
      const p = typeof profileRef === 'string' ? findProfile(profileRef) : undefined;
      if (!p) {
        throw new ObservationError([{ code: 'E_STANDARD_REF', path: 'profile', message: `no profile "${String(profileRef)}"`, value: profileRef, allowed: profiles.map((x) => `${x.spec.id}@${x.spec.version}`) }]);
      }
      // A profile adapts one edition: an observation pinned to another edition of the standard must not be silently re-based.
      if (p.spec.extends !== e.ref && (ref.includes('@') || p.spec.extends.split('@')[0] !== e.id)) {
        throw new ObservationError([{ code: 'E_STANDARD_REF', path: 'profile', message: `profile ${p.spec.id}@${p.spec.version} extends ${p.spec.extends}, not ${ref}`, value: profileRef }]);
      }
      return evaluate(p.edition, observation, opts);
    },
  };
}
