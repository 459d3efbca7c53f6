/**
 * The editions lock: the content hash of every published edition, kept in `standards/editions.lock.json`.
 * A published edition never changes (a change is a new version), because verdict records name it by version
 * and hash; the lock is how `daoze validate` and the test suite notice when one did. Pure: the caller reads and
 * writes the file.
 */
import type { Diagnostic } from '../errors.js';
import type { EditionSpec } from '../model/edition.js';
import { editionContent } from '../compile/compile.js';
import { hashJson } from '../hash/index.js';
import { compareSemver } from '../model/semver.js';
import { parseYamlText } from '../load/yaml.js';
import type { EditionSource } from '../model/in-force.js';

/** The lock file's name, at the root of a standards folder. */
export const LOCK_FILE = 'editions.lock.json';

/** The lock file's content. */
export interface EditionsLock {
  lockfileVersion: 1;
  /** `id@version` → content hash (`sha256:…`), for every published edition. */
  editions: Record<string, string>;
}

/** The content hash of an edition, as recorded in verdicts and in the lock: everything but its test cases. */
export function editionHash(spec: EditionSpec): string {
  return hashJson(editionContent(spec));
}

function isLock(v: unknown): v is EditionsLock {
  if (typeof v !== 'object' || v === null) return false;
  const l = v as Record<string, unknown>;
  if (l.lockfileVersion !== 1 || typeof l.editions !== 'object' || l.editions === null || Array.isArray(l.editions)) return false;
  return Object.values(l.editions).every((h) => typeof h === 'string' && /^sha256:[0-9a-f]{64}$/.test(h));
}

const sortRefs = (refs: string[]) =>
  refs.sort((a, b) => {
    const [ia, va] = a.split('@') as [string, string];
    const [ib, vb] = b.split('@') as [string, string];
    return ia.localeCompare(ib) || compareSemver(va, vb);
  });

function at(src: EditionSource, path: string[]): Diagnostic['location'] {
  const file = src.file ?? `${src.spec.id}@${src.spec.version}`;
  const pos = src.locate ? src.locate(path) : src.text ? parseYamlText(src.text, file).parsed?.locate(path) : undefined;
  return { file, path: path.join('.'), ...(pos ? { line: pos.line, col: pos.col } : {}) };
}

/**
 * Checks editions against the lock: a published edition whose content hash differs from the locked one
 * (`E_PUBLISHED_CHANGED`), a published edition not yet locked, a locked edition that is gone, a malformed lock
 * (`E_LOCK`). Drafts are not locked; they may change until they are published.
 */
export function checkEditionsLock(lock: unknown, sources: readonly EditionSource[], lockFile = LOCK_FILE): Diagnostic[] {
  if (!isLock(lock)) {
    return [
      {
        code: 'E_LOCK',
        message: 'not an editions lock: expected { "lockfileVersion": 1, "editions": { "<id>@<version>": "sha256:<64 hex>" } }',
        location: { file: lockFile, path: '' },
      },
    ];
  }
  const out: Diagnostic[] = [];
  const present = new Map(sources.map((s) => [`${s.spec.id}@${s.spec.version}`, s]));
  for (const src of sources) {
    const ref = `${src.spec.id}@${src.spec.version}`;
    const locked = lock.editions[ref];
    const hash = editionHash(src.spec);
    if (locked !== undefined && locked !== hash) {
      out.push({
        code: 'E_PUBLISHED_CHANGED',
        message:
          `${ref} was published with content hash ${locked} and now has ${hash}: a published edition never changes, because verdict ` +
          `records name it by version and hash. Restore the file and add a new version instead (patch for wording, minor for ` +
          `decisions, major for breaking changes: docs/versioning.md)`,
        location: at(src, ['version']),
        value: hash,
        allowed: [locked],
      });
    } else if (locked === undefined && src.spec.status === 'published') {
      out.push({
        code: 'E_LOCK',
        message: `${ref} is published but not in ${lockFile}; record it with "daoze validate --update-lock" (it can then never change)`,
        location: at(src, ['status']),
      });
    }
  }
  for (const ref of Object.keys(lock.editions)) {
    if (!present.has(ref)) {
      out.push({
        code: 'E_LOCK',
        message: `${ref} is in ${lockFile} but its file is missing: a published edition is never removed, since verdict records refer to it`,
        location: { file: lockFile, path: `editions.${ref}` },
      });
    }
  }
  return out;
}

/**
 * The lock with every published edition not yet in it added. Existing entries are never rewritten: a changed
 * published edition stays an error until it is restored. Returns the refs added.
 */
export function updateEditionsLock(lock: EditionsLock | undefined, specs: readonly EditionSpec[]): { lock: EditionsLock; added: string[] } {
  const editions: Record<string, string> = { ...(lock?.editions ?? {}) };
  const added: string[] = [];
  for (const s of specs) {
    const ref = `${s.id}@${s.version}`;
    if (s.status === 'published' && editions[ref] === undefined) {
      editions[ref] = editionHash(s);
      added.push(ref);
    }
  }
  const sorted = Object.fromEntries(sortRefs(Object.keys(editions)).map((r) => [r, editions[r]!]));
  return { lock: { lockfileVersion: 1, editions: sorted }, added: sortRefs(added) };
}
