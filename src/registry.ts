/** A set of compiled editions, looked up by `id` or `id@version`. */
import { NotFoundError, StandardError } from './errors.js';
import { composeEditions } from './load/compose.js';
import { compileEdition, type CompiledEdition } from './compile/compile.js';
import type { EditionSpec } from './model/edition.js';
import { compareSemver } from './model/semver.js';
import { evaluate, type EvaluateOptions } from './evaluate/evaluate.js';
import type { Observation } from './evaluate/observation.js';
import type { Verdict } from './result/types.js';
import { ObservationError } from './errors.js';

/** Compiled editions of several standards. */
export interface Registry {
  /** Every edition, ordered by id, then version. */
  readonly editions: readonly CompiledEdition[];
  /** The edition for `id@version`, or for a bare `id` the highest published version (else the highest draft). */
  get(ref: string): CompiledEdition;
  /** Whether `ref` resolves. */
  has(ref: string): boolean;
  /** Resolves the observation's `standard` and evaluates it. */
  evaluate(observation: Observation | unknown, options?: EvaluateOptions): Verdict;
}

/**
 * Builds a registry from validated edition specs: resolves includes between them, checks their cases, and
 * compiles each once. Throws `StandardError` when composition finds problems.
 */
export function createRegistry(specs: readonly EditionSpec[]): Registry {
  const composed = composeEditions(specs.map((spec) => ({ spec })));
  if (composed.diagnostics.length) throw new StandardError(composed.diagnostics);
  const editions = composed.editions
    .map((s) => compileEdition(s))
    .sort((a, b) => a.id.localeCompare(b.id) || compareSemver(a.version, b.version));
  const byRef = new Map(editions.map((e) => [e.ref, e]));
  const resolve = (ref: string): CompiledEdition | undefined => {
    if (ref.includes('@')) return byRef.get(ref);
    const all = editions.filter((e) => e.id === ref);
    const published = all.filter((e) => e.spec.status === 'published');
    return (published.length ? published : all).at(-1);
  };
  return {
    editions,
    get(ref) {
      const e = resolve(ref);
      if (!e) throw new NotFoundError(`no edition "${ref}"; known: ${[...byRef.keys()].join(', ')}`);
      return e;
    },
    has: (ref) => resolve(ref) !== undefined,
    evaluate(observation, options) {
      const ref = (observation as { standard?: unknown } | null)?.standard;
      if (typeof ref !== 'string') {
        throw new ObservationError([{ code: 'E_STANDARD_REF', path: 'standard', message: 'the observation must name its standard as "id" or "id@version"', value: ref }]);
      }
      const e = resolve(ref);
      if (!e) {
        throw new ObservationError([{ code: 'E_STANDARD_REF', path: 'standard', message: `no edition "${ref}"`, value: ref, allowed: [...byRef.keys()] }]);
      }
      return evaluate(e, observation, options);
    },
  };
}
