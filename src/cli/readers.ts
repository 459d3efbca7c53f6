/**
 * What the CLI does with the YAML parser and the schema validator: read standards and profiles from their YAML,
 * publish editions to the lock, locate fields in a JSON record. Never imported statically by the CLI: commands
 * get it from `readers()` (src/cli/lazy.ts), so that a start from the build's snapshot never loads the parser.
 */
export { findPagesDir, loadRegistry, readEditions, readPageWarnings, readProfiles, updateLocks } from '../node.js';
export { parseYamlText } from '../load/yaml.js';
