/**
 * Published editions never change, and loading enforces it: a copy of the standards folder with one published
 * edition edited, or without its lock, is refused by `loadRegistry`, `readEditions`, `check --standards` and
 * `validate`, also through the build's snapshot; a draft stays editable; publishing only ever adds to the lock.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry, editionHash, LOCK_FILE, StandardError, type EditionSpec } from '../../src/index.js';
import {
  builtinProfilesDir,
  builtinStandardsDir,
  loadRegistry,
  loadSnapshot,
  readEditions,
  writeBuiltinSnapshot,
} from '../../src/node.js';
import { runCli } from '../support/helpers.js';

const SAN_DUAN = join('san-duan', '1.0.0.yaml');
const OBS = 'examples/observations/01-toilet-ammonia-high.json';

/** A fresh copy of the built-in standards (and profiles) in a temp folder. */
function copy(): { standards: string; profiles: string; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'daoze-lock-'));
  const standards = join(root, 'standards');
  const profiles = join(root, 'profiles');
  cpSync(builtinStandardsDir(), standards, { recursive: true });
  cpSync(builtinProfilesDir(), profiles, { recursive: true });
  return { standards, profiles, root };
}

/** Changes a published edition's decision: a clause's severity, as the reproduction did with a check. */
function editPublished(standards: string): string {
  const f = join(standards, SAN_DUAN);
  const text = readFileSync(f, 'utf8');
  expect(text).toContain('severity: critical');
  writeFileSync(f, text.replace('severity: critical', 'severity: minor'));
  return f;
}

function thrown(f: () => unknown): StandardError {
  try {
    f();
  } catch (e) {
    if (e instanceof StandardError) return e;
    throw e;
  }
  throw new Error('expected a StandardError');
}

const lockOf = (standards: string) =>
  JSON.parse(readFileSync(join(standards, LOCK_FILE), 'utf8')) as { editions: Record<string, string> };

describe('loading a standards folder checks its editions lock', () => {
  it('refuses an edited published edition at load, positioned, naming the locked and the found hash', () => {
    const { standards, profiles } = copy();
    editPublished(standards);
    const e = thrown(() => loadRegistry(standards, profiles));
    const d = e.diagnostics.find((x) => x.code === 'E_PUBLISHED_CHANGED')!;
    expect(d).toBeDefined();
    expect(d.location.file).toMatch(/san-duan\/1\.0\.0\.yaml$/);
    expect(d.location).toMatchObject({ path: 'version', line: expect.any(Number), col: expect.any(Number) });
    const locked = lockOf(standards).editions['san-duan@1.0.0']!;
    expect(d.message).toContain(locked);
    expect(d.allowed).toEqual([locked]);
    expect(d.message).toMatch(/as a new version/);
    expect(readEditions(standards).diagnostics.map((x) => x.code)).toEqual(['E_PUBLISHED_CHANGED']);
  });

  it('check --standards on the edited copy exits 3 naming E_PUBLISHED_CHANGED, and gives no verdict', () => {
    const { standards, profiles } = copy();
    editPublished(standards);
    const r = runCli('check', OBS, '--standards', standards, '--profiles', profiles);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('E_PUBLISHED_CHANGED');
    expect(r.stderr).toMatch(/san-duan\/1\.0\.0\.yaml:\d+:\d+/);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a folder with published editions but no lock, at load and at validate', () => {
    const { standards, profiles } = copy();
    rmSync(join(standards, LOCK_FILE));
    const e = thrown(() => loadRegistry(standards, profiles));
    expect(e.diagnostics).toHaveLength(1);
    expect(e.diagnostics[0]).toMatchObject({
      code: 'E_LOCK',
      location: { file: expect.stringMatching(/editions\.lock\.json$/) },
    });
    expect(e.diagnostics[0]!.message).toMatch(/is missing/);
    const v = runCli('validate', standards);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('E_LOCK');
    expect(runCli('check', OBS, '--standards', standards, '--profiles', profiles).code).toBe(3);
  });

  it('refuses a published edition missing from the lock, and a lock that is not valid JSON', () => {
    const { standards, profiles } = copy();
    const lock = lockOf(standards);
    delete lock.editions['san-duan@1.0.0'];
    writeFileSync(join(standards, LOCK_FILE), JSON.stringify(lock));
    const e = thrown(() => loadRegistry(standards, profiles));
    expect(e.diagnostics.map((d) => [d.code, d.location.path])).toEqual([['E_LOCK', 'status']]);
    writeFileSync(join(standards, LOCK_FILE), '{"lockfileVersion": 1, "lockfileVersion": 1, "editions": {}}');
    const dup = thrown(() => loadRegistry(standards, profiles));
    expect(dup.diagnostics.map((d) => d.code)).toEqual(['E_LOCK']);
    expect(dup.diagnostics[0]!.message).toMatch(/appears twice|duplicate/i);
  });

  it('accepts an edited draft: drafts stay editable and need no lock entry', () => {
    const { standards, profiles } = copy();
    // A draft 1.1.0 of san-duan beside its published 1.0.0 (the built-in standards carry no draft of their own).
    const draftFile = join(standards, SAN_DUAN.replace('1.0.0.yaml', '1.1.0.yaml'));
    const published = readFileSync(join(standards, SAN_DUAN), 'utf8');
    writeFileSync(
      draftFile,
      published.replace(/^version: 1\.0\.0$/m, 'version: 1.1.0').replace(/^status: published$/m, 'status: draft'),
    );
    const draft = readEditions(standards).editions.find((e) => e.spec.status === 'draft');
    expect(draft).toBeDefined();
    const text = readFileSync(draft!.file.path, 'utf8');
    writeFileSync(draft!.file.path, text.replace(/^nickname: (.*)$/m, 'nickname: $1 (edited)'));
    expect(readFileSync(draft!.file.path, 'utf8')).not.toBe(text);
    expect(() => loadRegistry(standards, profiles)).not.toThrow();
    expect(runCli('validate', standards).code).toBe(0);
  });

  it('validate --update-lock adds a newly published edition but never rewrites a locked one', () => {
    const { standards } = copy();
    // A new published edition: a copy of san-duan 1.0.0 as 1.1.0 that supersedes it from 2031.
    const src = readFileSync(join(standards, SAN_DUAN), 'utf8');
    const next = src
      .replace(/^version: 1\.0\.0$/m, 'version: 1.1.0')
      .replace(/^effective:\n {2}from: .*$/m, 'effective:\n  from: 2031-01-01\nsupersedes: san-duan@1.0.0');
    expect(next).toContain('supersedes: san-duan@1.0.0');
    writeFileSync(join(standards, 'san-duan', '1.1.0.yaml'), next);
    expect(readEditions(standards).diagnostics.map((d) => [d.code, d.location.path])).toEqual([['E_LOCK', 'status']]);
    const r = runCli('validate', standards, '--update-lock');
    expect(r.stdout).toContain('locked san-duan@1.1.0');
    expect(r.code).toBe(0);
    expect(Object.keys(lockOf(standards).editions)).toContain('san-duan@1.1.0');
    // Now edit the published 1.0.0: --update-lock keeps its entry, so the edit stays refused.
    const before = lockOf(standards).editions['san-duan@1.0.0'];
    editPublished(standards);
    const again = runCli('validate', standards, '--update-lock');
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('E_PUBLISHED_CHANGED');
    expect(lockOf(standards).editions['san-duan@1.0.0']).toBe(before);
  });

  it('the snapshot does not bypass the lock: deleting or editing the lock makes it stale, and the load is refused', () => {
    const { standards, profiles, root } = copy();
    const file = join(root, 'snapshot.json');
    writeBuiltinSnapshot(file, standards, profiles);
    expect(loadSnapshot(file, standards, profiles)).toBeDefined();
    const lockText = readFileSync(join(standards, LOCK_FILE), 'utf8');
    rmSync(join(standards, LOCK_FILE));
    expect(loadSnapshot(file, standards, profiles)).toBeUndefined();
    writeFileSync(
      join(standards, LOCK_FILE),
      lockText.replace(/"san-duan@1\.0\.0": "sha256:[0-9a-f]{64}"/, `"san-duan@1.0.0": "sha256:${'0'.repeat(64)}"`),
    );
    expect(loadSnapshot(file, standards, profiles)).toBeUndefined();
  });

  it('a snapshot whose editions were edited (its key kept) is refused by the lock', () => {
    const { standards, profiles, root } = copy();
    const file = join(root, 'snapshot.json');
    writeBuiltinSnapshot(file, standards, profiles);
    const snap = JSON.parse(readFileSync(file, 'utf8')) as { editions: EditionSpec[] };
    const sd = snap.editions.find((e) => e.id === 'san-duan')!;
    sd.nickname = `${sd.nickname} (forged)`;
    writeFileSync(file, JSON.stringify(snap));
    const e = thrown(() => loadSnapshot(file, standards, profiles));
    expect(e.diagnostics.map((d) => d.code)).toEqual(['E_PUBLISHED_CHANGED']);
  });

  it('a missing standards path is a typed error naming it, exit 3', () => {
    const missing = join(tmpdir(), 'daoze-no-such-standards-folder');
    expect(() => loadRegistry(missing)).toThrow(expect.objectContaining({ code: 'E_NO_SUCH_FILE', file: missing }));
    for (const args of [
      ['check', OBS, '--standards', missing],
      ['validate', missing],
      ['list', '--standards', missing],
    ]) {
      const r = runCli(...args);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(missing);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('createRegistry and the lock', () => {
  const specs = readEditions(builtinStandardsDir()).editions.map((e) => e.spec);
  const lock = JSON.parse(readFileSync(join(builtinStandardsDir(), LOCK_FILE), 'utf8'));

  it('checks published in-memory specs against a lock when one is given', () => {
    expect(() => createRegistry(specs, { lock })).not.toThrow();
    const edited = specs.map((s) => (s.id === 'san-duan' ? { ...s, nickname: `${s.nickname}!` } : s));
    const e = thrown(() => createRegistry(edited, { lock }));
    expect(e.diagnostics).toMatchObject([
      { code: 'E_PUBLISHED_CHANGED', value: editionHash(edited.find((s) => s.id === 'san-duan')!) },
    ]);
    expect(
      thrown(() => createRegistry(specs, { lock: { lockfileVersion: 1, editions: {} } })).diagnostics.every(
        (d) => d.code === 'E_LOCK',
      ),
    ).toBe(true);
  });

  it('takes in-memory specs as they are without a lock (the caller vouches for them)', () => {
    const edited = specs.map((s) => (s.id === 'san-duan' ? { ...s, nickname: `${s.nickname}!` } : s));
    expect(() => createRegistry(edited)).not.toThrow();
  });
});
