/** Runs the CLI from source (`npm run daoze -- …`, `npm start`); the published bin runs the built main. */
import { guardPipes, main } from './main.js';

guardPipes();
process.exitCode = await main(process.argv.slice(2));
