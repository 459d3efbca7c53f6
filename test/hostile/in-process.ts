/** Checks one in-process hostile case: only DaozeError subclasses may be thrown, with the expected code, or the expected outcome comes back. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DaozeError, type Verdict, type VerifyReport } from '../../src/index.js';
import type { CallContext, HostileCase } from './catalogue.js';

const codes = (c: string | readonly string[]) => (typeof c === 'string' ? [c] : c);

/** The codes an error carries: its own, and those of its diagnostics or issues. */
function innerCodes(e: DaozeError): string[] {
  const x = e as DaozeError & { diagnostics?: { code: string }[]; issues?: { code?: string }[] };
  return [...(x.diagnostics ?? []).map((d) => d.code), ...(x.issues ?? []).map((i) => i.code ?? '')];
}

/** A short description of a thrown value, for failure messages. */
function describeThrown(e: unknown): string {
  if (e instanceof Error)
    return `${e.constructor.name}${(e as { code?: string }).code ? ` ${(e as { code?: string }).code}` : ''}: ${e.message.slice(0, 300)}`;
  return String(e);
}

/** Runs the case in a fresh temp dir and checks its expectation. */
export function checkInProcess(c: HostileCase, base: Omit<CallContext, 'dir'>): void {
  const dir = mkdtempSync(join(tmpdir(), `daoze-hostile-${c.id}-`));
  c.build?.(dir);
  let value: unknown;
  let thrown: unknown;
  let threw = false;
  try {
    value = c.call!({ ...base, dir });
  } catch (e) {
    threw = true;
    thrown = e;
  }
  if (threw)
    expect(
      thrown instanceof DaozeError,
      `only DaozeError subclasses may be thrown; got ${describeThrown(thrown)}`,
    ).toBe(true);
  const e = c.expect;
  switch (e.kind) {
    case 'error': {
      expect(threw, `expected ${codes(e.code).join(' | ')}; returned instead`).toBe(true);
      const err = thrown as DaozeError;
      expect(codes(e.code), describeThrown(err)).toContain(err.code);
      if (typeof e.detail === 'string') expect(innerCodes(err), describeThrown(err)).toContain(e.detail);
      else if (e.detail) expect(`${err.message}\n${innerCodes(err).join(' ')}`).toMatch(e.detail);
      break;
    }
    case 'indeterminate': {
      if (threw) {
        expect(e.orCode, `expected an indeterminate verdict; threw ${describeThrown(thrown)}`).toBeDefined();
        expect((thrown as DaozeError).code).toBe(e.orCode);
        break;
      }
      const v = value as Verdict;
      expect(v.missing.map((m) => m.fact)).toContain(e.missing);
      // Every clause that reads the fact is undecided; the verdict is too unless all of them are optional.
      const reading = v.clauses.filter((c) => c.missing.some((m) => m.fact === e.missing));
      expect(reading.length).toBeGreaterThan(0);
      for (const c of reading) expect(c.outcome, c.clause).toBe('indeterminate');
      expect(v.outcome).toBe(reading.some((c) => c.counts) ? 'indeterminate' : 'pass');
      break;
    }
    case 'accepted':
      expect(threw, describeThrown(thrown)).toBe(false);
      break;
    case 'safe':
      break;
    case 'not-verified': {
      expect(threw, `verifyRecord must never throw; threw ${describeThrown(thrown)}`).toBe(false);
      const r = value as VerifyReport;
      expect(r.ok).toBe(false);
      if (e.field) expect(r.altered.map((d) => d.field)).toContain(e.field);
      break;
    }
    case 'batch':
      throw new Error(`${c.id}: a batch expectation is for the CLI`);
  }
}
