/**
 * `npm run api` and `npm run api:check`: the package's API report, one file per entry of package.json
 * `exports` (`etc/api/daoze.api.md`, `daoze-node.api.md`, `daoze-sdk.api.md`), written by API Extractor from
 * the built declarations with the settings of `api-extractor.json`. `npm run api` (`--local`) rewrites the
 * reports; `api:check` fails, naming the entries, when a report differs from the API as built, so that a
 * change of the API shows in review and gets a changeset (docs/versioning.md). The declarations are built
 * first (`npm run build`) when they are missing or older than the sources.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const ROOT = join(import.meta.dirname ?? '.', '..');
const local = process.argv.includes('--local');

/** Each entry with declarations, from package.json `exports`: its report's name and its built `.d.ts`. */
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, { import?: { types?: string } } | string>;
};
const entries = Object.entries(pkg.exports).flatMap(([subpath, target]) => {
  const types = typeof target === 'object' ? target.import?.types : undefined;
  if (!types) return [];
  const report = subpath === '.' ? pkg.name : `${pkg.name}-${subpath.replace(/^\.\//, '').replace(/\//g, '-')}`;
  return [{ subpath, report, dts: join(ROOT, types) }];
});

/** The newest modification time of the files under `dir`. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(
  newest(join(ROOT, 'src')),
  newest(join(ROOT, 'sdk')),
  statSync(join(ROOT, 'tsup.config.ts')).mtimeMs,
);
if (entries.some((e) => !existsSync(e.dts) || statSync(e.dts).mtimeMs < sources)) {
  process.stderr.write('api: building the declarations (npm run build)\n');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

const configFile = join(ROOT, 'api-extractor.json');
const base = ExtractorConfig.loadFile(configFile);
// What API Extractor says of the report itself (updated, created, differs): this script says it once below.
const REPORT_STATUS = new Set([
  'console-api-report-copied',
  'console-api-report-created',
  'console-api-report-not-copied',
]);
const changed: string[] = [];
let problems = 0;
for (const e of entries) {
  const config = ExtractorConfig.prepare({
    configObject: {
      ...base,
      mainEntryPointFilePath: e.dts,
      apiReport: { ...base.apiReport!, reportFileName: e.report },
    },
    configObjectFullPath: configFile,
    packageJsonFullPath: join(ROOT, 'package.json'),
  });
  const result = Extractor.invoke(config, {
    localBuild: local,
    printApiReportDiff: !local,
    messageCallback: (m) => {
      if (REPORT_STATUS.has(m.messageId) || m.messageId === 'console-preamble') m.handled = true;
      else if (m.messageId !== 'console-api-report-diff' && (m.logLevel === 'error' || m.logLevel === 'warning'))
        problems++;
    },
  });
  if (result.apiReportChanged) changed.push(`etc/api/${e.report}.api.md (${pkg.name}${e.subpath.slice(1)})`);
}
if (local) {
  process.stdout.write(changed.length ? `api: updated ${changed.join(', ')}\n` : 'api: the reports are up to date\n');
} else if (changed.length) {
  process.stderr.write(
    `api: the API as built differs from ${changed.join(', ')}.\nRun \`npm run api\`, review the difference and add a changeset with the bump it needs (docs/versioning.md).\n`,
  );
}
// Any other warning (a declaration API Extractor cannot read, a compiler error) fails both.
if (problems > 0 || (!local && changed.length)) process.exitCode = 1;
