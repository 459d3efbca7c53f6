/**
 * `daoze keygen --out <name>`: makes an Ed25519 key pair for signing bundles and verdict records, as two
 * files: `<name>.key` (private, mode 0600) and `<name>.pub` (public). Also the key-file reading that
 * `build --sign`, `check --sign` and `verify --trust` share.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../../errors.js';
import { decodeUtf8 } from '../../input/utf8.js';
import {
  generateKeyPair,
  KeyError,
  keyFileText,
  readPrivateKey,
  readPublicKey,
  type PrivateKey,
  type PublicKey,
} from '../../sign/index.js';
import { CliInputError, color, EXIT, err, out, UsageError } from '../io.js';
import type { Command } from './types.js';

/** Key files are a few hundred bytes; anything much larger is not one. */
const MAX_KEY_BYTES = 64 * 1024;

function readKeyText(path: string): string {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new CliInputError('E_NO_SUCH_FILE', path, 'input.noKeyFile');
  }
  if (!st.isFile()) throw new CliInputError('E_NOT_FILE', path, 'input.keyNotFile');
  if (st.size > MAX_KEY_BYTES) throw new CliInputError('E_TOO_LARGE', path, 'input.keyTooLarge', { size: st.size });
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new CliInputError('E_READ', path, 'input.keyCannotRead', {
      reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message,
    });
  }
  return decodeUtf8(bytes, path);
}

/** A key file's text that is not JSON (a syntax error, a duplicate key) is a bad key file: E_KEY, with the JSON error's code and position. */
function parsed<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof InputError && e.file === path) {
      throw new KeyError(e.position ? `${path}:${e.position.line}:${e.position.col}` : path, `${e.code} ${e.reason}`);
    }
    throw e;
  }
}

/** Reads a private key file (`--sign`); warns when others can read it. Typed errors (E_KEY, E_NO_SUCH_FILE, …) name the file. */
export function readPrivateKeyFile(path: string): PrivateKey {
  const text = readKeyText(path);
  const key = parsed(path, () => readPrivateKey(text, path));
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    err(color.yellow(`daoze: warning: private key ${path} can be read by other users; chmod 600 ${path}`));
  }
  return key;
}

/** Reads public key files (`--trust`). */
export function readPublicKeyFiles(paths: readonly string[]): PublicKey[] {
  return paths.map((p) => {
    const text = readKeyText(p);
    return parsed(p, () => readPublicKey(text, p));
  });
}

function writeNew(path: string, text: string, mode: number): void {
  try {
    // wx: never overwrite a key (an overwritten private key is lost for good).
    writeFileSync(path, text, { mode, flag: 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CliInputError('E_VALUE', path, 'input.keyExists');
    throw new CliInputError('E_READ', path, 'input.keyCannotWrite', { reason: code ?? (e as Error).message });
  }
}

/** The `daoze keygen` command. */
export const keygen: Command = {
  name: 'keygen',
  summary: 'Make an Ed25519 key pair for --sign and --trust: <name>.key (private, mode 0600) and <name>.pub (public)',
  usage: 'daoze keygen --out <name>',
  args: { out: { type: 'string', short: 'o' } },
  run({ positionals, values, common }) {
    if (positionals.length) throw new UsageError('usage.keygenArgument', { arg: positionals[0]! });
    const name = values.out as string | undefined;
    if (!name) throw new UsageError('usage.keygenNeedsOut');
    const base = name.replace(/\.(key|pub)$/, '');
    for (const f of [`${base}.key`, `${base}.pub`]) {
      let exists = true;
      try {
        statSync(f);
      } catch {
        exists = false;
      }
      if (exists) throw new CliInputError('E_VALUE', f, 'input.keyExists');
    }
    const { privateKey, publicKey } = generateKeyPair();
    try {
      // A new folder for keys is private to its owner.
      mkdirSync(dirname(base), { recursive: true, mode: 0o700 });
    } catch (e) {
      throw new CliInputError('E_READ', dirname(base), 'input.cannotMakeFolder', {
        reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message,
      });
    }
    writeNew(`${base}.key`, keyFileText(privateKey), 0o600);
    writeNew(`${base}.pub`, keyFileText(publicKey), 0o644);
    if (common.format === 'json')
      out(JSON.stringify({ keyId: publicKey.keyId, privateKey: `${base}.key`, publicKey: `${base}.pub` }, null, 2));
    else {
      out(`key ${publicKey.keyId}`);
      out(color.green(`✓ ${base}.key (private: keep it secret, mode 0600)`));
      out(color.green(`✓ ${base}.pub (public: give it to whoever checks your bundles and records)`));
    }
    return EXIT.ok;
  },
};
