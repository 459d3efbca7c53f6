/**
 * A set of compiled editions (and city profiles over them), looked up by `id@version`, or by `id` and the day
 * of an inspection (the edition in force that day, see {@link resolveEdition}).
 */
import { NotFoundError, ObservationError, StandardError } from './errors.js';
import { composeEditions } from './load/compose.js';
import { compileEdition, type CompiledEdition } from './compile/compile.js';
import type { EditionSpec, ProfileSpec } from './model/edition.js';
import { evaluate, type EvaluateOptions } from './evaluate/evaluate.js';
import type { Observation } from './evaluate/observation.js';
import type { Verdict } from './result/types.js';
import { applyProfile, compileWithProfile } from './profile/apply.js';
import type { ParsedText } from './load/yaml.js';
import { locationOf } from './load/report.js';
import {
  compareEditionRefs,
  dayOf,
  inForceDiagnostics,
  inForceRange,
  pickByRef,
  profileNotInForce,
  resolveEdition,
} from './model/in-force.js';
import { checkEditionsLock, editionHash, type EditionsLock } from './audit/lock.js';

/** A profile to register, with where it came from (for positioned errors). */
export interface ProfileInput {
  spec: ProfileSpec;
  file?: string;
  locate?: ParsedText['locate'];
}

/** Options of {@link createRegistry}. */
export interface RegistryOptions {
  /** City profiles over the editions. */
  profiles?: readonly ProfileInput[];
  /**
   * The editions lock of the folder the specs came from (`editions.lock.json`). When given, every published
   * edition must be in it with its content hash (`E_PUBLISHED_CHANGED`, `E_LOCK`); drafts need no entry.
   * Without it, specs handed over in memory are taken as they are: the caller vouches for them. `loadRegistry`
   * (daoze/node) always passes the folder's lock, also when it starts from the build's snapshot.
   */
  lock?: EditionsLock | unknown;
  /** Name of the lock in diagnostics (default `editions.lock.json`). */
  lockFile?: string;
  /**
   * The content hash of an edition (what the lock and verdicts hold: `editionHash` of src/audit/lock.ts), when the
   * caller has a faster way to the same value; by default the pure-JS hash. `daoze/node` passes node:crypto's.
   */
  hashEdition?: (spec: EditionSpec) => string;
}

/** Compiled editions of several standards, and the profiles that adapt them. */
export interface Registry {
  /** Every edition, ordered by id, then version (compiled when first read; `get` compiles only the one it returns). */
  readonly editions: readonly CompiledEdition[];
  /** Every profile, compiled over its base, ordered by id, then version. */
  readonly profiles: readonly { readonly spec: ProfileSpec; readonly edition: CompiledEdition }[];
  /**
   * The edition for `id@version`; for a bare `id`, the published edition in force on `on` (a date or date-time)
   * or, without `on`, the highest published version (else the highest draft). See {@link resolveEdition}.
   */
  get(ref: string, on?: string): CompiledEdition;
  /** Whether `ref` resolves (on the day `on`, for a bare id). */
  has(ref: string, on?: string): boolean;
  /** The base edition compiled under a profile (`profile-id@version` or a bare id for its highest version). */
  profile(ref: string): CompiledEdition;
  /**
   * Resolves the observation's `standard` (a bare id by the day of its `observedAt`, see {@link resolveEdition}),
   * and its `profile` (or `options.profile`), and evaluates it.
   * Throws ObservationError when the observation names an unknown standard or a profile of another standard.
   */
  evaluate(observation: Observation | unknown, options?: EvaluateOptions & { profile?: string }): Verdict;
}

/** When each edition of `id` is in force, for messages: `id@1.0.0 in force 2023-01-01 – `. */
function inForceSummary(editions: readonly { readonly id: string; readonly spec: EditionSpec }[], id: string): string {
  const specs = editions.filter((e) => e.id === id).map((e) => e.spec);
  return specs
    .map((s) => {
      const r = inForceRange(s, specs);
      return `${s.id}@${s.version} ${r ? `in force ${r.from} – ${r.until ?? ''}` : `(${s.status}, never in force)`}`;
    })
    .join('; ');
}

/** An edition of a registry: what resolving a reference and the lock need, and its compiled form once it is used. */
interface Entry {
  readonly id: string;
  readonly version: string;
  readonly ref: string;
  readonly spec: EditionSpec;
  readonly hash: string;
  compiled?: CompiledEdition;
}

/**
 * Builds a registry from validated edition specs (and profiles): resolves includes between editions, applies
 * each profile to its base, checks every case, and compiles each edition once, when it is first used (a run of
 * the CLI judges by one or two of all the built-in editions). Throws `StandardError` listing every
 * problem found, including two published editions of one standard in force on the same day (a bare id would
 * then be ambiguous), a profile over a draft edition, and (with `options.lock`) a published edition that is not
 * the locked one.
 */
export function createRegistry(specs: readonly EditionSpec[], options: RegistryOptions = {}): Registry {
  const composed = composeEditions(specs.map((spec) => ({ spec })));
  const diagnostics = [...composed.diagnostics, ...inForceDiagnostics(specs.map((spec) => ({ spec })))];
  // The hash of the composed edition: the one the lock holds and the compiled edition carries, taken once.
  const hashOf = options.hashEdition ?? editionHash;
  const editions: Entry[] = composed.editions
    .map((spec) => ({
      id: spec.id,
      version: spec.version,
      ref: `${spec.id}@${spec.version}`,
      spec,
      hash: hashOf(spec),
    }))
    .sort(compareEditionRefs);
  const compiled = (e: Entry): CompiledEdition => (e.compiled ??= compileEdition(e.spec, { editionHash: e.hash }));
  if (options.lock !== undefined) {
    diagnostics.push(
      ...checkEditionsLock(
        options.lock,
        editions.map((e) => ({ spec: e.spec, hash: e.hash })),
        options.lockFile,
        { reportGone: false },
      ),
    );
  }
  const byRef = new Map(editions.map((e) => [e.ref, e]));
  const profiles: { spec: ProfileSpec; edition: CompiledEdition }[] = [];
  for (const p of options.profiles ?? []) {
    const base = byRef.get(p.spec.extends);
    if (!base) {
      diagnostics.push({
        code: 'E_REFERENCE',
        message: `profile extends unknown edition "${p.spec.extends}"`,
        location: locationOf({ file: p.file ?? p.spec.id, locate: p.locate }, ['extends']),
        value: p.spec.extends,
        allowed: [...byRef.keys()],
      });
      continue;
    }
    if (base.spec.status !== 'published') {
      // A draft may still change and is never in force, so a profile over it would judge by rules no one issued.
      diagnostics.push({
        code: 'E_REFERENCE',
        message: `profile extends ${p.spec.extends}, which is a draft; a profile extends only a published edition`,
        location: locationOf({ file: p.file ?? p.spec.id, locate: p.locate }, ['extends']),
        value: p.spec.extends,
        allowed: editions.filter((e) => e.id === base.id && e.spec.status === 'published').map((e) => e.ref),
      });
      continue;
    }
    const r = applyProfile(base.spec, p.spec, {
      ...(p.file ? { file: p.file } : {}),
      ...(p.locate ? { locate: p.locate } : {}),
    });
    diagnostics.push(...r.diagnostics);
    if (r.spec) profiles.push({ spec: p.spec, edition: compileWithProfile(base.spec, p.spec, r.spec, base.hash) });
  }
  if (diagnostics.length) throw new StandardError(diagnostics);
  profiles.sort((a, b) => compareEditionRefs(a.spec, b.spec));
  const find = (ref: string, on?: string) => {
    const e = resolveEdition(editions, ref, on);
    return e && compiled(e);
  };
  const findProfile = (ref: string) =>
    pickByRef(
      profiles.map((p) => ({ ...p, id: p.spec.id, version: p.spec.version })),
      ref,
      (p) => p.spec.status === 'published',
    );

  let all: CompiledEdition[] | undefined;
  return {
    get editions() {
      return (all ??= editions.map(compiled));
    },
    profiles,
    get(ref, on) {
      const e = find(ref, on);
      if (!e) {
        const day = ref.includes('@') ? undefined : dayOf(on);
        const known =
          day && editions.some((x) => x.id === ref) ? inForceSummary(editions, ref) : [...byRef.keys()].join(', ');
        throw new NotFoundError(`no edition "${ref}"${day ? ` in force on ${day}` : ''}; known: ${known}`);
      }
      return e;
    },
    has: (ref, on) => find(ref, on) !== undefined,
    profile(ref) {
      const p = findProfile(ref);
      if (!p)
        throw new NotFoundError(
          `no profile "${ref}"; known: ${profiles.map((x) => `${x.spec.id}@${x.spec.version}`).join(', ') || 'none'}`,
        );
      return p.edition;
    },
    evaluate(observation, opts = {}) {
      const obs = observation as { standard?: unknown; profile?: unknown; observedAt?: unknown } | null;
      const ref = obs?.standard;
      if (typeof ref !== 'string') {
        throw new ObservationError([
          {
            code: 'E_STANDARD_REF',
            path: 'standard',
            message: 'the observation must name its standard as "id" or "id@version"',
            value: ref,
          },
        ]);
      }
      // A bare id is judged by the edition in force on the day of the inspection (docs/versioning.md).
      const day = ref.includes('@') ? undefined : dayOf(obs?.observedAt);
      const e = find(ref, day);
      if (!e && day !== undefined && editions.some((x) => x.id === ref)) {
        throw new ObservationError([
          {
            code: 'E_STANDARD_REF',
            path: 'standard',
            message: `no edition of "${ref}" was in force on ${day} (the day of observedAt); pin one as "${ref}@<version>" to evaluate against it anyway`,
            value: ref,
            allowed: inForceSummary(editions, ref),
          },
        ]);
      }
      if (!e)
        throw new ObservationError([
          {
            code: 'E_STANDARD_REF',
            path: 'standard',
            message: `no edition "${ref}"`,
            value: ref,
            allowed: [...byRef.keys()],
          },
        ]);
      const profileRef = opts.profile ?? obs?.profile;
      if (profileRef === undefined) return evaluate(e, observation, opts);
      const p = typeof profileRef === 'string' ? findProfile(profileRef) : undefined;
      if (!p) {
        throw new ObservationError([
          {
            code: 'E_STANDARD_REF',
            path: 'profile',
            message: `no profile "${String(profileRef)}"`,
            value: profileRef,
            allowed: profiles.map((x) => `${x.spec.id}@${x.spec.version}`),
          },
        ]);
      }
      // A profile adapts one edition: an observation pinned to another edition, or made on a day another edition
      // is in force, is never re-based onto the profile's base.
      if (p.spec.extends !== e.ref) {
        const why = ref.includes('@')
          ? `not ${ref}`
          : day !== undefined
            ? `but ${e.ref} is the edition in force on ${day} (the day of observedAt)`
            : `not ${e.ref}, the current edition of ${ref}`;
        throw new ObservationError([
          {
            code: 'E_STANDARD_REF',
            path: 'profile',
            message: `profile ${p.spec.id}@${p.spec.version} extends ${p.spec.extends}, ${why}`,
            value: profileRef,
          },
        ]);
      }
      // Both the profile and its base must be in force on the day of the inspection (docs/versioning.md).
      const onDay = dayOf(obs?.observedAt);
      if (onDay !== undefined) {
        const why = profileNotInForce(
          p.spec,
          e.spec,
          editions.filter((x) => x.id === e.id).map((x) => x.spec),
          onDay,
        );
        if (why)
          throw new ObservationError([
            {
              code: 'E_STANDARD_REF',
              path: 'profile',
              message: why,
              value: profileRef,
              allowed: 'a profile and base edition in force on the day of observedAt',
            },
          ]);
      }
      return evaluate(p.edition, observation, opts);
    },
  };
}
