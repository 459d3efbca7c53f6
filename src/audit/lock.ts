/**
 * The editions lock: the content hash of every published edition, kept in `standards/editions.lock.json`.
 * A published edition never changes (a change is a new version), because verdict records name it by version
 * and hash; the lock is how loading a standards folder (`readEditions`, `loadRegistry`, every CLI command) and
 * `daoze validate` refuse one that did. Pure: the caller reads and writes the file (src/node.ts).
 */
import type { Diagnostic } from '../errors.js';
import type { EditionSpec } from '../model/edition.js';
import { editionContent } from '../model/edition-content.js';
import { hashJson } from '../hash/index.js';
import { compareEditionRefs, type EditionSource } from '../model/in-force.js';
import { locationOf } from '../load/report.js';

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

/** Whether a value is a well-formed editions lock. */
export function isEditionsLock(v: unknown): v is EditionsLock {
  if (typeof v !== 'object' || v === null) return false;
  const l = v as Record<string, unknown>;
  if (l.lockfileVersion !== 1 || typeof l.editions !== 'object' || l.editions === null || Array.isArray(l.editions))
    return false;
  if (Object.getPrototypeOf(l.editions) !== Object.prototype) return false;
  return Object.values(l.editions).every((h) => typeof h === 'string' && /^sha256:[0-9a-f]{64}$/.test(h));
}

const sortRefs = (refs: string[]) =>
  refs.sort((a, b) => {
    const [ia, va] = a.split('@') as [string, string];
    const [ib, vb] = b.split('@') as [string, string];
    return compareEditionRefs({ id: ia, version: va }, { id: ib, version: vb });
  });

function at(src: EditionSource, path: string[]): Diagnostic['location'] {
  return locationOf({ file: src.file ?? `${src.spec.id}@${src.spec.version}`, locate: src.locate }, path);
}

/** Options of {@link checkEditionsLock}. */
export interface CheckLockOptions {
  /**
   * Report locked editions whose file is gone (default true). Off when only part of a folder was read (one
   * edition file, one standard's subfolder), where the others are simply not among the sources.
   */
  reportGone?: boolean;
}

/**
 * Checks editions against the lock: a published edition whose content hash differs from the locked one
 * (`E_PUBLISHED_CHANGED`), a published edition not yet locked, a locked edition that is gone, a malformed lock
 * (`E_LOCK`). Drafts are not locked; they may change until they are published. A source's `hash`, when given,
 * is used instead of hashing its spec again.
 */
export function checkEditionsLock(
  lock: unknown,
  sources: readonly EditionSource[],
  lockFile = LOCK_FILE,
  options: CheckLockOptions = {},
): Diagnostic[] {
  if (!isEditionsLock(lock)) {
    return [
      {
        code: 'E_LOCK',
        message:
          'not an editions lock: expected { "lockfileVersion": 1, "editions": { "<id>@<version>": "sha256:<64 hex>" } }',
        location: { file: lockFile, path: '' },
      },
    ];
  }
  const out: Diagnostic[] = [];
  const present = new Map(sources.map((s) => [`${s.spec.id}@${s.spec.version}`, s]));
  for (const src of sources) {
    const ref = `${src.spec.id}@${src.spec.version}`;
    const locked = Object.hasOwn(lock.editions, ref) ? lock.editions[ref] : undefined;
    // A draft is never locked, so its entry (a published edition turned back into a draft) is checked too.
    if (locked === undefined && src.spec.status !== 'published') continue;
    const hash = src.hash ?? editionHash(src.spec);
    if (locked !== undefined && locked !== hash) {
      out.push({
        code: 'E_PUBLISHED_CHANGED',
        message:
          `${ref} was published with content hash ${locked} and now has ${hash}: a published edition never changes, because verdict ` +
          `records name it by version and hash. Restore the file and publish the change as a new version instead (patch for ` +
          `wording, minor for decisions, major for breaking changes: docs/versioning.md); "daoze validate --update-lock" never ` +
          `rewrites a locked entry`,
        location: at(src, ['version']),
        value: hash,
        allowed: [locked],
      });
    } else if (locked === undefined) {
      out.push({
        code: 'E_LOCK',
        message: `${ref} is published but not in ${lockFile}; record it with "daoze validate --update-lock" (it can then never change)`,
        location: at(src, ['status']),
      });
    }
  }
  for (const ref of options.reportGone === false ? [] : Object.keys(lock.editions)) {
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
 * The error for a folder that holds published editions but no lock: without it an edited published edition
 * could not be told from the one verdicts name, so the folder is refused rather than trusted.
 */
export function missingLockDiagnostic(lockFile: string, published: readonly string[]): Diagnostic {
  const shown = published.slice(0, 3).join(', ') + (published.length > 3 ? ` and ${published.length - 3} more` : '');
  return {
    code: 'E_LOCK',
    message:
      `${lockFile} is missing, but the folder holds ${published.length} published edition(s) (${shown}); without the lock an ` +
      `edited published edition cannot be told from the one verdicts name. Restore the lock (from version control), or ` +
      `record the editions with "daoze validate --update-lock" once you have checked they are the published ones`,
    location: { file: lockFile, path: '' },
    value: published.length,
  };
}

/**
 * The lock with every published edition not yet in it added. Existing entries are never rewritten: a changed
 * published edition stays an error until it is restored. Returns the refs added.
 */
export function updateEditionsLock(
  lock: EditionsLock | undefined,
  specs: readonly EditionSpec[],
): { lock: EditionsLock; added: string[] } {
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
