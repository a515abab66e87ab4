/**
 * Frame rate while panning a 300-pod workspace, per edge mode, in headless Chromium
 * with the real app. A mouse drags the canvas for about two seconds while the page
 * counts animation frames. Results go to bench/results-fps.json.
 */
import { writeFileSync } from 'node:fs';
import { expect, test } from '../../e2e/fixtures/appPage';
import { generateWorkspace, toManifestText } from '../generateWorkspace';

const PODS = 300;
const results: Record<string, unknown> = {};

test('pan frame rate at 300 pods, per edge mode', async ({ app, page }) => {
  test.setTimeout(600_000);
  await app.goto();
  await app.waitForEditor();
  const text = toManifestText(generateWorkspace({ pods: PODS, policies: 150, replicas: 1 }).objects);
  await app.openFiles([{ name: 'fps.yaml', text }]);
  await page.getByTestId('import.replace').click();
  await expect(app.pod('ns-0/svc-0')).toHaveCount(1, { timeout: 120_000 });
  await app.waitForEvaluation();

  const pane = page.locator('.react-flow__pane');
  const box = await pane.boundingBox();
  if (!box) throw new Error('no canvas');

  for (const mode of ['bundles', 'focus', 'all'] as const) {
    await page.getByTestId('legend.mode').selectOption(mode);
    if (mode === 'focus') {
      await app.findInEditor('"name":"svc-0"');
      await expect(page.getByTestId('pod-details')).toBeVisible();
    }
    await page.waitForTimeout(1500);
    const edges = await page.locator('.react-flow__edge').count();
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number; __counting: boolean };
      w.__frames = 0;
      w.__counting = true;
      const tick = () => {
        if (!w.__counting) return;
        w.__frames++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const started = Date.now();
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    let i = 0;
    while (Date.now() - started < 2000) {
      const angle = (i++ / 20) * Math.PI * 2;
      await page.mouse.move(cx + Math.cos(angle) * 120, cy + Math.sin(angle) * 80);
    }
    await page.mouse.up();
    const seconds = (Date.now() - started) / 1000;
    const frames = await page.evaluate(() => {
      const w = window as unknown as { __frames: number; __counting: boolean };
      w.__counting = false;
      return w.__frames;
    });
    results[mode] = {
      pods: PODS,
      edges,
      fps: Math.round((frames / seconds) * 10) / 10,
      seconds: Math.round(seconds * 10) / 10,
    };
    console.log(mode, JSON.stringify(results[mode]));
  }
  writeFileSync('bench/results-fps.json', `${JSON.stringify(results, null, 2)}\n`);
});
