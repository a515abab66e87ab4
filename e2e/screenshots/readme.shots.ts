import { readFileSync } from 'node:fs';
import { expect, test } from '../fixtures/appPage';
import { LESSONS } from '../../src/recipes';

/** Writes docs/*.png: what the README shows. Run with `npm run screenshots`, then look at them. */
const MICROSERVICES = readFileSync(new URL('../fixtures/microservices.yaml', import.meta.url), 'utf8');
const docs = (name: string) => new URL(`../../docs/${name}`, import.meta.url).pathname;

test.describe('README screenshots', () => {
  test('the microservices workspace as a map', async ({ app, page }) => {
    await app.goto();
    await app.waitForEditor();
    await app.waitForEvaluation();
    await app.openFiles([{ name: 'microservices.yaml', text: MICROSERVICES }]);
    await page.getByTestId('import.replace').click();
    await expect(app.pod('shop/checkoutservice')).toBeVisible();
    await app.waitForEvaluation();
    await app.waitForStillCanvas();
    await page.screenshot({ path: docs('screenshot.png') });
    // Pointing at checkout: everything it may and may not reach.
    await app.pod('shop/checkoutservice').hover();
    await expect(app.edge('shop/checkoutservice', 'shop/adservice')).toHaveCount(1);
    await page.screenshot({ path: docs('screenshot-focus.png') });
  });

  test('the demo in the dark theme, a blocked connection explained', async ({ app, page }) => {
    await app.goto();
    await app.waitForEditor();
    await app.waitForEvaluation();
    await page.getByTestId('theme.toggle').click();
    await app.pod('shop/api').click();
    await app.clickEdge('monitoring/prometheus', 'shop/api');
    await expect(page.getByTestId('explanation.verdict')).toContainText('Blocked');
    await app.waitForStillCanvas();
    await page.screenshot({ path: docs('screenshot-dark.png') });
  });

  test('one policy as a diagram', async ({ app, page }) => {
    await app.goto();
    await app.waitForEvaluation();
    await page.locator('[data-policy="shop/allow-api-from-web"]').click();
    await page.getByTestId('policy.view').click();
    await expect(page.locator('.diagram-box.tone-target')).toContainText('shop/api');
    await app.waitForStillCanvas();
    await page.screenshot({ path: docs('policy-view.png') });
  });

  test('presentation mode, a lesson step revealed', async ({ app, page }) => {
    const lesson = LESSONS[0];
    if (!lesson) throw new Error('no lesson');
    await app.openLesson(lesson.id);
    await page.getByTestId('present.open').click();
    await app.revealNextStep(2, lesson.steps.length);
    await page.screenshot({ path: docs('presentation.png') });
  });
});
