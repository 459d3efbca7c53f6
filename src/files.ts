/**
 * Node-only file access that needs no parser: finding and reading standard, profile and lock files, and starting
 * from the build's snapshot. The CLI starts from here without loading the YAML parser or the schema validator;
 * src/node.ts (`daoze/node`) reads the YAML and re-exports what is public here. These two are the only modules
 * of the engine that touch the file system.
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, type Diagnostic } from './errors.js';
import { decodeUtf8, parseJson } from './input/index.js';
import { MAX_TEXT_LENGTH } from './load/document.js';
import { isEditionsLock, LOCK_FILE, type EditionsLock } from './audit/lock.js';
import type { EditionSpec, ProfileSpec } from './model/edition.js';
import { createRegistry, type Registry } from './registry.js';
import { ENGINE_VERSION } from './version.js';
import { canonicalJson } from './hash/index.js';
import { editionContent } from './model/edition-content.js';

/** The folder of the standards that ship with Daoze. */
export function builtinStandardsDir(): string {
  // src/files.ts and the built chunk that holds it (dist/*.js) both sit one level below the package root.
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

/** A path as messages show it: relative to the current directory. */
export const displayOf = (p: string) => relative(process.cwd(), p) || p;

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
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new InputError(
        'E_NO_SUCH_FILE',
        path,
        `no such file or folder (a standards or profiles path: a folder of <id>/<version>.yaml, or one such file)`,
      );
    throw new InputError('E_READ', path, `cannot read: ${(e as Error).message}`);
  }
  const files: { path: string; problem?: (display: string) => Diagnostic }[] = [];
  if (st.isFile()) files.push({ path: abs });
  else if (!st.isDirectory())
    throw new InputError(
      'E_NOT_FILE',
      path,
      'is neither a file nor a folder (a FIFO, socket or device); give a folder of standards or one edition file',
    );
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
            const why =
              (e as NodeJS.ErrnoException).code === 'ELOOP'
                ? 'is a symlink loop'
                : lstatSync(p, { throwIfNoEntry: false })?.isSymbolicLink()
                  ? 'is a symlink whose target does not exist'
                  : `cannot be read (${(e as Error).message})`;
            files.push({
              path: p,
              problem: (file) => ({ code: 'E_READ', message: `${name} ${why}`, location: { file, path: '' } }),
            });
          }
          continue;
        }
        if (s.isDirectory() && depth < 3) walk(p, depth + 1);
        else if (s.isFile() && looksLikeEdition) files.push({ path: p });
        else if (looksLikeEdition && !s.isDirectory()) {
          files.push({
            path: p,
            problem: (file) => ({
              code: 'E_NOT_FILE',
              message: `${name} is not a regular file (a FIFO, socket or device); an edition is a YAML file`,
              location: { file, path: '' },
            }),
          });
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
export function readRegularFile(path: string, display: string, max: number): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? 'E_NO_SUCH_FILE' : 'E_READ',
      display,
      `cannot open: ${(e as Error).message}`,
    );
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
    const code =
      e.code === 'E_ENCODING'
        ? 'E_ENCODING'
        : e.code === 'E_NOT_FILE'
          ? 'E_NOT_FILE'
          : e.code === 'E_TOO_LARGE'
            ? 'E_LIMIT'
            : 'E_READ';
    // The InputError message starts with its own location; the diagnostic carries that separately.
    const at = `${e.file}${pos ? `:${pos.line}:${pos.col}` : ''}: `;
    const message =
      (e.message.startsWith(at) ? e.message.slice(at.length) : e.message) +
      (pos && e.code === 'E_ENCODING' ? ` (byte offset ${pos.offset})` : '');
    return {
      diagnostic: {
        code,
        message,
        location: { file: file.display, path: '', ...(pos ? { line: pos.line, col: pos.col } : {}) },
        ...(pos ? { value: pos.offset } : {}),
      },
    };
  }
}

/**
 * The folder whose `editions.lock.json` covers an edition file: the root of `<root>/<id>/<version>.yaml`.
 */
export function lockDirOf(file: EditionFile): string {
  return dirname(dirname(file.path));
}

/** Reads a lock file: its value, or the `E_LOCK` diagnostic saying why it cannot be used; undefined when absent. */
export function readLockFile(dir: string): { lock: unknown; display: string } | { diagnostic: Diagnostic } | undefined {
  const path = join(dir, LOCK_FILE);
  const display = displayOf(path);
  if (!existsSync(path)) return undefined;
  const r = readSourceText({ path, display, expectedId: '', expectedVersion: '' });
  if ('diagnostic' in r)
    return {
      diagnostic: {
        ...r.diagnostic,
        code: 'E_LOCK',
        message: `cannot read the editions lock: ${r.diagnostic.message}`,
      },
    };
  try {
    return { lock: parseJson(r.text, display), display };
  } catch (e) {
    const pos = e instanceof InputError ? e.position : undefined;
    return {
      diagnostic: {
        code: 'E_LOCK',
        message: `not valid JSON: ${(e as Error).message}`,
        location: { file: display, path: '', ...(pos ? { line: pos.line, col: pos.col } : {}) },
      },
    };
  }
}

/**
 * The content hash of an edition, as the lock and verdicts hold it (`editionHash`, src/audit/lock.ts): the same
 * canonical JSON, hashed by node:crypto rather than by the pure-JS SHA-256 the portable layers use.
 */
export function nodeEditionHash(spec: EditionSpec): string {
  return `sha256:${createHash('sha256')
    .update(canonicalJson(editionContent(spec)))
    .digest('hex')}`;
}

/** Where `npm run build` writes the snapshot of the built-in standards: beside the built code. */
export function builtinSnapshotPath(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), 'builtin-snapshot.json');
}

/** The format tag of the snapshot file; a snapshot of another format is never used. */
export const SNAPSHOT_FORMAT = 'daoze-snapshot/2';

/** The snapshot of validated, composed standards and profiles, keyed by the exact bytes of every source file. */
export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** The key ({@link snapshotKey}) of the files it was made from. */
  sources: string;
  editions: EditionSpec[];
  profiles: ProfileSpec[];
}

/**
 * The key of a snapshot and the editions lock it was checked against: SHA-256 (node:crypto) over the engine
 * version, the relative path and exact bytes of every edition and profile file, and the content (or absence) of
 * the lock of every folder holding editions, so that an edited, added or deleted lock makes the snapshot stale like
 * an edited edition does. Each entry is framed by its name and length, so no two sets of files give the same
 * input. Undefined when a file cannot be read (the YAML path then reports it).
 */
export function snapshotKey(path: string, profilesPath: string): { key: string; lock: EditionsLock } | undefined {
  const editionFiles = findEditionFiles(path);
  const files = [...editionFiles, ...(existsSync(profilesPath) ? findEditionFiles(profilesPath) : [])];
  const hash = createHash('sha256').update(JSON.stringify([SNAPSHOT_FORMAT, ENGINE_VERSION]));
  const entry = (name: string, bytes: Uint8Array | string | null) => {
    hash.update(
      `\n${JSON.stringify([name, bytes === null ? null : typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length])}\n`,
    );
    if (bytes !== null) hash.update(bytes);
  };
  for (const f of files) {
    if (f.problem) return undefined;
    let bytes: Uint8Array;
    try {
      bytes = readRegularFile(f.path, f.display, MAX_FILE_BYTES);
    } catch (e) {
      if (e instanceof InputError) return undefined;
      throw e;
    }
    entry(relative(path, f.path), bytes);
  }
  const lock: EditionsLock = { lockfileVersion: 1, editions: {} };
  for (const dir of [...new Set(editionFiles.map(lockDirOf))].sort()) {
    const read = readLockFile(dir);
    if (read && 'diagnostic' in read) return undefined;
    entry(relative(path, join(dir, LOCK_FILE)), read ? JSON.stringify(read.lock) : null);
    if (read && isEditionsLock(read.lock)) Object.assign(lock.editions, read.lock.editions);
  }
  return { key: `sha256:${hash.digest('hex')}`, lock };
}

/**
 * The key of a snapshot: the engine version, the path and exact bytes of every edition and profile file, and
 * the editions locks. Undefined when a file cannot be read.
 */
export function sourcesHash(path: string, profilesPath: string): string | undefined {
  return snapshotKey(path, profilesPath)?.key;
}

/**
 * The registry from a snapshot file, if it exists and was made from exactly the files now under the two paths
 * (editions locks included) by this engine version; otherwise undefined (and the caller reads the YAML). A stale
 * or unreadable snapshot is never used, and its published editions are hashed again as it holds them (node:crypto,
 * `nodeEditionHash`) and checked against the locks, so that an edited snapshot cannot slip a changed edition
 * past the lock.
 */
export function loadSnapshot(
  file: string,
  path: string = builtinStandardsDir(),
  profilesPath: string = builtinProfilesDir(),
): Registry | undefined {
  let snap: Snapshot;
  try {
    snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  } catch {
    return undefined;
  }
  if (snap?.format !== SNAPSHOT_FORMAT) return undefined;
  const key = snapshotKey(path, profilesPath);
  if (!key || snap.sources !== key.key) return undefined;
  return createRegistry(snap.editions, {
    profiles: snap.profiles.map((spec) => ({ spec })),
    lock: key.lock,
    hashEdition: nodeEditionHash,
  });
}

/**
 * The registry of the standards and profiles under two paths from the build's snapshot, when it serves them (see
 * {@link loadSnapshot}); undefined when it does not, when `profilesPath` is `null` (no profiles: the snapshot
 * holds the built-in ones) or when `DAOZE_NO_SNAPSHOT` is set. The snapshot is content-addressed (every file's
 * relative path and bytes), so it serves any folder that holds exactly those files.
 */
export function registryFromSnapshot(path: string, profilesPath: string | null): Registry | undefined {
  if (process.env.DAOZE_NO_SNAPSHOT || profilesPath === null) return undefined;
  return loadSnapshot(builtinSnapshotPath(), path, profilesPath);
}
