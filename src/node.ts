/**
 * Node-only helpers: reading standards from disk. The only module of the engine that touches the file system.
 * @packageDocumentation
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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

/**
 * Loads every edition under a path, and the profiles under another, into a registry; throws `StandardError`
 * listing every problem if any file is invalid.
 */
export function loadRegistry(path: string = builtinStandardsDir(), profilesPath: string = builtinProfilesDir()): Registry {
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
