/**
 * Every command of README.md and docs/*.md, run as a user types it: each command line of a fenced `sh`, `bash`,
 * `shell` or `console` block, in order per page, through `sh -c` in a fresh copy of the repository (its tracked and
 * unignored files as they are in this checkout; node_modules borrowed by symlink). Each must exit with the code its
 * trailing comment names (`# exit 1 …`; 0 when it names none), print no npm banner, print parseable JSON for
 * `--format json` (and NDJSON into a `> file.ndjson`), print no stack trace, and name no file that is neither in the
 * repository nor written by an earlier command of the page or by itself. A plain fenced block right after a command
 * block is that command's documented output: its lines (all but those holding `…`) must appear in what it prints.
 * A command that cannot run here is in SKIPPED with the reason; a skip that matches no command fails the test.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The pages whose commands are run: the README and docs/*.md (not the generated docs/standards/ and docs/api/). */
const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];

/** Commands (a whole line, or one part of an `a && b` line) that are not run, and why. */
const SKIPPED: Readonly<Record<string, string>> = {
  'npm install':
    'installs into node_modules, which the copy borrows from this checkout (shared with other work trees); the test runs after it',
  'npm ci': 'deletes and reinstalls node_modules, which the copy borrows from this checkout',
  'npm test': 'runs the whole suite, this test included: it would run itself',
  'npm run bench':
    'minutes of timing on a shared machine (timings never go into a test), building into node_modules/.cache',
  'BENCH_QUICK=1 npm run bench':
    'timing on a shared machine (timings never go into a test), building into node_modules/.cache',
  'BENCH_BATCH=0 npm run bench':
    'minutes of timing on a shared machine (timings never go into a test), building into node_modules/.cache',
};

/**
 * What a page asks the reader to do by hand between two commands, done here as the page says, after the command
 * given as the key. docs/versioning.md step 1: "In the copy set version: 2.1.0, status: draft, effective.from to the
 * day the city adopts it, and supersedes: …@2.0.0" (step 2's change of a threshold is left out: the copy stays as it was).
 */
const BY_HAND: Readonly<Record<string, (dir: string) => void>> = {
  'cp standards/si-jing-san-wu-liang-tong-yi-ming/2.0.0.yaml standards/si-jing-san-wu-liang-tong-yi-ming/2.1.0.yaml': (
    dir,
  ) => {
    const file = join(dir, 'standards/si-jing-san-wu-liang-tong-yi-ming/2.1.0.yaml');
    const text = readFileSync(file, 'utf8');
    const edited = text
      .replace(/^version: 2\.0\.0$/m, 'version: 2.1.0')
      .replace(/^status: published$/m, 'status: draft')
      .replace(/^effective:\n {2}from: [0-9-]+$/m, 'effective:\n  from: 2027-01-01')
      .replace(/^supersedes: .*$/m, 'supersedes: si-jing-san-wu-liang-tong-yi-ming@2.0.0');
    expect(
      edited.match(/^(version: 2\.1\.0|status: draft|supersedes: .*@2\.0\.0| {2}from: 2027-01-01)$/gm),
      'the hand edit found its lines',
    ).toHaveLength(4);
    writeFileSync(file, edited);
  },
  // Step 4: "set status: published, then lock it" — the next command locks the new edition.
  'npm run --silent daoze -- diff si-jing-san-wu-liang-tong-yi-ming@2.0.0 si-jing-san-wu-liang-tong-yi-ming@2.1.0 --replay examples/inspections/si-jing-2026-12.ndjson':
    (dir) => {
      const file = join(dir, 'standards/si-jing-san-wu-liang-tong-yi-ming/2.1.0.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: draft$/m, 'status: published'));
    },
};

/** More that a command must print, beyond its page's sample output (the assertions of the auditor's walkthrough). */
const EXPECT: Readonly<Record<string, (out: { stdout: string; dir: string }) => void>> = {
  'npm run --silent daoze -- verify tampered.json': ({ stdout, dir }) => {
    // The altered field is named at its own line in the tampered file, whatever else moves.
    const line =
      readFileSync(join(dir, 'tampered.json'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('"ammonia-mg-m3": 0.5')) + 1;
    expect(stdout).toMatch(new RegExp(`tampered\\.json:${line}:\\d+  observation\\.facts\\.ammonia-mg-m3`));
    expect(stdout).toContain('校验未通过');
  },
  'npm run --silent daoze -- verify tampered.json --observation examples/observations/01-toilet-ammonia-high.json': ({
    stdout,
  }) => {
    expect(stdout).toContain('✗ 原始观测');
  },
  'npm run --silent daoze -- explain examples/records/01-toilet-ammonia-high.record.json': ({ stdout }) => {
    expect(stdout).toContain('✗ 不合格  无臭味 [三无]');
    expect(stdout).toContain('✗ 氨浓度: 实测 1.5 mg/m³,要求 ≤ 1 mg/m³(氨浓度限值)');
    expect(stdout).toContain('责任单位: 市委宣传部');
    expect(stdout).toContain('记录: 完整');
    expect(stdout).not.toContain('地面净'); // passed clauses are not explained one by one
  },
  'npm run --silent daoze -- diff si-jing-san-wu-liang-tong-yi-ming@1.0.0 si-jing-san-wu-liang-tong-yi-ming@2.0.0 --replay examples/inspections/si-jing-2026-11.ndjson':
    ({ stdout }) => {
      expect(stdout).toContain('按版本规则至少需要: 主版本 (major)');
      expect(stdout).toContain('删除检查项 [breaking]  adult-fly-count');
      expect(stdout).toContain('结果不变 0 · 结论改变 6 · 仅条款结果或得分改变 2');
      expect(stdout).toContain('no-flies 无蚊蝇: 合格 → 无法判定');
    },
  "printf '%s' '臭味强度和氨浓度不超过该类别限值(臭味强度一类1级、二类2级、三类3级;氨一类0.3、二类1、三类3 mg/m³)。' | sha256sum":
    ({ stdout }) => {
      // The page's next line gives the hash; it is the record's textHash of that clause.
      const record = JSON.parse(
        readFileSync(join(ROOT, 'examples/records/01-toilet-ammonia-high.record.json'), 'utf8'),
      );
      expect(stdout.trim()).toBe('add42ca6567b99eda10c2d2b2496affd5c3abf7975c16c9ba944aa41b369d946  -');
      expect(record.clauses[6].textHash.zh).toBe(
        'sha256:add42ca6567b99eda10c2d2b2496affd5c3abf7975c16c9ba944aa41b369d946',
      );
    },
  'npm run --silent daoze -- validate --update-lock': ({ stdout, dir }) => {
    expect(stdout).toContain('locked si-jing-san-wu-liang-tong-yi-ming@2.1.0');
    expect(JSON.stringify(JSON.parse(readFileSync(join(dir, 'standards/editions.lock.json'), 'utf8')))).toContain(
      'si-jing-san-wu-liang-tong-yi-ming@2.1.0',
    );
  },
  'npm run --silent daoze -- verify my-record.json': ({ stdout }) => {
    expect(stdout).toContain('✓ 完整');
    expect(stdout).toContain('✓ 可复现');
  },
};

/** One command as a page gives it. */
interface Recipe {
  page: string;
  /** 1-based line in the page. */
  line: number;
  /** The command, without its trailing comment. */
  command: string;
  /** The trailing comment, without `#`. */
  comment: string;
  /** The lines of the documented output that follows, if any. */
  sample?: string[];
}

/** Where an unquoted `#` starts a comment (after white space), or -1. */
function commentStart(line: string): number {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return i;
  }
  return -1;
}

/** The commands of a page's shell blocks, with the sample output that follows a block attached to its last command. */
export function recipesOf(page: string, text: string): Recipe[] {
  const lines = text.split('\n');
  const out: Recipe[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]!);
    if (!open) continue;
    const [, indent = '', fence = '', lang = ''] = open;
    const body: { text: string; line: number }[] = [];
    let j = i + 1;
    for (; j < lines.length && !lines[j]!.trimStart().startsWith(fence); j++)
      body.push({ text: lines[j]!.slice(indent.length), line: j + 1 });
    i = j;
    if (!['sh', 'bash', 'shell', 'console'].includes(lang)) continue;
    const block: Recipe[] = [];
    for (let k = 0; k < body.length; k++) {
      let { text: l } = body[k]!;
      const at = body[k]!.line;
      if (lang === 'console') {
        if (!l.startsWith('$ ')) continue; // output lines of a console block
        l = l.slice(2);
      }
      while (l.endsWith('\\') && k + 1 < body.length) l = `${l.slice(0, -1)} ${body[++k]!.text.trim()}`;
      if (!l.trim() || l.trimStart().startsWith('#')) continue;
      const c = commentStart(l);
      block.push({
        page,
        line: at,
        command: (c < 0 ? l : l.slice(0, c)).trim(),
        comment: c < 0 ? '' : l.slice(c + 1).trim(),
      });
    }
    // A fence with no language right after the block (only blank lines between) is the output of its last command.
    let n = i + 1;
    while (n < lines.length && !lines[n]!.trim()) n++;
    const next = /^(\s*)(`{3,})\s*$/.exec(lines[n] ?? '');
    if (next && block.length) {
      const sample: string[] = [];
      for (let m = n + 1; m < lines.length && !lines[m]!.trimStart().startsWith(next[2]!); m++)
        sample.push(lines[m]!.slice(next[1]!.length));
      block.at(-1)!.sample = sample;
    }
    out.push(...block);
  }
  return out;
}

/** The exit code a recipe documents: the first `exit N` of its comment, else 0. */
function expectedExit(r: Recipe): number {
  const m = /\bexit (\d+)\b/.exec(r.comment);
  return m ? Number(m[1]) : 0;
}

/** Shell words of a command, each with whether any part of it was quoted (quoted words are data, not file names). */
function words(command: string): { word: string; quoted: boolean }[] {
  const out: { word: string; quoted: boolean }[] = [];
  let cur = '';
  let quoted = false;
  let quote = '';
  let started = false;
  for (const c of command) {
    if (quote) {
      if (c === quote) quote = '';
      else cur += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      quoted = started = true;
    } else if (/\s/.test(c)) {
      if (started) out.push({ word: cur, quoted });
      cur = '';
      quoted = started = false;
    } else {
      cur += c;
      started = true;
    }
  }
  if (started) out.push({ word: cur, quoted });
  return out;
}

/**
 * The words of a command that name files (unquoted, path-like), and the files its stdout is redirected to. Which
 * of them it reads and which it writes is told by running it: a file that exists neither before nor after is unknown.
 */
function filesOf(command: string): { paths: string[]; redirects: string[] } {
  const ws = words(command);
  const paths: string[] = [];
  const redirects: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    const { word, quoted } = ws[i]!;
    const prev = ws[i - 1]?.word ?? '';
    if (prev === '>' || prev === '>>') redirects.push(word);
    if (quoted || word.startsWith('-') || word.includes('@') || word.includes('=')) continue;
    if (/\//.test(word) || /\.(json|ndjson|ya?ml|csv|md|txt|pem|pub|key)$/.test(word)) paths.push(word);
  }
  return { paths, redirects };
}

/** The parts of a command line joined by `&&` (the recipes use no other shell list). */
const parts = (command: string) => command.split(/\s+&&\s+/);

/** A fresh copy of the repository: the files git tracks or would track, as they are now in this checkout. */
function copyRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'daoze-recipes-'));
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(listed.status, listed.stderr).toBe(0);
  for (const f of listed.stdout.split('\0').filter(Boolean)) {
    if (f === 'node_modules' || !existsSync(join(ROOT, f))) continue; // a file deleted but not yet committed
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(ROOT, f), join(dir, f));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  // `npx daoze` runs this package's own bin/daoze.js, which imports the build; the build of src/cli/main.ts is
  // stood in for by the source itself (test/package/pack.test.ts runs the real build from a packed tarball).
  mkdirSync(join(dir, 'dist'));
  writeFileSync(
    join(dir, 'dist', 'cli.js'),
    `import { register } from 'tsx/esm/api';\nregister();\nexport const { guardPipes, main } = await import('../src/cli/main.ts');\n`,
  );
  return dir;
}

/** The environment a user's shell has: none of the test runner's colour settings. */
const ENV = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) =>
      ![
        'FORCE_COLOR',
        'NO_COLOR',
        'NODE_OPTIONS',
        'VITEST',
        'VITEST_WORKER_ID',
        'VITEST_POOL_ID',
        'TEST',
        'NODE_ENV',
      ].includes(k),
  ),
);

/** A stack trace, as Node prints an uncaught error. */
const STACK = /^\s+at .+(:\d+:\d+\)?|\(node:internal[^)]*\))$|node:internal\/|ERR_MODULE_NOT_FOUND/m;

const ALL = PAGES.map((page) => ({ page, recipes: recipesOf(page, readFileSync(join(ROOT, page), 'utf8')) }));
const copies: string[] = [];
afterAll(() => {
  for (const d of copies) rmSync(d, { recursive: true, force: true });
});

describe('the pages’ commands', () => {
  it('are found in README.md and the docs, and every skip and hand edit matches a command', () => {
    const commands = ALL.flatMap((p) => p.recipes.flatMap((r) => [r.command, ...parts(r.command)]));
    expect(ALL.find((p) => p.page === 'README.md')!.recipes.length).toBeGreaterThan(10);
    for (const skip of Object.keys(SKIPPED)) expect(commands, `SKIPPED["${skip}"] matches no command`).toContain(skip);
    for (const key of [...Object.keys(BY_HAND), ...Object.keys(EXPECT)])
      expect(commands, `"${key}" matches no command`).toContain(key);
  });

  it('use a form that prints clean output: npm run --silent daoze -- … in a checkout, npx daoze … installed', () => {
    for (const r of ALL.flatMap((p) => p.recipes)) {
      expect(r.command, `${r.page}:${r.line}`).not.toMatch(/npm run (?!--silent)\S*\s*daoze\b|npm start\b/);
    }
  });
});

for (const { page, recipes } of ALL) {
  if (!recipes.length) continue;
  describe(page, () => {
    let dir = '';
    for (const r of recipes) {
      const run = parts(r.command).filter((p) => !(p in SKIPPED));
      const skipped = parts(r.command).filter((p) => p in SKIPPED);
      const label = `${r.page}:${r.line}  ${r.command}${skipped.map((p) => `  (not run: ${p} — ${SKIPPED[p]})`).join('')}`;
      it.skipIf(!run.length)(
        label,
        () => {
          if (!dir) copies.push((dir = copyRepository()));
          const command = run.join(' && ');
          const { paths, redirects } = filesOf(command);
          const before = new Set(paths.filter((f) => existsSync(join(dir, f))));
          const r2 = spawnSync('sh', ['-c', command], {
            cwd: dir,
            env: ENV,
            encoding: 'utf8',
            timeout: 240_000,
            maxBuffer: 64 * 1024 * 1024,
          });
          const said = `${label}\n--- stdout\n${r2.stdout.slice(0, 3000)}\n--- stderr\n${r2.stderr.slice(0, 3000)}`;
          // A path is there, or was written; `keygen --out <name>` names a key pair, written as <name>.key and <name>.pub.
          const made = (f: string) =>
            existsSync(join(dir, f)) || (/\bkeygen\b/.test(command) && existsSync(join(dir, `${f}.key`)));
          for (const f of paths.filter((p) => !before.has(p)))
            expect(
              made(f),
              `${said}\n--- names ${f}: not in the repository, not written by an earlier command, nor by this one`,
            ).toBe(true);
          expect(r2.status, said).toBe(expectedExit(r));
          expect(r2.stdout, said).not.toContain('> daoze@');
          expect(r2.stdout + r2.stderr, said).not.toMatch(STACK);
          expect(r2.stderr, said).not.toMatch(/^npm (ERR|error)/m);
          if (/\s--format json\b/.test(command) && !redirects.length)
            expect(() => JSON.parse(r2.stdout), said).not.toThrow();
          for (const f of redirects) {
            const text = readFileSync(join(dir, f), 'utf8');
            expect(text, `${label}: ${f}`).not.toContain('> daoze@');
            expect(text.startsWith('\n'), `${label}: ${f} starts with a blank line`).toBe(false);
            if (f.endsWith('.ndjson'))
              for (const l of text.split('\n').filter(Boolean))
                expect(() => JSON.parse(l), `${label}: ${f}: ${l.slice(0, 80)}`).not.toThrow();
          }
          if (r.sample) {
            // The engine's version is masked: a release bumps it, and the page's sample need not follow each release.
            const norm = (l: string) =>
              l.trimEnd().replace(/\bdaoze \d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?/g, 'daoze <version>');
            const printed = new Set(r2.stdout.split('\n').map(norm));
            for (const l of r.sample.filter((x) => x.trim() && !x.includes('…')))
              expect(printed.has(norm(l)), `${said}\n--- the page's sample line not printed:\n${l}`).toBe(true);
          }
          EXPECT[r.command]?.({ stdout: r2.stdout, dir });
          BY_HAND[r.command]?.(dir);
        },
        300_000,
      );
    }
  });
}
