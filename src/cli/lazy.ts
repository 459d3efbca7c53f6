/**
 * The CLI's YAML side (src/cli/readers.ts), loaded on demand: `main` loads it before a command runs unless the
 * command starts from the build's snapshot, so that `daoze check` on the built-in standards never loads the YAML
 * parser or the schema validator. Loading is an `import()`, so the first command that needs it answers with a
 * promise; a host that calls `main` in process and needs a number (the tests, test/support/setup.ts) provides it first.
 * test/unit/cli/lazy.test.ts checks that the CLI's static imports reach no parser.
 */
import type * as Readers from './readers.js';

/** The functions of src/cli/readers.ts. */
export type CliReaders = typeof Readers;

let loaded: CliReaders | undefined;

/** Whether the YAML side is loaded (or was provided), so that commands can get it synchronously. */
export function readersLoaded(): boolean {
  return loaded !== undefined;
}

/** Provides the YAML side, imported statically by a host that runs the CLI in process. */
export function provideReaders(readers: CliReaders): void {
  loaded = readers;
}

/** Loads the YAML side; resolves once `readers()` can be called. */
export async function loadReaders(): Promise<void> {
  loaded ??= await import('./readers.js');
}

/**
 * The YAML side. `main` loads it before any command that may need it, so a call before that is a bug in the
 * command's `fromSnapshot` (it said the snapshot was enough): reported as an internal error.
 */
export function readers(): CliReaders {
  if (!loaded) throw new Error('internal: the CLI used the YAML reader without loading it (see src/cli/lazy.ts)');
  return loaded;
}
