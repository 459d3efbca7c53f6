/** Loads the standards a command works on, or reports why it cannot. */
import { builtinProfilesDir, builtinStandardsDir, loadRegistry } from '../node.js';
import type { Registry } from '../registry.js';
import type { CommonOptions } from './context.js';
import { existsSync } from 'node:fs';
import { InputError } from '../errors.js';
import { fsError } from './io.js';

/** Whether `e` is an error from the operating system (a file-system call that failed), not a bug. */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException & { syscall: string } {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && typeof (e as NodeJS.ErrnoException).syscall === 'string';
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

/** The registry of the standards and profiles named by --standards / --profiles, or the built-in ones. Throws StandardError on invalid files. */
export function registryFor(common: CommonOptions): Registry {
  const standards = common.standards ?? builtinStandardsDir();
  // A --profiles folder that is not there is a mistake to say, not an empty set of profiles.
  if (common.profiles !== undefined && !existsSync(common.profiles)) throw new InputError('E_NO_SUCH_FILE', common.profiles, 'no such folder of profiles');
  return readingStandards(() => loadRegistry(standards, common.profiles ?? builtinProfilesDir()), standards);
}
