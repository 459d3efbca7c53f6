/**
 * The package as a user gets it: a fresh clone of the repository's committed state (no dist/), packed with
 * `npm pack` (its `prepack` builds), installed into an empty folder, then `daoze/sdk` imported as ESM, required as
 * CJS and type-checked as an app would. The bundle it uses is written by the installed package's own `daoze build`.
 * The clone borrows this checkout's node_modules (the same package-lock.json), so no download is needed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });

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
    const [packed] = JSON.parse(report.slice(report.search(/^\[/m))) as { filename: string; files: { path: string }[] }[];
    files = packed!.files.map((f) => f.path);
    app = join(dir, 'app');
    run('mkdir', ['-p', app], dir);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'daoze-pack-check', version: '1.0.0', private: true }));
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', join(dir, packed!.filename)], app);
    run(join(app, 'node_modules', '.bin', 'daoze'), ['keygen', '--out', 'k'], app);
    run(join(app, 'node_modules', '.bin', 'daoze'), ['build', '--out', 'bundle.json', '--sign', 'k.key'], app);
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('carries what the CLI needs (the build, its snapshot, standards, profiles, schemas, licence) and no CommonJS CLI', () => {
    for (const f of ['dist/cli.js', 'dist/index.js', 'dist/index.cjs', 'dist/sdk.js', 'dist/builtin-snapshot.json', 'bin/daoze.js', 'LICENSE', 'schema/edition.schema.json', 'standards/editions.lock.json', 'profiles/example-city-snow/1.0.0.yaml']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /^dist\/(cli|batch-worker)\.cjs/.test(f))).toEqual([]);
  });

  it('imports createChecklist from daoze/sdk as an ES module', () => {
    writeFileSync(join(app, 'esm.mjs'), APP(`import { createChecklist, restore, ChecklistError } from 'daoze/sdk';\nimport { readFileSync } from 'node:fs';`));
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
    writeFileSync(join(app, 'brand.mjs'), `import * as sdk from 'daoze/sdk';\nimport * as engine from 'daoze';\nimport { readFileSync } from 'node:fs';${body}`);
    expect(JSON.parse(run('node', ['brand.mjs'], app))).toEqual(expected);
    writeFileSync(join(app, 'brand.cjs'), `const sdk = require('daoze/sdk');\nconst engine = require('daoze');\nconst { readFileSync } = require('node:fs');${body}`);
    expect(JSON.parse(run('node', ['brand.cjs'], app))).toEqual(expected);
  });

  it('ships an ES module build of the SDK that imports only small runtime dependencies', () => {
    const sdk = readFileSync(join(app, 'node_modules', 'daoze', 'dist', 'sdk.js'), 'utf8');
    const imports = [...sdk.matchAll(/^(?:import|export)\b[^;]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    // Hashing, canonical JSON (RFC 8785), signatures and the strict JSON scanner only: version order is src/model/semver.ts, so `semver` stays with the CLI (diff).
    expect(new Set(imports)).toEqual(new Set(['@noble/ed25519', '@noble/hashes/sha2.js', '@noble/hashes/utils.js', 'canonicalize', 'jsonc-parser']));
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
    writeFileSync(join(app, 'check.cts'), `import sdk = require('daoze/sdk');\nexport const make: typeof sdk.createChecklist = sdk.createChecklist;\n`);
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: [], lib: ['ES2022', 'DOM'] }, files: ['check.mts', 'check.cts'] }));
    expect(run('node', [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], app)).toBe('');
  });
});
