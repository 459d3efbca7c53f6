/**
 * Bytes to text: strict UTF-8. A byte sequence that is not UTF-8 is an `E_ENCODING` error naming the byte
 * offset, line and column, never a silent U+FFFD; a leading byte-order mark is dropped, as editors write one.
 * Pure: used by every reader of files, streams and uploads (CLI, batch, YAML, the service).
 */
import { InputError, type TextPosition } from '../errors.js';

const STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes UTF-8 bytes (a BOM is dropped); throws `InputError` `E_ENCODING` at the first invalid byte. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return STRICT.decode(bytes);
  } catch {
    const offset = firstInvalidByte(bytes);
    throw new InputError(
      'E_ENCODING',
      file,
      `byte ${offset} (0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')}) is not valid UTF-8; save the file as UTF-8`,
      {
        position: bytePosition(bytes, offset),
      },
    );
  }
}

/** Drops one leading U+FEFF (a byte-order mark) from text that was decoded elsewhere. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), or `bytes.length` when a sequence is cut off at the end.
 */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i + k;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i + k;
    }
    i += need + 1;
  }
  return n;
}

// Line and column (1-based; the column counts characters of the valid text before the offset).
function bytePosition(bytes: Uint8Array, offset: number): TextPosition {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  let col = 1;
  for (let i = start; i < offset; i++) if ((bytes[i]! & 0xc0) !== 0x80) col++;
  return { offset, line, col };
}
