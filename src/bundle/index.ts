/** Compiled bundles: `createBundle` and `observationSchema` write, `readBundle` reads (pure, browser-safe). */
export { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION } from './types.js';
export type { Bundle, BundleEdition } from './types.js';
export { readBundle, isBundle, BundleError } from './read.js';
export type { BundleIssue, LoadedBundle } from './read.js';
export { createBundle, observationSchema, DATE_PATTERN, TIME_PATTERN } from './write.js';
