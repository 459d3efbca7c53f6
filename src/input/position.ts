/** Offsets in a text to 1-based line and column, as editors count them (a column counts UTF-16 code units). */
import type { TextPosition } from '../errors.js';

/** Line starts of a text, computed once, to turn many offsets into positions. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The position of a character offset, given the text's `lineStarts`. */
export function positionAt(starts: readonly number[], offset: number): TextPosition {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { offset, line: lo + 1, col: offset - starts[lo]! + 1 };
}
