import { expect, test } from './fixtures/appPage';

/** Faults outside the user's control are reported where the user looks, with a way out. */
test.describe('faults', () => {
  test('an evaluation worker that cannot be loaded is reported, and Retry starts it again', async ({
    app,
    page,
  }) => {
    await page.route('**/assets/evaluator.worker-*.js', (route) => route.fulfill({ status: 404, body: '' }));
    await app.goto();
    await expect(page.getByTestId('topbar.status')).toContainText('The evaluation worker stopped');
    await page.unroute('**/assets/evaluator.worker-*.js');
    await page.getByTestId('evaluation.retry').click();
    await app.waitForEvaluation();
    await expect(app.pod('shop/api')).toBeVisible();
  });

  test('an evaluation worker that throws while loading is reported with its error', async ({ app, page }) => {
    await page.route('**/assets/evaluator.worker-*.js', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/javascript',
        body: 'throw new Error("broken build");',
      }),
    );
    await app.goto();
    await expect(page.getByTestId('topbar.status')).toContainText('The evaluation worker stopped');
    await expect(page.getByTestId('topbar.status')).toContainText('broken build');
    await page.unroute('**/assets/evaluator.worker-*.js');
    // Typing starts a new worker too.
    await app.waitForEditor();
    await app.typeLineAfter('name: prometheus', '# retry by typing');
    await app.waitForEvaluation();
    await expect(app.pod('shop/api')).toBeVisible();
  });
});
