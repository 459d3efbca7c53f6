/** Loads the standards a command works on, or reports why it cannot. */
import { builtinStandardsDir, loadRegistry } from '../node.js';
import type { Registry } from '../registry.js';
import type { CommonOptions } from './context.js';

/** The registry of the standards named by --standards, or the built-in ones. Throws StandardError on invalid files. */
export function registryFor(common: CommonOptions): Registry {
  return loadRegistry(common.standards ?? builtinStandardsDir());
}
