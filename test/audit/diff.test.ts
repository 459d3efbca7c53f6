/** Edition diffs and replay: clause-level differences, the bump they need, and which inspections they flip. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compileEdition,
  diffEditions,
  replay,
  versionBump,
  type EditionSpec,
  type EditionChange,
} from '../../src/index.js';
import { builtin } from '../support/helpers.js';
import { completeAndDropped, condition, edition, without } from '../support/arbitraries.js';

const SI = 'si-jing-san-wu-liang-tong-yi-ming';
const v1 = () => builtin().get(`${SI}@1.0.0`);
const inspections = readFileSync(join(__dirname, '..', '..', 'examples/inspections/si-jing-2026-11.ndjson'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Record<string, unknown>);
const clone = <T>(x: T): T => structuredClone(x);

/** 1.0.0 with the class-2 ammonia limit lowered from 1 to 0.5 mg/m³, as a minor version. */
function stricterAmmonia(): EditionSpec {
  const s = clone(v1().spec);
  s.version = '1.1.0';
  s.parameters!['ammonia-limit']!.values!['class-2'] = 0.5;
  return s;
}

describe('diffEditions', () => {
  it('finds nothing between an edition and itself, or a copy with its keys in another order', () => {
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reversed(x)]),
            )
          : v;
    for (const ed of builtin().editions) {
      expect(diffEditions(ed, ed).changes).toEqual([]);
      expect(diffEditions(ed.spec, reversed(ed.spec) as EditionSpec)).toMatchObject({
        changes: [],
        decisionChanges: false,
        requiredBump: 'none',
      });
    }
    fc.assert(
      fc.property(edition, (spec) => {
        expect(diffEditions(spec, clone(spec)).changes).toEqual([]);
        expect(diffEditions(spec, reversed(spec) as EditionSpec).changes).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('reports a lowered threshold per clause that reads it, as a minor change', () => {
    const d = diffEditions(v1(), compileEdition(stricterAmmonia()));
    expect(d.changes).toEqual([
      {
        kind: 'parameter-changed',
        impact: 'decision',
        clause: 'no-odour',
        subject: 'ammonia-limit',
        from: { byFact: 'toilet-class', values: { 'class-1': 0.3, 'class-2': 1, 'class-3': 3 }, unit: 'mg/m³' },
        to: { byFact: 'toilet-class', values: { 'class-1': 0.3, 'class-2': 0.5, 'class-3': 3 }, unit: 'mg/m³' },
      },
    ]);
    expect(d).toMatchObject({ decisionChanges: true, requiredBump: 'minor', actualBump: 'minor' });
  });

  it('classifies each kind of change and the bump it needs', () => {
    const base = v1().spec;
    const kinds = (mutate: (s: EditionSpec) => void) => {
      const s = clone(base);
      mutate(s);
      const d = diffEditions(base, s);
      return { kinds: d.changes.map((c) => `${c.kind}:${c.impact}`), bump: d.requiredBump };
    };
    const clause = (s: EditionSpec, id: string) => s.groups.flatMap((g) => g.clauses).find((c) => c.id === id)!;
    expect(kinds((s) => (clause(s, 'floor-clean').text.zh += '。'))).toEqual({
      kinds: ['text-changed:wording'],
      bump: 'patch',
    });
    expect(kinds((s) => (clause(s, 'floor-clean').severity = 'critical'))).toEqual({
      kinds: ['severity-changed:decision'],
      bump: 'minor',
    });
    expect(kinds((s) => (clause(s, 'hydrogen-sulphide').optional = false))).toEqual({
      kinds: ['optional-changed:decision'],
      bump: 'minor',
    });
    expect(
      kinds((s) => (clause(s, 'floor-clean').check = { fact: 'floor-clean', operator: 'notEqual', value: false })),
    ).toEqual({
      kinds: ['check-changed:decision'],
      bump: 'minor',
    });
    expect(kinds((s) => (s.facts['ammonia-mg-m3']!.maximum = 10))).toEqual({
      kinds: ['fact-changed:breaking'],
      bump: 'major',
    });
    expect(kinds((s) => (s.facts['ammonia-mg-m3']!.maximum = 5000))).toEqual({
      kinds: ['fact-changed:addition'],
      bump: 'minor',
    });
    expect(kinds((s) => (s.facts['floor-clean']!.evidence = { kinds: ['photo'], required: true }))).toEqual({
      kinds: ['fact-changed:decision'],
      bump: 'minor',
    });
    expect(kinds((s) => (s.facts['floor-clean']!.question.en = 'Is the floor clean?'))).toEqual({
      kinds: ['fact-changed:wording'],
      bump: 'patch',
    });
    expect(kinds((s) => s.groups[0]!.clauses.splice(1, 1))).toEqual({
      kinds: ['clause-removed:breaking'],
      bump: 'major',
    });
    expect(kinds((s) => (s.effective = { from: '2030-01-01' }))).toEqual({
      kinds: ['metadata-changed:metadata'],
      bump: 'none',
    });
  });

  it('reads 2.0.0 of 四净三无两通一明 as a major change: the 2021 standard drops the classes 无蚊蝇 and 无臭味 were judged by', () => {
    const d = diffEditions(v1(), builtin().get(`${SI}@2.0.0`));
    const about = (c: EditionChange) => `${c.kind} ${c.clause ?? c.subject}`;
    expect(d.changes.filter((c) => c.impact !== 'wording' && c.impact !== 'metadata').map(about)).toEqual([
      'check-changed no-flies',
      'check-changed no-odour',
      'clause-added direction-signs',
      'clause-added class-2-at-key-places',
      'clause-added ammonia',
      'fact-added toilet-siting',
      'fact-added at-key-public-place',
      'fact-added fly-density-per-m2',
      'fact-added odour-level',
      'fact-added direction-signs-ok',
      'fact-removed adult-fly-count',
      'fact-removed odour-grade',
      'parameter-added fly-density-limit',
      'parameter-added odour-level-limit',
      'parameter-removed fly-limit',
      'parameter-removed odour-grade-limit',
    ]);
    expect(d).toMatchObject({ requiredBump: 'major', actualBump: 'major', decisionChanges: true });
    // Honest labels: the clauses 1.0.0 called `seed` take their content from a newspaper's explanation, and the
    // limits 1.0.0 called `national` came from a replaced standard.
    const relabelled = Object.fromEntries(
      d.changes.filter((c) => c.kind === 'provenance-changed').map((c) => [c.clause, `${c.from}→${c.to}`]),
    );
    expect(relabelled).toEqual({
      'floor-clean': 'seed→secondary',
      'walls-clean': 'seed→secondary',
      'stalls-clean': 'seed→secondary',
      'surroundings-clean': 'seed→secondary',
      'no-overflow': 'seed→secondary',
      'water-flowing': 'seed→secondary',
      'power-on': 'seed→secondary',
      'lights-on': 'seed→secondary',
      'no-flies': 'national→provisional',
      'no-odour': 'national→provisional',
      'hydrogen-sulphide': 'national→provisional',
    });
  });

  it('names a version bump and a downgrade', () => {
    expect(
      ['1.0.0>1.0.1', '1.0.0>1.1.0', '1.2.3>2.0.0', '1.0.0>1.0.0', '2.0.0>1.9.0'].map((p) =>
        versionBump(...(p.split('>') as [string, string])),
      ),
    ).toEqual(['patch', 'minor', 'major', 'none', 'downgrade']);
  });
});

describe('replay', () => {
  it('shows which recorded inspections a lowered threshold flips, and how', () => {
    const r = replay(v1(), compileEdition(stricterAmmonia()), inspections, { locale: 'en' });
    expect(r).toMatchObject({ total: 8, rejected: 0, skipped: [] });
    // Class-2 toilets whose ammonia lies in (0.5, 1] mg/m³ now fail 无臭味; the others are untouched.
    const flipped = inspections
      .map((o, i) => ({ i: i + 1, f: o.facts as Record<string, unknown> }))
      .filter(
        ({ f }) =>
          f['toilet-class'] === 'class-2' &&
          (f['ammonia-mg-m3'] as number) > 0.5 &&
          (f['ammonia-mg-m3'] as number) <= 1,
      );
    expect(flipped.length).toBeGreaterThan(0);
    expect(r.changes.map((c) => c.index)).toEqual(flipped.map((x) => x.i));
    for (const c of r.changes)
      expect(c.clauses).toEqual([expect.objectContaining({ clause: 'no-odour', from: 'pass', to: 'fail' })]);
  });

  it('replays recorded inspections against 2.0.0: 无蚊蝇 and 无臭味 need facts they never recorded', () => {
    const r = replay(v1(), builtin().get(`${SI}@2.0.0`), inspections, { locale: 'zh' });
    expect(r.total).toBe(inspections.length);
    expect(r.unchanged).toBe(0);
    for (const c of r.changes) {
      expect(c.dropped).toEqual(['adult-fly-count', 'odour-grade']);
      const odour = c.clauses.find((x) => x.clause === 'no-odour')!;
      expect(odour.to).toBe('indeterminate');
      expect(odour.message).toContain('公厕建筑形式');
      // The new required clause was never asked, so it is undecided, never a pass.
      expect(c.clauses).toContainEqual(expect.objectContaining({ clause: 'direction-signs', to: 'indeterminate' }));
    }
    // Maggots fail 无蚊蝇 whatever the density: on that inspection 无蚊蝇 does not change.
    const maggots = inspections.findIndex((o) => (o.facts as Record<string, unknown>)['maggots-present'] === true) + 1;
    const onMaggots = r.changes.find((c) => c.index === maggots)!;
    expect(onMaggots.clauses.map((x) => x.clause)).not.toContain('no-flies');
    for (const c of r.changes.filter((x) => x.index !== maggots)) {
      expect(c.clauses).toContainEqual(expect.objectContaining({ clause: 'no-flies', to: 'indeterminate' }));
    }
  });

  it('flips nothing when the diff has no decision changes', () => {
    const wording = fc.record({
      text: fc.string({ maxLength: 6 }),
      label: fc.string({ minLength: 1, maxLength: 6 }),
      routing: fc.boolean(),
      note: fc.boolean(),
    });
    fc.assert(
      fc.property(
        edition,
        wording,
        fc.array(completeAndDropped, { minLength: 1, maxLength: 5 }),
        (a, w, observations) => {
          const b = clone(a);
          b.version = '1.0.1';
          for (const c of b.groups.flatMap((g) => g.clauses)) {
            c.text = { zh: `${c.text.zh}${w.text}`, en: c.text.en };
            c.label = { zh: w.label, en: c.label.en };
            c.messages.fail = { zh: `${c.messages.fail.zh}!`, en: c.messages.fail.en };
            if (w.routing) c.routing = { implementing: ['a'], responsible: ['b'] };
            c.cites = [...c.cites, { source: 'src', section: '1' }];
          }
          if (w.note) b.sources[0]!.note = { zh: 'n', en: 'n' };
          const d = diffEditions(a, b);
          expect(d.decisionChanges).toBe(false);
          expect(d.requiredBump).toBe('patch');
          const obs = observations.map(([full, dropped]) => ({ standard: a.id, facts: without(full, dropped) }));
          const r = replay(compileEdition(a), compileEdition(b), obs);
          expect(r.changes).toEqual([]);
          expect(r.unchanged).toBe(obs.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('every clause a replay flips is named by a decision change of the diff', () => {
    const mutation = fc.oneof(
      fc.record({ op: fc.constant('check' as const), at: fc.nat(), cond: condition }),
      fc.record({ op: fc.constant('applies' as const), at: fc.nat(), cond: fc.option(condition, { nil: undefined }) }),
      fc.record({ op: fc.constant('add' as const), cond: condition }),
      fc.record({ op: fc.constant('remove' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('optional' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('evidence' as const), fact: fc.constantFrom('flag-a', 'level', 'kind') }),
      fc.record({ op: fc.constant('text' as const), at: fc.nat() }),
    );
    fc.assert(
      fc.property(
        edition,
        fc.array(mutation, { maxLength: 3 }),
        fc.array(completeAndDropped, { minLength: 1, maxLength: 5 }),
        (a, muts, observations) => {
          const b = clone(a);
          b.version = '2.0.0';
          const clauses = b.groups[0]!.clauses;
          for (const m of muts) {
            const c = clauses.length ? clauses['at' in m ? m.at % clauses.length : 0] : undefined;
            if (m.op === 'check' && c) c.check = m.cond;
            if (m.op === 'applies' && c) {
              if (m.cond) c.appliesWhen = m.cond;
              else delete c.appliesWhen;
            }
            if (m.op === 'add')
              clauses.push({ ...clone(a.groups[0]!.clauses[0]!), id: `added-${clauses.length}`, check: m.cond });
            if (m.op === 'remove' && clauses.length > 1) clauses.splice(m.at % clauses.length, 1);
            if (m.op === 'optional' && c) c.optional = !c.optional;
            if (m.op === 'evidence')
              b.facts[m.fact] = { ...b.facts[m.fact]!, evidence: { kinds: ['photo'], required: true } };
            if (m.op === 'text' && c) c.text = { zh: `${c.text.zh}+`, en: c.text.en };
          }
          const d = diffEditions(a, b);
          const decisive = d.changes.filter((c) => c.impact === 'decision' || c.impact === 'breaking');
          const obs = observations.map(([full, dropped]) => ({ standard: a.id, facts: without(full, dropped) }));
          const r = replay(compileEdition(a), compileEdition(b), obs);
          if (!d.decisionChanges) expect(r.changes).toEqual([]);
          for (const change of r.changes) {
            for (const f of change.clauses) {
              expect(
                decisive.some((c) => c.clause === f.clause || c.affects?.includes(f.clause)),
                `${f.clause} flipped ${f.from} → ${f.to} with no decision change`,
              ).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('skips what is not an inspection of this standard, and takes the observation out of a verdict record', () => {
    const r = replay(v1(), v1(), [
      { standard: 'san-duan', facts: {} },
      'junk',
      { format: 'daoze-verdict-record/1', observation: inspections[0] },
    ]);
    expect(r.skipped.map((s) => s.index)).toEqual([1, 2]);
    expect(r).toMatchObject({ total: 1, unchanged: 1 });
  });
});
