/** The edition format's closed lists live once in src/model/edition.ts; the JSON Schema editors use says the same. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVIDENCE_KINDS, FACT_TYPES, PROVENANCES, SEVERITIES, SOURCE_KINDS } from '../../../src/model/edition.js';

const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'schema', 'edition.schema.json'), 'utf8')) as {
  $defs: Record<
    string,
    { properties: Record<string, { enum?: string[]; properties?: Record<string, { items: { enum: string[] } }> }> }
  >;
};
const defs = schema.$defs;

describe('the edition format’s closed lists', () => {
  it('are the lists the schema allows, in the same order', () => {
    expect(defs.source!.properties.kind!.enum).toEqual([...SOURCE_KINDS]);
    expect(defs.fact!.properties.type!.enum).toEqual([...FACT_TYPES]);
    expect(defs.fact!.properties.evidence!.properties!.kinds!.items.enum).toEqual([...EVIDENCE_KINDS]);
    expect(defs.clause!.properties.provenance!.enum).toEqual([...PROVENANCES]);
    expect(defs.clause!.properties.severity!.enum).toEqual([...SEVERITIES]);
  });
});
