/**
 * `npm run bench`: Daoze's evaluator against json-rules-engine and hand-written closures, in one process on the
 * same generated observations (with missing facts), plus the single-answer latency, `daoze check` start-up (built,
 * and installed from the packed tarball as a user gets it, as a ratio to bare `node`), loading all standards, and a
 * batch of a million observations. Prints observations per second and ratios; the
 * last line is `Daoze: N× json-rules-engine` for the biggest built-in standard. docs/performance.md explains
 * the numbers. Nothing here is a test: timing never goes into a unit test.
 *
 * Environment: BENCH_QUICK=1 for a short run (smaller samples, a 100,000-line batch); BENCH_BATCH=<n> sets the
 * batch size (0 skips it); BENCH_INSTALLED=0 skips packing and installing the package (`npx tsx bench/installed.ts`
 * runs only that part).
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'tsup';
import {
  compileEdition,
  createBundle,
  createRegistry,
  evaluate,
  evaluateOutcomes,
  validateEdition,
  type CompiledEdition,
} from '../src/index.js';
import { normaliseObservation } from '../src/evaluate/observation.js';
import { importMinified } from '../scripts/minified.js';
import {
  builtinProfilesDir,
  builtinStandardsDir,
  loadRegistry,
  readEditions,
  readProfiles,
  writeBuiltinSnapshot,
} from '../src/node.js';
import { buildVerdict } from '../src/evaluate/evaluate.js';
import { closureProgram, codegenProgram, CODEGEN_AFTER } from '../src/compile/codegen.js';
import { summarise } from '../src/batch/summary.js';
import { CHECKLIST_40, FACT_IDS } from './checklist-40.js';
import { runHandwritten } from './handwritten.js';
import { jreFor } from './jre.js';
import { generateObservations, observationStream } from './observations.js';
import { EXAMPLE, installedStart, INSTALLED_TARGET } from './installed.js';

const QUICK = process.env.BENCH_QUICK === '1';
const N = QUICK ? 2_000 : 10_000; // observations per engine comparison
const N_JRE = QUICK ? 300 : 2_000; // json-rules-engine is slow: it runs on the first N_JRE of the same observations
const ROUNDS = QUICK ? 5 : 11;
const OBJECTS_PER_KIND = 4; // instances of each kind in the generated observations of an edition with objects
const BATCH = Number(process.env.BENCH_BATCH ?? (QUICK ? 100_000 : 1_000_000));
const root = resolve(import.meta.dirname, '..');

const fmt = (x: number, digits = 0) =>
  x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

function line(label: string, value: string, note = ''): void {
  console.log(`  ${label.padEnd(52)} ${value.padStart(16)}${note ? `  ${note}` : ''}`);
}

/** Observations per second of `fn` over `n` items: median of `rounds` timed rounds after warm-up. */
function rate(fn: () => void, n: number, rounds = ROUNDS): number {
  fn();
  fn();
  const ts: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  return n / (median(ts) / 1000);
}

/** Rates of several functions, measured in alternation (A B C A B C …) so machine noise hits them alike. */
function rates(fns: Record<string, () => void>, n: number, rounds = ROUNDS): Record<string, number> {
  const names = Object.keys(fns);
  for (const k of names) {
    fns[k]!();
    fns[k]!();
  }
  const ts: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const k of names) {
      const t0 = performance.now();
      fns[k]!();
      ts[k]!.push(performance.now() - t0);
    }
  }
  return Object.fromEntries(names.map((k) => [k, n / (median(ts[k]!) / 1000)]));
}

async function rateAsync(fn: () => Promise<void>, n: number, rounds: number): Promise<number> {
  await fn();
  const ts: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    await fn();
    ts.push(performance.now() - t0);
  }
  return n / (median(ts) / 1000);
}

/** Daoze from the observation as sent to clause outcomes (validation included) vs json-rules-engine. */
async function engineVsEngine(
  ed: CompiledEdition,
  n: number,
  nJre: number,
  seed: number,
): Promise<{ daoze: number; jre: number; falsePasses: number; decisions: number }> {
  const obs = generateObservations(ed.spec, n, seed);
  // Past the warm-up, so the generated code is what is timed (as in any batch or long-lived app).
  for (let i = 0; i <= CODEGEN_AFTER; i++) evaluateOutcomes(ed, normaliseObservation(ed, obs[i % obs.length]).values);
  const daoze = rate(() => {
    for (const o of obs) evaluateOutcomes(ed, normaliseObservation(ed, o).values);
  }, obs.length);
  const j = jreFor(ed.spec);
  const sub = obs.slice(0, nJre);
  const jre = await rateAsync(
    async () => {
      for (const o of sub) await j.run(o.facts);
    },
    sub.length,
    QUICK ? 1 : 3,
  );
  // What two-valued evaluation gets wrong on the same records: a pass where a fact it needs is missing.
  let falsePasses = 0;
  let decisions = 0;
  for (const o of sub) {
    const theirs = await j.run(o.facts);
    const ours = evaluateOutcomes(ed, normaliseObservation(ed, o).values);
    theirs.forEach((t, i) => {
      decisions++;
      if (t === 'pass' && ours[i] === 'indeterminate') falsePasses++;
    });
  }
  return { daoze, jre, falsePasses, decisions };
}

function timeMs(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Builds the CLI and its batch worker the way tsup.config.ts does, into a cache folder inside node_modules. */
async function buildCli(): Promise<string> {
  const dir = join(root, 'node_modules', '.cache', 'daoze-bench');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await build({
    entry: { cli: 'src/cli/main.ts', 'batch-worker': 'src/batch/worker.ts' },
    format: ['esm'],
    outDir: join(dir, 'dist'),
    target: 'node20',
    splitting: true,
    treeshake: true,
    noExternal: ['jsonc-parser'],
    esbuildOptions(options) {
      options.mainFields = ['module', 'main'];
    },
    config: false,
    silent: true,
  });
  // As `npm run build` does: the snapshot of the validated standards beside the built code.
  writeBuiltinSnapshot(join(dir, 'dist', 'builtin-snapshot.json'), join(root, 'standards'), join(root, 'profiles'));
  const runner = join(dir, 'daoze.mjs');
  writeFileSync(
    runner,
    "import { guardPipes, main } from './dist/cli.js';\nguardPipes();\nprocess.exitCode = await main(process.argv.slice(2));\n",
  );
  return runner;
}

/** How many times each of the installed CLI and bare `node` is started to time its start-up. */
const STARTS = QUICK ? 7 : 15;

/** Wall time and peak RSS (KB) of a child process, from /usr/bin/time when present, else by polling /proc. */
async function measureChild(
  args: string[],
  stdin?: string,
): Promise<{ seconds: number; peakKb: number; stderr: string; code: number | null }> {
  const gnuTime = existsSync('/usr/bin/time');
  const cmd = gnuTime ? '/usr/bin/time' : process.execPath;
  const argv = gnuTime ? ['-f', '__BENCH__ %e %M', process.execPath, ...args] : args;
  const t0 = performance.now();
  const child = spawn(cmd, argv, { cwd: root, stdio: [stdin ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
  if (stdin) child.stdin!.end(stdin);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  let peakKb = 0;
  const poll = gnuTime
    ? undefined
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) peakKb = Math.max(peakKb, Number(m[1]));
        } catch {
          /* exited */
        }
      }, 20);
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  if (poll) clearInterval(poll);
  let seconds = (performance.now() - t0) / 1000;
  const m = /__BENCH__ ([\d.]+) (\d+)/.exec(stderr);
  if (m) {
    seconds = Number(m[1]);
    peakKb = Number(m[2]);
    stderr = stderr.replace(m[0], '');
  }
  return { seconds, peakKb, stderr, code };
}

async function main(): Promise<void> {
  console.log(
    `Daoze benchmark — Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} × ${availableParallelism()}${QUICK ? ' (BENCH_QUICK)' : ''}`,
  );

  // ── Loading: validate and compile every standard ──────────────────────────────────────────────
  console.log('\nValidate and compile all standards (in process)');
  const cold = timeMs(() => loadRegistry());
  const readMs = median(Array.from({ length: 5 }, () => timeMs(() => readEditions())));
  const specs = readEditions().editions.map((e) => e.spec);
  const profiles = readProfiles(builtinProfilesDir()).profiles;
  const registryMs = median(Array.from({ length: 5 }, () => timeMs(() => createRegistry(specs, { profiles }))));
  const registry = loadRegistry(builtinStandardsDir(), builtinProfilesDir());
  const codegenMs = median(
    // One program per scope: an edition's unit clauses, and each kind's per-object clauses.
    Array.from({ length: 5 }, () =>
      timeMs(() =>
        registry.editions.forEach((e) => {
          codegenProgram(e.unitScope);
          e.kinds.forEach((k) => codegenProgram(k));
        }),
      ),
    ),
  );
  line(
    `all ${registry.editions.length} editions + ${registry.profiles.length} profile(s), first load`,
    `${fmt(cold, 0)} ms`,
  );
  line('  read YAML, schema and semantic checks (warm)', `${fmt(readMs, 0)} ms`);
  line('  compose, apply profiles, run cases, compile (warm)', `${fmt(registryMs, 0)} ms`);
  line('  generate code for every edition', `${fmt(codegenMs, 1)} ms`);

  // ── The biggest built-in standard: the headline comparison, measured first ───────────────────
  // The headline is against json-rules-engine on the same rules: an edition without objects, whose clauses are
  // rules over one fact map as json-rules-engine has them (objects are measured on their own below).
  const biggestEd = [...registry.editions]
    .filter((e) => e.kinds.length === 0)
    .sort((a, b) => b.clauses.length - a.clauses.length)[0]!;
  const head = await engineVsEngine(biggestEd, N, N_JRE, 99);
  console.log(
    `\nBiggest built-in standard: ${biggestEd.ref} (${biggestEd.clauses.length} clauses, ${biggestEd.facts.length} facts), ${fmt(N)} observations (json-rules-engine: the first ${fmt(N_JRE)})`,
  );
  line('json-rules-engine 7.3.1, same rules', `${fmt(head.jre)} obs/s`);
  line('Daoze, validate + outcomes', `${fmt(head.daoze)} obs/s`, `${fmt(head.daoze / head.jre, 0)}× json-rules-engine`);
  {
    const obs = generateObservations(biggestEd.spec, N, 99);
    const vs = obs.map((o) => normaliseObservation(biggestEd, o).values);
    const evalOnly = rate(() => {
      for (const v of vs) evaluateOutcomes(biggestEd, v);
    }, vs.length);
    line(
      'Daoze, outcomes from normalised observations',
      `${fmt(evalOnly)} obs/s`,
      `${fmt(evalOnly / head.jre, 0)}× json-rules-engine (evaluation without validation)`,
    );
  }

  // ── The 40-clause checklist: generated code vs closures vs hand-written ──────────────────────
  const v40 = validateEdition(CHECKLIST_40);
  if (!v40.edition) throw new Error(`the bench checklist is invalid: ${JSON.stringify(v40.diagnostics.slice(0, 3))}`);
  const ed40 = compileEdition(v40.edition);
  if (ed40.facts.map((f) => f.id).join() !== FACT_IDS.join())
    throw new Error('fact order differs from the hand-written closures');
  const obs40 = generateObservations(CHECKLIST_40, N, 1);
  const vectors = obs40.map((o) => normaliseObservation(ed40, o).values);
  const cg = codegenProgram(ed40);
  const cl = closureProgram(ed40);
  const outA = new Uint8Array(80);
  const outB = new Uint8Array(80);
  const outC = new Uint8Array(80);
  let mismatches = 0;
  for (const v of vectors) {
    cg.run(v, outA);
    cl.run(v, outB);
    runHandwritten(v, outC);
    if (outA.join() !== outB.join() || outA.join() !== outC.join()) mismatches++;
  }
  if (mismatches > 0)
    throw new Error(`${mismatches} observations where generated code, closures and hand-written closures disagree`);
  console.log(
    `\n40-clause checklist (bench/checklist-40.ts), ${fmt(N)} observations, ${Math.round(100 * (1 - vectors.flat().filter((x) => x === undefined).length / (vectors.length * FACT_IDS.length)))}% of facts given; same answers from all three: yes`,
  );
  const r40 = rates(
    {
      codegen: () => {
        for (const v of vectors) cg.run(v, outA);
      },
      closures: () => {
        for (const v of vectors) cl.run(v, outA);
      },
      handwritten: () => {
        for (const v of vectors) runHandwritten(v, outA);
      },
    },
    vectors.length,
  );
  line(
    'generated code (new Function), whole checklist',
    `${fmt(r40.codegen!)} obs/s`,
    `${fmt(r40.codegen! / r40.handwritten!, 2)}× hand-written`,
  );
  line(
    'closure tree (reference path)',
    `${fmt(r40.closures!)} obs/s`,
    `${fmt(r40.closures! / r40.handwritten!, 2)}× hand-written`,
  );
  line('hand-written closures (bench/handwritten.ts)', `${fmt(r40.handwritten!)} obs/s`, '1.00× (baseline)');
  const verdict40 = rates(
    {
      outcomes: () => {
        for (const o of obs40) evaluateOutcomes(ed40, normaliseObservation(ed40, o).values);
      },
      verdictNoTrace: () => {
        for (const o of obs40) evaluate(ed40, o, { trace: false });
      },
      verdict: () => {
        for (const o of obs40) evaluate(ed40, o);
      },
    },
    obs40.length,
  );
  line('validate + outcomes only (evaluateOutcomes)', `${fmt(verdict40.outcomes!)} obs/s`);
  line(
    'validate + full verdict, no trace',
    `${fmt(verdict40.verdictNoTrace!)} obs/s`,
    `${fmt(verdict40.outcomes! / verdict40.verdictNoTrace!, 1)}× slower than outcomes`,
  );
  line(
    'validate + full verdict with trace (evaluate default)',
    `${fmt(verdict40.verdict!)} obs/s`,
    `${fmt(verdict40.outcomes! / verdict40.verdict!, 1)}× slower than outcomes`,
  );
  const e40 = await engineVsEngine(ed40, N, N_JRE, 1);
  line('json-rules-engine 7.3.1, same rules', `${fmt(e40.jre)} obs/s`);
  line('Daoze, validate + outcomes', `${fmt(e40.daoze)} obs/s`, `${fmt(e40.daoze / e40.jre, 0)}× json-rules-engine`);

  // ── Every built-in standard ───────────────────────────────────────────────────────────────────
  console.log(
    `\nEvery built-in standard, one after another in this process: Daoze (validate + outcomes) vs json-rules-engine`,
  );
  const per: { ref: string; clauses: number; daoze: number; jre: number; falsePasses: number; decisions: number }[] =
    [];
  for (const [i, ed] of registry.editions.entries()) {
    if (ed.kinds.length) continue; // objects: below
    const r = await engineVsEngine(ed, QUICK ? 1_000 : 5_000, QUICK ? 200 : 1_000, 100 + i);
    per.push({ ref: ed.ref, clauses: ed.clauses.length, ...r });
    line(
      `${ed.ref} (${ed.clauses.length} clauses)`,
      `${fmt(r.daoze)} obs/s`,
      `json-rules-engine ${fmt(r.jre)} obs/s → ${fmt(r.daoze / r.jre, 0)}×`,
    );
  }
  const fp = per.reduce((s, p) => s + p.falsePasses, 0);
  const dec = per.reduce((s, p) => s + p.decisions, 0);
  console.log(
    `  json-rules-engine said "pass" for ${fmt(fp)} of ${fmt(dec)} clause decisions that lacked a fact (Daoze: indeterminate)`,
  );

  // ── Objects in a unit: validate + outcomes with instances (no json-rules-engine counterpart) ───
  console.log(`\nEditions with objects (${OBJECTS_PER_KIND} instances of each kind): Daoze, validate + outcomes`);
  for (const [i, ed] of registry.editions.entries()) {
    if (!ed.kinds.length) continue;
    const obs = generateObservations(ed.spec, QUICK ? 500 : 2_000, 300 + i, 0.9, OBJECTS_PER_KIND);
    for (let k = 0; k <= CODEGEN_AFTER; k++) {
      const n = normaliseObservation(ed, obs[k % obs.length]);
      evaluateOutcomes(ed, n.values, n.instances);
    }
    const r = rate(() => {
      for (const o of obs) {
        const n = normaliseObservation(ed, o);
        evaluateOutcomes(ed, n.values, n.instances);
      }
    }, obs.length);
    line(`${ed.ref} (${ed.clauses.length} clauses, ${ed.kinds.length} kinds)`, `${fmt(r)} obs/s`);
  }

  // ── One answer: change one fact, re-evaluate ──────────────────────────────────────────────────
  const uEd = biggestEd;
  console.log(`\nOne answer on ${uEd.ref} (${uEd.clauses.length} clauses, ${uEd.facts.length} facts)`);
  {
    // The SDK as an app runs it: sdk/index.ts bundled and minified by esbuild (as scripts/size.ts does), not
    // the TypeScript sources through tsx, whose keepNames wrapping costs time in every closure created.
    const sdk = await importMinified<typeof import('../sdk/index.js')>(
      "export { createChecklist } from './sdk/index.ts';",
      root,
    );
    const bundle = createBundle(registry.editions);
    // A seeded inspection: each step answers one fact with a value from a generated observation, or clears it.
    const steps = generateObservations(uEd.spec, 400, 21).flatMap((o, i) =>
      Object.entries(o.facts).map(([fact, value], j) => ({
        fact,
        value,
        clear: (i + j) % 13 === 0,
        evidence: o.evidence?.[fact],
      })),
    );
    const time = (readVerdict: boolean) => {
      // The bundle is built in this process, so there is nothing to authenticate: read it with the documented opt-out.
      const cl = sdk.createChecklist(bundle, uEd.ref, { trust: 'unsigned' });
      const ns: number[] = [];
      for (const st of steps) {
        const t0 = process.hrtime.bigint();
        const u = st.clear ? cl.clear(st.fact) : cl.answer(st.fact, st.value, st.evidence);
        if (readVerdict) void u.verdict.outcome;
        ns.push(Number(process.hrtime.bigint() - t0));
      }
      return ns;
    };
    time(false);
    time(true);
    const answerNs = [...time(false), ...time(false)].sort((a, b) => a - b);
    const withVerdictNs = [...time(true), ...time(true)].sort((a, b) => a - b);
    line(
      `SDK checklist.answer() (${fmt(answerNs.length)} answers)`,
      `p50 ${fmt(quantile(answerNs, 0.5) / 1000, 1)} µs`,
      `p99 ${fmt(quantile(answerNs, 0.99) / 1000, 1)} µs`,
    );
    line(
      'SDK answer() and reading its full verdict',
      `p50 ${fmt(quantile(withVerdictNs, 0.5) / 1000, 1)} µs`,
      `p99 ${fmt(quantile(withVerdictNs, 0.99) / 1000, 1)} µs`,
    );
  }
  console.log('  the engine underneath: change one fact in a normalised observation, then');
  const base = normaliseObservation(uEd, generateObservations(uEd.spec, 1, 7)[0]);
  const boolFacts = uEd.facts.filter((f) => f.spec.type === 'boolean');
  const samples = (fn: (i: number) => void, n: number) => {
    for (let i = 0; i < 2_000; i++) fn(i);
    const ns: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      fn(i);
      ns.push(Number(process.hrtime.bigint() - t0));
    }
    return ns.sort((a, b) => a - b);
  };
  const flip = (i: number) => {
    const f = boolFacts[i % boolFacts.length]!;
    base.values[f.index] = base.raw[f.index] = i % 3 === 0 ? undefined : i % 3 === 1;
    base.why[f.index] = i % 3 === 0 ? 'absent' : undefined;
  };
  const outcomesNs = samples(
    (i) => {
      flip(i);
      evaluateOutcomes(uEd, base.values);
    },
    QUICK ? 20_000 : 100_000,
  );
  const verdictNs = samples(
    (i) => {
      flip(i);
      buildVerdict(uEd, base, { standard: uEd.ref }, { trace: false });
    },
    QUICK ? 5_000 : 20_000,
  );
  const answerObs = generateObservations(uEd.spec, 64, 9);
  const summaryNs = samples(
    (i) => summarise(uEd, answerObs[i % answerObs.length], { locale: 'zh' }),
    QUICK ? 20_000 : 100_000,
  );
  line(
    '  outcomes of every clause',
    `p50 ${fmt(quantile(outcomesNs, 0.5) / 1000, 1)} µs`,
    `p99 ${fmt(quantile(outcomesNs, 0.99) / 1000, 1)} µs`,
  );
  line(
    '  validate all facts + outcomes + facts still missing',
    `p50 ${fmt(quantile(summaryNs, 0.5) / 1000, 1)} µs`,
    `p99 ${fmt(quantile(summaryNs, 0.99) / 1000, 1)} µs`,
  );
  line(
    '  full verdict (messages, citations, missing facts)',
    `p50 ${fmt(quantile(verdictNs, 0.5) / 1000, 1)} µs`,
    `p99 ${fmt(quantile(verdictNs, 0.99) / 1000, 1)} µs`,
  );

  // ── The CLI: start-up for one observation, and a batch of a million ───────────────────────────
  console.log('\nThe built CLI (bundled as tsup.config.ts does, into node_modules/.cache/daoze-bench)');
  const runner = await buildCli();
  const example = EXAMPLE;
  const nodeOnly = median(Array.from({ length: 5 }, () => timeMs(() => spawnSync(process.execPath, ['-e', '0']))));
  const startups = Array.from({ length: QUICK ? 3 : 7 }, () =>
    timeMs(() =>
      spawnSync(process.execPath, [runner, 'check', example, '--standards', 'standards', '--profiles', 'profiles'], {
        cwd: root,
      }),
    ),
  );
  line(
    `daoze check ${example}`,
    `${fmt(median(startups), 0)} ms`,
    `median of ${startups.length} (node itself: ${fmt(nodeOnly, 0)} ms)`,
  );

  let installedRatio: number | undefined;
  if (process.env.BENCH_INSTALLED !== '0') {
    const t = installedStart(STARTS);
    installedRatio = t.ratio;
    console.log('\nThe installed CLI (npm pack of this checkout, npm install of the tarball in a new project)');
    line(`node_modules/.bin/daoze check ${t.observation}`, `${fmt(t.installed, 0)} ms`, `median of ${STARTS}`);
    line('node -e 0', `${fmt(t.node, 0)} ms`, `median of ${STARTS}, started in alternation with the above`);
    line(
      'installed one-shot start / bare node',
      `${fmt(installedRatio, 1)}×`,
      `target ≤ ${INSTALLED_TARGET}×: ${installedRatio <= INSTALLED_TARGET ? 'holds' : 'NOT met'}`,
    );
  }

  if (BATCH > 0) {
    const dir = mkdtempSync(join(tmpdir(), 'daoze-bench-'));
    try {
      const batchEd = registry.get('si-jing-san-wu-liang-tong-yi-ming');
      const file = join(dir, 'observations.ndjson');
      const next = observationStream(batchEd.spec, 3);
      const ws = createWriteStream(file);
      for (let i = 0; i < BATCH; i += 10_000) {
        const lines: string[] = [];
        for (let j = i; j < Math.min(BATCH, i + 10_000); j++) lines.push(JSON.stringify(next(j)));
        if (!ws.write(`${lines.join('\n')}\n`)) await new Promise<void>((r) => ws.once('drain', () => r()));
      }
      await new Promise<void>((r) => ws.end(r));
      const mb = statSync(file).size / 1024 / 1024;
      console.log(
        `\nBatch: ${fmt(BATCH)} observations of ${batchEd.ref} (${fmt(mb, 0)} MB NDJSON, records to /dev/null)`,
      );
      for (const [label, extra] of [
        ['default (worker threads once the input is large)', []],
        ['--workers 0 (main thread only)', ['--workers', '0']],
      ] as const) {
        const r = await measureChild([
          runner,
          'check',
          '--batch',
          file,
          '--standards',
          'standards',
          '--exit-zero',
          '--locale',
          'en',
          ...extra,
        ]);
        const threads = /\(([\d,]+)\/s, ([^)]*)\)/.exec(r.stderr);
        line(
          label,
          `${fmt(r.seconds, 1)} s`,
          `${fmt(BATCH / r.seconds)} obs/s · peak RSS ${fmt(r.peakKb / 1024, 0)} MB${threads ? ` · ${threads[2]}` : ''}`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  console.log(
    `\nTargets: ≥100× json-rules-engine; generated code no slower than hand-written; 1M batch < 30 s and < 300 MB; check < 300 ms; installed check ≤ ${INSTALLED_TARGET}× bare node; one answer < 50 µs p99.`,
  );
  if (installedRatio !== undefined)
    console.log(
      `Installed daoze check: ${fmt(installedRatio, 1)}× bare node (target ≤ ${INSTALLED_TARGET}×: ${installedRatio <= INSTALLED_TARGET ? 'holds' : 'not met'})`,
    );
  console.log(`Daoze: ${Math.round(head.daoze / head.jre)}× json-rules-engine`);
}

await main();
