import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { stringify } from 'yaml';
import { expect, test } from './fixtures/appPage';
import type { AppPage } from './fixtures/appPage';
import { generateWorkspace, toManifestText } from '../bench/generateWorkspace';
import { EDGE_COLOURS } from '../src/ui/canvas/edgeGeometry';

const MICROSERVICES = readFileSync(new URL('./fixtures/microservices.yaml', import.meta.url), 'utf8');

interface CaseFile {
  namespaces: { name: string; labels: Record<string, string> }[];
  pods: {
    namespace: string;
    name: string;
    labels: Record<string, string>;
    ports?: { port: number; protocol: string; name?: string }[];
  }[];
  policies: string;
}

/** Google's Online Boutique as np-guard's conformance case has it, as manifests. */
function onlineBoutique(): string {
  const url = new URL('../conformance/cases/np-guard/onlineboutique.json', import.meta.url);
  const data = JSON.parse(readFileSync(url, 'utf8')) as CaseFile;
  const objects = [
    ...data.namespaces.map((ns) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: ns })),
    ...data.pods.map((pod) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: pod.name.split('-').slice(0, -2).join('-'),
        namespace: pod.namespace,
        labels: Object.fromEntries(Object.entries(pod.labels).filter(([k]) => k !== 'pod-template-hash')),
      },
      spec: {
        containers: [
          {
            name: 'main',
            image: 'example',
            ports: (pod.ports ?? []).map((p) => ({
              containerPort: p.port,
              protocol: p.protocol,
              name: p.name,
            })),
          },
        ],
      },
    })),
  ];
  return `${objects.map((o) => stringify(o)).join('---\n')}---\n${data.policies}`;
}

interface Rect {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The screen boxes of frames, pods and outside nodes as drawn now. */
async function boxes(page: Page): Promise<{ frames: Rect[]; pods: Rect[]; externals: Rect[]; canvas: Rect }> {
  return page.evaluate(() => {
    const rect = (el: Element, id: string) => {
      const r = el.getBoundingClientRect();
      return { id, x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const all = (selector: string, attr: string) =>
      [...document.querySelectorAll(selector)].map((el) => rect(el, el.getAttribute(attr) ?? ''));
    const canvas = document.querySelector('.react-flow');
    if (!canvas) throw new Error('no canvas');
    return {
      frames: all('.react-flow__node-namespace', 'data-namespace'),
      pods: all('.react-flow__node-pod', 'data-pod'),
      externals: all('.react-flow__node-external', 'data-external'),
      canvas: rect(canvas, 'canvas'),
    };
  });
}

const overlapping = (list: Rect[]): string[] => {
  const out: string[] = [];
  for (const [i, a] of list.entries())
    for (const b of list.slice(i + 1))
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
        out.push(`${a.id} / ${b.id}`);
  return out;
};

/** No two frames, no two pods, no outside node on a frame. */
async function expectNoOverlap(page: Page): Promise<void> {
  const { frames, pods, externals } = await boxes(page);
  expect(overlapping(frames), 'frames overlap').toEqual([]);
  expect(overlapping(pods), 'pods overlap').toEqual([]);
  expect(overlapping([...frames, ...externals]), 'outside nodes overlap frames').toEqual([]);
}

/** The smallest pod name as it appears on screen (font size times zoom), in CSS pixels. */
async function smallestName(app: AppPage): Promise<number> {
  const zoom = await app.zoom();
  const sizes = await app.page
    .locator('.react-flow__node-pod .pod-name')
    .evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));
  return Math.min(...sizes) * zoom;
}

async function openMicroservices(app: AppPage): Promise<void> {
  await app.openFiles([{ name: 'microservices.yaml', text: MICROSERVICES }]);
  await app.page.getByTestId('import.replace').click();
  await expect(app.pod('shop/checkoutservice')).toBeVisible();
  await app.waitForEvaluation();
  await app.waitForStillCanvas();
}

/** Pixels of the overview's bundle layer in each edge colour (`EDGE_COLOURS`), faint ones too. */
function bundleLayerColours(page: Page): Promise<Record<keyof typeof EDGE_COLOURS, number>> {
  return page.getByTestId('canvas.bundle-layer').evaluate((element, palette) => {
    const canvas = element as HTMLCanvasElement;
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
    const rgb = Object.entries(palette).map(
      ([name, hex]) => [name, [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))] as const,
    );
    const counts = Object.fromEntries(rgb.map(([name]) => [name, 0])) as Record<string, number>;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! < 64) continue;
      const hit = rgb.find(
        ([, [r, g, b]]) =>
          Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) < 40,
      );
      if (hit) counts[hit[0]]!++;
    }
    return counts;
  }, EDGE_COLOURS);
}

/** Opens a generated workspace of `pods` pods (ten a namespace) through the file input, replacing the demo. */
async function openGenerated(app: AppPage, pods: number, policies: number): Promise<void> {
  const { page } = app;
  await app.goto();
  await app.waitForEvaluation();
  const text = toManifestText(generateWorkspace({ pods, policies, replicas: 1 }).objects);
  await app.openFiles([{ name: `generated-${pods}.yaml`, text }]);
  await page.getByTestId('import.replace').click();
  await expect(page.getByTestId('topbar.summary')).toContainText(`${pods} pods`, { timeout: 60_000 });
  await app.waitForEvaluation();
}

test.describe('the canvas as a service map', () => {
  test('the demo: policy-shaped edges, badges always, a pod’s blocked peers on selection', async ({
    app,
    page,
  }, testInfo) => {
    await app.goto();
    await app.waitForEvaluation();
    // Only what policies shape: web -> api (api admits web) and api -> postgres.
    await expect(app.edges).toHaveCount(2);
    await expect(app.edge('shop/web', 'shop/api')).toHaveAttribute('data-verdict', 'allowed');
    await expect(app.edge('shop/api', 'data/postgres')).toHaveAttribute('data-verdict', 'allowed');
    // Isolation and openness are badges, not N edges.
    await expect(app.pod('shop/api').locator('[data-badge="ingress"]')).toBeVisible();
    await expect(app.pod('shop/web').locator('[data-badge="openIn"]')).toBeVisible();
    await expect(app.pod('monitoring/prometheus').locator('[data-badge="openIn"]')).toBeVisible();
    await app.waitForStillCanvas();
    await page.screenshot({ path: testInfo.outputPath('map-demo.png') });

    // Selecting api draws all its connections: who may reach it and who may not.
    await app.pod('shop/api').click();
    await expect(app.edge('monitoring/prometheus', 'shop/api')).toHaveAttribute('data-verdict', 'blocked');
    await expect(app.edge('shop/web', 'shop/api')).toHaveAttribute('data-verdict', 'allowed');
    await expect(app.edge('198.51.100.10', 'shop/api')).toHaveAttribute('data-verdict', 'blocked');
    await page.screenshot({ path: testInfo.outputPath('map-demo-selected.png') });
    await page.screenshot({ path: 'e2e-artifacts/map-demo-selected.png' });

    // Pointing at another pod shows its connections instead; leaving it, the selection's.
    const postgres = await app.pod('data/postgres').boundingBox();
    if (!postgres) throw new Error('no postgres');
    await page.mouse.move(postgres.x + 40, postgres.y + 20);
    await expect(app.edge('shop/web', 'data/postgres')).toHaveAttribute('data-verdict', 'blocked');
    await expect(app.edge('monitoring/prometheus', 'shop/api')).toHaveCount(0);
    await page.mouse.move(postgres.x + 40, postgres.y - 150);
    await expect(app.edge('monitoring/prometheus', 'shop/api')).toHaveCount(1);

    // The toggle shows every blocked connection.
    await page.keyboard.press('Escape');
    await page.getByTestId('legend.show-blocked').check();
    await expect(app.edge('shop/web', 'data/postgres')).toHaveAttribute('data-verdict', 'blocked');
  });

  test('a 12-service app reads as a map: few edges, no overlap, readable names, all in view', async ({
    app,
    page,
  }, testInfo) => {
    await app.goto();
    await app.waitForEvaluation();
    await openMicroservices(app);
    // One edge per allow rule peer: 15 connections, none of them the "anyone may reach the front end" ones.
    await expect(app.edges).toHaveCount(15);
    await expect(app.edges.and(page.locator('[data-verdict="allowed"]'))).toHaveCount(15);
    await expect(app.edge('shop/checkoutservice', 'shop/paymentservice')).toHaveCount(1);
    await expect(app.edge('web/loadgenerator', 'web/frontend')).toHaveCount(0);
    await expect(app.pod('web/frontend').locator('[data-badge="openIn"]')).toBeVisible();
    await expectNoOverlap(page);
    // Laid out left to right along the traffic: web, then shop, then data.
    const { frames, pods, canvas } = await boxes(page);
    const x = (ns: string) => frames.find((f) => f.id === ns)?.x ?? NaN;
    expect(x('web')).toBeLessThan(x('shop'));
    expect(x('shop')).toBeLessThan(x('data'));
    for (const pod of pods) {
      expect(pod.x, pod.id).toBeGreaterThanOrEqual(canvas.x);
      expect(pod.y, pod.id).toBeGreaterThanOrEqual(canvas.y);
      expect(pod.x + pod.width, pod.id).toBeLessThanOrEqual(canvas.x + canvas.width);
      expect(pod.y + pod.height, pod.id).toBeLessThanOrEqual(canvas.y + canvas.height);
    }
    expect(await smallestName(app)).toBeGreaterThanOrEqual(9);
    await page.screenshot({ path: testInfo.outputPath('map-microservices.png') });
    await page.screenshot({ path: 'e2e-artifacts/map-microservices.png' });

    // Pointing at checkout shows everything it may and may not reach.
    await app.pod('shop/checkoutservice').hover();
    await expect(app.edge('shop/checkoutservice', 'shop/adservice')).toHaveAttribute(
      'data-verdict',
      'blocked',
    );
    await expect(app.edge('shop/checkoutservice', 'shop/paymentservice')).toHaveAttribute(
      'data-verdict',
      'allowed',
    );
    await page.screenshot({ path: testInfo.outputPath('map-microservices-hover.png') });
  });

  test('a gesture shows what it changed, for a few seconds', async ({ app, page }) => {
    await app.goto();
    await app.waitForEvaluation();
    await expect(app.edge('shop/api', 'monitoring/prometheus')).toHaveCount(0);
    // Default-deny ingress for monitoring: everything that reached prometheus is now blocked.
    await app.namespaceAction('monitoring', 'denyIngress');
    await expect(app.edge('shop/api', 'monitoring/prometheus')).toHaveAttribute('data-change', 'lost');
    await expect(app.edge('shop/api', 'monitoring/prometheus')).toHaveAttribute('data-verdict', 'blocked');
    await expect(app.edge('198.51.100.10', 'monitoring/prometheus')).toHaveAttribute('data-change', 'lost');
    await expect(page.locator('[data-change="gained"]')).toHaveCount(0);
    // Then the map is the map again (nothing there is shaped by an allow rule).
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 400 } });
    await expect(app.edge('shop/api', 'monitoring/prometheus')).toHaveCount(0);
  });

  test('Online Boutique (np-guard’s manifests) reads as a map', async ({ app, page }, testInfo) => {
    await app.goto();
    await app.waitForEvaluation();
    await app.openFiles([{ name: 'onlineboutique.yaml', text: onlineBoutique() }]);
    await page.getByTestId('import.replace').click();
    await expect(app.pod('default/checkoutservice')).toBeVisible();
    await app.waitForEvaluation();
    await app.waitForStillCanvas();
    const count = await app.edges.count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(60);
    await expectNoOverlap(page);
    expect(await smallestName(app)).toBeGreaterThanOrEqual(9);
    await page.screenshot({ path: testInfo.outputPath('map-online-boutique.png') });
  });

  test('typing a namespace with two pods, and merging a file, never overlaps anything', async ({
    app,
    page,
  }, testInfo) => {
    await app.goto();
    await app.waitForEditor();
    await app.waitForEvaluation();
    await openMicroservices(app);
    await app.editorEnd();
    await app.typeLines(
      [
        '---',
        'apiVersion: v1',
        'kind: Namespace',
        'metadata:',
        '  name: billing',
        '---',
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: invoicer',
        '  namespace: billing',
        '  labels:',
        '    app: invoicer',
        '---',
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: ledger',
        '  namespace: billing',
        '  labels:',
        '    app: ledger',
      ].join('\n'),
    );
    await expect(app.pod('billing/ledger')).toBeVisible();
    await app.waitForEvaluation();
    await expectNoOverlap(page);

    // A merge adds a namespace with pods, and more pods to an existing frame.
    await app.openFiles([
      {
        name: 'more.yaml',
        text: [
          'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: db\n',
          ...['pg-0', 'pg-1', 'pg-2'].map(
            (name) =>
              `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: db\n  labels:\n    app: pg\n`,
          ),
          ...['audit', 'mailer'].map(
            (name) =>
              `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: shop\n  labels:\n    app: ${name}\n`,
          ),
        ].join('---\n'),
      },
    ]);
    await page.getByTestId('import.merge').click();
    await expect(app.pod('db/pg-2')).toBeVisible();
    await expect(app.pod('shop/mailer')).toBeVisible();
    await app.waitForEvaluation();
    await expectNoOverlap(page);
    await page.screenshot({ path: testInfo.outputPath('map-after-merge.png') });

    // Auto layout redoes everything, still without overlap, and fits the pods into view.
    await page.getByTestId('canvas.relayout').click();
    await app.waitForStillCanvas();
    await expectNoOverlap(page);
  });

  test('drawing: from a pod onto another pod’s body, onto a namespace frame, and by keyboard', async ({
    app,
    page,
  }) => {
    await app.goto();
    await app.waitForEvaluation();
    // Onto the middle of the target pod: the proposal opens.
    await app.connect('[data-pod="monitoring/prometheus"]', '[data-pod="shop/api"]');
    await expect(page.getByTestId('connect.dialog')).toBeVisible();
    await expect(page.getByTestId('connect.diff')).toContainText('name: allow-prometheus-to-api');
    await page.getByTestId('connect.cancel').click();

    // Onto a namespace frame (its title bar): a rule for every pod of it.
    await app.connect('[data-pod="monitoring/prometheus"]', '[data-namespace="data"]', { x: 60, y: 16 });
    await expect(page.getByTestId('connect.dialog')).toContainText('every pod of data');
    await page.getByTestId('connect.cancel').click();

    // Keyboard: select the source, press C, click the target.
    await app.pod('monitoring/prometheus').click();
    await page.keyboard.press('c');
    await expect(page.getByTestId('canvas.connect-hint')).toBeVisible();
    await app.pod('data/postgres').click();
    await expect(page.getByTestId('connect.dialog')).toContainText('monitoring/prometheus → data/postgres');
    await page.getByTestId('connect.apply').click();
    await expect(page.getByTestId('connect.dialog')).toHaveCount(0);
    // The new policy shows in the YAML pane, and the map now draws the connection.
    await expect(app.editorLines.filter({ hasText: 'allow-prometheus-to-postgres' }).first()).toBeVisible();
    await expect(app.edge('monitoring/prometheus', 'data/postgres')).toHaveAttribute(
      'data-verdict',
      'allowed',
    );
  });

  test('a large workspace is an overview until zoomed in; a pod box selects its pod', async ({
    app,
    page,
  }) => {
    test.setTimeout(120_000);
    await openGenerated(app, 300, 150);
    // Fitted, 300 pods are boxes drawn on one canvas, not nodes.
    await expect.poll(() => app.overviewBoxCount()).toBe(300);
    await expect(page.locator('.react-flow__node-pod')).toHaveCount(0);
    // Namespace bundles are drawn on one canvas layer under the frames, in their verdicts'
    // colours (none greyed once up to date).
    await expect(page.getByTestId('canvas.bundle-layer')).toHaveAttribute('data-bundles', /^[1-9]\d*$/);
    const colours = await bundleLayerColours(page);
    expect(colours.allowed + colours.blocked + colours.mixed).toBeGreaterThan(500);
    expect(colours.stale).toBe(0);
    // A picture of the overview draws them too, with their counts.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('canvas.svg').click(),
    ]);
    const svg = readFileSync(await download.path(), 'utf8');
    expect(svg.split('✓</tspan>').length - 1).toBeGreaterThan(0);
    // A click on a box selects the pod: its namespace is drawn in full, with its edges.
    const inNsZero = (await app.overviewBoxKeys()).filter((key) => key.startsWith('ns-0/')).length;
    expect(inNsZero).toBeGreaterThan(0);
    await app.clickOverviewBox('ns-0/svc-0');
    await expect(page.getByTestId('pod-details')).toBeVisible();
    await expect(app.pod('ns-0/svc-0')).toBeVisible();
    await expect
      .poll(async () => (await app.overviewBoxKeys()).some((key) => key.startsWith('ns-0/')))
      .toBe(false);
    await expect.poll(() => app.overviewBoxCount()).toBe(300 - inNsZero);
    // Of its bundles with the 29 other namespaces, those with no connection a policy allows
    // are left out and counted in the legend; the ones drawn carry policy-allowed traffic.
    const hidden = page.getByTestId('legend.hidden-unshaped');
    await expect(hidden).toHaveText(/^\d+ namespaces without policy-allowed traffic: not drawn$/);
    const hiddenCount = Number((await hidden.textContent())?.split(' ')[0]);
    expect(hiddenCount).toBeGreaterThan(12);
    expect(hiddenCount).toBeLessThanOrEqual(29);
    // Drawn on the overview's bundle layer: at most one each way per namespace left.
    const drawnBundles = Number(await page.getByTestId('canvas.bundle-layer').getAttribute('data-bundles'));
    expect(drawnBundles).toBeLessThanOrEqual(2 * (29 - hiddenCount));
    // Zoomed in, every pod in view is a full node again.
    const zoomIn = page.locator('.react-flow__controls-zoomin');
    await expect
      .poll(
        async () => {
          await zoomIn.click();
          return app.overviewBoxCount();
        },
        { timeout: 30_000 },
      )
      .toBe(0);
    await expect(page.locator('.react-flow__node-pod').first()).toBeVisible();
  });

  test('at scale, a key typed with a pod in focus leaves the namespace bundles whole for when it is let go', async ({
    app,
    page,
  }) => {
    test.setTimeout(120_000);
    await openGenerated(app, 300, 150);
    const layer = page.getByTestId('canvas.bundle-layer');
    await expect(layer).toHaveAttribute('data-bundles', /^[1-9]\d*$/);
    const whole = await layer.getAttribute('data-bundles');
    await app.clickOverviewBox('ns-0/svc-0');
    await expect(page.getByTestId('pod-details')).toBeVisible();
    // Its answer comes without bundle counts (the canvas draws the pod's connections); they follow.
    await app.typeLineAfter('"name":"svc-0"', '# typed with a pod in focus');
    await app.waitForEvaluation();
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await expect(page.getByTestId('pod-details')).toHaveCount(0);
    await expect(layer).toHaveAttribute('data-bundles', whole ?? '');
  });

  test('hundreds of namespaces far out: frames on the overview canvas, a click selects one, zooming in brings them back', async ({
    app,
    page,
  }) => {
    test.setTimeout(120_000);
    await openGenerated(app, 2100, 400);
    // Fitted, 210 frames are too small to read: drawn on the canvas with the pods' boxes,
    // none of them a node; the minimap and a saved picture still show them.
    const overview = page.getByTestId('canvas.overview');
    await expect(overview).toHaveAttribute('data-frame-count', '210');
    await expect(page.locator('.react-flow__node-namespace')).toHaveCount(0);
    await expect.poll(() => app.overviewBoxCount()).toBe(2100);
    // The service map's bundles run between those frames.
    await expect(page.getByTestId('canvas.bundle-layer')).toHaveAttribute('data-bundles', /^[1-9]\d*$/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('canvas.svg').click(),
    ]);
    const svg = readFileSync(await download.path(), 'utf8');
    expect(svg).toContain('>ns-209<');
    // Pointing at a frame names it; a click selects its namespace.
    await app.clickFarFrame('ns-100');
    await expect(page.getByTestId('namespace-details')).toContainText('ns-100');
    // Zoomed in, the frames in view are nodes again (and pods too, further in).
    const zoomIn = page.locator('.react-flow__controls-zoomin');
    await expect
      .poll(
        async () => {
          await zoomIn.click();
          return page.locator('.react-flow__node-namespace').count();
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    await expect(overview).toHaveAttribute('data-frame-count', '0');
  });
});
