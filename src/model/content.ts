/** An edition's content: the part whose hash is the edition's identity. */
import type { EditionSpec } from './edition.js';

/** The decision-relevant content of an edition: everything but its test cases. Its hash is the edition's identity. */
export function editionContent(spec: EditionSpec): Omit<EditionSpec, 'cases'> {
  const { cases: _cases, ...content } = spec;
  return content;
}
