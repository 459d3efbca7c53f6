import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ENGINE_VERSION } from '../../src/index.js';

describe('ENGINE_VERSION', () => {
  it('equals the version in package.json, so verdicts name the engine that made them', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(ENGINE_VERSION).toBe(pkg.version);
  });
});
