/** The build's snapshot of the built-in standards: the same registry as the YAML, and never used once a file changes. */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  builtinProfilesDir,
  builtinStandardsDir,
  loadRegistry,
  loadSnapshot,
  writeBuiltinSnapshot,
} from '../../../src/node.js';

const tmp = mkdtempSync(join(tmpdir(), 'daoze-snapshot-'));
const standards = join(tmp, 'standards');
const profiles = join(tmp, 'profiles');
cpSync(builtinStandardsDir(), standards, { recursive: true });
cpSync(builtinProfilesDir(), profiles, { recursive: true });
const file = join(tmp, 'snapshot.json');
writeBuiltinSnapshot(file, standards, profiles);

describe('snapshot of validated standards', () => {
  it('gives the same editions, hashes, profiles and verdicts as reading the YAML', () => {
    const fromYaml = loadRegistry(standards, profiles);
    const fromSnap = loadSnapshot(file, standards, profiles)!;
    expect(fromSnap).toBeDefined();
    expect(fromSnap.editions.map((e) => [e.ref, e.hash])).toEqual(fromYaml.editions.map((e) => [e.ref, e.hash]));
    expect(fromSnap.profiles.map((p) => p.edition.profile)).toEqual(fromYaml.profiles.map((p) => p.edition.profile));
    const obs = JSON.parse(readFileSync('examples/observations/01-toilet-ammonia-high.json', 'utf8'));
    expect(fromSnap.evaluate(obs)).toEqual(fromYaml.evaluate(obs));
  });

  it('is not used once any source file changes by one character', () => {
    const f = join(standards, 'san-duan', '1.0.0.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('severity: critical', 'severity: major'));
    expect(loadSnapshot(file, standards, profiles)).toBeUndefined();
  });

  it('is not used when missing or unreadable', () => {
    writeFileSync(join(tmp, 'bad.json'), '{"format":');
    expect(loadSnapshot(join(tmp, 'bad.json'), standards, profiles)).toBeUndefined();
    expect(loadSnapshot(join(tmp, 'none.json'), standards, profiles)).toBeUndefined();
  });
});
