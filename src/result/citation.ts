/**
 * The citation of a clause: what ties a clause result to the exact clause, edition and source text. One
 * definition, read by verdicts (through `src/evaluate/prepared.ts`, which builds each once per edition) and by
 * the generated standard pages (`src/result/page.ts`).
 */
import type { CompiledClause, CompiledEdition } from '../compile/compile.js';
import type { Citation } from './types.js';

/** The citation of a clause: standard, edition, clause, printed label, text, sources. */
export function citationOf(ed: CompiledEdition, c: CompiledClause): Citation {
  const s = c.spec;
  const citation: Citation = {
    standard: ed.id,
    version: ed.version,
    editionHash: ed.hash,
    clauseHash: c.hash,
    clause: c.id,
    label: s.label,
    group: { id: c.group.id, label: c.group.label },
    text: s.text,
    provenance: s.provenance,
    sources: s.cites.map((cite) => {
      const src = ed.sources.get(cite.source)!;
      return {
        id: src.id,
        kind: src.kind,
        title: src.title,
        ...(src.designation ? { designation: src.designation } : {}),
        ...(src.url ? { url: src.url } : {}),
        ...(cite.section ? { section: cite.section } : {}),
        ...(cite.task !== undefined ? { task: cite.task } : {}),
        ...(cite.clause ? { clause: cite.clause } : {}),
        ...(cite.quote ? { quote: cite.quote } : {}),
      };
    }),
  };
  if (s.provisionalReason) citation.provisionalReason = s.provisionalReason;
  if (ed.profile) citation.profile = ed.profile;
  if (s.origin) citation.origin = s.origin;
  return citation;
}
