/** A wrong command line: this CLI's own words with E_USAGE and the command's usage, exit 4; formats a command does not print are refused. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/helpers.js';

const OBS = 'examples/observations/01-toilet-ammonia-high.json';

describe('usage errors', () => {
  it('an unknown option is named with the command, E_USAGE and the usage; no parseArgs advice', () => {
    const r = runCli('check', OBS, '--bogus', '--locale', 'en');
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('daoze check: unknown option --bogus (E_USAGE)');
    expect(r.stderr).toContain('usage: daoze check <observation.json');
    expect(r.stderr).not.toContain("place it at the end of the command after '--'");
    expect(r.stdout).toBe('');
  });

  it('an option without its value says so', () => {
    for (const args of [
      ['check', OBS, '--locale'],
      ['check', OBS, '--locale', '--exit-zero'],
      ['show', 'san-duan', '-l'],
    ]) {
      // The locale is what is missing: the error is in English where --locale en comes before it.
      const r = runCli(args[0]!, '--locale', 'en', ...args.slice(1));
      expect(r.code).toBe(4);
      expect(r.stderr).toContain('option --locale needs a value (E_USAGE)');
    }
    // Asked for JSON, the same error is JSON.
    const json = runCli('check', '--locale=en', OBS, '--locale', '--format', 'json');
    expect(json.code).toBe(4);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'E_USAGE', message: 'option --locale needs a value' });
  });

  it('a boolean option given a value says it takes none', () => {
    const r = runCli('check', OBS, '--no-trace=yes', '--locale', 'en');
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('option --no-trace takes no value (E_USAGE)');
  });

  it('doc and build print text only: --format json (or csv) is refused, nothing is written', () => {
    for (const cmd of ['doc', 'build']) {
      for (const f of ['json', 'csv']) {
        const r = runCli(cmd, '--format', f, '--out', '/nonexistent-daoze/x', '--locale', 'en');
        expect(r.code, `${cmd} --format ${f}`).toBe(4);
        const message = `--format: this command prints text only, not "${f}"`;
        // A script that asked for JSON gets its error as JSON, even from a command that prints none.
        if (f === 'json') expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'E_USAGE', message });
        else expect(r.stderr).toContain(`daoze ${cmd}: ${message} (E_USAGE)`);
      }
    }
  });

  it('each command refuses a format it does not support: csv only for check', () => {
    for (const cmd of ['show', 'list', 'verify', 'explain', 'diff', 'keygen']) {
      const r = runCli(cmd, '--format', 'csv', '--locale', 'en');
      expect(r.code, cmd).toBe(4);
      expect(r.stderr).toContain('--format must be text or json, not "csv" (E_USAGE)');
    }
  });

  it('an unknown command carries E_USAGE', () => {
    const r = runCli('chek', '--locale', 'en');
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('daoze: unknown command "chek" (E_USAGE)');
  });
});
