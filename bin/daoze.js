#!/usr/bin/env node
// The published CLI: runs the built code in dist/.
import { guardPipes, main } from '../dist/cli.js';

guardPipes();
process.exitCode = await main(process.argv.slice(2));
