/**
 * Runs before every test file: provides the CLI's YAML side (src/cli/lazy.ts), as a host that runs the CLI in
 * process does, so that `main` answers every command but a streaming one with a number (test/support/helpers.ts runCli).
 * test/unit/cli/lazy.test.ts runs the CLI without it.
 */
import * as readers from '../../src/cli/readers.js';
import { provideReaders } from '../../src/cli/lazy.js';

provideReaders(readers);
