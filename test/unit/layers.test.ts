/**
 * The engine's import graph keeps its layers: a module of src/ imports only from its own layer or the layers
 * below, no modules import each other in a circle, src/ never imports the SDK, and the pure layers import no
 * parser and no Node module. Imports are read with the TypeScript parser, type-only ones included: a type is a
 * dependency too. A break that is known and being moved away is listed in ALLOWED with the move that ends it;
 * an entry that no longer matches a break fails the test, so it is deleted once the move lands.
 */
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import layersFile from '../../layers.json';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The layers (layers.json, which eslint.config.js reads too), lowest first; a module is a folder of src/ or a file directly in it. The order is the project's
 * (model → load → compile → evaluate → result, cases, audit, bundle, batch → registry, node → cli) with the
 * foundations under it and three placements made exact: `result/` (the verdict's types, citations, tally and formatting) sits
 * below `evaluate/`, which builds verdicts out of them and is the only thing result/ was ever needed by;
 * `profile/` sits above `compile/`, since applying a profile compiles the profiled edition; and `batch/` sits
 * above `registry.ts`, since a batch runs its observations through a registry (each worker thread builds one).
 */
const LAYERS: readonly (readonly string[])[] = layersFile.layers;

/** Modules that must stay pure: no Node module (no I/O, no clock source beyond the language) and no parser. */
const PURE = new Set(layersFile.pure);
const IMPURE_PACKAGES = new Set(['yaml', 'jsonc-parser', 'ajv', ...builtinModules]);

/** Known breaks, each with what ends it: `from` imports `to` (paths from the repository root). */
const ALLOWED: readonly { from: string; to: string; why: string }[] = [];

interface Edge {
  from: string;
  to: string;
  spec: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every module specifier a file names: imports, re-exports, `import()` calls and `import('…')` types. */
function specifiersOf(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (
      (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) &&
      n.moduleSpecifier &&
      ts.isStringLiteral(n.moduleSpecifier)
    )
      out.push(n.moduleSpecifier.text);
    else if (
      ts.isCallExpression(n) &&
      n.expression.kind === ts.SyntaxKind.ImportKeyword &&
      n.arguments[0] &&
      ts.isStringLiteral(n.arguments[0])
    )
      out.push(n.arguments[0].text);
    else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal))
      out.push(n.argument.literal.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const rel = (p: string) => relative(ROOT, p).split('\\').join('/');

/** `src/load/validate.ts` → `load`; `src/node.ts` → `node.ts`. */
const moduleOf = (file: string) => file.split('/')[1]!;
const layerOf = (module: string) => LAYERS.findIndex((l) => l.includes(module));

function graph(): { edges: Edge[]; packages: { from: string; spec: string }[] } {
  const edges: Edge[] = [];
  const packages: { from: string; spec: string }[] = [];
  for (const abs of sourceFiles(join(ROOT, 'src'))) {
    const from = rel(abs);
    for (const spec of specifiersOf(abs)) {
      if (!spec.startsWith('.')) {
        packages.push({ from, spec });
        continue;
      }
      const target = resolve(dirname(abs), spec);
      const ts_ = target.replace(/\.js$/, '.ts');
      edges.push({ from, to: rel(existsSync(ts_) ? ts_ : target), spec });
    }
  }
  return { edges, packages };
}

/** Strongly connected sets of more than one node (or a node importing itself): the cycles. */
function cycles(nodes: Iterable<string>, next: (n: string) => Iterable<string>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || [...next(v)].includes(v)) found.push(scc.sort());
    }
  };
  for (const n of nodes) if (!index.has(n)) connect(n);
  return found;
}

const { edges, packages } = graph();
const allowed = (e: Edge) => ALLOWED.some((a) => a.from === e.from && a.to === e.to);
const inSrc = edges.filter((e) => e.to.startsWith('src/'));

describe('the import graph of src/', () => {
  it('gives every module a layer', () => {
    const modules = new Set(inSrc.flatMap((e) => [moduleOf(e.from), moduleOf(e.to)]));
    expect(
      [...modules].filter((m) => layerOf(m) < 0),
      'add these modules of src/ to LAYERS',
    ).toEqual([]);
  });

  it('imports only from the same layer or below', () => {
    const up = inSrc
      .filter((e) => layerOf(moduleOf(e.to)) > layerOf(moduleOf(e.from)) && !allowed(e))
      .map((e) => `${e.from} imports ${e.to} (${moduleOf(e.to)} is above ${moduleOf(e.from)})`);
    expect(up).toEqual([]);
  });

  it('has no cycle, between files or between modules', () => {
    const kept = inSrc.filter((e) => !allowed(e));
    const byFile = new Map<string, string[]>();
    const byModule = new Map<string, Set<string>>();
    for (const e of kept) {
      byFile.set(e.from, [...(byFile.get(e.from) ?? []), e.to]);
      const [a, b] = [moduleOf(e.from), moduleOf(e.to)];
      if (a !== b) byModule.set(a, (byModule.get(a) ?? new Set()).add(b));
    }
    expect(cycles(byFile.keys(), (f) => byFile.get(f) ?? [])).toEqual([]);
    expect(cycles(byModule.keys(), (m) => byModule.get(m) ?? [])).toEqual([]);
  });

  it('never imports the SDK', () => {
    const sdk = [
      ...edges.filter((e) => e.to.startsWith('sdk/')).map((e) => `${e.from} imports ${e.spec}`),
      ...packages.filter((p) => /^daoze(\/|$)/.test(p.spec)).map((p) => `${p.from} imports ${p.spec}`),
    ];
    expect(sdk).toEqual([]);
  });

  it('keeps the pure layers free of parsers and Node modules', () => {
    const impure = packages
      .filter(
        (p) => PURE.has(moduleOf(p.from)) && (p.spec.startsWith('node:') || IMPURE_PACKAGES.has(p.spec.split('/')[0]!)),
      )
      .map((p) => `${p.from} imports ${p.spec}`);
    expect(impure).toEqual([]);
  });

  it('lists in ALLOWED only breaks that still exist', () => {
    const stale = ALLOWED.filter((a) => {
      const e = inSrc.find((x) => x.from === a.from && x.to === a.to);
      const [from, to] = [layerOf(moduleOf(a.from)), layerOf(moduleOf(a.to))];
      return !e || to < from || (to === from && moduleOf(a.from) === moduleOf(a.to));
    });
    expect(stale.map((a) => `${a.from} → ${a.to}: ${a.why}; delete the entry`)).toEqual([]);
  });

  it('reads the imports it checks (the check itself works)', () => {
    expect(inSrc).toContainEqual(
      expect.objectContaining({ from: 'src/evaluate/evaluate.ts', to: 'src/result/tally.ts' }),
    );
    expect(inSrc).toContainEqual(expect.objectContaining({ from: 'src/index.ts', to: 'src/audit/index.ts' }));
    expect(packages).toContainEqual({ from: 'src/load/yaml.ts', spec: 'yaml' });
    expect(cycles(['a', 'b', 'c'], (n) => ({ a: ['b'], b: ['c'], c: ['a'] })[n] ?? [])).toEqual([['a', 'b', 'c']]);
  });
});
