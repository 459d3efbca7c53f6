/**
 * Reading bundles: checks the envelope, compiles each edition and checks that it compiles to the hash the
 * bundle records. Pure and browser-safe: no YAML parser, no schema validator, no file access.
 */
import { compileEdition, type CompiledEdition } from '../compile/compile.js';
import { DaozeError, InputError, preview } from '../errors.js';
import { checkJsonValue } from '../input/depth.js';
import { parseJson } from '../input/json.js';
import { BUNDLE_DOMAIN, signatureShape, SignatureError, trustedKeys, verifyDigest, type Trust } from '../sign/index.js';
import { bundleDigest } from './sign.js';
import { editionShapeIssues } from './shape.js';
import type { EditionSpec } from '../model/edition.js';
import { compareSemver } from '../model/semver.js';
import { resolveEdition } from '../model/in-force.js';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type Bundle } from './types.js';

/** One problem with a bundle. */
export interface BundleIssue {
  /** Path inside the bundle (`editions[1].hash`). */
  path: string;
  message: string;
}

/** A bundle that cannot be used: not a bundle, another format version, or an edition whose content does not match its hash. */
export class BundleError extends DaozeError {
  /** Every problem found. */
  readonly issues: readonly BundleIssue[];
  constructor(issues: readonly BundleIssue[]) {
    super('E_BUNDLE', issues.map((i) => `${i.path || '(bundle)'}: ${i.message}`).join('\n'));
    this.name = 'BundleError';
    this.issues = issues;
  }
}

/** A bundle read and compiled, ready to evaluate. */
export interface LoadedBundle {
  /** The engine that wrote it. */
  readonly engine: { readonly name: string; readonly version: string };
  /** Every edition, ordered by id, then version. */
  readonly editions: readonly CompiledEdition[];
  /**
   * The edition for `id@version`; for a bare `id`, the published edition in force on `on` (a date or
   * date-time) when given, else the highest published version (else the highest draft). Undefined when there
   * is none. The same resolution as the engine's registry (`resolveEdition`).
   */
  find(ref: string, on?: string): CompiledEdition | undefined;
  /** The id of the trusted key whose signature was verified; undefined when the bundle was read with `trust: 'unsigned'`. */
  readonly signedBy?: string;
}

/** Options of {@link readBundle}. */
export interface ReadBundleOptions {
  /**
   * Whom to trust. Public keys (parsed `.pub` files or their text): the bundle must carry a signature that
   * verifies under one of them, or it is refused (`SignatureError`, E_SIGNATURE, naming the key id).
   * `'unsigned'`: the explicit opt-out — no signature is checked, signed or not, and the bundle is used on
   * its content hashes alone, which anyone who edits the bundle can recompute (docs/security.md).
   */
  trust: Trust;
}

/**
 * Deepest JSON nesting of a bundle: conditions nest at most 32 levels (`MAX_CONDITION_DEPTH`, src/load/validate.ts),
 * two JSON levels each (`all: [ … ]`), under about ten levels of bundle, edition and clause.
 */
export const MAX_BUNDLE_DEPTH = 80;

const HASH = /^sha256:[0-9a-f]{64}$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads a bundle (the JSON text, or the parsed value), after checking its signature against `options.trust`
 * (`SignatureError`, E_SIGNATURE, naming the key id). Throws `BundleError` listing every problem; a bundle
 * whose edition does not compile to the recorded hash (edited, truncated, or written by a different
 * engine) is refused rather than used.
 *
 * The specs are not validated against the edition schema again (that needs a schema validator at run time):
 * `daoze build` wrote them from validated editions, and the hash shows they are unchanged since.
 */
export function readBundle(input: unknown, options: ReadBundleOptions): LoadedBundle {
  let data = input;
  try {
    if (typeof input === 'string') data = parseJson(input, 'bundle', { maxDepth: MAX_BUNDLE_DEPTH });
    else checkJsonValue(input, 'bundle', '', MAX_BUNDLE_DEPTH);
  } catch (e) {
    if (e instanceof InputError) throw new BundleError([{ path: e.path ?? '', message: `${e.code} ${e.message}` }]);
    throw e;
  }
  const trust = options?.trust;
  if (trust !== 'unsigned' && !Array.isArray(trust)) {
    throw new SignatureError(
      'no-trust',
      `no trust given for the bundle: pass { trust: [publicKey, …] } to verify its signature, or { trust: 'unsigned' } to use it unverified`,
    );
  }
  const issues: BundleIssue[] = [];
  if (!isObject(data) || data.format !== BUNDLE_FORMAT) {
    throw new BundleError([
      {
        path: 'format',
        message: `not a Daoze bundle (expected format "${BUNDLE_FORMAT}", found ${preview(isObject(data) ? data.format : data)})`,
      },
    ]);
  }
  if (data.formatVersion !== BUNDLE_FORMAT_VERSION) {
    throw new BundleError([
      {
        path: 'formatVersion',
        message: `bundle format version ${preview(data.formatVersion)} is not the version ${BUNDLE_FORMAT_VERSION} this engine reads; rebuild the bundle with this version's daoze build`,
      },
    ]);
  }
  if (data.signature !== undefined) {
    const shape = signatureShape(data.signature);
    if (typeof shape === 'string') throw new BundleError([{ path: 'signature', message: shape }]);
  }
  const extra = Object.keys(data).filter(
    (k) => !['format', 'formatVersion', 'engine', 'editions', 'signature'].includes(k),
  );
  if (extra.length) throw new BundleError([{ path: extra[0]!, message: 'is not a member of a bundle' }]);
  // Verify before use: nothing of an untrusted bundle is compiled.
  const signedBy =
    trust === 'unsigned'
      ? undefined
      : verifyDigest(BUNDLE_DOMAIN, bundleDigest(data), data.signature, trustedKeys(trust), 'the bundle');
  const engine =
    isObject(data.engine) && typeof data.engine.name === 'string' && typeof data.engine.version === 'string'
      ? data.engine
      : undefined;
  if (!engine) issues.push({ path: 'engine', message: 'must be { name, version }' });
  if (!Array.isArray(data.editions))
    throw new BundleError([...issues, { path: 'editions', message: 'must be a list of editions' }]);
  const editions: CompiledEdition[] = [];
  const refs = new Set<string>();
  (data.editions as unknown[]).forEach((e, i) => {
    const at = `editions[${i}]`;
    if (!isObject(e) || typeof e.ref !== 'string' || typeof e.hash !== 'string' || !isObject(e.spec)) {
      issues.push({ path: at, message: 'must be { ref, hash, spec }' });
      return;
    }
    if (!HASH.test(e.hash))
      issues.push({ path: `${at}.hash`, message: `must be "sha256:" and 64 hex digits, found ${preview(e.hash)}` });
    const spec = e.spec as unknown as EditionSpec;
    if (`${spec.id}@${spec.version}` !== e.ref) {
      issues.push({
        path: `${at}.ref`,
        message: `"${e.ref}" does not name its spec (${preview(spec.id)}@${preview(spec.version)})`,
      });
      return;
    }
    if (refs.has(e.ref)) {
      issues.push({ path: `${at}.ref`, message: `${e.ref} appears twice` });
      return;
    }
    refs.add(e.ref);
    const shape = editionShapeIssues(spec, `${at}.spec`);
    if (shape.length) {
      issues.push(...shape);
      return;
    }
    let ed: CompiledEdition;
    try {
      ed = compileEdition(spec);
    } catch (err) {
      issues.push({ path: `${at}.spec`, message: `does not compile (${(err as Error)?.message ?? String(err)})` });
      return;
    }
    if (ed.hash !== e.hash) {
      issues.push({
        path: `${at}.hash`,
        message: `${e.ref} compiles to ${ed.hash}, not to the recorded ${e.hash}: the bundle was changed after it was built`,
      });
      return;
    }
    editions.push(ed);
  });
  if (issues.length) throw new BundleError(issues);
  editions.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : compareSemver(a.version, b.version)));
  return {
    engine: { name: engine!.name as string, version: engine!.version as string },
    editions,
    find: (ref, on) => resolveEdition(editions, ref, on),
    ...(signedBy !== undefined ? { signedBy } : {}),
  };
}

/** Type guard: whether a value has a bundle's envelope (it may still fail `readBundle`'s checks). */
export function isBundle(v: unknown): v is Bundle {
  return isObject(v) && v.format === BUNDLE_FORMAT;
}
