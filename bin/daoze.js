#!/usr/bin/env node
// The published CLI: runs the built code in dist/.
import { main } from '../dist/cli.js';
process.exitCode = main(process.argv.slice(2));
