/** Compiled bundles: `createBundle` and `observationSchema` write, `signBundle` signs, `readBundle` reads (pure, browser-safe). */
export { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION } from './types.js';
export type { Bundle, BundleEdition } from './types.js';
export { readBundle, isBundle, BundleError, MAX_BUNDLE_DEPTH } from './read.js';
export type { BundleIssue, LoadedBundle, ReadBundleOptions } from './read.js';
export { signBundle, bundleDigest } from './sign.js';
export { createBundle, observationSchema, DATE_PATTERN, TIME_PATTERN } from './write.js';
