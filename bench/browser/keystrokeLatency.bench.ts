/**
 * Keystroke -> recoloured canvas, in headless Chromium with the real app, worker and
 * Monaco. A key press flips one edge's verdict (a label in a policy's peer gains or
 * loses a character); the time is taken from the keydown event to the DOM change that
 * gives the edge its new verdict. Medians of repeated runs.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from '../../e2e/fixtures/appPage';
import type { AppPage } from '../../e2e/fixtures/appPage';
import { generateWorkspace, toManifestText } from '../generateWorkspace';

const RUNS = 15;
const results: Record<string, unknown> = {};

const BENCH_OBJECTS = `---
apiVersion: v1
kind: Pod
metadata: {name: bench-a, namespace: ns-0, labels: {role: bench-a}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: bench-b, namespace: ns-0, labels: {role: bench-b}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: bench-allow, namespace: ns-0}
spec:
  podSelector: {matchLabels: {role: bench-b}}
  ingress:
    - from:
        - podSelector:
            matchLabels:
              role: bench-a
`;

/**
 * Arms a probe: on the next keydown, the time until the edge's verdict attribute differs
 * from now, seen by a MutationObserver (the DOM change; the paint follows in the next
 * frame). Polling with requestAnimationFrame proved unreliable here: headless Chromium
 * throttles frames on a static page, which added up to a second at 1,000 pods.
 */
async function armProbe(page: Page, from: string, to: string): Promise<void> {
  await page.evaluate(
    ([f, t]) => {
      const selector = `[data-from="${f}"][data-to="${t}"]`;
      const before = document.querySelector(selector)?.getAttribute('data-verdict');
      const w = window as unknown as { __latency?: number | null; __frame?: number | null };
      w.__latency = null;
      w.__frame = null;
      window.addEventListener(
        'keydown',
        () => {
          const start = performance.now();
          const observer = new MutationObserver(() => {
            const now = document.querySelector(selector)?.getAttribute('data-verdict');
            if (now && now !== before) {
              w.__latency = performance.now() - start;
              observer.disconnect();
              // And the first animation frame after that change.
              requestAnimationFrame(() => {
                w.__frame = performance.now() - start;
              });
            }
          });
          observer.observe(document.body, {
            subtree: true,
            childList: true,
            attributes: true,
            attributeFilter: ['data-verdict'],
          });
        },
        { capture: true, once: true },
      );
    },
    [from, to],
  );
}

async function measure(
  app: AppPage,
  from: string,
  to: string,
  peerLine: string,
): Promise<{ dom: number[]; frame: number[] }> {
  const { page } = app;
  await app.findInEditor(peerLine);
  await page.keyboard.press('End');
  const samples: number[] = [];
  const frames: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await armProbe(page, from, to);
    await page.keyboard.press(i % 2 === 0 ? 'x' : 'Backspace');
    await page.waitForFunction(
      () => (window as unknown as { __frame?: number | null }).__frame != null,
      null,
      {
        timeout: 30_000,
      },
    );
    samples.push(await page.evaluate(() => (window as unknown as { __latency: number }).__latency));
    frames.push(await page.evaluate(() => (window as unknown as { __frame: number }).__frame));
    await page.waitForTimeout(200);
  }
  return { dom: samples, frame: frames };
}

function summary({ dom, frame }: { dom: number[]; frame: number[] }) {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  return { ...domSummary(dom), medianToNextFrameMs: Math.round(median(frame)) };
}

function domSummary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  return {
    runs: samples.length,
    medianMs: Math.round(median),
    minMs: Math.round(sorted[0] ?? NaN),
    maxMs: Math.round(sorted.at(-1) ?? NaN),
  };
}

test.describe('keystroke to recoloured canvas', () => {
  test('demo workspace', async ({ app }) => {
    await app.goto();
    await app.waitForEditor();
    await app.waitForEvaluation();
    const samples = await measure(app, 'shop/web', 'shop/api', '              app: web');
    results.demo = { pods: 4, ...summary(samples) };
  });

  for (const pods of [200, 1000]) {
    test(`${pods} pods`, async ({ app, page }) => {
      await app.goto();
      await app.waitForEditor();
      const text =
        toManifestText(generateWorkspace({ pods, policies: Math.round(pods / 2), replicas: 1 }).objects) +
        BENCH_OBJECTS;
      // The longest main-thread task while the workspace is imported, parsed and evaluated.
      await page.evaluate(() => {
        const w = window as unknown as { __longest: number };
        w.__longest = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
        }).observe({ type: 'longtask' });
      });
      await app.openFiles([{ name: 'bench.yaml', text }]);
      await page.getByTestId('import.replace').click();
      // Large canvases render only what is in view: wait for the model, then select through the YAML.
      await expect(page.getByTestId('topbar.summary')).toContainText(`${pods + 2} pods`, {
        timeout: 120_000,
      });
      await app.waitForEvaluation();
      const longestImportTask = await page.evaluate(
        () => (window as unknown as { __longest: number }).__longest,
      );
      await page.evaluate(() => {
        (window as unknown as { __longest: number }).__longest = 0;
      });
      await app.findInEditor('name: bench-b');
      await expect(app.edge('ns-0/bench-a', 'ns-0/bench-b')).toHaveAttribute('data-verdict', 'allowed', {
        timeout: 60_000,
      });
      const samples = await measure(app, 'ns-0/bench-a', 'ns-0/bench-b', '              role: bench-a');
      const longestKeystrokeTask = await page.evaluate(
        () => (window as unknown as { __longest: number }).__longest,
      );
      results[`pods${pods}`] = {
        pods: pods + 2,
        ...summary(samples),
        longestTaskDuringImportMs: Math.round(longestImportTask),
        longestTaskDuringKeystrokesMs: Math.round(longestKeystrokeTask),
      };
    });
  }

  test.afterAll(() => {
    console.log(JSON.stringify(results, null, 2));
    writeFileSync('bench/results-browser.json', `${JSON.stringify(results, null, 2)}\n`);
  });
});
