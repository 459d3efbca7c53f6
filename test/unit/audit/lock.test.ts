/** Published editions never change: the lock of their content hashes, checked here and by daoze validate. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkEditionsLock, editionHash, LOCK_FILE, updateEditionsLock, type EditionSpec } from '../../../src/index.js';
import { builtinStandardsDir, readEditions } from '../../../src/node.js';

const dir = builtinStandardsDir();
const { editions } = readEditions(dir);
const lock = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
const sources = editions.map((e) => ({
  spec: e.spec,
  file: e.file.display,
  ...(e.locate ? { locate: e.locate } : {}),
}));
const si = () => sources.find((s) => s.spec.id === 'si-jing-san-wu-liang-tong-yi-ming' && s.spec.version === '1.0.0')!;

describe('the editions lock', () => {
  it('holds every published built-in edition, unchanged since it was published', () => {
    expect(checkEditionsLock(lock, sources, LOCK_FILE)).toEqual([]);
    const published = editions
      .filter((e) => e.spec.status === 'published')
      .map((e) => `${e.spec.id}@${e.spec.version}`);
    expect(Object.keys(lock.editions).sort()).toEqual(published.sort());
  });

  it('names a published edition whose content changed, where it is, and says to add a new version', () => {
    const changed = { ...si(), spec: { ...si().spec, nickname: '四净三无两通一明 ' } };
    const ds = checkEditionsLock(
      lock,
      sources.map((s) => (s === si() ? changed : s)),
      LOCK_FILE,
    );
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: 'E_PUBLISHED_CHANGED', location: { path: 'version', line: 7, col: 10 } });
    expect(ds[0]!.message).toContain('si-jing-san-wu-liang-tong-yi-ming@1.0.0');
    expect(ds[0]!.message).toContain('as a new version');
    expect(ds[0]!.message).toContain(lock.editions['si-jing-san-wu-liang-tong-yi-ming@1.0.0']);
    expect(ds[0]!.message).toContain(editionHash(changed.spec));
  });

  it('ignores the test cases: adding a case to a published edition changes no decision', () => {
    const more = {
      ...si(),
      spec: {
        ...si().spec,
        cases: [...(si().spec.cases ?? []), { name: 'x', facts: {}, expect: { outcome: 'indeterminate' as const } }],
      },
    };
    expect(checkEditionsLock(lock, [more], LOCK_FILE).filter((d) => d.code === 'E_PUBLISHED_CHANGED')).toEqual([]);
  });

  it('asks for a newly published edition to be locked, and never for a draft', () => {
    const published: EditionSpec = { ...si().spec, version: '1.0.1' };
    const draft: EditionSpec = { ...si().spec, version: '1.0.2', status: 'draft' };
    const ds = checkEditionsLock(
      { lockfileVersion: 1, editions: {} },
      [{ spec: published }, { spec: draft }],
      LOCK_FILE,
    );
    expect(ds.map((d) => [d.code, d.message.split(' ')[0]])).toEqual([
      ['E_LOCK', 'si-jing-san-wu-liang-tong-yi-ming@1.0.1'],
    ]);
    expect(ds[0]!.message).toContain('daoze validate --update-lock');
  });

  it('reports a locked edition whose file is gone, and a malformed lock', () => {
    const ds = checkEditionsLock(
      lock,
      sources.filter((s) => s.spec.id !== 'san-duan'),
      LOCK_FILE,
    );
    expect(ds.map((d) => d.location.path)).toEqual(['editions.san-duan@1.0.0']);
    expect(checkEditionsLock({ editions: { x: 'md5' } }, sources)[0]!.code).toBe('E_LOCK');
  });

  it('update adds newly published editions and never rewrites an entry', () => {
    const tampered = { lockfileVersion: 1 as const, editions: { 'san-duan@1.0.0': `sha256:${'0'.repeat(64)}` } };
    const { lock: next, added } = updateEditionsLock(
      tampered,
      editions.map((e) => e.spec),
    );
    expect(next.editions['san-duan@1.0.0']).toBe(tampered.editions['san-duan@1.0.0']);
    const published = editions
      .filter((e) => e.spec.status === 'published')
      .map((e) => `${e.spec.id}@${e.spec.version}`);
    expect(added.sort()).toEqual(published.filter((r) => r !== 'san-duan@1.0.0').sort());
    expect(next.editions['si-jing-san-wu-liang-tong-yi-ming@1.0.0']).toBe(editionHash(si().spec));
  });
});
