/**
 * Writing bundles, and a JSON Schema per edition for the observations it accepts. Pure: editions in, JSON out;
 * the `daoze build` command does the file writing.
 */
import { compileEdition, type CompiledEdition } from '../compile/compile.js';
import { editionContent } from '../model/edition-content.js';
import type { FactSpec } from '../model/edition.js';
import { MAX_EVIDENCE_PER_FACT, MAX_STRING } from '../evaluate/observation.js';
import { ENGINE_VERSION } from '../version.js';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type Bundle } from './types.js';

/**
 * Builds a bundle from compiled editions (a registry's `editions`). Each edition's spec is written as the
 * registry holds it, less its test cases (which the content hash does not cover). Throws when an edition's
 * spec does not compile back to the same hash, so a bundle that its readers would refuse is never written.
 *
 * @example
 * ```ts
 * import { loadRegistry } from 'daoze/node';
 * import { createBundle } from 'daoze';
 * const bundle = createBundle(loadRegistry().editions);
 * ```
 */
export function createBundle(editions: readonly CompiledEdition[]): Bundle {
  const seen = new Set<string>();
  const out = [...editions]
    .sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0))
    .map((ed) => {
      if (seen.has(ed.ref)) throw new Error(`createBundle: ${ed.ref} is given twice`);
      seen.add(ed.ref);
      if (ed.profile) throw new Error(`createBundle: ${ed.ref} was compiled under profile ${ed.profile.id}@${ed.profile.version}; bundles carry editions only`);
      const spec = editionContent(ed.spec);
      // The reader recompiles the spec and compares hashes; check here that it will agree.
      const again = compileEdition(spec).hash;
      if (again !== ed.hash) throw new Error(`createBundle: ${ed.ref} compiles to ${again}, not to its hash ${ed.hash}`);
      return { ref: ed.ref, hash: ed.hash, spec };
    });
  return { format: BUNDLE_FORMAT, formatVersion: BUNDLE_FORMAT_VERSION, engine: { name: 'daoze', version: ENGINE_VERSION }, editions: out };
}

// The engine's date checks (src/model/dates.ts) as regular expressions, so that any JSON Schema validator,
// in any language, accepts the same strings without a `format` plug-in. [0-9] rather than \d: some regex
// dialects let \d match other scripts' digits.
const D = '[0-9]';
/** A real Gregorian day YYYY-MM-DD (years 0000–9999, leap years by the 4/100/400 rule). */
export const DATE_PATTERN =
  `(?:${D}{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]${D}|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]${D}|30)|02-(?:0[1-9]|1${D}|2[0-8]))` +
  `|(?:${D}{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)`;
/**
 * A time with a zone as ECMAScript's `Date.parse` accepts it after the engine's shape check: hours 00–23,
 * or 24:00 (end of day) with zero seconds; seconds and 1–9 fraction digits optional; Z or ±hh:mm.
 */
export const TIME_PATTERN =
  `T(?:(?:[01]${D}|2[0-3]):[0-5]${D}(?::[0-5]${D}(?:\\.${D}{1,9})?)?|24:00(?::00(?:\\.0{1,9})?)?)(?:Z|[+-](?:[01]${D}|2[0-3]):[0-5]${D})`;

function factValueSchema(f: FactSpec): Record<string, unknown> {
  const range = { ...(f.minimum !== undefined ? { minimum: f.minimum } : {}), ...(f.maximum !== undefined ? { maximum: f.maximum } : {}) };
  switch (f.type) {
    case 'boolean':
      return { type: 'boolean' };
    case 'number':
    case 'duration':
      return { type: 'number', ...range };
    case 'integer':
      return { type: 'integer', ...range };
    case 'enum':
      return { enum: (f.choices ?? []).map((c) => c.value) };
    case 'date':
      return { type: 'string', pattern: `^${DATE_PATTERN}$` };
    case 'datetime':
      return { type: 'string', pattern: `^${DATE_PATTERN}${TIME_PATTERN}$` };
  }
}

/**
 * A JSON Schema (draft 2020-12) for the observations an edition accepts, for apps written in other languages.
 * It accepts exactly the observations that `evaluate` accepts for this edition (a property test holds it to
 * that), with one exception JSON Schema cannot express: `maxLength` counts code points where the engine
 * counts UTF-16 units, so a string of more than 5,000 characters outside the Basic Multilingual Plane may be
 * accepted here and refused by the engine.
 */
export function observationSchema(ed: CompiledEdition): Record<string, unknown> {
  const str = { type: 'string', maxLength: MAX_STRING };
  const object = (required: string[], properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, required, properties });
  const facts: Record<string, unknown> = {};
  const evidence: Record<string, unknown> = {};
  for (const f of ed.facts) {
    facts[f.id] = {
      title: f.spec.label.zh,
      description: `${f.spec.question.zh} / ${f.spec.question.en}${f.spec.unit ? ` (${f.spec.unit})` : ''}. null: the inspector could not determine it.`,
      anyOf: [{ type: 'null' }, factValueSchema(f.spec)],
    };
    evidence[f.id] = { type: 'array', maxItems: MAX_EVIDENCE_PER_FACT, items: { $ref: '#/$defs/evidence' } };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://daoze.dev/schema/observations/${ed.id}/${ed.version}.schema.json`,
    title: `Observation for ${ed.spec.nickname} ${ed.ref}`,
    description: `An inspection's observations for ${ed.ref} (${ed.spec.title.en}), edition hash ${ed.hash}. Generated by daoze build from the edition's fact catalogue.`,
    ...object(['standard', 'facts'], {
      standard: { enum: [ed.id, ed.ref], description: 'The edition: its id (the edition in force) or id@version.' },
      profile: str,
      observedAt: { $ref: '#/$defs/dateTime' },
      subject: object(['id'], {
        id: str,
        kind: str,
        name: str,
        unit: str,
        gridCell: str,
        location: object([], { address: str, lat: { type: 'number', minimum: -90, maximum: 90 }, lng: { type: 'number', minimum: -180, maximum: 180 } }),
      }),
      observer: object(['id'], { id: str, name: str, role: str }),
      facts: { type: 'object', additionalProperties: false, properties: facts },
      evidence: { type: 'object', additionalProperties: false, properties: evidence },
    }),
    $defs: {
      dateTime: { type: 'string', pattern: `^${DATE_PATTERN}${TIME_PATTERN}$`, description: 'RFC 3339 date-time with a time zone, e.g. 2026-11-20T09:30:00+08:00' },
      evidence: object(['kind', 'ref'], {
        kind: { enum: ['photo', 'measurement', 'document', 'video', 'gps'] },
        ref: str,
        sha256: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' },
        capturedAt: { $ref: '#/$defs/dateTime' },
        note: str,
      }),
    },
  };
}
