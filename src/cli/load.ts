/** Loads the standards a command works on, or reports why it cannot. */
import { existsSync, realpathSync } from 'node:fs';
import { builtinProfilesDir, builtinStandardsDir, registryFromSnapshot } from '../files.js';
import { isDaozeError } from '../errors.js';
import type { Registry } from '../registry.js';
import type { CommonOptions } from './context.js';
import { CliInputError, fsError } from './io.js';
import { readers } from './lazy.js';

/** Whether `e` is an error from the operating system (a file-system call that failed), not a bug. */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException & { syscall: string } {
  return (
    e instanceof Error &&
    typeof (e as NodeJS.ErrnoException).code === 'string' &&
    typeof (e as NodeJS.ErrnoException).syscall === 'string'
  );
}

/**
 * Runs `load`, turning a failed file-system call (a missing `--standards` path, a dangling edition symlink, a
 * symlink loop, a folder that cannot be read) into a typed `InputError` naming the path.
 */
export function readingStandards<T>(load: () => T, fallback: string): T {
  try {
    return load();
  } catch (e) {
    if (isSystemError(e)) throw fsError(e, e.path ?? fallback, 'read');
    throw e;
  }
}

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/**
 * The profiles that go with the standards a command works on: `--profiles`; else the built-in profiles when the
 * standards are the built-in ones (given or not); else none, since the built-in profiles extend built-in editions
 * that an author's own folder does not hold (they would fail with E_REFERENCE). `null` means none.
 */
export function profilesFor(common: Pick<CommonOptions, 'standards' | 'profiles'>): string | null {
  if (common.profiles !== undefined) return common.profiles;
  if (common.standards === undefined || samePath(common.standards, builtinStandardsDir())) return builtinProfilesDir();
  return null;
}

/**
 * The registry `startsFromSnapshot` loaded for the run about to start, handed to that run's `registryFor` once
 * (then dropped, so that a later run in the same process loads its standards afresh).
 */
let fromSnapshot: { common: CommonOptions; registry: Registry } | undefined;

/**
 * Whether the standards of a run (`--standards`, or the built-in ones, with {@link profilesFor}'s profiles) load
 * from the build's snapshot; if so, the run's `registryFor` returns that registry without reading YAML. Never
 * throws: whatever keeps the snapshot from serving (a missing path, a stale or edited snapshot) is found again,
 * and reported, by the YAML path.
 */
export function startsFromSnapshot(common: CommonOptions): boolean {
  fromSnapshot = undefined;
  if (common.profiles !== undefined && !existsSync(common.profiles)) return false;
  let registry: Registry | undefined;
  try {
    registry = registryFromSnapshot(common.standards ?? builtinStandardsDir(), profilesFor(common));
  } catch (e) {
    if (isDaozeError(e) || isSystemError(e)) return false;
    throw e;
  }
  if (registry) fromSnapshot = { common, registry };
  return registry !== undefined;
}

/** The registry of the standards named by --standards (or the built-in ones) and the profiles {@link profilesFor} picks. Throws StandardError on invalid files. */
export function registryFor(common: CommonOptions): Registry {
  const standards = common.standards ?? builtinStandardsDir();
  // A --profiles folder that is not there is a mistake to say, not an empty set of profiles.
  if (common.profiles !== undefined && !existsSync(common.profiles))
    throw new CliInputError('E_NO_SUCH_FILE', common.profiles, 'input.noProfilesFolder');
  const ready = fromSnapshot?.common === common ? fromSnapshot.registry : undefined;
  fromSnapshot = undefined;
  return ready ?? readingStandards(() => readers().loadRegistry(standards, profilesFor(common)), standards);
}
