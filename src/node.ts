/**
 * Node-only helpers: reading standards from disk. The only module of the engine that touches the file system.
 * @packageDocumentation
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StandardError, type Diagnostic } from './errors.js';
import type { EditionSpec } from './model/edition.js';
import { parseEdition } from './load/index.js';
import { composeEditions } from './load/compose.js';
import type { ParsedText } from './load/yaml.js';
import { createRegistry, type ProfileInput, type Registry } from './registry.js';
import { parseProfile } from './load/profile.js';
import { inForceDiagnostics } from './model/in-force.js';
import { hashJson } from './hash/index.js';
import { ENGINE_VERSION } from './version.js';

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
}

const EDITION_FILE = /^(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.ya?ml$/;

/** Lists edition files: `<dir>/<id>/<version>.yaml`, or a single file. */
export function findEditionFiles(path: string): EditionFile[] {
  const abs = resolve(path);
  const st = statSync(abs);
  const files: string[] = [];
  if (st.isFile()) files.push(abs);
  else {
    const walk = (d: string, depth: number) => {
      for (const name of readdirSync(d).sort()) {
        const p = join(d, name);
        const s = statSync(p);
        if (s.isDirectory() && depth < 3) walk(p, depth + 1);
        else if (s.isFile() && EDITION_FILE.test(name)) files.push(p);
      }
    };
    walk(abs, 0);
  }
  return files.map((p) => ({
    path: p,
    display: relative(process.cwd(), p) || p,
    expectedId: basename(dirname(p)),
    expectedVersion: basename(p).replace(/\.ya?ml$/, ''),
  }));
}

/** Reads, validates and composes every edition under a path; returns the valid (flat) specs and all diagnostics. */
export function readEditions(path: string = builtinStandardsDir()): { editions: { file: EditionFile; spec: EditionSpec }[]; diagnostics: Diagnostic[] } {
  const parsed: { file: EditionFile; spec: EditionSpec; locate?: ParsedText['locate'] }[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of findEditionFiles(path)) {
    const text = readFileSync(file.path, 'utf8');
    const r = parseEdition(text, { file: file.display, expected: { id: file.expectedId, version: file.expectedVersion } });
    diagnostics.push(...r.diagnostics);
    if (r.edition) parsed.push({ file, spec: r.edition, ...(r.locate ? { locate: r.locate } : {}) });
  }
  const composed = composeEditions(parsed.map((p) => ({ spec: p.spec, file: p.file.display, ...(p.locate ? { locate: p.locate } : {}) })));
  diagnostics.push(...composed.diagnostics);
  // Across files: two published editions of one standard in force on the same day.
  diagnostics.push(...inForceDiagnostics(parsed.map((p) => ({ spec: p.spec, file: p.file.display, ...(p.locate ? { locate: p.locate } : {}) }))));
  return { editions: parsed.map((p, i) => ({ file: p.file, spec: composed.editions[i]! })), diagnostics };
}

/** Reads and validates every profile under a path (`<dir>/<id>/<version>.yaml`); references into bases are checked by the registry. */
export function readProfiles(path: string = builtinProfilesDir()): { profiles: ProfileInput[]; diagnostics: Diagnostic[] } {
  const profiles: ProfileInput[] = [];
  const diagnostics: Diagnostic[] = [];
  if (!existsSync(path)) return { profiles, diagnostics };
  for (const file of findEditionFiles(path)) {
    const r = parseProfile(readFileSync(file.path, 'utf8'), { file: file.display, expected: { id: file.expectedId, version: file.expectedVersion } });
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
  /** sha256 over the engine version and every source file's path and text. */
  sources: string;
  editions: EditionSpec[];
  profiles: ProfileInput['spec'][];
}

/** The key of a snapshot: the engine version and the path and exact text of every edition and profile file. */
export function sourcesHash(path: string, profilesPath: string): string {
  const files = [...findEditionFiles(path), ...(existsSync(profilesPath) ? findEditionFiles(profilesPath) : [])];
  return hashJson([ENGINE_VERSION, files.map((f) => [relative(path, f.path), readFileSync(f.path, 'utf8')])]);
}

/**
 * Writes a snapshot of the standards and profiles (of the built-in ones when run by `npm run build`), so that the CLI starts without parsing
 * YAML or compiling the JSON Schema. Refuses to snapshot standards that do not validate.
 */
export function writeBuiltinSnapshot(file: string = builtinSnapshotPath(), path: string = builtinStandardsDir(), profilesPath: string = builtinProfilesDir()): void {
  const { editions, diagnostics } = readEditions(path);
  const profiles = readProfiles(profilesPath);
  diagnostics.push(...profiles.diagnostics);
  if (diagnostics.length > 0) throw new StandardError(diagnostics);
  createRegistry(editions.map((e) => e.spec), { profiles: profiles.profiles }); // throws on what only the registry sees
  const snapshot: Snapshot = {
    format: 'daoze-snapshot/1',
    sources: sourcesHash(path, profilesPath),
    editions: editions.map((e) => e.spec),
    profiles: profiles.profiles.map((p) => p.spec),
  };
  writeFileSync(file, JSON.stringify(snapshot));
}

/**
 * The registry from a snapshot file, if it exists and was made from exactly the files now under the two paths by
 * this engine version; otherwise undefined (and the caller reads the YAML). A stale or unreadable snapshot is never used.
 */
export function loadSnapshot(file: string, path: string = builtinStandardsDir(), profilesPath: string = builtinProfilesDir()): Registry | undefined {
  let snap: Snapshot;
  try {
    snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  } catch {
    return undefined;
  }
  if (snap.format !== 'daoze-snapshot/1' || snap.sources !== sourcesHash(path, profilesPath)) return undefined;
  return createRegistry(snap.editions, { profiles: snap.profiles.map((spec) => ({ spec })) });
}

/**
 * Loads every edition under a path, and the profiles under another, into a registry; throws `StandardError`
 * listing every problem if any file is invalid. It uses the build's snapshot instead when that was made from exactly
 * the files under the two paths (the CLI then starts without parsing YAML); `DAOZE_NO_SNAPSHOT=1` turns that off.
 */
export function loadRegistry(path: string = builtinStandardsDir(), profilesPath: string = builtinProfilesDir()): Registry {
  // The snapshot is content-addressed (every file's relative path and text), so it serves any folder that holds exactly those files.
  if (!process.env.DAOZE_NO_SNAPSHOT) {
    const fromSnapshot = loadSnapshot(builtinSnapshotPath(), path, profilesPath);
    if (fromSnapshot) return fromSnapshot;
  }
  const { editions, diagnostics } = readEditions(path);
  const profiles = readProfiles(profilesPath);
  diagnostics.push(...profiles.diagnostics);
  if (diagnostics.length > 0) throw new StandardError(diagnostics);
  return createRegistry(
    editions.map((e) => e.spec),
    { profiles: profiles.profiles },
  );
}

/** Every problem in the standards under one path and the profiles under another (`null`: none), including what only the registry sees. */
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
