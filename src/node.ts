/**
 * Node-only helpers: reading standards from disk. The only module of the engine that touches the file system.
 * @packageDocumentation
 */
import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, StandardError, type Diagnostic } from './errors.js';
import { decodeUtf8, parseJson } from './input/index.js';
import { MAX_TEXT_LENGTH } from './load/yaml.js';
import { checkEditionsLock, isEditionsLock, LOCK_FILE, missingLockDiagnostic, updateEditionsLock, type EditionsLock } from './audit/lock.js';
import type { EditionSpec } from './model/edition.js';
import { parseEdition } from './load/index.js';
import { composeEditions } from './load/compose.js';
import type { ParsedText } from './load/yaml.js';
import { createRegistry, type ProfileInput, type Registry } from './registry.js';
import { parseProfile } from './load/profile.js';
import { inForceDiagnostics } from './model/in-force.js';
import { hashJson } from './hash/index.js';
import { ENGINE_VERSION } from './version.js';
import { renderStandardPage } from './result/page.js';
import { pageWarnings } from './cases/house-rules.js';

/** The folder of the standards that ship with Daoze. */
export function builtinStandardsDir(): string {
  // src/node.ts and dist/node.js both sit one level below the package root.
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', 'standards');
}

/** The folder of the example city profiles that ship with Daoze. */
export function builtinProfilesDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', 'profiles');
}

/** One edition file found on disk. */
export interface EditionFile {
  path: string;
  /** Path relative to the current directory, for messages. */
  display: string;
  expectedId: string;
  expectedVersion: string;
  /** Why the file cannot be read (a dangling symlink, a FIFO or device), found while listing; it is then never opened. */
  problem?: Diagnostic;
}

const EDITION_FILE = /^(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.ya?ml$/;

const displayOf = (p: string) => relative(process.cwd(), p) || p;

/** Most bytes read from one standard or profile file: the character limit of the YAML reader, at up to 4 bytes each. */
const MAX_FILE_BYTES = MAX_TEXT_LENGTH * 4;

/**
 * Lists edition files: `<dir>/<id>/<version>.yaml`, or a single file. Throws `InputError` when the path does not
 * exist (`E_NO_SUCH_FILE`) or is neither a file nor a folder (`E_NOT_FILE`). An entry that looks like an edition
 * but is a dangling symlink or not a regular file is listed with its `problem`, so that it is reported, never
 * skipped in silence (a missing edition could otherwise go unnoticed) and never opened (a FIFO would block).
 */
export function findEditionFiles(path: string): EditionFile[] {
  const abs = resolve(path);
  let st;
  try {
    st = statSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError('E_NO_SUCH_FILE', path, `no such file or folder (a standards or profiles path: a folder of <id>/<version>.yaml, or one such file)`);
    throw new InputError('E_READ', path, `cannot read: ${(e as Error).message}`);
  }
  const files: { path: string; problem?: (display: string) => Diagnostic }[] = [];
  if (st.isFile()) files.push({ path: abs });
  else if (!st.isDirectory()) throw new InputError('E_NOT_FILE', path, 'is neither a file nor a folder (a FIFO, socket or device); give a folder of standards or one edition file');
  else {
    const walk = (d: string, depth: number) => {
      let names: string[];
      try {
        names = readdirSync(d).sort();
      } catch (e) {
        throw new InputError('E_READ', displayOf(d), `cannot list the folder: ${(e as Error).message}`);
      }
      for (const name of names) {
        const p = join(d, name);
        const looksLikeEdition = EDITION_FILE.test(name);
        let s;
        try {
          s = statSync(p);
        } catch (e) {
          // A symlink whose target is gone (or a loop): report it where an edition or a standard's folder could be.
          if (looksLikeEdition || (!name.startsWith('.') && !name.includes('.'))) {
            const why = (e as NodeJS.ErrnoException).code === 'ELOOP' ? 'is a symlink loop' : lstatSync(p, { throwIfNoEntry: false })?.isSymbolicLink() ? 'is a symlink whose target does not exist' : `cannot be read (${(e as Error).message})`;
            files.push({ path: p, problem: (file) => ({ code: 'E_READ', message: `${name} ${why}`, location: { file, path: '' } }) });
          }
          continue;
        }
        if (s.isDirectory() && depth < 3) walk(p, depth + 1);
        else if (s.isFile() && looksLikeEdition) files.push({ path: p });
        else if (looksLikeEdition && !s.isDirectory()) {
          files.push({ path: p, problem: (file) => ({ code: 'E_NOT_FILE', message: `${name} is not a regular file (a FIFO, socket or device); an edition is a YAML file`, location: { file, path: '' } }) });
        }
      }
    };
    walk(abs, 0);
  }
  return files.map((f) => {
    const display = displayOf(f.path);
    return {
      path: f.path,
      display,
      expectedId: basename(dirname(f.path)),
      expectedVersion: basename(f.path).replace(/\.ya?ml$/, ''),
      ...(f.problem ? { problem: f.problem(display) } : {}),
    };
  });
}

/**
 * Reads a file's bytes without blocking on anything but a regular file (opened non-blocking, checked with
 * fstat, so a FIFO swapped in after listing is refused too) and at most `max` bytes. Throws `InputError`.
 */
function readRegularFile(path: string, display: string, max: number): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'E_NO_SUCH_FILE' : 'E_READ', display, `cannot open: ${(e as Error).message}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new InputError('E_NOT_FILE', display, 'is not a regular file');
    if (st.size > max) throw new InputError('E_TOO_LARGE', display, `is ${st.size} bytes; at most ${max} are read`);
    const buf = Buffer.alloc(st.size);
    let n = 0;
    while (n < st.size) {
      const got = readSync(fd, buf, n, st.size - n, n);
      if (got === 0) break;
      n += got;
    }
    return buf.subarray(0, n);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('E_READ', display, `cannot read: ${(e as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * The text of a standard or profile file, or the diagnostic that says why there is none: not a regular file,
 * unreadable, too large, or not UTF-8 (`E_ENCODING` at the first bad byte's offset, line and column). A leading
 * BOM is dropped, as `daoze check` and batch drop it.
 */
export function readSourceText(file: EditionFile): { text: string } | { diagnostic: Diagnostic } {
  if (file.problem) return { diagnostic: file.problem };
  try {
    return { text: decodeUtf8(readRegularFile(file.path, file.display, MAX_FILE_BYTES), file.display) };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const pos = e.position;
    const code = e.code === 'E_ENCODING' ? 'E_ENCODING' : e.code === 'E_NOT_FILE' ? 'E_NOT_FILE' : e.code === 'E_TOO_LARGE' ? 'E_LIMIT' : 'E_READ';
    // The InputError message starts with its own location; the diagnostic carries that separately.
    const at = `${e.file}${pos ? `:${pos.line}:${pos.col}` : ''}: `;
    const message = (e.message.startsWith(at) ? e.message.slice(at.length) : e.message) + (pos && e.code === 'E_ENCODING' ? ` (byte offset ${pos.offset})` : '');
    return { diagnostic: { code, message, location: { file: file.display, path: '', ...(pos ? { line: pos.line, col: pos.col } : {}) }, ...(pos ? { value: pos.offset } : {}) } };
  }
}

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
 * The folder whose `editions.lock.json` covers an edition file: the root of `<root>/<id>/<version>.yaml`.
 */
export function lockDirOf(file: EditionFile): string {
  return dirname(dirname(file.path));
}

/** Reads a lock file: its value, or the `E_LOCK` diagnostic saying why it cannot be used; undefined when absent. */
function readLockFile(dir: string): { lock: unknown; display: string } | { diagnostic: Diagnostic } | undefined {
  const path = join(dir, LOCK_FILE);
  const display = displayOf(path);
  if (!existsSync(path)) return undefined;
  const r = readSourceText({ path, display, expectedId: '', expectedVersion: '' });
  if ('diagnostic' in r) return { diagnostic: { ...r.diagnostic, code: 'E_LOCK', message: `cannot read the editions lock: ${r.diagnostic.message}` } };
  try {
    return { lock: parseJson(r.text, display), display };
  } catch (e) {
    const pos = e instanceof InputError ? e.position : undefined;
    return { diagnostic: { code: 'E_LOCK', message: `not valid JSON: ${(e as Error).message}`, location: { file: display, path: '', ...(pos ? { line: pos.line, col: pos.col } : {}) } } };
  }
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
    const sources = group.map((e) => ({ spec: e.spec, file: e.file.display, ...(e.locate ? { locate: e.locate } : {}) }));
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
export function readEditions(path: string = builtinStandardsDir(), options: ReadEditionsOptions = {}): { editions: ReadEdition[]; diagnostics: Diagnostic[] } {
  const parsed: ReadEdition[] = [];
  const diagnostics: Diagnostic[] = [];
  const files = findEditionFiles(path);
  if (files.length === 0) throw new InputError('E_NO_SUCH_FILE', path, 'holds no edition files; a standards folder holds <id>/<version>.yaml files');
  for (const file of files) {
    const read = readSourceText(file);
    if ('diagnostic' in read) {
      diagnostics.push(read.diagnostic);
      continue;
    }
    const r = parseEdition(read.text, { file: file.display, expected: { id: file.expectedId, version: file.expectedVersion } });
    diagnostics.push(...r.diagnostics);
    if (r.edition) parsed.push({ file, spec: r.edition, ...(r.locate ? { locate: r.locate } : {}) });
  }
  const composed = composeEditions(parsed.map((p) => ({ spec: p.spec, file: p.file.display, ...(p.locate ? { locate: p.locate } : {}) })));
  diagnostics.push(...composed.diagnostics);
  // Across files: two published editions of one standard in force on the same day.
  diagnostics.push(...inForceDiagnostics(parsed.map((p) => ({ spec: p.spec, file: p.file.display, ...(p.locate ? { locate: p.locate } : {}) }))));
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
export function readProfiles(path: string = builtinProfilesDir()): { profiles: ProfileInput[]; diagnostics: Diagnostic[] } {
  const profiles: ProfileInput[] = [];
  const diagnostics: Diagnostic[] = [];
  if (!existsSync(path)) return { profiles, diagnostics };
  for (const file of findEditionFiles(path)) {
    const read = readSourceText(file);
    if ('diagnostic' in read) {
      diagnostics.push(read.diagnostic);
      continue;
    }
    const r = parseProfile(read.text, { file: file.display, expected: { id: file.expectedId, version: file.expectedVersion } });
    diagnostics.push(...r.diagnostics);
    if (r.profile) profiles.push({ spec: r.profile, file: file.display, ...(r.locate ? { locate: r.locate } : {}) });
  }
  return { profiles, diagnostics };
}

/** Where `npm run build` writes the snapshot of the built-in standards: beside the built code. */
export function builtinSnapshotPath(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), 'builtin-snapshot.json');
}

/** The snapshot of validated, composed standards and profiles, keyed by the exact text of every source file. */
interface Snapshot {
  format: 'daoze-snapshot/1';
  /** sha256 over the engine version and every source file's path and text, the editions locks included. */
  sources: string;
  editions: EditionSpec[];
  profiles: ProfileInput['spec'][];
}

/**
 * The key of a snapshot and the editions lock it was checked against: the engine version, the path and exact
 * text of every edition and profile file, and the text (or absence) of the lock of every folder holding
 * editions, so that an edited, added or deleted lock makes the snapshot stale like an edited edition does.
 * Undefined when a file cannot be read (the YAML path then reports it).
 */
function snapshotKey(path: string, profilesPath: string): { key: string; lock: EditionsLock } | undefined {
  const editionFiles = findEditionFiles(path);
  const files = [...editionFiles, ...(existsSync(profilesPath) ? findEditionFiles(profilesPath) : [])];
  const entries: [string, string | null][] = [];
  for (const f of files) {
    const r = readSourceText(f);
    if ('diagnostic' in r) return undefined;
    entries.push([relative(path, f.path), r.text]);
  }
  const lock: EditionsLock = { lockfileVersion: 1, editions: {} };
  for (const dir of [...new Set(editionFiles.map(lockDirOf))].sort()) {
    const read = readLockFile(dir);
    entries.push([relative(path, join(dir, LOCK_FILE)), read && 'lock' in read ? JSON.stringify(read.lock) : null]);
    if (read && 'diagnostic' in read) return undefined;
    if (read && isEditionsLock(read.lock)) Object.assign(lock.editions, read.lock.editions);
  }
  return { key: hashJson([ENGINE_VERSION, entries]), lock };
}

/**
 * The key of a snapshot: the engine version, the path and exact text of every edition and profile file, and
 * the editions locks. Undefined when a file cannot be read.
 */
export function sourcesHash(path: string, profilesPath: string): string | undefined {
  return snapshotKey(path, profilesPath)?.key;
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
export function writeBuiltinSnapshot(file: string = builtinSnapshotPath(), path: string = builtinStandardsDir(), profilesPath: string = builtinProfilesDir()): void {
  const { editions, diagnostics } = readEditions(path);
  const profiles = readProfiles(profilesPath);
  diagnostics.push(...profiles.diagnostics);
  if (diagnostics.length > 0) throw new StandardError(diagnostics);
  const key = snapshotKey(path, profilesPath);
  if (!key) throw new InputError('E_READ', path, 'a file changed while the snapshot was made');
  // Throws on what only the registry sees.
  createRegistry(editions.map((e) => e.spec), { profiles: profiles.profiles, lock: key.lock });
  const snapshot: Snapshot = {
    format: 'daoze-snapshot/1',
    sources: key.key,
    editions: editions.map((e) => e.spec),
    profiles: profiles.profiles.map((p) => p.spec),
  };
  writeFileSync(file, JSON.stringify(snapshot));
}

/**
 * The registry from a snapshot file, if it exists and was made from exactly the files now under the two paths
 * (editions locks included) by this engine version; otherwise undefined (and the caller reads the YAML). A stale
 * or unreadable snapshot is never used, and its published editions are checked against the locks again (by the
 * hash each compiled edition carries), so that an edited snapshot cannot slip a changed edition past the lock.
 */
export function loadSnapshot(file: string, path: string = builtinStandardsDir(), profilesPath: string = builtinProfilesDir()): Registry | undefined {
  let snap: Snapshot;
  try {
    snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  } catch {
    return undefined;
  }
  if (snap?.format !== 'daoze-snapshot/1') return undefined;
  const key = snapshotKey(path, profilesPath);
  if (!key || snap.sources !== key.key) return undefined;
  return createRegistry(snap.editions, { profiles: snap.profiles.map((spec) => ({ spec })), lock: key.lock });
}

/**
 * Loads every edition under a path, and the profiles under another, into a registry; throws `StandardError`
 * listing every problem if any file is invalid or a published edition is not the one in its folder's
 * `editions.lock.json` (see {@link readEditions}), and `InputError` when the path is missing or holds no
 * editions. It uses the build's snapshot instead when that was made from exactly the files under the two paths,
 * locks included (the CLI then starts without parsing YAML); `DAOZE_NO_SNAPSHOT=1` turns that off. A
 * `profilesPath` of `null` loads no profiles.
 */
export function loadRegistry(path: string = builtinStandardsDir(), profilesPath: string | null = builtinProfilesDir()): Registry {
  // The snapshot is content-addressed (every file's relative path and text), so it serves any folder that holds exactly those files.
  if (!process.env.DAOZE_NO_SNAPSHOT && profilesPath !== null) {
    const fromSnapshot = loadSnapshot(builtinSnapshotPath(), path, profilesPath);
    if (fromSnapshot) return fromSnapshot;
  }
  const { editions, diagnostics } = readEditions(path);
  // `null`: no profiles (a folder of an author's own standards, which the built-in profiles do not extend).
  const profiles = profilesPath === null ? { profiles: [], diagnostics: [] } : readProfiles(profilesPath);
  diagnostics.push(...profiles.diagnostics);
  if (diagnostics.length > 0) throw new StandardError(diagnostics);
  return createRegistry(
    editions.map((e) => e.spec),
    { profiles: profiles.profiles, lock: folderLock(editions.map((e) => e.file)) },
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
      createRegistry(e.editions.map((x) => x.spec), { profiles: p.profiles });
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
export function readPageWarnings(registry: Pick<Registry, 'get'>, read: readonly ReadEdition[], dir: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const id of [...new Set(read.map((e) => e.spec.id))]) {
    const ed = registry.get(id);
    const source = read.find((e) => e.spec.id === ed.id && e.spec.version === ed.version);
    if (!source) continue;
    const file = join(dir, `${id}.md`);
    const actual = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    const en = renderStandardPage(ed, 'en');
    const expected = actual === en ? en : renderStandardPage(ed, 'zh');
    out.push(...pageWarnings(ed, { file: relative(process.cwd(), file) || file, actual, expected }, { file: source.file.display, ...(source.locate ? { locate: source.locate } : {}) }));
  }
  return out;
}
