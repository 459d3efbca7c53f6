/** src/files.ts: the snapshot's key over the files' bytes, and the node:crypto edition hash equal to the engine's. */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeEditionHash, snapshotKey } from '../../src/files.js';
import { editionHash } from '../../src/audit/lock.js';
import { builtinStandardsDir, readEditions } from '../../src/node.js';

/** A standards folder with the given files (`<id>/<version>.yaml` → text) and no profiles; returns the key. */
function keyOf(files: Record<string, string>, lock?: string): string | undefined {
  const root = mkdtempSync(join(tmpdir(), 'daoze-files-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(root, 'standards', name, '..'), { recursive: true });
      writeFileSync(join(root, 'standards', name), text);
    }
    if (lock !== undefined) writeFileSync(join(root, 'standards', 'editions.lock.json'), lock);
    return snapshotKey(join(root, 'standards'), join(root, 'profiles'))?.key;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('snapshotKey', () => {
  it('is the same for the same files in another folder, and changes with any byte, name or the lock', () => {
    const files = { 'a/1.0.0.yaml': 'id: a\n', 'b/1.0.0.yaml': 'id: b\n' };
    const key = keyOf(files);
    expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(keyOf(files)).toBe(key);
    expect(keyOf({ ...files, 'b/1.0.0.yaml': 'id: b \n' })).not.toBe(key);
    expect(keyOf({ ...files, 'b/1.0.0.yaml': '\ufeffid: b\n' })).not.toBe(key);
    expect(keyOf({ 'a/1.0.0.yaml': 'id: a\n', 'b/1.0.1.yaml': 'id: b\n' })).not.toBe(key);
    expect(keyOf(files, '{"lockfileVersion":1,"editions":{}}')).not.toBe(key);
  });

  it('frames each file by its name and length: bytes moved from one file to the next give another key', () => {
    expect(keyOf({ 'a/1.0.0.yaml': 'xy', 'a/1.0.1.yaml': '' })).not.toBe(
      keyOf({ 'a/1.0.0.yaml': 'x', 'a/1.0.1.yaml': 'y' }),
    );
  });
});

describe('nodeEditionHash', () => {
  it('is the engine’s edition hash (the one the lock holds) on every built-in edition', () => {
    const specs = readEditions(builtinStandardsDir()).editions.map((e) => e.spec);
    expect(specs.length).toBeGreaterThan(10);
    for (const s of specs) expect(nodeEditionHash(s)).toBe(editionHash(s));
  });
});
