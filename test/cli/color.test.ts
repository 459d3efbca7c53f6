/**
 * Colour follows the common conventions: a --color / --no-color flag wins, NO_COLOR turns it off, FORCE_COLOR
 * turns it on (1, 2, 3) or off (0) whatever the stream, and a terminal has it by default.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { colorEnabled } from '../../src/cli/io.js';
import { runCli } from '../support/helpers.js';

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`);
const OBS = 'examples/observations/01-toilet-ammonia-high.json';

afterEach(() => vi.unstubAllEnvs());

describe('colorEnabled', () => {
  it('a terminal has colour by default; a pipe and TERM=dumb do not', () => {
    expect(colorEnabled(undefined, {}, true)).toBe(true);
    expect(colorEnabled(undefined, {}, false)).toBe(false);
    expect(colorEnabled(undefined, { TERM: 'dumb' }, true)).toBe(false);
  });

  it('NO_COLOR (any non-empty value) turns colour off, even on a terminal and over FORCE_COLOR', () => {
    for (const v of ['1', '0', 'false', 'yes']) expect(colorEnabled(undefined, { NO_COLOR: v }, true)).toBe(false);
    expect(colorEnabled(undefined, { NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
    expect(colorEnabled(undefined, { NO_COLOR: '' }, true)).toBe(true); // no-color.org: an empty value is unset
  });

  it('FORCE_COLOR=0 turns colour off on a terminal; FORCE_COLOR=1, 2, 3 turn it on when piped', () => {
    expect(colorEnabled(undefined, { FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorEnabled(undefined, { FORCE_COLOR: 'false' }, true)).toBe(false);
    for (const v of ['1', '2', '3', 'true', '']) expect(colorEnabled(undefined, { FORCE_COLOR: v }, false)).toBe(true);
  });

  it('the flag wins over the environment', () => {
    expect(colorEnabled(true, { NO_COLOR: '1' }, false)).toBe(true);
    expect(colorEnabled(false, { FORCE_COLOR: '1' }, true)).toBe(false);
  });
});

describe('the CLI (stdout is not a terminal here)', () => {
  it('prints no colour by default when piped', () => {
    expect(runCli('check', OBS).stdout).not.toMatch(ANSI);
  });

  it('FORCE_COLOR=1 colours piped output; FORCE_COLOR=0 does not', () => {
    vi.stubEnv('NO_COLOR', '');
    vi.stubEnv('FORCE_COLOR', '1');
    expect(runCli('check', OBS).stdout).toMatch(ANSI);
    vi.stubEnv('FORCE_COLOR', '0');
    expect(runCli('check', OBS).stdout).not.toMatch(ANSI);
  });

  it('NO_COLOR turns it off; --color turns it back on; --no-color beats FORCE_COLOR', () => {
    vi.stubEnv('NO_COLOR', '1');
    vi.stubEnv('FORCE_COLOR', '1');
    expect(runCli('check', OBS).stdout).not.toMatch(ANSI);
    expect(runCli('check', OBS, '--color').stdout).toMatch(ANSI);
    vi.stubEnv('NO_COLOR', '');
    expect(runCli('check', OBS, '--no-color').stdout).not.toMatch(ANSI);
    // The last of the two flags wins.
    expect(runCli('check', OBS, '--no-color', '--color').stdout).toMatch(ANSI);
  });

  it('--color and --no-color are accepted by every command', () => {
    for (const cmd of [
      'check',
      'show',
      'list',
      'validate',
      'test',
      'doc',
      'verify',
      'explain',
      'diff',
      'build',
      'keygen',
    ]) {
      for (const flag of ['--color', '--no-color']) {
        const r = runCli(cmd, flag, '--help');
        expect(r.code, `${cmd} ${flag}`).toBe(0);
      }
    }
  });
});
