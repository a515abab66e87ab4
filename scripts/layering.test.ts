import path from 'node:path';
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
