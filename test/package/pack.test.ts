/**
 * The package as a user gets it: a fresh clone of the repository's committed state (no dist/), packed with
 * `npm pack` (its `prepack` builds), installed into an empty folder, then the README's commands run there as
 * `npx daoze …` (the README's own words for an installed package), and `daoze/sdk` imported as ESM, required as
 * CJS and type-checked as an app would. The bundle it uses is written by the installed package's own `daoze build`.
 * The clone borrows this checkout's node_modules (the same package-lock.json), so no download is needed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });

/**
 * A command of the README's command-line block, as an installed package runs it: the line that holds `needle`, its
 * comment dropped, `npm run --silent daoze --` (the checkout's form) as `npx daoze` (the README: "Installed as a
 * package, the same commands are `npx daoze …`").
 */
function readmeCommand(needle: string): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  expect(readme, 'the README says how an installed package runs its commands').toContain(
    'the same commands are `npx daoze …`',
  );
  const lines = readme.split('\n').filter((l) => l.startsWith('npm run --silent daoze -- ') && l.includes(needle));
  expect(lines, needle).toHaveLength(1);
  return lines[0]!.replace(/\s+# .*$/, '').replace(/^npm run --silent daoze -- /, 'npx daoze ');
}

/** What the apps below print: the outcome after 水通 fails, the task it cites, and the outcome after a restore. */
const EXPECTED = ['fail', 12, 'fail', 'E_VALUE'];
const APP = (load: string) => `${load}
const bundle = JSON.parse(readFileSync('bundle.json', 'utf8'));
const trust = [JSON.parse(readFileSync('k.pub', 'utf8'))];
const cl = createChecklist(bundle, 'si-jing-san-wu-liang-tong-yi-ming', { trust });
cl.answer('flush-type', 'water-flush');
const u = cl.answer('water-supply-ok', false);
let code;
try { cl.answer('ammonia-mg-m3', 5000); } catch (e) { code = e instanceof ChecklistError ? e.code : 'untyped'; }
console.log(JSON.stringify([u.outcome, u.verdict.clauses.find((c) => c.clause === 'water-flowing').citation.sources[0].task, restore(bundle, JSON.stringify(cl), { trust }).verdict().outcome, code]));
`;

describe.skipIf(process.env.DAOZE_SKIP_PACK === '1')('the packed package, freshly installed', () => {
  let dir: string;
  let app: string;
  let files: string[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'daoze-pack-'));
    const clone = join(dir, 'clone');
    run('git', ['clone', '--quiet', ROOT, clone], dir);
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
    // `prepack` (the build) prints to stdout before npm's JSON report: the report is the array that ends the output.
    const report = run('npm', ['pack', '--json', '--pack-destination', dir], clone);
    const [packed] = JSON.parse(report.slice(report.search(/^\[/m))) as {
      filename: string;
      files: { path: string }[];
    }[];
    files = packed!.files.map((f) => f.path);
    app = join(dir, 'app');
    run('mkdir', ['-p', app], dir);
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'daoze-pack-check', version: '1.0.0', private: true }),
    );
    run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', join(dir, packed!.filename)],
      app,
    );
    // The README's commands name files under examples/: a user who follows it has them beside the project.
    cpSync(join(clone, 'examples', 'observations'), join(app, 'examples', 'observations'), { recursive: true });
    run(join(app, 'node_modules', '.bin', 'daoze'), ['keygen', '--out', 'k'], app);
    run(join(app, 'node_modules', '.bin', 'daoze'), ['build', '--out', 'bundle.json', '--sign', 'k.key'], app);
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('carries what the CLI needs (the build, its snapshot, standards, profiles, schemas, licence) and no CommonJS CLI', () => {
    for (const f of [
      'dist/cli.js',
      'dist/index.js',
      'dist/index.cjs',
      'dist/sdk.js',
      'dist/builtin-snapshot.json',
      'bin/daoze.js',
      'LICENSE',
      'schema/edition.schema.json',
      'standards/editions.lock.json',
      'profiles/example-city-snow/1.0.0.yaml',
    ]) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /^dist\/(cli|batch-worker)\.cjs/.test(f))).toEqual([]);
  });

  /** A command line typed in the installed project's folder (`sh -c`, as a user's shell runs it). */
  const sh = (command: string) => {
    const r = spawnSync('sh', ['-c', command], { cwd: app, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it("runs the README's check under a city profile: it passes there, and fails without the profile", () => {
    const command = readmeCommand('--profile example-city-snow@1.0.0');
    expect(command).toBe(
      'npx daoze check examples/observations/04-snow-a-class-30h.json --profile example-city-snow@1.0.0',
    );
    const withProfile = sh(command);
    expect(withProfile.stderr).toBe('');
    expect(withProfile.code).toBe(0);
    expect(withProfile.stdout).toContain('配置: example-city-snow@1.0.0');
    expect(withProfile.stdout).toContain('结论: ✓ 合格');
    const without = sh(command.replace(' --profile example-city-snow@1.0.0', ''));
    expect(without.code).toBe(1);
    expect(without.stdout).toContain('结论: ✗ 不合格');
  });

  it("prints the README's --format json verdict as JSON alone on stdout (no banner), exit 1 as its comment says", () => {
    const command = readmeCommand('01-toilet-ammonia-high.json --format json');
    const r = sh(command);
    expect(r.code).toBe(1);
    const verdict = JSON.parse(r.stdout) as { outcome: string; standard: { ref: string } };
    expect(verdict.outcome).toBe('fail');
    expect(verdict.standard.ref).toBe('si-jing-san-wu-liang-tong-yi-ming@1.0.0');
  });

  it('gives an invalid observation with --format json as one typed error object on stdout, exit 3', () => {
    writeFileSync(
      join(app, 'bad-observation.json'),
      JSON.stringify({ standard: 'san-duan', facts: { 'water-cut': 'yes' } }, null, 2),
    );
    const r = sh('npx daoze check bad-observation.json --format json');
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('');
    const { error } = JSON.parse(r.stdout) as {
      error: { code: string; file: string; path: string; issues: { code: string; path: string; message: string }[] };
    };
    expect(error).toMatchObject({ code: 'E_OBSERVATION', file: 'bad-observation.json', path: 'facts.water-cut' });
    expect(error.issues).toEqual([
      expect.objectContaining({
        code: 'E_FACT_TYPE',
        path: 'facts.water-cut',
        message: '应为 true 或 false,实为 "yes"',
      }),
    ]);
    // In English on request, with the same code.
    expect(
      JSON.parse(sh('npx daoze check bad-observation.json --format json --locale en').stdout).error.issues[0].message,
    ).toBe('must be true or false, got "yes"');
  });

  it('judges the good file of a folder and names the bad one with file:line:col, exiting with the worst code', () => {
    mkdirSync(join(app, 'inbox'), { recursive: true });
    cpSync(join(app, 'examples', 'observations', '01-toilet-ammonia-high.json'), join(app, 'inbox', 'good.json'));
    writeFileSync(join(app, 'inbox', 'bad.json'), '{\n  "standard": "san-duan",\n  "facts": {,}\n}\n');
    const r = sh('npx daoze check inbox');
    expect(r.code).toBe(3); // invalid input (3) over fail (1)
    expect(r.stdout).toContain('四净三无两通一明');
    expect(r.stdout).toContain('结论: ✗ 不合格');
    expect(r.stderr).toContain('inbox/bad.json:3:13: E_JSON');
    const json = sh('npx daoze check inbox --format json');
    expect(json.code).toBe(3);
    const entries = JSON.parse(json.stdout) as (
      { error: { code: string; file: string; position: { line: number; col: number } } } | { outcome: string }
    )[];
    expect(
      entries.map((e) =>
        'error' in e ? `${e.error.file}:${e.error.position.line}:${e.error.position.col} ${e.error.code}` : e.outcome,
      ),
    ).toEqual(['inbox/bad.json:3:13 E_JSON', 'fail']);
  });

  it('starts check, show and list from the snapshot without the YAML parser, the schema validator or semver', () => {
    // None of them is among the static imports of the built CLI and the chunks it imports…
    const dist = join(app, 'node_modules', 'daoze', 'dist');
    const packages = new Set<string>();
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const m of readFileSync(join(dist, file), 'utf8').matchAll(
        /^(?:import|export)\b[^;]*?from\s*['"]([^'"]+)['"]|^import\s*['"]([^'"]+)['"]/gm,
      )) {
        const spec = (m[1] ?? m[2])!;
        if (spec.startsWith('./')) visit(spec.slice(2));
        else packages.add(spec.split('/')[0]!);
      }
    };
    visit('cli.js');
    expect(seen.size).toBeGreaterThan(1);
    expect(['yaml', 'ajv', 'ajv-formats', 'semver'].filter((p) => packages.has(p))).toEqual([]);
    // semver is not even installed: the engine compares versions itself (src/model/semver.ts).
    expect(existsSync(join(app, 'node_modules', 'semver'))).toBe(false);
    // …and the commands answer with the others gone; a command that reads YAML still loads them.
    const gone: string[] = [];
    try {
      for (const p of ['yaml', 'ajv', 'ajv-formats'].map((p) => join(app, 'node_modules', p))) {
        renameSync(p, `${p}.away`);
        gone.push(p);
      }
      expect(sh('npx daoze check examples/observations/01-toilet-ammonia-high.json').code).toBe(1);
      expect(sh('npx daoze show san-duan').code).toBe(0);
      expect(sh('npx daoze list').code).toBe(0);
      expect(sh('npx daoze validate').code).toBe(70);
    } finally {
      for (const p of gone) renameSync(`${p}.away`, p);
    }
    expect(sh('npx daoze validate').code).toBe(0);
  });

  it('imports createChecklist from daoze/sdk as an ES module', () => {
    writeFileSync(
      join(app, 'esm.mjs'),
      APP(
        `import { createChecklist, restore, ChecklistError } from 'daoze/sdk';\nimport { readFileSync } from 'node:fs';`,
      ),
    );
    expect(JSON.parse(run('node', ['esm.mjs'], app))).toEqual(EXPECTED);
  });

  it('requires daoze/sdk from CommonJS, without loading the YAML parser or ajv', () => {
    writeFileSync(
      join(app, 'cjs.cjs'),
      `${APP(`const { createChecklist, restore, ChecklistError } = require('daoze/sdk');\nconst { readFileSync } = require('node:fs');`)}
const heavy = Object.keys(require.cache).filter((p) => /node_modules[\\\\/](yaml|ajv|ajv-formats)[\\\\/]/.test(p));
if (heavy.length) throw new Error('daoze/sdk loaded ' + heavy.join(', '));`,
    );
    expect(JSON.parse(run('node', ['cjs.cjs'], app))).toEqual(EXPECTED);
  });

  it('recognises an error from daoze/sdk as a DaozeError of daoze, in ESM and CJS, by isDaozeError and instanceof', () => {
    const body = `
const bundle = JSON.parse(readFileSync('bundle.json', 'utf8'));
let e;
try { sdk.createChecklist(bundle, 'si-jing-san-wu-liang-tong-yi-ming@1.0.0', { trust: [JSON.parse(readFileSync('k.pub', 'utf8'))] }).answer('ammonia-mg-m3', 5000); } catch (x) { e = x; }
console.log(JSON.stringify([sdk.DaozeError === engine.DaozeError, e instanceof sdk.ChecklistError, e instanceof engine.DaozeError, engine.isDaozeError(e), sdk.isDaozeError(new engine.NotFoundError('x')), engine.isDaozeError(new Error('x')), e.code]));
`;
    // The two entries are built apart (the SDK shares no chunk with the engine), so their classes are distinct objects.
    const expected = [false, true, true, true, true, false, 'E_VALUE'];
    writeFileSync(
      join(app, 'brand.mjs'),
      `import * as sdk from 'daoze/sdk';\nimport * as engine from 'daoze';\nimport { readFileSync } from 'node:fs';${body}`,
    );
    expect(JSON.parse(run('node', ['brand.mjs'], app))).toEqual(expected);
    writeFileSync(
      join(app, 'brand.cjs'),
      `const sdk = require('daoze/sdk');\nconst engine = require('daoze');\nconst { readFileSync } = require('node:fs');${body}`,
    );
    expect(JSON.parse(run('node', ['brand.cjs'], app))).toEqual(expected);
  });

  it('requires the engine from CommonJS, canonical JSON included (canonicalize is an ES module only: Node ≥ 20.19 requires it)', () => {
    writeFileSync(
      join(app, 'canonical.cjs'),
      "const d = require('daoze');\nconsole.log(JSON.stringify([d.canonicalJson({ b: 1, a: [2, 'é'] }), d.sha256Text('x').length]));\n",
    );
    expect(JSON.parse(run('node', ['canonical.cjs'], app))).toEqual(['{"a":[2,"é"],"b":1}', 71]);
  });

  it('ships an ES module build of the SDK that imports only small runtime dependencies', () => {
    const sdk = readFileSync(join(app, 'node_modules', 'daoze', 'dist', 'sdk.js'), 'utf8');
    const imports = [...sdk.matchAll(/^(?:import|export)\b[^;]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    // Hashing, signatures and the strict JSON scanner only: version order and parsing are src/model/semver.ts, and
    // canonical JSON's canonicalize is carried in the build (require could not load it; tsup.config.ts).
    expect(new Set(imports)).toEqual(
      new Set(['@noble/ed25519', '@noble/hashes/sha2.js', '@noble/hashes/utils.js', 'jsonc-parser']),
    );
  });

  it('type-checks an app that imports it, as ESM and as CJS', () => {
    writeFileSync(
      join(app, 'check.mts'),
      `import { createChecklist, type Checklist, type Outcome } from 'daoze/sdk';
declare const bundle: object;
const cl: Checklist = createChecklist(bundle, 'si-jing-san-wu-liang-tong-yi-ming', { locale: 'en', trust: 'unsigned' });
const o: Outcome = cl.answer('water-supply-ok', false).outcome;
export const ok = [o, cl.progress().needed[0]?.fact];
`,
    );
    writeFileSync(
      join(app, 'check.cts'),
      `import sdk = require('daoze/sdk');\nexport const make: typeof sdk.createChecklist = sdk.createChecklist;\n`,
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
          lib: ['ES2022', 'DOM'],
        },
        files: ['check.mts', 'check.cts'],
      }),
    );
    expect(run('node', [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], app)).toBe('');
  });
});
