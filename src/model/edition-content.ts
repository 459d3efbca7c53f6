/** What of an edition its identity is made of: the content its hash is taken over (everything but its test cases). */
import type { EditionSpec } from './edition.js';

/** The decision-relevant content of an edition: everything but its test cases. Its hash is the edition's identity. */
export function editionContent(spec: EditionSpec): Omit<EditionSpec, 'cases'> {
  const { cases: _cases, ...content } = spec;
  return content;
}
