import { parseAllDocuments } from 'yaml';
import { expect, test } from './fixtures/appPage';
import { generateWorkspace, toManifestText } from '../bench/generateWorkspace';

const NEW_POLICY = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-monitoring-ingress
  namespace: monitoring
spec:
  podSelector: {}
`;

const KUBECTL_LIST = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Namespace
    metadata:
      name: payments
      uid: 4f1c
      resourceVersion: "1"
  - apiVersion: v1
    kind: Pod
    metadata:
      name: ledger
      namespace: payments
      labels:
        app: ledger
    spec:
      containers:
        - name: ledger
          image: example/ledger:1
    status:
      phase: Running
  - apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: ledger-deny
      namespace: payments
      uid: 77aa
      managedFields:
        - manager: kubectl
    spec:
      podSelector: {}
`;

test.describe('workspace', () => {
  test.beforeEach(async ({ app }) => {
    await app.goto();
    await app.waitForEditor();
    await app.waitForEvaluation();
  });

  test('every key typed in the YAML pane lands there, spaces included', async ({ app, page }) => {
    await app.typeLineAfter('name: prometheus', '# a b  c');
    await expect(app.editorLines.filter({ hasText: '# a b  c' })).toHaveCount(1);
    // Space did not reach the canvas either: the text is in the saved workspace.
    expect(await app.exported('file.export')).toContain('\n  # a b  c\n');
    await expect(page.getByTestId('topbar.status')).toHaveText('up to date');
  });

  test('typing a policy recolours the edges', async ({ app }) => {
    await app.showEveryPair();
    await expect(app.edge('shop/api', 'monitoring/prometheus')).toHaveAttribute('data-verdict', 'allowed');
    await app.editorEnd();
    await app.typeLines(NEW_POLICY);
    await expect(app.edge('shop/api', 'monitoring/prometheus')).toHaveAttribute('data-verdict', 'blocked');
    await expect(app.edge('monitoring/prometheus', 'shop/web')).toHaveAttribute('data-verdict', 'allowed');
  });

  test('a canvas gesture edits the YAML, keeps the user comment, and one Ctrl+Z undoes it', async ({
    app,
    page,
  }) => {
    await app.typeLineAfter('image: example/api:2.3', '# pinned until the 2.4 rollout');
    const before = await app.exported('file.export');
    expect(before).toContain('      image: example/api:2.3\n      # pinned until the 2.4 rollout\n');

    await app.pod('shop/api').click();
    await page.getByTestId('inspector.labels').fill('app=api, tier=backend, team=payments');
    await page.getByTestId('inspector.apply').click();
    await expect(app.pod('shop/api')).toContainText('team=payments');
    const after = await app.exported('file.export');
    expect(after).toContain('    tier: backend\n    team: payments\n');
    expect(after).toContain('# pinned until the 2.4 rollout');
    expect(after.replace('    team: payments\n', '')).toBe(before);

    await page.locator('.react-flow__pane').click();
    await page.keyboard.press('Control+z');
    await expect(app.pod('shop/api')).not.toContainText('team=payments');
    expect(await app.exported('file.export')).toBe(before);
    await page.keyboard.press('Control+Shift+z');
    await expect(app.pod('shop/api')).toContainText('team=payments');
  });

  test('adds a namespace and a pod from the canvas, and deletes the pod', async ({ app, page }) => {
    await page.getByTestId('canvas.add-namespace').click();
    await page.getByTestId('form.namespace.name').fill('billing');
    await page.getByTestId('form.namespace.submit').click();
    await expect(app.namespace('billing')).toBeVisible();
    await page.getByTestId('canvas.add-pod').click();
    await page.getByTestId('form.pod.namespace').selectOption('billing');
    await page.getByTestId('form.pod.name').fill('invoicer');
    await page.getByTestId('form.pod.submit').click();
    await expect(app.pod('billing/invoicer')).toBeVisible();
    expect(await app.exported('file.export')).toContain(
      'kind: Pod\nmetadata:\n  name: invoicer\n  namespace: billing\n',
    );
    await app.pod('billing/invoicer').click();
    await page.getByTestId('inspector.delete').click();
    await expect(app.pod('billing/invoicer')).toHaveCount(0);
    expect(await app.exported('file.export')).not.toContain('name: invoicer');
  });

  test('a syntax error keeps the last good canvas, flagged stale', async ({ app, page }) => {
    // Typed, so no auto-closed bracket: a nested mapping in a compact one is a syntax error.
    await app.typeLineAfter('name: allow-api-from-web', 'broken: value: more');
    await expect(page.getByTestId('canvas.stale')).toBeVisible();
    await expect(app.pod('shop/api')).toBeVisible();
    await expect(app.edge('shop/web', 'shop/api')).toHaveAttribute('data-verdict', 'allowed');
    await expect(page.getByTestId('diagnostics')).toContainText('yaml-syntax');
  });

  test('schema and lint markers appear on the lines they are about', async ({ app }) => {
    await app.editorEnd();
    // A misspelt field (schema) and a policy that selects no pod (lint NP001).
    await app.typeLines(
      `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: nobody\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels:\n      app: nothing-has-this\n  polcyTypes: [Ingress]\n`,
    );
    await expect
      .poll(async () => {
        const warnings = await app.squiggleCentres('warning');
        const errors = await app.squiggleCentres('error');
        const near = (ys: number[], y: number) => ys.some((v) => Math.abs(v - y) < 6);
        const schemaLine = await app.lineCentre('polcyTypes');
        const lintLine = await app.lineCentre('app: nothing-has-this');
        return near([...warnings, ...errors], schemaLine) && near(warnings, lintLine);
      })
      .toBe(true);
  });

  test('imports a kubectl List file and exports policies-only YAML that reads back', async ({
    app,
    page,
  }) => {
    await app.openFiles([{ name: 'cluster.yaml', text: KUBECTL_LIST }]);
    await expect(page.getByTestId('import.dialog')).toContainText('cluster.yaml');
    await page.getByTestId('import.replace').click();
    await expect(app.pod('payments/ledger')).toBeVisible();
    await expect(app.pod('shop/api')).toHaveCount(0);

    const exported = await app.exported('file.export-policies');
    const policies = parseAllDocuments(exported).map((d) => d.toJS() as unknown);
    expect(policies).toEqual([
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'ledger-deny', namespace: 'payments' },
        spec: { podSelector: {} },
      },
    ]);
  });

  test('Export policies leaves out a policy kubectl would refuse, and says which', async ({ app, page }) => {
    await app.openFiles([
      {
        name: 'bad.yaml',
        text: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: bad-port\n  namespace: shop\nspec:\n  podSelector: {}\n  ingress:\n    - ports:\n        - port: 0\n',
      },
    ]);
    await page.getByTestId('import.merge').click();
    await expect(page.getByTestId('diagnostics')).toContainText('must be between 1 and 65535');
    await app.waitForEvaluation();
    const exported = await app.exported('file.export-policies');
    const names = parseAllDocuments(exported).map(
      (d) => (d.toJS() as { metadata: { name: string } }).metadata.name,
    );
    expect(names).toContain('allow-api-from-web');
    expect(names).not.toContain('bad-port');
    await expect(page.getByTestId('file.notice')).toContainText(
      'Left out one policy that kubectl would refuse: shop/bad-port (invalid).',
    );
  });

  test('merges an import into the workspace when asked', async ({ app, page }) => {
    await app.openFiles([
      { name: 'ns.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: extra\n' },
    ]);
    await page.getByTestId('import.merge').click();
    await expect(app.namespace('extra')).toBeVisible();
    await expect(app.pod('shop/api')).toBeVisible();
  });

  test('refuses a binary file with a clear message and keeps the workspace', async ({ app, page }) => {
    await page.getByTestId('file.input').setInputFiles({
      name: 'photo.png',
      mimeType: 'image/png',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]),
    });
    await expect(page.getByTestId('import.error')).toContainText('photo.png looks like a binary file');
    await expect(app.pod('shop/api')).toBeVisible();
  });

  test('reload restores the text and the selection', async ({ app, page }) => {
    await app.typeLineAfter('name: prometheus', '# remember me');
    // Find selected prometheus and the canvas brought it close; as a person would, fit the view
    // to see postgres again, then click it (its title, not a row of prometheus's table).
    await app.waitForEvaluation();
    await page.locator('.react-flow__controls-fitview').click();
    await app.waitForStillCanvas();
    await app.pod('data/postgres').click();
    await expect(page.getByTestId('pod-details').locator('.side-title')).toHaveText('postgres');
    // Autosaved after a short pause: the selection is in the browser's storage.
    await expect
      .poll(async () =>
        Object.values(await app.saved()).some((v) => v.includes('"selectedPod":"data/postgres"')),
      )
      .toBe(true);
    await page.reload();
    await app.waitForEditor();
    await expect(page.getByTestId('pod-details').locator('.side-title')).toHaveText('postgres');
    expect(await app.exported('file.export')).toContain('# remember me');
  });

  test('named workspaces: new, switch back, delete with undo', async ({ app, page }) => {
    await page.getByTestId('workspace.new').click();
    await expect(app.pod('shop/api')).toHaveCount(0);
    await page.getByTestId('workspace.select').selectOption({ label: 'Demo workspace' });
    await expect(app.pod('shop/api')).toBeVisible();
    await page.getByTestId('workspace.delete').click();
    await expect(page.getByTestId('workspace.deleted')).toContainText('Demo workspace');
    await expect(app.pod('shop/api')).toHaveCount(0);
    await page.getByTestId('workspace.deleted').getByRole('button', { name: 'Undo' }).click();
    await expect(app.pod('shop/api')).toBeVisible();
  });

  test('selecting a pod highlights its YAML; the cursor in a document selects its pod', async ({
    app,
    page,
  }) => {
    await app.pod('data/postgres').click();
    await expect(page.locator('.yaml-selected-object').first()).toBeVisible();
    await app.findInEditor('name: prometheus');
    await expect(page.getByTestId('pod-details')).toContainText('prometheus');
    await expect(app.pod('monitoring/prometheus').locator('.pod-node.selected')).toBeVisible();
  });

  test('a large file arrives in the editor whole, a part at a time, with an undo history of its own', async ({
    app,
    page,
  }) => {
    await app.goto();
    await app.waitForEvaluation();
    // ~1.3 MB: a dozen parts of up to 128 Ki characters (textLoader.ts).
    const text = `${toManifestText(generateWorkspace({ pods: 3000, policies: 100, replicas: 1 }).objects)}# END-OF-FILE\n`;
    expect(text.length).toBeGreaterThan(1_100_000);
    await app.openFiles([{ name: 'large.yaml', text }]);
    await page.getByTestId('import.replace').click();
    await expect(page.getByTestId('topbar.summary')).toContainText('3000 pods', { timeout: 60_000 });
    await app.waitForEvaluation();
    // The end of the file is in the editor once it is no longer busy, and it takes keys.
    await expect(page.getByTestId('editor.monaco')).not.toHaveAttribute('aria-busy', 'true');
    await page.getByTestId('editor.monaco').click({ position: { x: 220, y: 40 } });
    await page.keyboard.press('Control+End');
    await expect(app.editorLines.filter({ hasText: '# END-OF-FILE' })).toHaveCount(1);
    await page.keyboard.type('# typed after opening');
    await expect.poll(() => app.exported('file.export')).toContain('# END-OF-FILE\n# typed after opening');
    // Undo takes back the typing, not the file: its history starts with the file.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Control+z');
    await expect.poll(() => app.exported('file.export')).not.toContain('# typed after opening');
    const exported = await app.exported('file.export');
    expect(exported).toContain('# END-OF-FILE');
    expect(exported.length).toBe(text.length);
  });

  test('a 10 MB file does not freeze the page', async ({ app, page }) => {
    const pods: string[] = [];
    const note = 'x'.repeat(9_000);
    // Tagged values (`!!str`) are read by the `yaml` package, not the fast reader for plain
    // documents, so the worker is busy for seconds: long enough to see the page answer meanwhile.
    for (let i = 0; pods.join('').length < 10 * 1024 * 1024; i++) {
      pods.push(
        `---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n  namespace: bulk\n  labels:\n    app: a${i % 50}\n  annotations:\n    note: !!str "${note}"\n`,
      );
    }
    await app.openFiles([{ name: 'big.yaml', text: pods.join('') }]);
    await page.getByTestId('import.replace').click();
    // While the worker parses and evaluates, the page keeps answering clicks: the form opens
    // before the evaluation is done (a page blocked by the parse would answer only after it).
    await page.getByTestId('canvas.add-namespace').click();
    await expect
      .poll(() =>
        page.evaluate(() => ({
          form: document.querySelector('[data-testid="form.namespace"]') !== null,
          status: document.querySelector('[data-testid="topbar.status"]')?.textContent,
        })),
      )
      .toEqual({ form: true, status: 'evaluating…' });
    // A thousand pods fit the view as an overview: the frame draws each pod as a plain box.
    await expect(page.locator('[data-testid="canvas.overview"]')).toBeVisible({ timeout: 60_000 });
    await expect.poll(() => app.overviewBoxCentre('bulk/p0')).not.toBeNull();
  });
});
