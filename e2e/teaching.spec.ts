import { LESSONS, RECIPES } from '../src/recipes';
import { readManifests } from '../src/yaml/readManifests';
import { expect, test } from './fixtures/appPage';

interface PodPairCheck {
  from: string;
  to: string;
  port: string;
  expect: 'allowed' | 'blocked';
}

/** The checks of a recipe whose both sides are single pods: those have an edge on the canvas. */
function podPairChecks(yaml: string): PodPairCheck[] {
  const tests = readManifests(yaml).objects.filter(
    (o) => (o.object as { kind?: string }).kind === 'ConnectivityTest',
  );
  return tests.flatMap((t) =>
    ((t.object as { spec: { expectations: Record<string, unknown>[] } }).spec.expectations ?? [])
      .filter((e) => typeof e.from === 'string' && typeof e.to === 'string')
      .map((e) => ({
        from: e.from as string,
        to: e.to as string,
        port: typeof e.port === 'string' ? e.port : 'any',
        expect: e.expect as PodPairCheck['expect'],
      })),
  );
}

test.describe('teaching', () => {
  test('every recipe opens by link, its checks pass, and its edges match them', async ({ app, page }) => {
    test.setTimeout(240_000);
    expect(RECIPES.length).toBeGreaterThanOrEqual(16);
    for (const recipe of RECIPES) {
      await page.goto(`/?recipe=${recipe.id}`);
      await expect(page.getByTestId('workspace.select').locator('option:checked')).toHaveText(
        `Recipe: ${recipe.title}`,
      );
      await app.waitForEvaluation();
      await app.showEveryPair();
      await expect(page.getByTestId('tests.summary'), recipe.id).toHaveText(/^\d+ passed, 0 failed$/);
      for (const check of podPairChecks(recipe.yaml)) {
        await page.getByTestId('legend.port').fill(check.port);
        await page.getByTestId('legend.port').press('Enter');
        await app.waitForEvaluation();
        await expect(
          app.edge(check.from, check.to),
          `${recipe.id}: ${check.from} -> ${check.to} on ${check.port}`,
        ).toHaveAttribute('data-verdict', check.expect);
      }
      expect(page.url()).not.toContain('recipe=');
    }
  });

  test('a failing check explains itself', async ({ app, page }) => {
    const recipe = RECIPES.find((r) => r.id === 'default-deny-ingress') ?? RECIPES[0];
    if (!recipe) throw new Error('no recipe');
    await page.goto(`/?recipe=${recipe.id}`);
    await app.waitForEvaluation();
    await page.getByTestId('tests.templates').click();
    const template = page.locator('[data-template]').filter({ hasText: /./ });
    await template.first().click();
    await expect(page.getByTestId('tests.summary')).toBeVisible();
    const failing = page.locator('[data-testid="tests.result"][data-passed="false"]');
    if ((await failing.count()) > 0) {
      await failing.first().getByTestId('tests.why').click();
      await expect(page.getByTestId('explanation')).toBeVisible();
    }
  });

  test('a lesson step scores a right and a wrong prediction', async ({ app, page }) => {
    const lesson = LESSONS[0];
    if (!lesson) throw new Error('no lesson');
    await app.goto();
    await page.getByTestId('gallery.open').click();
    await page.locator(`[data-lesson="${lesson.id}"]`).click();
    // The lesson bar renders together with the new analysis request: wait for it first.
    await expect(page.getByTestId('lesson')).toContainText(`step 1 of ${lesson.steps.length}`);
    await app.waitForEvaluation();
    await app.waitForStillCanvas();
    await expect(page.locator('.react-flow__edge[data-from]').first()).toBeVisible();
    // Find, from the app's own answer after the step, one edge that changes and one that does not.
    const edges = await page.locator('.react-flow__edge[data-from][data-to]').evaluateAll((els) =>
      els.map((e) => ({
        from: e.getAttribute('data-from') ?? '',
        to: e.getAttribute('data-to') ?? '',
        verdict: e.getAttribute('data-verdict'),
      })),
    );
    await page.getByTestId('lesson.reveal').click();
    await expect(page.getByTestId('lesson')).toContainText(`step 2 of ${lesson.steps.length}`);
    await app.waitForEvaluation();
    await expect(page.locator('.react-flow__edge[data-change]').first()).toBeVisible();
    const after = await page.locator('.react-flow__edge[data-from][data-to]').evaluateAll((els) =>
      els.map((e) => ({
        from: e.getAttribute('data-from') ?? '',
        to: e.getAttribute('data-to') ?? '',
        verdict: e.getAttribute('data-verdict'),
      })),
    );
    const verdictAfter = new Map(after.map((e) => [`${e.from}->${e.to}`, e.verdict]));
    const changed = edges.find(
      (e) => verdictAfter.has(`${e.from}->${e.to}`) && verdictAfter.get(`${e.from}->${e.to}`) !== e.verdict,
    );
    if (!changed) throw new Error('the first step of the lesson changes nothing');
    // Unchanged edges, those far from the changed one first (two clicks never land on one path).
    const far = (e: { from: string; to: string }) =>
      ![changed.from, changed.to].includes(e.from) && ![changed.from, changed.to].includes(e.to);
    const candidates = edges
      .filter((e) => verdictAfter.get(`${e.from}->${e.to}`) === e.verdict)
      .filter((e) => !(e.from === changed.to && e.to === changed.from))
      .sort((a, b) => Number(far(b)) - Number(far(a)));
    // Go back and predict: one right (changed), one wrong (unchanged).
    await page.getByTestId('lesson.back').click();
    await expect(page.getByTestId('lesson')).toContainText(`step 1 of ${lesson.steps.length}`);
    await app.waitForEvaluation();
    // Every pod pair is drawn, so some edges lie under others: take one a person can click.
    let unchanged: { from: string; to: string } | undefined;
    for (const candidate of candidates) {
      if (await app.edgePoint(candidate.from, candidate.to)) {
        unchanged = candidate;
        break;
      }
    }
    if (!unchanged) throw new Error('no unchanged edge can be clicked');
    await app.clickEdge(changed.from, changed.to);
    await expect(page.getByTestId('lesson.task')).toContainText('1 marked');
    await app.clickEdge(unchanged.from, unchanged.to);
    await expect(page.getByTestId('lesson.task')).toContainText('2 marked');
    // The legend says what the purple marks are.
    await expect(page.getByTestId('legend.predicted')).toContainText('your prediction');
    await page.getByTestId('lesson.reveal').click();
    await expect(page.getByTestId('lesson.score')).toContainText('1 right');
    await expect(page.getByTestId('lesson.score')).toContainText('1 wrong');
    // Each marked edge shows its score on the canvas.
    await expect(app.edge(changed.from, changed.to)).toHaveAttribute('data-score', 'right');
    await expect(app.edge(unchanged.from, unchanged.to)).toHaveAttribute('data-score', 'wrong');
    await expect(page.getByTestId('legend.scores')).toBeVisible();
  });

  test('presentation mode steps forward and back with the keyboard', async ({ app, page }, testInfo) => {
    const lesson = LESSONS[0];
    if (!lesson) throw new Error('no lesson');
    await app.openLesson(lesson.id);
    await page.getByTestId('present.open').click();
    await expect(page.getByTestId('present.hint')).toBeVisible();
    await expect(page.getByTestId('side-panel')).toBeHidden();
    await app.revealNextStep(2, lesson.steps.length);
    await page.screenshot({ path: testInfo.outputPath('presentation.png') });
    await page.screenshot({ path: 'e2e-artifacts/presentation.png' });
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('lesson')).toContainText(`step 1 of ${lesson.steps.length}`);
    // The canvas takes the screen; C brings the YAML beside it.
    await expect(page.getByTestId('editor')).toBeHidden();
    await page.keyboard.press('c');
    await expect(page.getByTestId('editor')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('side-panel')).toBeVisible();
  });
});
