import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('layering rule', () => {
  it('rejects `import React` inside src/engine with a message that says why', async () => {
    const eslint = new ESLint({ cwd: root, ignore: false });
    const [report] = await eslint.lintFiles([path.join(root, 'src/engine/lint-fixtures/importsReact.ts')]);
    const violations = (report?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports');
    expect(violations).toHaveLength(1);
    expect(violations[0]?.message).toContain('src/engine is pure TypeScript');
  });
});
