/** The identity part of a test edition, so that test editions differ only in what they test. */
import type { EditionSpec } from '../../src/index.js';

/** id, version 1.0.0, a status, nickname and title from the id, effective 2023-01-01, and one source `source`. */
export function editionHeader(
  id: string,
  options: { status?: EditionSpec['status']; source?: string } = {},
): Pick<EditionSpec, 'id' | 'version' | 'status' | 'nickname' | 'title' | 'effective' | 'sources'> {
  return {
    id,
    version: '1.0.0',
    status: options.status ?? 'draft',
    nickname: id,
    title: { zh: id, en: id },
    effective: { from: '2023-01-01' },
    sources: [{ id: options.source ?? 'src', kind: 'other', title: { zh: 's', en: 's' } }],
  };
}
