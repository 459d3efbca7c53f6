/** The compiled bundle format: validated editions as JSON, loadable with no YAML parser and no schema validator. */
import type { EditionSpec } from '../model/edition.js';
import type { Signature } from '../sign/index.js';

/** The value of a bundle's `format` field. */
export const BUNDLE_FORMAT = 'daoze-bundle';

/** The bundle format version this engine writes and reads. A reader refuses any other. */
export const BUNDLE_FORMAT_VERSION = 1;

/** One edition in a bundle. */
export interface BundleEdition {
  /** `id@version`. */
  ref: string;
  /** The edition's content hash (`sha256:…`), recomputed and compared when the bundle is read. */
  hash: string;
  /** The validated edition as the registry holds it (composed: includes resolved), without its test cases. */
  spec: EditionSpec;
}

/** A compiled bundle, as `daoze build` writes it. Plain JSON. */
export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  formatVersion: typeof BUNDLE_FORMAT_VERSION;
  /** The engine that wrote the bundle. */
  engine: { name: 'daoze'; version: string };
  /** Editions ordered by id, then version. */
  editions: BundleEdition[];
  /** Ed25519 signature over the rest of the bundle (`signBundle`, `daoze build --sign`); absent when unsigned. */
  signature?: Signature;
}
