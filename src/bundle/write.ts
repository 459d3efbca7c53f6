/**
 * Writing bundles, and a JSON Schema per edition for the observations it accepts. Pure: editions in, JSON out;
 * the `daoze build` command does the file writing.
 */
import { compileEdition, type CompiledEdition } from '../compile/compile.js';
import { editionContent } from '../model/edition-content.js';
import { DATE_PATTERN, TIME_PATTERN } from '../model/dates.js';
import { EVIDENCE_KINDS } from '../model/edition.js';
import { COORDINATE_SYSTEMS } from '../model/observation.js';
import { FACT_TYPE_DEFS } from '../model/fact-types.js';
import { MAX_EVIDENCE_PER_FACT, MAX_STRING, SHA256_FORM } from '../evaluate/envelope.js';
import { ENGINE_VERSION } from '../version.js';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type Bundle } from './types.js';

export { DATE_PATTERN, TIME_PATTERN } from '../model/dates.js';

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
      if (ed.profile)
        throw new Error(
          `createBundle: ${ed.ref} was compiled under profile ${ed.profile.id}@${ed.profile.version}; bundles carry editions only`,
        );
      const spec = editionContent(ed.spec);
      // The reader recompiles the spec and compares hashes; check here that it will agree.
      const again = compileEdition(spec).hash;
      if (again !== ed.hash)
        throw new Error(`createBundle: ${ed.ref} compiles to ${again}, not to its hash ${ed.hash}`);
      return { ref: ed.ref, hash: ed.hash, spec };
    });
  return {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    engine: { name: 'daoze', version: ENGINE_VERSION },
    editions: out,
  };
}

/**
 * A JSON Schema (draft 2020-12) for the observations an edition accepts, for apps written in other languages.
 * It accepts exactly the observations that `evaluate` accepts for this edition (a property test holds it to
 * that), with one exception JSON Schema cannot express: `maxLength` counts code points where the engine
 * counts UTF-16 units, so a string of more than 5,000 characters outside the Basic Multilingual Plane may be
 * accepted here and refused by the engine; and for an edition with kinds, an instance id given twice (JSON
 * Schema cannot say that an id is unique across lists) and the limits on how many instances.
 */
export function observationSchema(ed: CompiledEdition): Record<string, unknown> {
  const str = { type: 'string', maxLength: MAX_STRING };
  const object = (required: string[], properties: Record<string, unknown>) => ({
    type: 'object',
    additionalProperties: false,
    required,
    properties,
  });
  const catalogue = (list: readonly CompiledEdition['facts'][number][]) => {
    const facts: Record<string, unknown> = {};
    const evidence: Record<string, unknown> = {};
    for (const f of list) {
      facts[f.id] = {
        title: f.spec.label.zh,
        description: `${f.spec.question.zh} / ${f.spec.question.en}${f.spec.unit ? ` (${f.spec.unit})` : ''}. null: the inspector could not determine it.`,
        anyOf: [{ type: 'null' }, FACT_TYPE_DEFS[f.spec.type].schema(f.spec)],
      };
      evidence[f.id] = { type: 'array', maxItems: MAX_EVIDENCE_PER_FACT, items: { $ref: '#/$defs/evidence' } };
    }
    return { facts, evidence };
  };
  const { facts, evidence } = catalogue(ed.facts);
  const location = (crsRequired: boolean) => ({
    ...object([], {
      address: str,
      lat: { type: 'number', minimum: -90, maximum: 90 },
      lng: { type: 'number', minimum: -180, maximum: 180 },
      crs: { enum: [...COORDINATE_SYSTEMS] },
    }),
    ...(crsRequired ? { dependentRequired: { lat: ['lng', 'crs'], lng: ['lat'] } } : {}),
  });
  // Objects in a unit: per kind, a list of instances with the kind's own facts (docs/units.md).
  const partIds = ed.spec.parts?.map((p) => p.id);
  const instances = Object.fromEntries(
    ed.kinds.map((k) => {
      const own = catalogue(k.own);
      const parts = k.spec.parts ?? partIds;
      return [
        k.id,
        {
          type: 'array',
          description: `${k.spec.label.zh} / ${k.spec.label.en}: each one inspected. [] records that the unit has none; leaving the kind out records nothing.`,
          items: object(['id', 'facts'], {
            id: str,
            label: str,
            part: parts ? { enum: parts } : str,
            location: location(true),
            code: str,
            responsible: object(['name'], { id: str, name: str, contact: str }),
            facts: { type: 'object', additionalProperties: false, properties: own.facts },
            evidence: { type: 'object', additionalProperties: false, properties: own.evidence },
          }),
        },
      ];
    }),
  );
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
        inspectionUnit: str,
        unit: { ...str, deprecated: true, description: 'The same as inspectionUnit (its first name).' },
        gridCell: str,
        location: location(false),
      }),
      observer: object(['id'], { id: str, name: str, role: str }),
      facts: { type: 'object', additionalProperties: false, properties: facts },
      evidence: { type: 'object', additionalProperties: false, properties: evidence },
      ...(ed.kinds.length ? { instances: { type: 'object', additionalProperties: false, properties: instances } } : {}),
    }),
    $defs: {
      dateTime: {
        type: 'string',
        pattern: `^${DATE_PATTERN}${TIME_PATTERN}$`,
        description: 'RFC 3339 date-time with a time zone, e.g. 2026-11-20T09:30:00+08:00',
      },
      evidence: object(['kind', 'ref'], {
        kind: { enum: [...EVIDENCE_KINDS] },
        ref: str,
        sha256: { type: 'string', pattern: SHA256_FORM.source },
        capturedAt: { $ref: '#/$defs/dateTime' },
        note: str,
      }),
    },
  };
}
