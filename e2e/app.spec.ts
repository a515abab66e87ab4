import { expect, test } from './fixtures/appPage';

test.describe('app shell', () => {
  test('loads the demo workspace with no console errors and no request to another origin', async ({
    app,
    page,
  }) => {
    await app.goto();
    await app.waitForEditor();
    await app.waitForEvaluation();
    // Let lazy chunks, workers and fonts settle before judging.
    await page.waitForLoadState('networkidle');
    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
  });

  test('a Content-Security-Policy forbids every other origin', async ({ app, page }) => {
    app.violatesCspOnPurpose = true;
    await app.goto();
    await app.waitForEditor();
    // As injected markup would try: an image and a script from elsewhere.
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'https://tracker.example/pixel.png';
      const script = document.createElement('script');
      script.src = 'https://cdn.example/lib.js';
      document.body.append(img, script);
    });
    await expect
      .poll(async () => (await app.cspViolations()).sort())
      .toEqual(['img-src https://tracker.example/pixel.png', 'script-src-elem https://cdn.example/lib.js']);
  });

  test('draws the demo namespaces and pods on the canvas', async ({ app }) => {
    await app.goto();
    for (const ns of ['shop', 'data', 'monitoring']) await expect(app.namespace(ns)).toBeVisible();
    for (const pod of ['shop/web', 'shop/api', 'data/postgres', 'monitoring/prometheus']) {
      await expect(app.pod(pod)).toBeVisible();
    }
    await expect(app.pod('shop/web')).toContainText('Deployment ×3');
  });

  test('colours edges from the evaluation worker', async ({ app }) => {
    await app.goto();
    await app.waitForEvaluation();
    await app.showEveryPair();
    await expect(app.edge('shop/web', 'shop/api')).toHaveAttribute('data-verdict', 'allowed');
    await expect(app.edge('monitoring/prometheus', 'shop/api')).toHaveAttribute('data-verdict', 'blocked');
    await expect(app.edge('shop/api', 'data/postgres')).toHaveAttribute('data-verdict', 'allowed');
    await expect(app.edge('shop/web', 'data/postgres')).toHaveAttribute('data-verdict', 'blocked');
  });

  test('shows the workspace YAML in Monaco', async ({ app }) => {
    await app.goto();
    await app.waitForEditor();
    await expect(app.editorLines.filter({ hasText: 'kind: Namespace' }).first()).toBeVisible();
    await app.findInEditor('kind: NetworkPolicy');
    await expect(app.editorLines.filter({ hasText: 'kind: NetworkPolicy' }).first()).toBeVisible();
  });

  test('Monaco marks a misspelt field through the monaco-yaml schema worker', async ({ app, page }) => {
    await app.goto();
    await app.waitForEditor();
    // Add a misspelt key inside the first NetworkPolicy spec.
    await app.typeLineAfter('podSelector: {}', 'podSelectr: {}');
    await page.keyboard.press('Escape');
    const squiggle = page.locator(
      '[data-testid="editor.monaco"] .squiggly-error, [data-testid="editor.monaco"] .squiggly-warning',
    );
    await expect(squiggle.first()).toBeVisible({ timeout: 20_000 });
    // Walk the problems with F8 (Go to Next Problem) until the schema's own message shows:
    // the engine also flags the unknown field, under its own marker owner.
    const widget = page.locator('.marker-widget');
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('F8');
      await expect(widget).toBeVisible();
      if ((await widget.textContent())?.includes('is not allowed')) break;
    }
    await expect(widget).toContainText('Property podSelectr is not allowed');
  });

  test('opens on the demo workspace laid out along its traffic, everything in view (and writes a screenshot)', async ({
    app,
    page,
  }, testInfo) => {
    await app.goto();
    await app.waitForEditor();
    await app.waitForEvaluation();
    await app.waitForStillCanvas();
    // Every pod and frame is in the fitted view, and the laid-out map reads left to right
    // along the allowed traffic: web -> api -> postgres.
    const view = await page.locator('.react-flow').boundingBox();
    if (!view) throw new Error('no canvas');
    const boxes: Record<string, { x: number; y: number; width: number; height: number }> = {};
    for (const key of ['shop/web', 'shop/api', 'data/postgres', 'monitoring/prometheus']) {
      const box = await app.pod(key).boundingBox();
      if (!box) throw new Error(`${key} is not drawn`);
      expect(box.x).toBeGreaterThanOrEqual(view.x);
      expect(box.y).toBeGreaterThanOrEqual(view.y);
      expect(box.x + box.width).toBeLessThanOrEqual(view.x + view.width);
      expect(box.y + box.height).toBeLessThanOrEqual(view.y + view.height);
      boxes[key] = box;
    }
    expect(boxes['shop/web']?.x ?? 0).toBeLessThan(boxes['shop/api']?.x ?? 0);
    expect(boxes['shop/api']?.x ?? 0).toBeLessThan(boxes['data/postgres']?.x ?? 0);
    await expect(app.edge('shop/web', 'shop/api')).toHaveAttribute('data-verdict', 'allowed');
    await expect(app.edge('shop/api', 'data/postgres')).toHaveAttribute('data-verdict', 'allowed');
    const file = testInfo.outputPath('app.png');
    await page.screenshot({ path: file });
    await page.screenshot({ path: 'e2e-artifacts/app.png' });
    await testInfo.attach('app', { path: file, contentType: 'image/png' });
  });
});
