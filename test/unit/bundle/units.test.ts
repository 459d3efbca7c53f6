/**
 * An edition with kinds of object travels in a bundle and gives the same verdicts read back, and its generated
 * observation schema accepts the observations the engine accepts and refuses what it refuses (parts, CRS).
 */
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compileEdition,
  createBundle,
  evaluate,
  loadEdition,
  observationSchema,
  readBundle,
  type Observation,
} from '../../../src/index.js';

const root = join(__dirname, '..', '..', '..');
const ed = compileEdition(
  loadEdition(readFileSync(join(root, 'test/fixtures/units/street-objects/1.0.0.yaml'), 'utf8'), { file: 'x.yaml' }),
);
const good: Observation = {
  standard: 'street-objects',
  facts: { 'street-is-main-road': true },
  instances: {
    'street-lamp': [
      {
        id: 'l3',
        label: '3号路灯',
        part: 'street-plane',
        location: { lat: 40.81, lng: 111.65, crs: 'GCJ-02' },
        facts: { 'lamp-pole-tilted': true, 'lamp-lit': null },
      },
    ],
    manhole: [],
  },
};

describe('an edition with kinds in a bundle and a schema', () => {
  it('reads back from a bundle to the same hash and the same verdict', () => {
    const back = readBundle(JSON.stringify(createBundle([ed])), { trust: 'unsigned' }).find(ed.ref)!;
    expect(back.hash).toBe(ed.hash);
    expect(evaluate(back, good)).toEqual(evaluate(ed, good));
    expect(evaluate(back, good).findings!.map((f) => f.instance?.id)).toEqual(['l3']);
  });

  it('has an observation schema that agrees with the engine on instances', () => {
    const validate = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(observationSchema(ed));
    const engine = (o: unknown) => {
      try {
        evaluate(ed, o);
        return true;
      } catch {
        return false;
      }
    };
    const lamp = good.instances!['street-lamp']![0]!;
    const variants: unknown[] = [
      good,
      { ...good, instances: { 'street-lamp': [{ ...lamp, part: 'facade-a' }] } },
      { ...good, instances: { 'street-lamp': [{ ...lamp, location: { lat: 40.8, lng: 111.6 } }] } },
      { ...good, instances: { bollard: [] } },
      { ...good, instances: { manhole: [{ id: 'm', facts: { 'lamp-lit': true } }] } },
      { ...good, instances: { manhole: [{ id: 'm', facts: {}, responsible: {} }] } },
    ];
    expect(variants.map((v) => validate(v))).toEqual([true, false, false, false, false, false]);
    expect(variants.map(engine)).toEqual([true, false, false, false, false, false]);
  });
});

describe('a unit composed per instance, in a bundle', () => {
  it('reads back a toilet standard included per toilet, keyed limits by each toilet’s class', async () => {
    const { composeEditions } = await import('../../../src/load/compose.js');
    const load = (p: string) => loadEdition(readFileSync(join(root, p), 'utf8'), { file: p });
    const { editions, diagnostics } = composeEditions([
      { spec: load('standards/si-jing-san-wu-liang-tong-yi-ming/2.0.0.yaml') },
      { spec: load('test/fixtures/units-each/street-toilets/1.0.0.yaml') },
    ]);
    expect(diagnostics).toEqual([]);
    const unit = compileEdition(editions[1]!);
    const back = readBundle(JSON.stringify(createBundle([unit])), { trust: 'unsigned' }).find(unit.ref)!;
    expect(back.hash).toBe(unit.hash);
  });

  it('refuses, with a typed error, a bundle whose share or deduction names no number parameter', () => {
    const b = JSON.parse(JSON.stringify(createBundle([ed]))) as { editions: { spec: Record<string, unknown> }[] };
    const spec = b.editions[0]!.spec as { quantifiers: Record<string, { quantifier: unknown }> };
    spec.quantifiers['covers-intact-share-met']!.quantifier = { share: { param: 'nowhere' } };
    expect(() => readBundle(JSON.stringify(b), { trust: 'unsigned' })).toThrow(/quantifier\.share\.param/);
  });
});
