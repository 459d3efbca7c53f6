/** Editions in force: a bare standard id resolves by the day of the inspection; overlapping editions are an error. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createRegistry, ObservationError, StandardError, inForceRange, type EditionSpec } from '../../../src/index.js';
import { readEditions } from '../../../src/node.js';
import { builtin } from '../../support/helpers.js';
import fc from 'fast-check';
import { compareEditionRefs } from '../../../src/model/in-force.js';

const SI = 'si-jing-san-wu-liang-tong-yi-ming';
const base = () => structuredClone(builtin().get(`${SI}@1.0.0`).spec);
function edition(version: string, patch: Partial<EditionSpec>): EditionSpec {
  return { ...base(), version, ...patch };
}
const v100 = () => base();
const v110 = () => edition('1.1.0', { effective: { from: '2027-01-01' }, supersedes: `${SI}@1.0.0` });
const facts = { 'floor-clean': true };
const at = (observedAt: string, standard = SI) => ({ standard, observedAt, facts });

describe('editions in force', () => {
  const reg = createRegistry([
    v100(),
    v110(),
    edition('2.0.0', { status: 'draft', effective: { from: '2025-01-01' } }),
  ]);

  it('resolve a bare id to the edition in force on the day of observedAt', () => {
    expect(reg.evaluate(at('2026-12-31T16:00:00+08:00')).standard.version).toBe('1.0.0');
    expect(reg.evaluate(at('2027-01-01T08:00:00+08:00')).standard.version).toBe('1.1.0');
    expect(reg.get(SI, '2027-06-01').version).toBe('1.1.0');
    expect(reg.get(SI, '2024-06-01T10:00:00Z').version).toBe('1.0.0');
  });

  it('take the day as the inspector wrote it, in their time zone', () => {
    // 00:30 on 1 January in Beijing is still 31 December in UTC: the local day decides.
    expect(reg.evaluate(at('2027-01-01T00:30:00+08:00')).standard.version).toBe('1.1.0');
    // 23:30 on 31 December in New York is already 1 January in UTC.
    expect(reg.evaluate(at('2026-12-31T23:30:00-05:00')).standard.version).toBe('1.0.0');
  });

  it('let an observation pin an edition whatever its date, drafts included', () => {
    expect(reg.evaluate(at('2024-03-01T10:00:00+08:00', `${SI}@1.1.0`)).standard.version).toBe('1.1.0');
    expect(reg.evaluate(at('2030-03-01T10:00:00+08:00', `${SI}@2.0.0`)).standard.version).toBe('2.0.0');
  });

  it('never put a draft in force', () => {
    expect(reg.evaluate(at('2026-03-01T10:00:00+08:00')).standard.version).toBe('1.0.0');
    expect(inForceRange(edition('2.0.0', { status: 'draft' }), [])).toBeUndefined();
  });

  it('end an edition the day before a published edition that supersedes it takes effect', () => {
    expect(inForceRange(v100(), [v100(), v110()])).toEqual({ from: '2023-01-01', until: '2026-12-31' });
    // A draft successor ends nothing.
    expect(inForceRange(v100(), [v100(), { ...v110(), status: 'draft' }])).toEqual({ from: '2023-01-01' });
  });

  it('name the day when no edition was in force, and how to pin one', () => {
    try {
      reg.evaluate(at('2022-05-01T10:00:00+08:00'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ObservationError);
      const issue = (e as ObservationError).issues[0]!;
      expect(issue).toMatchObject({ code: 'E_STANDARD_REF', path: 'standard' });
      expect(issue.message).toContain('2022-05-01');
      expect(issue.message).toContain(`${SI}@<version>`);
    }
  });

  it('without observedAt, take the highest published edition as before', () => {
    expect(reg.evaluate({ standard: SI, facts }).standard.version).toBe('1.1.0');
  });

  it('refuse two published editions in force on the same day', () => {
    const overlapping = edition('1.1.0', { effective: { from: '2027-01-01' } });
    expect(() => createRegistry([v100(), overlapping])).toThrow(StandardError);
    try {
      createRegistry([v100(), overlapping]);
    } catch (e) {
      const d = (e as StandardError).diagnostics[0]!;
      expect(d.code).toBe('E_EFFECTIVE_OVERLAP');
      expect(d.message).toContain(`${SI}@1.1.0 and ${SI}@1.0.0 are both in force from 2027-01-01 on`);
    }
    // An explicit end date on the earlier edition, or supersedes on the later one, resolves it.
    expect(() =>
      createRegistry([edition('1.0.0', { effective: { from: '2023-01-01', until: '2026-12-31' } }), overlapping]),
    ).not.toThrow();
    expect(() => createRegistry([v100(), v110()])).not.toThrow();
  });

  it('report the overlap at the later edition’s effective.from, with line and column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'daoze-in-force-'));
    mkdirSync(join(dir, SI));
    const header = '# yaml-language-server: $schema=../../schema/edition.schema.json\n';
    writeFileSync(
      join(dir, SI, '1.0.0.yaml'),
      readFileSync(join(__dirname, '..', '..', '..', 'standards', SI, '1.0.0.yaml')),
    );
    const text = header + stringify(edition('1.1.0', { effective: { from: '2024-06-01' } }));
    writeFileSync(join(dir, SI, '1.1.0.yaml'), text);
    // Only the overlap is under test here; the editions lock has its own tests (test/audit/lock-load.test.ts).
    const { diagnostics } = readEditions(dir, { lock: false });
    expect(diagnostics).toHaveLength(1);
    const d = diagnostics[0]!;
    expect(d).toMatchObject({ code: 'E_EFFECTIVE_OVERLAP', location: { path: 'effective.from' } });
    expect(d.location.file).toMatch(/1\.1\.0\.yaml$/);
    const line = text.split('\n')[d.location.line! - 1]!;
    expect(line).toContain('2024-06-01');
  });
});

const word = fc.stringMatching(/^[a-z0-9]{1,6}$/);
const id = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join('-')); // schema/edition.schema.json $defs.id
const sign = (n: number) => Math.sign(n) || 0;

describe('compareEditionRefs', () => {
  it('orders kebab-case ids as localeCompare does in the root and the usual locales', () => {
    fc.assert(
      fc.property(id, id, (a, b) => {
        const ours = sign(compareEditionRefs({ id: a, version: '1.0.0' }, { id: b, version: '1.0.0' }));
        for (const locale of ['en', 'zh', 'und']) expect(ours).toBe(sign(a.localeCompare(b, locale)));
      }),
      { seed: 5, numRuns: 2000 },
    );
  });

  it('orders one id by version precedence', () => {
    const refs = ['b@1.10.0', 'a-b@2.0.0', 'b@1.2.0', 'a@1.0.0', 'b@1.2.0-rc.1', 'a0@1.0.0'].map((r) => ({
      id: r.split('@')[0]!,
      version: r.split('@')[1]!,
    }));
    expect(refs.sort(compareEditionRefs).map((r) => `${r.id}@${r.version}`)).toEqual([
      'a@1.0.0',
      'a-b@2.0.0',
      'a0@1.0.0',
      'b@1.2.0-rc.1',
      'b@1.2.0',
      'b@1.10.0',
    ]);
  });
});
