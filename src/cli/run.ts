/** Runs the CLI from source (`npm run daoze -- …`, `npm start`); the published bin runs the built main. */
import { main } from './main.js';

process.exitCode = main(process.argv.slice(2));
