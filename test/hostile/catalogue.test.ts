/** The hostile catalogue itself: large enough, every class of issue 9 covered, ids unique, every case runnable. */
import { describe, expect, it } from 'vitest';
import { CASES, CLI_CASES, LIBRARY_CASES, SDK_CASES } from './catalogue.js';

describe('the hostile catalogue', () => {
  it('holds at least 110 cases with unique kebab-case ids', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(110);
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
    for (const c of CASES) expect(c.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('covers every class of issue 9 (items 1–10)', () => {
    expect([...new Set(CASES.map((c) => c.class))].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('runs every case through exactly one runner, and CLI cases say how they exit', () => {
    expect(CLI_CASES.length + LIBRARY_CASES.length + SDK_CASES.length).toBe(CASES.length);
    for (const c of CASES) expect(Boolean(c.args) !== Boolean(c.call), c.id).toBe(true);
    for (const c of CLI_CASES) {
      const e = c.expect;
      const exit =
        e.kind === 'error'
          ? e.exit
          : e.kind === 'accepted'
            ? e.exitIn[0]
            : e.kind === 'batch'
              ? e.exit
              : e.kind === 'indeterminate'
                ? (e.exit ?? 2)
                : e.kind === 'not-verified'
                  ? (e.exit ?? 1)
                  : 0;
      expect(exit, `${c.id}: an exit code`).toBeTypeOf('number');
    }
  });
});
