/**
 * Values handed to the library directly (not as text): a bound on nesting and size checked iteratively,
 * before anything that recurses (normalisation, hashing, error formatting) touches them. An object nested
 * 10⁵ deep, a cycle, a BigInt or a function is a typed `InputError`, not a `RangeError` from deep inside.
 */
import { InputError } from '../errors.js';
import { MAX_JSON_DEPTH } from './json.js';

/** Most nodes (objects, arrays and scalars) accepted in one value handed to the library. */
export const MAX_VALUE_NODES = 1_000_000;

/**
 * Checks that `value` is plain JSON data (objects, arrays, strings, finite numbers, booleans, null; an object
 * member that is undefined counts as absent, as in `JSON.stringify`) nested
 * at most `maxDepth` levels, without cycles; throws `InputError` `E_DEPTH` or `E_VALUE` naming the path.
 */
export function checkJsonValue(value: unknown, label: string, path = '', maxDepth = MAX_JSON_DEPTH): void {
  // Depth-first with an exit marker per object, so `open` holds exactly the ancestors: a value shared by two
  // parents is fine, a value inside itself is a cycle.
  const stack: { v: unknown; path: string; depth: number; exit?: true }[] = [{ v: value, path, depth: 0 }];
  const open = new Set<object>();
  let nodes = 0;
  while (stack.length) {
    const { v, path: p, depth, exit } = stack.pop()!;
    if (exit) {
      open.delete(v as object);
      continue;
    }
    if (++nodes > MAX_VALUE_NODES)
      throw new InputError('E_VALUE', label, `holds more than ${MAX_VALUE_NODES} values`, { path: p });
    switch (typeof v) {
      case 'string':
      case 'boolean':
        continue;
      case 'number':
        if (!Number.isFinite(v))
          throw new InputError('E_VALUE', label, `${p || '(value)'}: ${v} is not a finite number`, { path: p });
        continue;
      case 'object':
        break;
      default:
        throw new InputError('E_VALUE', label, `${p || '(value)'}: a ${typeof v} is not JSON data`, { path: p });
    }
    if (v === null) continue;
    if (depth >= maxDepth)
      throw new InputError('E_DEPTH', label, `${p || '(value)'}: values are nested deeper than ${maxDepth} levels`, {
        path: p,
      });
    if (open.has(v))
      throw new InputError('E_VALUE', label, `${p || '(value)'}: the value contains itself (a cycle)`, { path: p });
    open.add(v);
    stack.push({ v, path: p, depth, exit: true });
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: `${p}[${i}]`, depth: depth + 1 });
    } else {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i]!;
        const x = (v as Record<string, unknown>)[k];
        // A member whose value is undefined is absent in JSON text (JSON.stringify and canonical hashes drop it).
        if (x !== undefined) stack.push({ v: x, path: p ? `${p}.${k}` : k, depth: depth + 1 });
      }
    }
  }
}
