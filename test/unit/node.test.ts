/** The generated pages' check of `daoze validate` (src/node.ts): where the pages are, and which are stale or missing. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { renderStandardPage } from '../../src/result/page.js';
import { builtinStandardsDir, findPagesDir, readEditions, readPageWarnings } from '../../src/node.js';
import { builtin } from '../support/helpers.js';

const root = resolve(__dirname, '..', '..');

describe('findPagesDir', () => {
  it('is docs/standards beside the standards folder, for the folder or one edition file in it', () => {
    const pages = join(root, 'docs', 'standards');
    expect(findPagesDir(join(root, 'standards'))).toBe(pages);
    expect(findPagesDir(join(root, 'standards', 'san-duan', '1.0.0.yaml'))).toBe(pages);
  });

  it('is undefined where there is no such folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'daoze-pages-'));
    expect(findPagesDir(join(dir, 'standards'))).toBeUndefined();
  });
});

describe('readPageWarnings', () => {
  const { editions } = readEditions(builtinStandardsDir());
  const ids = [...new Set(editions.map((e) => e.spec.id))];

  it('finds nothing against the repository pages', () => {
    expect(readPageWarnings(builtin(), editions, join(root, 'docs', 'standards'))).toEqual([]);
  });

  it('warns once per standard whose page is missing, on the newest edition; a page in either locale is current', () => {
    const dir = mkdtempSync(join(tmpdir(), 'daoze-pages-'));
    const newest = builtin().get('si-jing-san-wu-liang-tong-yi-ming');
    writeFileSync(join(dir, 'si-jing-san-wu-liang-tong-yi-ming.md'), renderStandardPage(newest, 'en'));
    writeFileSync(join(dir, 'san-duan.md'), `${renderStandardPage(builtin().get('san-duan'), 'zh')}\nedited by hand\n`);
    const warnings = readPageWarnings(builtin(), editions, dir);
    expect(warnings.every((w) => w.code === 'W_PAGE')).toBe(true);
    expect(warnings).toHaveLength(ids.length - 1);
    const of = (id: string) => warnings.filter((w) => new RegExp(`(^|[\\\\/])${id}[\\\\/]`).test(w.location.file));
    // The hand-edited page is stale, named on the newest edition's file; the English page is current.
    expect(of('san-duan').map((w) => w.location.file.replace(/\\/g, '/'))).toEqual([
      expect.stringMatching(new RegExp(`san-duan/${builtin().get('san-duan').version}\\.yaml$`)),
    ]);
    expect(of('si-jing-san-wu-liang-tong-yi-ming')).toEqual([]);
    expect(of('snow-clearing')).toHaveLength(1);
  });
});
