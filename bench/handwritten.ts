/**
 * The "no slower than" baseline: the 40 clauses of `checklist-40.ts` written by hand as closures over the
 * normalised value vector, in three-valued logic (0 false, 1 true, 2 unknown), the way a developer would write
 * them for one checklist without an engine. The benchmark checks that they give the same answers as the engine
 * on every generated observation before it times anything.
 */
import { LIMIT_BY_CLASS, LIMITS } from './checklist-40.js';

type Tri = 0 | 1 | 2;
type V = readonly unknown[];

// Vector indexes, in the order of FACT_IDS.
const OK = (n: number) => n - 1; // ok-01 … ok-16 → 0 … 15
const LEVEL = (n: number) => 15 + n; // level-1 … level-6 → 16 … 21
const COUNT = (n: number) => 21 + n; // count-1 … count-4 → 22 … 25
const SITE_CLASS = 26;
const ZONE = 27;
const SURFACE = 28;

const is = (x: unknown, want: unknown): Tri => (x === undefined ? 2 : x === want ? 1 : 0);
const le = (x: unknown, k: number | undefined): Tri =>
  x === undefined || k === undefined ? 2 : (x as number) <= k ? 1 : 0;
const lt = (x: unknown, k: number | undefined): Tri =>
  x === undefined || k === undefined ? 2 : (x as number) < k ? 1 : 0;
const gt = (x: unknown, k: number): Tri => (x === undefined ? 2 : (x as number) > k ? 1 : 0);
const ge = (x: unknown, k: number): Tri => (x === undefined ? 2 : (x as number) >= k ? 1 : 0);
const oneOf = (x: unknown, list: readonly unknown[]): Tri => (x === undefined ? 2 : list.indexOf(x) > -1 ? 1 : 0);
// Fixed arity, no rest arrays: what a careful hand would write on a hot path.
const and = (a: Tri, b: Tri, c: Tri = 1): Tri =>
  a === 0 || b === 0 || c === 0 ? 0 : a === 2 || b === 2 || c === 2 ? 2 : 1;
const or = (a: Tri, b: Tri): Tri => (a === 1 || b === 1 ? 1 : a === 2 || b === 2 ? 2 : 0);
const not = (x: Tri): Tri => (x === 2 ? 2 : x === 1 ? 0 : 1);
const byClass = (v: V): number | undefined => {
  const k = v[SITE_CLASS];
  return k === undefined ? undefined : LIMIT_BY_CLASS[k as keyof typeof LIMIT_BY_CLASS];
};

const L1 = LIMITS['limit-1'];
const L2 = LIMITS['limit-2'];
const L3 = LIMITS['limit-3'];
const L4 = LIMITS['limit-4'];
const MAX_COUNT = LIMITS['max-count'];
const ZONE_AB = ['a', 'b'];
const ZONE_ABC = ['a', 'b', 'c'];
const GRAVEL = ['gravel'];
const CLASS_12 = ['class-1', 'class-2'];
const TILE_GRAVEL = ['tile', 'gravel'];

/** Per clause: the check, and the applicability where the clause has one. */
export const HANDWRITTEN: { check: (v: V) => Tri; applies?: (v: V) => Tri }[] = [
  { check: (v) => is(v[OK(1)], true) },
  { check: (v) => is(v[OK(2)], true) },
  { check: (v) => is(v[OK(3)], true) },
  { check: (v) => is(v[OK(4)], true) },
  { check: (v) => is(v[OK(5)], true) },
  { check: (v) => is(v[OK(6)], true) },
  { check: (v) => is(v[OK(7)], true) },
  { check: (v) => is(v[OK(8)], true) },
  { check: (v) => is(v[OK(9)], true) },
  { check: (v) => is(v[OK(10)], true) },
  { check: (v) => le(v[LEVEL(1)], L1) },
  { check: (v) => le(v[LEVEL(2)], L2) },
  { check: (v) => le(v[LEVEL(3)], L3) },
  { check: (v) => le(v[LEVEL(4)], L4) },
  { check: (v) => le(v[LEVEL(5)], byClass(v)) },
  { check: (v) => le(v[LEVEL(6)], byClass(v)) },
  { check: (v) => and(is(v[OK(11)], true), is(v[OK(12)], true)) },
  { check: (v) => and(is(v[OK(13)], true), lt(v[LEVEL(1)], 50)) },
  { check: (v) => and(is(v[OK(14)], true), le(v[COUNT(1)], 10)) },
  { check: (v) => and(is(v[OK(15)], true), is(v[OK(16)], true), ge(v[COUNT(2)], 1)) },
  { check: (v) => or(is(v[OK(1)], true), lt(v[LEVEL(2)], 5)) },
  { check: (v) => or(is(v[OK(3)], true), is(v[COUNT(3)], 0)) },
  { check: (v) => or(is(v[OK(5)], true), is(v[OK(7)], true)) },
  { check: (v) => or(oneOf(v[ZONE], ZONE_AB), is(v[OK(9)], true)) },
  { check: (v) => oneOf(v[ZONE], ZONE_ABC) },
  { check: (v) => not(oneOf(v[SURFACE], GRAVEL)) },
  { check: (v) => oneOf(v[SITE_CLASS], CLASS_12) },
  { check: (v) => not(or(is(v[OK(4)], false), is(v[OK(6)], false))) },
  { check: (v) => not(and(gt(v[COUNT(4)], 100), is(v[ZONE], 'd'))) },
  { check: (v) => not(gt(v[LEVEL(3)], 80)) },
  { applies: (v) => oneOf(v[SITE_CLASS], CLASS_12), check: (v) => le(v[COUNT(1)], MAX_COUNT) },
  { applies: (v) => is(v[ZONE], 'a'), check: (v) => is(v[OK(8)], true) },
  { applies: (v) => is(v[SURFACE], 'tile'), check: (v) => lt(v[LEVEL(4)], 20) },
  { applies: (v) => is(v[OK(16)], true), check: (v) => ge(v[COUNT(2)], 2) },
  { check: (v) => le(v[LEVEL(1)], v[LEVEL(2)] as number | undefined) },
  { check: (v) => le(v[COUNT(3)], v[COUNT(4)] as number | undefined) },
  {
    check: (v) =>
      and(or(is(v[OK(10)], true), is(v[OK(11)], true)), not(is(v[OK(12)], false)), lt(v[LEVEL(5)], byClass(v))),
  },
  { check: (v) => or(and(is(v[ZONE], 'b'), gt(v[COUNT(1)], 3)), and(is(v[ZONE], 'c'), gt(v[COUNT(2)], 3))) },
  { check: (v) => and(is(v[OK(13)], true), or(oneOf(v[SURFACE], TILE_GRAVEL), le(v[LEVEL(6)], 10))) },
  {
    applies: (v) => not(is(v[ZONE], 'd')),
    check: (v) => and(is(v[OK(14)], true), is(v[OK(15)], true), le(v[LEVEL(2)], L2)),
  },
];

/** Runs the hand-written clauses with the same output layout as the engine's Program (applies, check per clause). */
export function runHandwritten(v: V, out: Uint8Array): void {
  for (let i = 0; i < HANDWRITTEN.length; i++) {
    const c = HANDWRITTEN[i]!;
    const a = c.applies ? c.applies(v) : 1;
    out[2 * i] = a;
    out[2 * i + 1] = a === 0 ? 0 : c.check(v);
  }
}
