import { describe, expect, it } from 'vitest';
import { diffConnectivity, loadWorkspace, runExpectations, type Diagnostic } from '../engine';
import { readManifests } from '../yaml/readManifests';
import { findLesson, findRecipe, LESSONS, RECIPES } from './index';

function load(yaml: string): { ws: ReturnType<typeof loadWorkspace>['workspace']; problems: Diagnostic[] } {
  const read = readManifests(yaml);
  const loaded = loadWorkspace(read.objects);
  const problems = [...read.diagnostics, ...loaded.diagnostics].filter((d) => d.severity !== 'info');
  return { ws: loaded.workspace, problems };
}

const ISSUE_TOPICS = [
  'default-deny-ingress',
  'default-deny-egress',
  'default-deny-all',
  'allow-all-egress',
  'allow-same-namespace',
  'allow-from-all-namespaces',
  'allow-from-namespace-by-label',
  'and-vs-or-peers',
  'egress-to-namespace-by-expression',
  'named-ports',
  'port-range-endport',
  'egress-public-ipblock-except',
  'allow-from-outside',
  'allow-dns-egress',
  'policies-add-up',
  'policy-types-egress-not-enforced',
  'policy-types-egress-without-rules',
];

describe('recipes', () => {
  it('has at least 16 recipes with unique kebab-case ids covering the issue list', () => {
    expect(RECIPES.length).toBeGreaterThanOrEqual(16);
    const ids = RECIPES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const id of ISSUE_TOPICS) expect(findRecipe(id)?.id).toBe(id);
    expect(findRecipe('nope')).toBeUndefined();
  });

  it.each(RECIPES.map((r) => [r.id, r] as const))(
    '%s: loads cleanly and every check passes',
    (_id, recipe) => {
      expect(recipe.summary.split('\n')).toHaveLength(2);
      expect(recipe.title.length).toBeGreaterThan(0);
      const { ws, problems } = load(recipe.yaml);
      expect(problems).toEqual([]);
      expect(ws.policies.length + ws.adminPolicies.length).toBeGreaterThan(0);
      expect(ws.tests).toHaveLength(1);
      expect(ws.tests[0]?.expectations.length).toBeGreaterThanOrEqual(2);
      const [suite] = runExpectations(ws, ws.tests);
      const failures = (suite?.results ?? [])
        .filter((r) => !r.passed)
        .map((r) => `${r.title}: ${r.message}\n${r.firstFailure?.explanation ?? ''}`);
      expect(failures).toEqual([]);
    },
  );

  it('the AND/OR recipe shows the difference: one check per behaviour', () => {
    const { ws } = load(findRecipe('and-vs-or-peers')?.yaml ?? '');
    const results = runExpectations(ws, ws.tests)[0]?.results ?? [];
    const debugTo = (db: string): string | undefined =>
      results.find(
        (r) =>
          r.expectation.from.kind === 'pod' &&
          r.expectation.from.key === 'monitoring/debug' &&
          r.expectation.to.kind === 'pod' &&
          r.expectation.to.key === db,
      )?.expectation.expect;
    expect(debugTo('shop/orders-db')).toBe('blocked');
    expect(results.some((r) => r.title.startsWith('OR: every pod'))).toBe(true);
  });
});

describe('lessons', () => {
  it('has at least 3 lessons with unique ids, each naming an existing recipe', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(3);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const l of LESSONS) if (l.recipe !== undefined) expect(findRecipe(l.recipe)?.id).toBe(l.recipe);
    expect(findLesson('deny-then-allow')?.steps.length).toBeGreaterThanOrEqual(3);
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))(
    '%s: steps parse and each step changes a verdict',
    (_id, lesson) => {
      expect(lesson.steps.length).toBeGreaterThanOrEqual(3);
      const loaded = lesson.steps.map((s) => {
        expect(s.title.length * s.explanation.length).toBeGreaterThan(0);
        const { ws, problems } = load(s.yaml);
        expect(problems).toEqual([]);
        return ws;
      });
      for (let i = 1; i < loaded.length; i++) {
        const before = loaded[i - 1];
        const after = loaded[i];
        if (!before || !after) throw new Error('missing step');
        const d = diffConnectivity(before, after, ['any'], ['8.8.8.8', '203.0.113.10']);
        expect(d.gained.length + d.lost.length, `step ${i}: ${lesson.steps[i]?.title}`).toBeGreaterThan(0);
      }
    },
  );
});
