import { DEMO_WORKSPACE } from '../src/recipes/demoWorkspace';
import { expect, test } from './fixtures/appPage';

test.describe('sharing, comparing and plugin profiles', () => {
  test('a share link opens the same workspace in a fresh page', async ({ app, page, browser }) => {
    await app.goto();
    await app.waitForEditor();
    await app.typeLineAfter('name: prometheus', '# shared comment');
    const original = await app.exported('file.export');
    await page.getByTestId('share.open').click();
    const link = await page.getByTestId('share.link').inputValue();
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:4173\/#share=/);
    await page.getByTestId('share.close').click();

    const context = await browser.newContext();
    const fresh = await context.newPage();
    const { AppPage } = await import('./fixtures/appPage');
    const other = new AppPage(fresh);
    await fresh.goto(link);
    await other.waitForEditor();
    await expect(fresh.getByTestId('workspace.select').locator('option:checked')).toHaveText(
      'Shared workspace',
    );
    expect(await other.exported('file.export')).toBe(original);
    expect(fresh.url()).not.toContain('#share=');
    expect(other.foreignRequests).toEqual([]);
    await context.close();
  });

  test('a share link pasted into a tab already showing the app opens at once', async ({ app, page }) => {
    await app.goto();
    await app.waitForEditor();
    await app.typeLineAfter('name: prometheus', '# from the link');
    await page.getByTestId('share.open').click();
    const link = await page.getByTestId('share.link').inputValue();
    await page.getByTestId('share.close').click();
    await page.getByTestId('workspace.new').click();
    await expect(app.pod('shop/api')).toHaveCount(0);
    // The same document, a new fragment: what pasting the link into the address bar does.
    await page.goto(link);
    await expect(page.getByTestId('workspace.select').locator('option:checked')).toHaveText(
      'Shared workspace',
    );
    await expect(app.pod('shop/api')).toBeVisible();
    expect(await app.exported('file.export')).toContain('# from the link');
    expect(page.url()).not.toContain('#share=');
  });

  test('a share link changed by a chat tool says so and loads nothing', async ({ app, page }) => {
    await page.goto('/#share=abc$def(ghi)');
    await expect(page.getByTestId('import.error')).toContainText('characters a share link never has');
    await expect(app.pod('shop/api')).toBeVisible();
  });

  test('a damaged share link says so and loads nothing', async ({ app, page }) => {
    await page.goto('/#share=AAAA');
    await expect(page.getByTestId('import.error')).toContainText('damaged');
    await expect(app.pod('shop/api')).toBeVisible();
  });

  test('a diff against pasted YAML shows one gained and one lost connection', async ({ app, page }) => {
    await app.goto();
    await app.waitForEditor();
    await app.waitForEvaluation();
    await app.showEveryPair();
    // The other version lets monitoring (not web) reach the api.
    const peer =
      '        - podSelector:\n            matchLabels:\n              app: web\n      ports:\n        - port: http-api';
    expect(DEMO_WORKSPACE).toContain(peer);
    const other = DEMO_WORKSPACE.replace(
      peer,
      '        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: monitoring\n      ports:\n        - port: http-api',
    );
    await page.getByTestId('compare.paste').click();
    await page.getByTestId('compare.text').fill(other);
    await page.getByTestId('compare.apply').click();
    await expect(page.getByTestId('diff.gained')).toContainText('shop/web → shop/api');
    await expect(page.getByTestId('diff.lost')).toContainText('monitoring/prometheus → shop/api');
    await expect(page.getByTestId('diff.gained').locator('li')).toHaveCount(1);
    await expect(page.getByTestId('diff.lost').locator('li')).toHaveCount(1);
    await expect(app.edge('shop/web', 'shop/api')).toHaveAttribute('data-change', 'gained');
    await expect(app.edge('monitoring/prometheus', 'shop/api')).toHaveAttribute('data-change', 'lost');
    await page.getByTestId('compare.stop').click();
    await expect(page.getByTestId('diff')).toHaveCount(0);
  });

  test('a snapshot shows what a later edit loses', async ({ app, page }) => {
    await app.goto();
    await app.waitForEditor();
    await app.waitForEvaluation();
    await page.getByTestId('compare.snapshot').click();
    await app.findInEditor('              app: web');
    await page.keyboard.press('End');
    await page.keyboard.type('x');
    await expect(page.getByTestId('diff.lost')).toContainText('shop/web → shop/api');
    await expect(page.getByTestId('diff.gained').locator('li')).toHaveCount(0);
  });

  test('the no-enforcement profile turns every edge allowed, with a banner', async ({ app, page }) => {
    await app.goto();
    await app.waitForEvaluation();
    await app.showEveryPair();
    await expect(app.edge('monitoring/prometheus', 'shop/api')).toHaveAttribute('data-verdict', 'blocked');
    await page.getByTestId('plugin.select').selectOption('none');
    await expect(page.getByTestId('canvas.no-enforcement')).toBeVisible();
    await expect(page.locator('[data-verdict="blocked"]')).toHaveCount(0);
    await expect(app.edge('monitoring/prometheus', 'shop/api')).toHaveAttribute('data-verdict', 'allowed');
    await page.getByTestId('plugin.select').selectOption('generic');
    await expect(app.edge('monitoring/prometheus', 'shop/api')).toHaveAttribute('data-verdict', 'blocked');
  });
});
