/**
 * Node-only helpers: reading standards from disk, with the YAML parser and the schema validator. With
 * src/files.ts (finding and reading files without a parser, and the build's snapshot, re-exported here) the only
 * modules of the engine that touch the file system.
 * @packageDocumentation
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { InputError, StandardError, type Diagnostic } from './errors.js';
import {
  checkEditionsLock,
  isEditionsLock,
  LOCK_FILE,
  missingLockDiagnostic,
  updateEditionsLock,
  type EditionsLock,
} from './audit/lock.js';
import type { EditionSpec } from './model/edition.js';
import { parseEdition } from './load/index.js';
import { composeEditions } from './load/compose.js';
import type { ParsedText } from './load/yaml.js';
import { createRegistry, type ProfileInput, type Registry } from './registry.js';
import { parseProfile } from './load/profile.js';
import { inForceDiagnostics } from './model/in-force.js';
import { renderStandardPage } from './result/page.js';
import { pageWarnings } from './cases/house-rules.js';
import {
  builtinProfilesDir,
  builtinSnapshotPath,
  builtinStandardsDir,
  displayOf,
  findEditionFiles,
  lockDirOf,
  nodeEditionHash,
  readLockFile,
  readSourceText,
  registryFromSnapshot,
  snapshotKey,
  SNAPSHOT_FORMAT,
  type EditionFile,
  type Snapshot,
} from './files.js';

export {
  builtinProfilesDir,
  builtinSnapshotPath,
  builtinStandardsDir,
  findEditionFiles,
  loadSnapshot,
  lockDirOf,
  readSourceText,
  sourcesHash,
  type EditionFile,
} from './files.js';

/** An edition read from disk: its file, its composed spec, and the locator of paths in its text. */
export interface ReadEdition {
  file: EditionFile;
  spec: EditionSpec;
  /** Line and column of a path in the file, for later checks (the lock, editions in force) to position errors. */
  locate?: ParsedText['locate'];
}

/** Options of {@link readEditions}. */
export interface ReadEditionsOptions {
  /**
   * Check published editions against their folder's `editions.lock.json` (default true). Off only for
   * `daoze validate --update-lock`, which reads the editions to add the new ones before checking them.
   */
  lock?: boolean;
}

/**
 * The lock check of editions read from disk, per folder holding a lock: a published edition whose hash is not
 * the locked one (`E_PUBLISHED_CHANGED`), a published edition not in the lock, a folder with published editions
 * and no lock, a malformed lock (`E_LOCK`). Locked editions whose file is gone are reported when the whole
 * folder was read (`root` is the folder or one above it).
 */
export function lockDiagnostics(editions: readonly ReadEdition[], root: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byDir = new Map<string, ReadEdition[]>();
  for (const e of editions) byDir.set(lockDirOf(e.file), [...(byDir.get(lockDirOf(e.file)) ?? []), e]);
  const abs = resolve(root);
  const whole = existsSync(abs) && statSync(abs).isDirectory();
  for (const [dir, group] of byDir) {
    const read = readLockFile(dir);
    if (read === undefined) {
      const published = group.filter((e) => e.spec.status === 'published').map((e) => `${e.spec.id}@${e.spec.version}`);
      if (published.length) out.push(missingLockDiagnostic(displayOf(join(dir, LOCK_FILE)), published));
      continue;
    }
    if ('diagnostic' in read) {
      out.push(read.diagnostic);
      continue;
    }
    const sources = group.map((e) => ({
      spec: e.spec,
      file: e.file.display,
      ...(e.locate ? { locate: e.locate } : {}),
    }));
    const reportGone = whole && (dir === abs || dir.startsWith(abs + sep));
    out.push(...checkEditionsLock(read.lock, sources, read.display, { reportGone }));
  }
  return out;
}

/**
 * Reads, validates and composes every edition under a path, and checks the published ones against their
 * folder's editions lock. Returns the valid (composed) specs and all diagnostics. Throws `InputError` when the
 * path does not exist or holds no edition files (an empty folder is a mistake, never an empty set of standards).
 */
export function readEditions(
  path: string = builtinStandardsDir(),
  options: ReadEditionsOptions = {},
): { editions: ReadEdition[]; diagnostics: Diagnostic[] } {
  const parsed: ReadEdition[] = [];
  const diagnostics: Diagnostic[] = [];
  const files = findEditionFiles(path);
  if (files.length === 0)
    throw new InputError(
      'E_NO_SUCH_FILE',
      path,
      'holds no edition files; a standards folder holds <id>/<version>.yaml files',
    );
  for (const file of files) {
    const read = readSourceText(file);
    if ('diagnostic' in read) {
      diagnostics.push(read.diagnostic);
      continue;
    }
    const r = parseEdition(read.text, {
      file: file.display,
      expected: { id: file.expectedId, version: file.expectedVersion },
    });
    diagnostics.push(...r.diagnostics);
    if (r.edition) parsed.push({ file, spec: r.edition, ...(r.locate ? { locate: r.locate } : {}) });
  }
  const composed = composeEditions(
    parsed.map((p) => ({ spec: p.spec, file: p.file.display, ...(p.locate ? { locate: p.locate } : {}) })),
  );
  diagnostics.push(...composed.diagnostics);
  // Across files: two published editions of one standard in force on the same day.
  diagnostics.push(
    ...inForceDiagnostics(
      parsed.map((p) => ({ spec: p.spec, file: p.file.display, ...(p.locate ? { locate: p.locate } : {}) })),
    ),
  );
  const editions = parsed.map((p, i) => ({ ...p, spec: composed.editions[i]! }));
  // The lock holds the hash verdicts carry: that of the edition as composed (with what it includes).
  if (options.lock !== false) diagnostics.push(...lockDiagnostics(editions, path));
  return { editions, diagnostics };
}

/**
 * Publishing: adds every published edition under a path that its folder's lock does not hold yet (creating the
 * lock when there is none) and returns the refs added. A locked entry is never rewritten, so an edited published
 * edition stays refused; nothing is written while any edition has another problem (a broken edition is not
 * published). Only `daoze validate --update-lock` calls this; loading never does.
 */
export function updateLocks(path: string): { added: string[]; diagnostics: Diagnostic[] } {
  const { editions, diagnostics } = readEditions(path, { lock: false });
  if (diagnostics.length) return { added: [], diagnostics };
  const added: string[] = [];
  const byDir = new Map<string, EditionSpec[]>();
  for (const e of editions) byDir.set(lockDirOf(e.file), [...(byDir.get(lockDirOf(e.file)) ?? []), e.spec]);
  for (const [dir, specs] of byDir) {
    const read = readLockFile(dir);
    if (read && 'diagnostic' in read) {
      diagnostics.push(read.diagnostic);
      continue;
    }
    if (read && !isEditionsLock(read.lock)) continue; // reported by the check that follows
    const r = updateEditionsLock(read?.lock as EditionsLock | undefined, specs);
    if (r.added.length) writeFileSync(join(dir, LOCK_FILE), `${JSON.stringify(r.lock, null, 2)}\n`);
    added.push(...r.added);
  }
  return { added, diagnostics };
}

/** Reads and validates every profile under a path (`<dir>/<id>/<version>.yaml`); references into bases are checked by the registry. */
export function readProfiles(path: string = builtinProfilesDir()): {
  profiles: ProfileInput[];
  diagnostics: Diagnostic[];
} {
  const profiles: ProfileInput[] = [];
  const diagnostics: Diagnostic[] = [];
  if (!existsSync(path)) return { profiles, diagnostics };
  for (const file of findEditionFiles(path)) {
    const read = readSourceText(file);
    if ('diagnostic' in read) {
      diagnostics.push(read.diagnostic);
      continue;
    }
    const r = parseProfile(read.text, {
      file: file.display,
      expected: { id: file.expectedId, version: file.expectedVersion },
    });
    diagnostics.push(...r.diagnostics);
    if (r.profile) profiles.push({ spec: r.profile, file: file.display, ...(r.locate ? { locate: r.locate } : {}) });
  }
  return { profiles, diagnostics };
}

/** Every editions lock covering the files under a path, merged (`id@version` is unique in a registry). */
function folderLock(files: readonly EditionFile[]): EditionsLock {
  const lock: EditionsLock = { lockfileVersion: 1, editions: {} };
  for (const dir of new Set(files.map(lockDirOf))) {
    const read = readLockFile(dir);
    if (read && 'lock' in read && isEditionsLock(read.lock)) Object.assign(lock.editions, read.lock.editions);
  }
  return lock;
}

/**
 * Writes a snapshot of the standards and profiles (of the built-in ones when run by `npm run build`), so that the CLI starts without parsing
 * YAML or compiling the JSON Schema. Refuses to snapshot standards that do not validate, the editions lock included.
 */
export function writeBuiltinSnapshot(
  file: string = builtinSnapshotPath(),
  path: string = builtinStandardsDir(),
  profilesPath: string = builtinProfilesDir(),
): void {
  const { editions, diagnostics } = readEditions(path);
  const profiles = readProfiles(profilesPath);
  diagnostics.push(...profiles.diagnostics);
  if (diagnostics.length > 0) throw new StandardError(diagnostics);
  const key = snapshotKey(path, profilesPath);
  if (!key) throw new InputError('E_READ', path, 'a file changed while the snapshot was made');
  // Throws on what only the registry sees.
  createRegistry(
    editions.map((e) => e.spec),
    { profiles: profiles.profiles, lock: key.lock },
  );
  const snapshot: Snapshot = {
    format: SNAPSHOT_FORMAT,
    sources: key.key,
    editions: editions.map((e) => e.spec),
    profiles: profiles.profiles.map((p) => p.spec),
  };
  writeFileSync(file, JSON.stringify(snapshot));
}

/**
 * Loads every edition under a path, and the profiles under another, into a registry; throws `StandardError`
 * listing every problem if any file is invalid or a published edition is not the one in its folder's
 * `editions.lock.json` (see {@link readEditions}), and `InputError` when the path is missing or holds no
 * editions. It uses the build's snapshot instead when that was made from exactly the files under the two paths,
 * locks included (the CLI then starts without parsing YAML); `DAOZE_NO_SNAPSHOT=1` turns that off. A
 * `profilesPath` of `null` loads no profiles.
 */
export function loadRegistry(
  path: string = builtinStandardsDir(),
  profilesPath: string | null = builtinProfilesDir(),
): Registry {
  const fromSnapshot = registryFromSnapshot(path, profilesPath);
  if (fromSnapshot) return fromSnapshot;
  const { editions, diagnostics } = readEditions(path);
  // `null`: no profiles (a folder of an author's own standards, which the built-in profiles do not extend).
  const profiles = profilesPath === null ? { profiles: [], diagnostics: [] } : readProfiles(profilesPath);
  diagnostics.push(...profiles.diagnostics);
  if (diagnostics.length > 0) throw new StandardError(diagnostics);
  return createRegistry(
    editions.map((e) => e.spec),
    { profiles: profiles.profiles, lock: folderLock(editions.map((e) => e.file)), hashEdition: nodeEditionHash },
  );
}

/**
 * Every problem in the standards under one path and the profiles under another (`null`: none), including what
 * only the registry sees and the editions lock.
 */
export function validateAll(
  path: string = builtinStandardsDir(),
  profilesPath: string | null = builtinProfilesDir(),
): { editions: number; profiles: number; diagnostics: Diagnostic[] } {
  const e = readEditions(path);
  const p = profilesPath === null ? { profiles: [], diagnostics: [] } : readProfiles(profilesPath);
  const diagnostics = [...e.diagnostics, ...p.diagnostics];
  if (diagnostics.length === 0) {
    try {
      createRegistry(
        e.editions.map((x) => x.spec),
        { profiles: p.profiles },
      );
    } catch (err) {
      if (!(err instanceof StandardError)) throw err;
      diagnostics.push(...err.diagnostics);
    }
  }
  return { editions: e.editions.length, profiles: p.profiles.length, diagnostics };
}

/**
 * The folder of the generated pages (`daoze doc`) of the standards under `path`: `docs/standards` beside the
 * standards folder (the repository's layout), or undefined when there is none.
 */
export function findPagesDir(path: string): string | undefined {
  const root = existsSync(path) && statSync(path).isFile() ? dirname(dirname(path)) : path;
  const dir = join(dirname(root), 'docs', 'standards');
  return existsSync(dir) ? dir : undefined;
}

/**
 * The `W_PAGE` warnings of the newest edition of each standard read, against the page `<dir>/<id>.md`: missing,
 * or not what `daoze doc` writes in either locale. Reads the pages; the comparison is `pageWarnings` (src/cases/house-rules.ts).
 */
export function readPageWarnings(
  registry: Pick<Registry, 'get'>,
  read: readonly ReadEdition[],
  dir: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const id of [...new Set(read.map((e) => e.spec.id))]) {
    const ed = registry.get(id);
    const source = read.find((e) => e.spec.id === ed.id && e.spec.version === ed.version);
    if (!source) continue;
    const file = join(dir, `${id}.md`);
    const actual = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    const en = renderStandardPage(ed, 'en');
    const expected = actual === en ? en : renderStandardPage(ed, 'zh');
    out.push(
      ...pageWarnings(
        ed,
        { file: relative(process.cwd(), file) || file, actual, expected },
        { file: source.file.display, ...(source.locate ? { locate: source.locate } : {}) },
      ),
    );
  }
  return out;
}
