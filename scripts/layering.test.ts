import path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * One fixture per rule of the layering (eslint.config.js, docs/architecture.md): each
 * imports what its layer must not, and the lint must say so.
 */
describe('layering rules', () => {
  const eslint = new ESLint({ cwd: root, ignore: false });

  it.each([
    ['engine/lint-fixtures/importsReact.ts', 'engine must not import'],
    ['engine/lint-fixtures/importsYamlLayer.ts', 'engine must not import yaml'],
    ['engine/lint-fixtures/importsNode.ts', 'engine must not import'],
    ['yaml/lint-fixtures/importsStore.ts', 'yaml must not import store'],
    ['worker/lint-fixtures/importsStore.ts', 'worker must not import store'],
    ['store/lint-fixtures/importsUi.ts', 'store must not import ui'],
    ['store/lint-fixtures/importsYamlPackage.ts', 'store must not import'],
    ['store/lint-fixtures/importsWorkerValue.ts', 'store must not import worker'],
    ['ui/lint-fixtures/importsWorker.ts', 'ui must not import worker'],
    ['ui/lint-fixtures/importsYamlDynamically.ts', 'ui must not import yaml'],
    ['ui/lint-fixtures/importsUnlistedPackage.ts', 'ui must not import'],
    ['recipes/lint-fixtures/importsEngineValue.ts', 'recipes must not import engine'],
    ['recipes/lint-fixtures/importsStore.ts', 'recipes must not import store'],
    ['cli/lint-fixtures/importsUi.ts', 'cli must not import ui'],
  ])('%s is refused', async (fixture, message) => {
    const [report] = await eslint.lintFiles([path.join(root, 'src', fixture)]);
    const violations = (report?.messages ?? []).filter((m) => m.ruleId === 'boundaries/dependencies');
    expect(violations).toHaveLength(1);
    expect(violations[0]?.message).toContain(message);
  });

  it('allows what the layers allow (the app itself lints clean)', async () => {
    const reports = await eslint.lintFiles([
      path.join(root, 'src/ui/main.tsx'),
      path.join(root, 'src/store/appStore.ts'),
    ]);
    expect(reports.flatMap((r) => r.messages.filter((m) => m.ruleId === 'boundaries/dependencies'))).toEqual(
      [],
    );
  });
});

/**
 * The modules of `src` (tests and lint fixtures left out) and the local modules each imports,
 * type-only imports included: a circle of either kind makes a layer hard to read on its own.
 * One pattern is allowed: a store slice names the whole store's state (`AppState`, type-only
 * from `appStore.ts`) to type its `get` and `set`, as zustand's slices do.
 */
function importGraph(): Map<string, string[]> {
  const files = readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.ts$/.test(f) && !f.includes('lint-fixtures'))
    .map((f) => path.join(root, 'src', f));
  const known = new Set(files);
  const store = path.join(root, 'src/store');
  const appStore = path.join(store, 'appStore.ts');
  const resolve = (from: string, spec: string): string | undefined => {
    const base = path.resolve(path.dirname(from), spec);
    return [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((c) => known.has(c));
  };
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const targets: string[] = [];
    for (const [, typeOnly, spec] of text.matchAll(
      /(?:^|\n)\s*(?:import|export)(\s+type\b)?[^'";]*?from\s+'(\.[^']+)'/g,
    )) {
      const target = resolve(file, spec ?? '');
      if (!target) continue;
      if (typeOnly && target === appStore && file.startsWith(store)) continue;
      targets.push(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** A circle of imports, as the list of its modules, or null. */
function findCircle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | null => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(file, 'done');
    return null;
  };
  for (const file of graph.keys()) {
    if (state.has(file)) continue;
    const found = visit(file);
    if (found) return found;
  }
  return null;
}

describe('imports', () => {
  it('form no circle (type-only imports included)', () => {
    const circle = findCircle(importGraph());
    expect(circle?.map((f) => path.relative(root, f)) ?? null).toBeNull();
  });

  it('the check finds a circle when there is one', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
    ]);
    expect(findCircle(graph)).toEqual(['a', 'b', 'c', 'a']);
  });
});
