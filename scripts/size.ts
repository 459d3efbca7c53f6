/**
 * `npm run size`: the SDK's size as a browser loads it, and how long an answer takes. A script, not a test:
 * timings are printed, never asserted (only the size budget fails the script).
 *
 * - Size: `sdk/index.ts` bundled by esbuild as one minified ES module for the browser (the engine code it
 *   uses included, standards data not: a bundle is fetched separately), then gzip -9.
 * - Latency: on the largest standard available (most clauses), a seeded random inspection of many answers
 *   (valid values, "could not determine", clears, corrections). Each `answer`/`clear` call is timed alone;
 *   also timed: the call plus reading its full verdict, and, as the baseline in the same process, the
 *   engine's `evaluate` of the whole observation at the same points.
 */
import { importMinified } from './minified.js';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { createBundle, type FactSpec } from '../src/index.js';
import { loadRegistry } from '../src/node.js';

// 36 KB: the checklist and engine (about 21 KB), Ed25519 verification of signed bundles (@noble/ed25519 with
// @noble/hashes' SHA-512, and src/sign: about 7.5 KB), the strict JSON reader for bundle text (about 2 KB) and
// the bundle shape check (about 2.5 KB), measured by stubbing each out of this same build.
const BUDGET = 36 * 1024;
const ROOT = join(import.meta.dirname ?? '.', '..');
const ANSWERS = Number(process.env.ANSWERS ?? 50_000);

const r = await build({
  entryPoints: [join(ROOT, 'sdk', 'index.ts')],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  absWorkingDir: ROOT,
  logLevel: 'silent',
});
const code = r.outputFiles[0]!.contents;
const gz = gzipSync(code, { level: 9 }).length;
const br = brotliCompressSync(code).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

// Time the code as shipped: the SDK and, for the baseline, the engine's evaluate, bundled and minified the
// same way as above (not the TypeScript sources through a dev loader).
const { createChecklist, loadBundle, evaluate } = await importMinified<
  typeof import('../sdk/index.js') & typeof import('../src/index.js')
>(`export { createChecklist, loadBundle } from './sdk/index.ts'; export { evaluate } from './src/index.ts';`, ROOT);

const registry = loadRegistry();
const bundle = createBundle(registry.editions);
const ed = [...registry.editions].sort(
  (a, b) => b.clauses.length - a.clauses.length || b.facts.length - a.facts.length,
)[0]!;

// A seeded generator, so that every run times the same inspection.
let seed = 20231127;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
function value(spec: FactSpec): unknown {
  if (rand() < 0.05) return null;
  switch (spec.type) {
    case 'boolean':
      return rand() < 0.8;
    case 'enum':
      return pick(spec.choices!.map((c) => c.value));
    case 'date':
      return `2026-11-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    case 'datetime':
      return `2026-11-20T${String(Math.floor(rand() * 24)).padStart(2, '0')}:30:00+08:00`;
    default: {
      const lo = spec.minimum ?? 0;
      const hi = Math.min(spec.maximum ?? 100, lo + 100);
      const x = lo + rand() * (hi - lo);
      return spec.type === 'integer' ? Math.round(x) : Math.round(x * 100) / 100;
    }
  }
}
type Op = {
  fact: string;
  clear: boolean;
  value: unknown;
  evidence?: { kind: 'photo' | 'measurement' | 'document' | 'video' | 'gps'; ref: string }[];
};
const ops: Op[] = Array.from({ length: ANSWERS }, () => {
  const f = pick(ed.facts);
  const evidence =
    f.spec.evidence && rand() < 0.7 ? [{ kind: f.spec.evidence.kinds[0]!, ref: 'evidence/1' }] : undefined;
  return { fact: f.id, clear: rand() < 0.08, value: value(f.spec), ...(evidence ? { evidence } : {}) };
});

const percentile = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: percentile(s, 50) * 1000, p99: percentile(s, 99) * 1000, max: s[s.length - 1]! * 1000 };
}

// The bundle is built in this process: nothing to authenticate, so it is read with the documented opt-out.
const compiled = loadBundle(bundle, 'zh', 'unsigned').find(ed.ref)!;

function run(withVerdict: boolean, baseline: boolean) {
  const cl = createChecklist(bundle, ed.ref, { trust: 'unsigned' });
  const times: number[] = [];
  for (const op of ops) {
    if (baseline) {
      // Apply the step untimed, then time the engine deciding the whole observation from scratch.
      if (op.clear) cl.clear(op.fact);
      else cl.answer(op.fact, op.value, op.evidence);
      const obs = cl.observation();
      const t = performance.now();
      evaluate(compiled, obs, { trace: false });
      times.push(performance.now() - t);
      continue;
    }
    const t = performance.now();
    const u = op.clear ? cl.clear(op.fact) : cl.answer(op.fact, op.value, op.evidence);
    if (withVerdict) void u.verdict.outcome;
    times.push(performance.now() - t);
  }
  return times;
}

// Warm up every path (JIT), then measure; the three are interleaved twice to even out machine noise.
for (let i = 0; i < 2; i++) {
  run(false, false);
  run(true, false);
  run(false, true);
}
const measured = { answer: [] as number[], verdict: [] as number[], baseline: [] as number[] };
for (let i = 0; i < 2; i++) {
  measured.answer.push(...run(false, false));
  measured.verdict.push(...run(true, false));
  measured.baseline.push(...run(false, true));
}
const a = stats(measured.answer);
const v = stats(measured.verdict);
const b = stats(measured.baseline);
const us = (x: number) => `${x.toFixed(1)} µs`;

const lines = [
  `SDK ESM build for the browser (sdk/index.ts + the engine code it uses, minified, no standards data):`,
  `  ${kb(code.length)} minified · ${kb(gz)} gzip -9 · ${kb(br)} brotli   budget ${kb(BUDGET)} gzip: ${gz <= BUDGET ? 'within' : 'OVER'}`,
  ``,
  `Answer latency on ${ed.ref} (${ed.clauses.length} clauses, ${ed.facts.length} facts), ${ops.length.toLocaleString('en')} answers × 2, minified build, Node ${process.versions.node}:`,
  `  answer()/clear(), new outcome + what changed   p50 ${us(a.p50)}   p99 ${us(a.p99)}   max ${us(a.max)}`,
  `  … and reading its full verdict                 p50 ${us(v.p50)}   p99 ${us(v.p99)}   max ${us(v.max)}`,
  `  baseline: evaluate() of the whole observation  p50 ${us(b.p50)}   p99 ${us(b.p99)}   max ${us(b.max)}`,
  `  ratio answer / baseline: p50 ${(a.p50 / b.p50).toFixed(2)} · p99 ${(a.p99 / b.p99).toFixed(2)}`,
  `  (wall-clock per call; load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${availableParallelism()} cores — p99 and max grow with other load)`,
];
process.stdout.write(`${lines.join('\n')}\n`);
if (gz > BUDGET) process.exitCode = 1;
