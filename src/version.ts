/**
 * The engine's version, recorded in every verdict, record and bundle. It is package.json's own `version`, read
 * at build time (the bundler inlines that one field), so `changeset version` changes both at once.
 */
import { version } from '../package.json';

/** The version of the Daoze engine that made a verdict (package.json's `version`). */
export const ENGINE_VERSION: string = version;
