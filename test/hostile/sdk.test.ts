/**
 * The hostile catalogue's SDK cases (`daoze/sdk`), in process: only typed errors, or the expected outcome.
 * Signed bundles are made by the built CLI (`daoze keygen`, `daoze build --sign`) once, before the cases.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBundle, type Bundle } from '../../src/index.js';
import { SDK_CASES, SIGNING, type CallContext } from './catalogue.js';
import { builtinRegistry } from './fixtures.js';
import { checkInProcess } from './in-process.js';
import { ensureBuilt, runCli } from './run-cli.js';

let bundle: Bundle | undefined;
let signed: CallContext['signed'];
let signedError = '';

beforeAll(async () => {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'daoze-hostile-signed-'));
  const k = join(dir, 'k');
  const other = join(dir, 'other');
  for (const args of [
    SIGNING.keygen(k),
    SIGNING.keygen(other),
    SIGNING.build(join(dir, 'b.json'), SIGNING.privateKey(k)),
  ]) {
    const r = await runCli(args, dir);
    if (r.code !== 0) {
      signedError = `\`daoze ${args.join(' ')}\` exited ${r.code}: ${r.stderr.slice(0, 300)}`;
      return;
    }
  }
  signed = {
    bundle: JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8')) as Bundle,
    pub: readFileSync(SIGNING.publicKey(k), 'utf8').trim(),
    otherPub: readFileSync(SIGNING.publicKey(other), 'utf8').trim(),
  };
}, 600_000);

describe('hostile inputs through the SDK', () => {
  it.each(SDK_CASES.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    if (c.id.startsWith('sign-')) expect(signed, `signed bundle: ${signedError}`).toBeDefined();
    checkInProcess(c, {
      bundle: () => (bundle ??= createBundle(builtinRegistry().editions)),
      ...(signed ? { signed } : {}),
    });
  });
});
