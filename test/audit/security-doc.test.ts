/**
 * docs/security.md, command by command, through the CLI's own entry point: every `npm run daoze -- …` line of
 * its shell blocks runs, in order, in a fresh folder, and exits as its comment says (`# exit N`, else 0).
 * Then the CLI's signing edge cases: bad key files, a forged bundle, --sign without --record.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileEdition, readBundle, type Bundle } from '../../src/index.js';
import { runCli } from '../support/helpers.js';

const root = join(__dirname, '..', '..');
const DOC = readFileSync(join(root, 'docs/security.md'), 'utf8');

afterEach(() => vi.restoreAllMocks());

type Cmd = { line: string; args: string[]; exit: number };
/** The doc's shell blocks, each a list of its `npm run --silent daoze -- …` lines with the exit code the comment names. */
function blocks(): Cmd[][] {
  const all: Cmd[][] = [];
  for (const block of DOC.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const out: Cmd[] = [];
    all.push(out);
    for (const line of block[1]!.split('\n')) {
      const m = /^npm run --silent daoze -- (.*?)\s*(?:#\s*(.*))?$/.exec(line.trim());
      if (!m) continue;
      const exit = /^exit (\d+)/.exec(m[2] ?? '');
      out.push({ line, args: m[1]!.split(/\s+/), exit: exit ? Number(exit[1]) : 0 });
    }
  }
  return all;
}

/** Paths in a command: the repository's examples as they are, every other file name inside `dir`. */
const place = (dir: string) => (a: string) =>
  a.startsWith('examples/')
    ? join(root, a)
    : !a.startsWith('-') && /[./]/.test(a) && !/^\d{4}-/.test(a)
      ? join(dir, a)
      : a;

describe('docs/security.md', () => {
  it('has a walk-through, and every command in it works as the page says (each block in a fresh folder)', () => {
    const all = blocks();
    expect(all.flat().length).toBeGreaterThanOrEqual(9);
    for (const block of all.slice(0, -1)) {
      const fresh = mkdtempSync(join(tmpdir(), 'daoze-security-'));
      for (const c of block) expect(runCli(...c.args.map(place(fresh))).code, c.line).toBe(c.exit);
    }
    // The walk-through, the last block, in order.
    const dir = mkdtempSync(join(tmpdir(), 'daoze-security-'));
    const cmds = all.at(-1)!;
    const outputs: string[] = [];
    for (const c of cmds) {
      const r = runCli(...c.args.map(place(dir)));
      expect(r.code, `${c.line}\n${r.stdout}\n${r.stderr}`).toBe(c.exit);
      expect(r.stderr).not.toMatch(/\n\s+at /); // never a stack trace
      if (r.code === 3) expect(r.stderr).toMatch(/E_[A-Z_]+/);
      outputs.push(r.stdout + r.stderr);
    }
    // What the page says the commands print.
    const keyId = (JSON.parse(readFileSync(join(dir, 'keys/city-2026.pub'), 'utf8')) as { keyId: string }).keyId;
    const at = (needle: string) => outputs[cmds.findIndex((c) => c.line.includes(needle))]!;
    expect(at('verify rec.json --locale en')).toContain(`signed by ${keyId} — not checked: pass --trust`);
    expect(at('verify rec.json --trust keys/city-2026.pub --locale en')).toContain(`signed by ${keyId}, a trusted key`);
    expect(at('--trust keys/city-2027.pub --locale en')).toContain(`signed by key ${keyId}, which is not trusted`);
    expect(at('build --out bundle.json')).toContain(`signed by key ${keyId}`);
    expect(statSync(join(dir, 'keys/city-2026.key')).mode & 0o777).toBe(0o600);
    // The signed bundle reads under the public key.
    const pub = JSON.parse(readFileSync(join(dir, 'keys/city-2026.pub'), 'utf8'));
    expect(readBundle(readFileSync(join(dir, 'bundle.json'), 'utf8'), { trust: [pub] }).signedBy).toBe(keyId);
  });
});

describe('docs/audit.md, signing records', () => {
  it('runs its signing commands as written (in a fresh folder)', () => {
    const text = readFileSync(join(root, 'docs/audit.md'), 'utf8');
    const block = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('--sign'))!;
    const dir = mkdtempSync(join(tmpdir(), 'daoze-audit-sign-'));
    const PREFIX = 'npm run --silent daoze -- ';
    const lines = block.split('\n').filter((l) => l.startsWith(PREFIX));
    const codes = lines.map((l) =>
      runCli(
        ...l
          .slice(PREFIX.length)
          .replace(/\s+#.*$/, '')
          .split(/\s+/)
          .map((a) =>
            a.startsWith('keys/') || a.endsWith('signed.json')
              ? join(dir, a)
              : a.startsWith('examples/')
                ? join(root, a)
                : a,
          ),
      ),
    );
    expect(codes.map((c) => c.code)).toEqual([0, 1, 0]); // check exits 1: the inspection fails
    expect(codes[2]!.stdout).toMatch(/✓ 签名 {6}由受信任的密钥 [0-9a-f]{16} 签名/);
  });
});

describe('signing on the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'daoze-signing-'));
  const f = (n: string) => join(dir, n);
  const OBS = join(root, 'examples/observations/01-toilet-ammonia-high.json');
  runCli('keygen', '--out', f('k'));

  it('refuses bad key files with a typed error naming the file (exit 3), before writing anything', () => {
    writeFileSync(f('garbage.key'), '{"format":"daoze-key/1","format":"x"}');
    const cases: [string, RegExp][] = [
      [f('none.key'), /E_NO_SUCH_FILE/],
      [dir, /E_NOT_FILE/],
      [f('garbage.key'), /E_DUPLICATE_KEY/],
      [f('k.pub'), /E_KEY .*public key; signing needs the \.key file/],
    ];
    for (const [key, code] of cases) {
      const r = runCli('build', '--out', f('never.json'), '--sign', key, '--locale', 'en');
      expect(r.code, key).toBe(3);
      expect(r.stderr).toMatch(code);
      expect(existsSync(f('never.json'))).toBe(false);
    }
    expect(runCli('verify', OBS, '--trust', f('k.key'), '--locale', 'en').stderr).toMatch(
      /E_KEY .*private key; give its \.pub file/,
    );
  });

  it('--sign without --record is a usage error', () => {
    const r = runCli('check', OBS, '--sign', f('k.key'), '--locale', 'en');
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('--sign signs the records of --record');
    const batch = runCli('check', '--batch', OBS, '--sign', f('k.key'), '--locale', 'en');
    expect(batch.code).toBe(4);
    expect(batch.stderr).toContain('--batch does not sign');
  });

  it('verify --trust refuses a re-sealed record: intact and reproducible, but not signed by a trusted key', () => {
    runCli(
      'check',
      OBS,
      '--record',
      f('rec.json'),
      '--sign',
      f('k.key'),
      '--evaluated-at',
      '2026-11-20T10:00:00+08:00',
    );
    const signature = JSON.parse(readFileSync(f('rec.json'), 'utf8')).signature;
    // The forger edits the observation, seals a new record with Daoze, and keeps the old signature.
    const edited = JSON.parse(readFileSync(OBS, 'utf8'));
    edited.facts['ammonia-mg-m3'] = 0.5;
    writeFileSync(f('edited.json'), JSON.stringify(edited));
    runCli('check', f('edited.json'), '--record', f('resealed.json'), '--evaluated-at', '2026-11-20T10:00:00+08:00');
    writeFileSync(
      f('resealed.json'),
      JSON.stringify({ ...JSON.parse(readFileSync(f('resealed.json'), 'utf8')), signature }),
    );
    expect(runCli('verify', f('resealed.json')).code).toBe(0); // without a trust root, nothing tells
    const r = runCli('verify', f('resealed.json'), '--trust', f('k.pub'), '--locale', 'en', '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({
      ok: false,
      intact: true,
      reproduces: true,
      signature: { status: 'invalid', keyId: signature.keyId },
    });
    const zh = runCli('verify', f('resealed.json'), '--trust', f('k.pub'));
    expect(zh.stdout).toContain('✗ 签名');
    expect(zh.stdout).toContain('未由受信任的密钥签名');
  });

  it('a bundle signed by build --sign and then forged does not load under the key', () => {
    runCli('build', '--out', f('b.json'), '--only', 'san-duan', '--sign', f('k.key'));
    const b = JSON.parse(readFileSync(f('b.json'), 'utf8')) as Bundle;
    delete (b.editions[0]!.spec.facts['water-cut'] as { evidence?: unknown }).evidence;
    b.editions[0]!.hash = compileEdition(b.editions[0]!.spec).hash;
    const pub = JSON.parse(readFileSync(f('k.pub'), 'utf8'));
    expect(() => readBundle(b, { trust: [pub] })).toThrow(/E_SIGNATURE .*does not verify/);
  });
});
