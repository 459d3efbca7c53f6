/** Loads the standards a command works on, or reports why it cannot. */
import { builtinProfilesDir, builtinStandardsDir, loadRegistry } from '../node.js';
import type { Registry } from '../registry.js';
import type { CommonOptions } from './context.js';

/** The registry of the standards and profiles named by --standards / --profiles, or the built-in ones. Throws StandardError on invalid files. */
export function registryFor(common: CommonOptions): Registry {
  return loadRegistry(common.standards ?? builtinStandardsDir(), common.profiles ?? builtinProfilesDir());
}
