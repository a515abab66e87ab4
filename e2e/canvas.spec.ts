import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { expect, test } from './fixtures/appPage';
import type { AppPage } from './fixtures/appPage';

type Verdicts = Record<string, 'allowed' | 'blocked'>;

async function expectVerdicts(app: AppPage, verdicts: Verdicts): Promise<void> {
  for (const [pair, verdict] of Object.entries(verdicts)) {
    const [from = '', to = ''] = pair.split(' -> ');
    await expect(app.edge(from, to), pair).toHaveAttribute('data-verdict', verdict);
  }
}

test.describe('canvas', () => {
  test('draws a scenario from an empty workspace using only the canvas', async ({ app, page }) => {
    await app.goto();
    await app.waitForEditor();
    await page.getByTestId('workspace.new').click();
    await expect(app.pod('shop/api')).toHaveCount(0);
    await app.showEveryPair();

    // Two namespaces, three pods.
    for (const ns of ['front', 'back']) {
      await page.getByTestId('canvas.add-namespace').click();
      await page.getByTestId('form.namespace.name').fill(ns);
      await page.getByTestId('form.namespace.submit').click();
      await expect(app.namespace(ns)).toBeVisible();
    }
    const addPod = async (namespace: string, name: string, ports = '') => {
      await page.getByTestId('canvas.add-pod').click();
      await page.getByTestId('form.pod.namespace').selectOption(namespace);
      await page.getByTestId('form.pod.name').fill(name);
      await page.getByTestId('form.pod.ports').fill(ports);
      await page.getByTestId('form.pod.submit').click();
      await expect(app.pod(`${namespace}/${name}`)).toBeVisible();
    };
    await addPod('front', 'web', 'http:80/TCP');
    await addPod('back', 'api', 'http:8080/TCP');
    await addPod('back', 'db', 'pg:5432/TCP');
    await page.keyboard.press('Escape');
    await app.waitForEvaluation();
    await expectVerdicts(app, {
      'front/web -> back/api': 'allowed',
      'front/web -> back/db': 'allowed',
      'back/api -> back/db': 'allowed',
    });

    // Default-deny ingress for back.
    await app.namespaceAction('back', 'denyIngress');
    await expectVerdicts(app, {
      'front/web -> back/api': 'blocked',
      'back/api -> back/db': 'blocked',
      'back/api -> front/web': 'allowed',
    });

    // DNS egress for front: web is now isolated for egress, DNS aside.
    await app.namespaceAction('front', 'allowDnsEgress');
    await expectVerdicts(app, { 'front/web -> back/api': 'blocked', 'back/api -> front/web': 'allowed' });

    // One allowed connection, drawn: web -> api on 8080/TCP.
    await app.connect('[data-pod="front/web"]', '[data-pod="back/api"]');
    await expect(page.getByTestId('connect.dialog')).toBeVisible();
    await page.getByTestId('connect.port').fill('8080/TCP');
    await expect(page.getByTestId('connect.diff')).toContainText('kubernetes.io/metadata.name: front');
    await page.getByTestId('connect.apply').click();
    await expectVerdicts(app, {
      'front/web -> back/api': 'allowed',
      'front/web -> back/db': 'blocked',
      'back/db -> back/api': 'blocked',
    });

    const yaml = await app.exported('file.export');
    const objects = parseAllDocuments(yaml).map(
      (d) => d.toJS() as { kind: string; metadata: { name: string; namespace?: string }; spec?: unknown },
    );
    const policies = objects
      .filter((o) => o.kind === 'NetworkPolicy')
      .map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
    expect(policies).toEqual([
      'back/default-deny-ingress',
      'front/allow-dns-egress',
      'back/allow-web-to-api',
      'front/allow-web-to-api',
    ]);
    const ingress = objects.find(
      (o) => o.metadata.namespace === 'back' && o.metadata.name === 'allow-web-to-api',
    );
    expect(ingress?.spec).toEqual({
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'front' } },
              podSelector: { matchLabels: { app: 'web' } },
            },
          ],
          ports: [{ protocol: 'TCP', port: 8080 }],
        },
      ],
    });
  });

  test('clicking a blocked edge names the isolating policy', async ({ app, page }) => {
    await app.goto();
    await app.waitForEvaluation();
    await app.showEveryPair();
    await app.clickEdge('monitoring/prometheus', 'shop/api');
    const explanation = page.getByTestId('explanation');
    await expect(explanation.getByTestId('explanation.verdict')).toContainText('Blocked');
    await expect(explanation.getByTestId('explanation.ingress')).toContainText(
      'Isolated by shop/default-deny-ingress, shop/allow-api-from-web',
    );
    await expect(explanation.getByTestId('explanation.ingress')).toContainText(
      'No rule of these policies admits this connection',
    );
    await expect(explanation.getByTestId('explanation.egress')).toContainText('Not isolated');
  });

  test('an allowed edge names the rule, peer and port that admit it, linked to the YAML', async ({
    app,
    page,
  }) => {
    await app.goto();
    await app.waitForEditor();
    await app.waitForEvaluation();
    await app.clickEdge('shop/api', 'data/postgres');
    const ingress = page.getByTestId('explanation.ingress');
    await expect(ingress).toContainText(
      'Admitted by data/allow-db-from-shop-api ingress[0] · from[0] · ports[0]',
    );
    await ingress.getByRole('button', { name: 'data/allow-db-from-shop-api ingress[0]' }).click();
    await expect(page.locator('[data-testid="editor.monaco"] .selected-text').first()).toBeVisible();
  });

  test('the matrix agrees with netpol matrix on the same workspace', async ({ app, page }) => {
    await app.goto();
    await app.waitForEvaluation();
    const yaml = await app.exported('file.export');
    await page.getByTestId('tab.matrix').click();
    await expect(
      page.locator('[data-cell-from="monitoring/prometheus"][data-cell-to="shop/api"]'),
    ).toHaveAttribute('data-verdict', 'blocked');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('matrix.export.json').click(),
    ]);
    const fromUi = JSON.parse(
      await import('node:fs/promises').then((fs) => download.path().then((p) => fs.readFile(p, 'utf8'))),
    ) as unknown;
    const dir = mkdtempSync(path.join(tmpdir(), 'netpol-'));
    writeFileSync(path.join(dir, 'workspace.yaml'), yaml);
    const fromCli = JSON.parse(
      execFileSync(
        'node',
        ['bin/netpol.mjs', 'matrix', path.join(dir, 'workspace.yaml'), '--format', 'json'],
        { encoding: 'utf8' },
      ),
    ) as unknown;
    expect(fromUi).toEqual(fromCli);
    // A cell explains itself too.
    await page.locator('[data-cell-from="shop/web"][data-cell-to="data/postgres"]').click();
    await expect(page.getByTestId('explanation.verdict')).toContainText('Blocked');
  });

  test('a long policy list makes its first hundred rows, and the rest as it is scrolled to', async ({
    app,
    page,
  }) => {
    const docs = Array.from(
      { length: 150 },
      (_, i) =>
        `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: pol-${String(i).padStart(3, '0')}\n  namespace: bulk\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]`,
    );
    await app.goto();
    await app.waitForEvaluation();
    await app.openFiles([{ name: 'policies.yaml', text: docs.join('\n---\n') }]);
    await page.getByTestId('import.replace').click();
    await app.waitForEvaluation();
    const rows = page.getByTestId('policy-list').locator('[data-policy]');
    await expect(rows).toHaveCount(100);
    const more = page.getByTestId('policy-list.more');
    await expect(more).toHaveText('50 more policies');
    // Scrolling the panel to its end brings the rest.
    const side = await page.getByTestId('side-panel').boundingBox();
    if (!side) throw new Error('no side panel');
    await page.mouse.move(side.x + side.width / 2, side.y + side.height / 2);
    await expect
      .poll(async () => {
        await page.mouse.wheel(0, 2000);
        return rows.count();
      })
      .toBe(150);
    await expect(more).toHaveCount(0);
    await page.locator('[data-policy="bulk/pol-149"]').click();
    await expect(page.getByTestId('policy-details')).toContainText('pol-149');
  });

  test('selecting a policy highlights its pods and peers and opens its diagram', async ({
    app,
    page,
  }, testInfo) => {
    await app.goto();
    await app.waitForEvaluation();
    await page.locator('[data-policy="shop/allow-api-from-web"]').click();
    await expect(page.getByTestId('policy-details')).toContainText('Applies to (1)');
    await expect(app.pod('shop/api').locator('.pod-node')).toHaveClass(/emphasis-target/);
    await expect(app.pod('shop/web').locator('.pod-node')).toHaveClass(/emphasis-peer/);
    await expect(app.pod('data/postgres').locator('.pod-node')).toHaveClass(/emphasis-dimmed/);
    await page.getByTestId('policy.view').click();
    await expect(page.locator('.diagram-box.tone-target')).toContainText('shop/api');
    await expect(page.locator('.diagram-box.tone-peer')).toContainText('pods app=web in shop');
    await app.waitForStillCanvas();
    await page.screenshot({ path: testInfo.outputPath('policy-view.png') });
    await page.screenshot({ path: 'e2e-artifacts/policy-view.png' });
    await page.getByTestId('policy-diagram.back').click();
    await expect(app.pod('shop/api')).toBeVisible();
  });

  test('the port picker changes what the colours mean', async ({ app, page }) => {
    await app.goto();
    await app.waitForEvaluation();
    await app.showEveryPair();
    await expect(app.edge('shop/web', 'shop/api')).toHaveAttribute('data-verdict', 'allowed');
    await page.getByTestId('legend.port').fill('80/TCP');
    await page.getByTestId('legend.port').press('Enter');
    await expect(app.edge('shop/web', 'shop/api')).toHaveAttribute('data-verdict', 'blocked');
    await expect(app.edge('shop/api', 'shop/web')).toHaveAttribute('data-verdict', 'allowed');
    await page.getByTestId('legend.port').fill('http-api/TCP');
    await page.getByTestId('legend.port').press('Enter');
    await expect(app.edge('shop/web', 'shop/api')).toHaveAttribute('data-verdict', 'allowed');
  });

  test('bundles, collapsed namespaces and the outside node', async ({ app, page }) => {
    await app.goto();
    await app.waitForEvaluation();
    await app.showEveryPair();
    await expect(page.locator('[data-external="198.51.100.10"]')).toBeVisible();
    await expect(app.edge('198.51.100.10', 'shop/web')).toHaveAttribute('data-verdict', 'allowed');
    await expect(app.edge('198.51.100.10', 'shop/api')).toHaveAttribute('data-verdict', 'blocked');
    await page.getByTestId('legend.mode').selectOption('bundles');
    const bundle = page.locator('[data-bundle-from="monitoring"][data-bundle-to="shop"]');
    await expect(bundle).toHaveAttribute('data-verdict', 'mixed');
    await expect(bundle).toHaveAttribute('data-allowed', '1');
    await expect(bundle).toHaveAttribute('data-blocked', '1');
    await page.getByTestId('legend.mode').selectOption('all');
    await page.getByTestId('ns.toggle.shop').click();
    await expect(app.pod('shop/web')).toHaveCount(0);
    await expect(page.locator('[data-bundle-from="shop"][data-bundle-to="data/postgres"]')).toHaveAttribute(
      'data-verdict',
      'mixed',
    );
  });

  test('at scale the view moves once, without an animation: to fit a file opened, to a pod chosen in the YAML', async ({
    app,
    page,
  }) => {
    await app.goto();
    await app.waitForEvaluation();
    await expect(page.locator('.react-flow')).toHaveAttribute('data-fit', 'done');
    // Every move of the view (its transform), from now on.
    await page.evaluate(() => {
      const w = window as unknown as { __moves: string[] };
      w.__moves = [];
      const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
      if (!viewport) throw new Error('no viewport');
      new MutationObserver(() => w.__moves.push(viewport.style.transform)).observe(viewport, {
        attributes: true,
        attributeFilter: ['style'],
      });
    });
    /** The views shown since the last call, thirty frames on (an animation moves it at every frame). */
    const viewsShown = async () => {
      await page.evaluate(
        () =>
          new Promise<void>((resolve) => {
            let frames = 0;
            const next = () => (++frames >= 30 ? resolve() : requestAnimationFrame(next));
            requestAnimationFrame(next);
          }),
      );
      return page.evaluate(() => {
        const w = window as unknown as { __moves: string[] };
        const shown = new Set(w.__moves).size;
        w.__moves = [];
        return shown;
      });
    };
    // A hundred namespaces of ten pods: all new, and more than the demo's view holds.
    const text = Array.from({ length: 1000 }, (_, i) =>
      [
        '---',
        'apiVersion: v1',
        'kind: Pod',
        `metadata: {name: p${i}, namespace: team-${i % 100}, labels: {app: a${i % 3}}}`,
        'spec: {containers: [{name: c, image: x}]}',
        '',
      ].join('\n'),
    ).join('');
    await app.openFiles([{ name: 'teams.yaml', text }]);
    await page.getByTestId('import.replace').click();
    await expect(page.getByTestId('topbar.summary')).toContainText('1000 pods');
    await expect(page.locator('.react-flow')).toHaveAttribute('data-fit', 'done');
    expect(await viewsShown()).toBe(1);
    // Fitted, the hundred frames' titles are too small to read: they are drawn on the
    // overview canvas (farFrames.ts), the first and the last in view.
    await expect(page.getByTestId('canvas.overview')).toHaveAttribute('data-frame-count', '100');
    await expect(page.locator('.react-flow__node-namespace')).toHaveCount(0);
    await app.pointAtFarFrame('team-99');
    await app.pointAtFarFrame('team-0');
    // The cursor in a pod's document selects it, and the view jumps to it: two pods are
    // chosen here (the click into the editor lands in the first document, then the search
    // moves to p555), one view each (a glide showed seven).
    await app.findInEditor('name: p555,');
    await expect(app.pod('team-55/p555')).toBeInViewport();
    expect(await viewsShown()).toBeLessThanOrEqual(2);
  });

  test('a dragged frame keeps its place after an edit and a reload', async ({ app, page }) => {
    await app.goto();
    await app.waitForEvaluation();
    await app.showEveryPair();
    await app.waitForStillCanvas();
    const title = app.namespace('data').locator('.ns-title');
    const before = await title.boundingBox();
    if (!before) throw new Error('no frame');
    // Grab the title's right end ("1 pod"), where no edge crosses it.
    await page.mouse.move(before.x + before.width - 15, before.y + 10);
    await page.mouse.down();
    await page.mouse.move(before.x + before.width - 15, before.y + 130, { steps: 8 });
    await page.mouse.up();
    const moved = await title.boundingBox();
    expect(Math.round((moved?.y ?? 0) - before.y)).toBeGreaterThan(80);
    const frameTransform = () => app.namespace('data').evaluate((el) => (el as HTMLElement).style.transform);
    const placed = await frameTransform();
    await app.namespaceAction('monitoring', 'denyIngress');
    await expect(app.edge('shop/api', 'monitoring/prometheus')).toHaveAttribute('data-verdict', 'blocked');
    expect(await frameTransform()).toBe(placed);
    await page.reload();
    await app.waitForEvaluation();
    await expect.poll(frameTransform).toBe(placed);
  });

  test('keyboard: Escape clears the selection, Delete removes the selected pod, Ctrl+Z brings it back', async ({
    app,
    page,
  }) => {
    await app.goto();
    await app.waitForEditor();
    await app.waitForEvaluation();
    await app.pod('monitoring/prometheus').click();
    await expect(page.getByTestId('pod-details')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('pod-details')).toHaveCount(0);
    await app.pod('monitoring/prometheus').click();
    await page.keyboard.press('Delete');
    await expect(app.pod('monitoring/prometheus')).toHaveCount(0);
    await page.keyboard.press('Control+z');
    await expect(app.pod('monitoring/prometheus')).toBeVisible();
  });

  test('screenshots of the canvas in both themes', async ({ app, page }, testInfo) => {
    await app.goto();
    await app.waitForEditor();
    await app.waitForEvaluation();
    // The service map: selecting api draws all its connections, blocked ones too.
    await app.pod('shop/api').click();
    await app.clickEdge('monitoring/prometheus', 'shop/api');
    await expect(page.getByTestId('explanation.verdict')).toContainText('Blocked');
    await app.waitForStillCanvas();
    await page.screenshot({ path: testInfo.outputPath('canvas-light.png') });
    await page.screenshot({ path: 'e2e-artifacts/canvas-light.png' });
    await page.getByTestId('theme.toggle').click();
    await expect(page.getByTestId('app')).toHaveAttribute('data-theme', 'dark');
    await expect(page.locator('.react-flow.dark')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('canvas-dark.png') });
    await page.screenshot({ path: 'e2e-artifacts/canvas-dark.png' });
  });
});
