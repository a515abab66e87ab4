import { expect, test } from './fixtures/appPage';

/** Admin tiers on the canvas: which tier decided an edge, the cluster policies, the explanation, the quick action. */
test.describe('admin tiers', () => {
  test('an admin Deny is marked on its edge, listed with its priority, and explained tier by tier', async ({
    app,
    page,
  }) => {
    await page.goto('/?recipe=admin-deny-namespace-cannot-override');
    await app.waitForEvaluation();
    await app.showEveryPair();
    const denied = app.edge('shop/web', 'sensitive/vault');
    await expect(denied).toHaveAttribute('data-verdict', 'blocked');
    await expect(denied).toHaveAttribute('data-tier', 'admin');
    await expect(app.edge('monitoring/prometheus', 'sensitive/vault')).toHaveAttribute('data-tier', 'admin');
    // Not selected by the admin policy in that direction: decided by NetworkPolicy (none), no mark.
    await expect(app.edge('sensitive/vault', 'shop/web')).not.toHaveAttribute('data-tier', /.*/);
    await expect(page.locator('.tier-label.tier-admin', { hasText: 'admin' }).first()).toBeVisible();
    await expect(page.getByTestId('legend.tiers')).toBeVisible();
    await expect(page.getByTestId('topbar.summary')).toHaveText('3 pods · 1 policy · 1 cluster policy');
    await expect(page.getByTestId('admin-policy-list')).toContainText(
      'sensitive-only-from-monitoring admin priority 10 · 1 pod · ingress',
    );

    await app.clickEdge('shop/web', 'sensitive/vault');
    const ingress = page.getByTestId('explanation.ingress');
    await expect(ingress).toContainText(
      'Admin: sensitive-only-from-monitoring ingress[1] “deny-everyone-else” (Deny) blocks it; NetworkPolicies and the baseline are not consulted.',
    );
    // The namespace's own allow-all is never reached: the walk stops at the admin tier.
    await expect(ingress.locator('[data-tier-step]')).toHaveCount(1);
  });

  test('an admin policy selected in the list: its rules in order, its pods lit, its diagram', async ({
    app,
    page,
  }) => {
    await page.goto('/?recipe=admin-deny-namespace-cannot-override');
    await app.waitForEvaluation();
    await page.locator('[data-admin-policy="AdminNetworkPolicy/sensitive-only-from-monitoring"]').click();
    const details = page.getByTestId('admin-policy-details');
    await expect(details).toContainText('priority 10: decided before NetworkPolicies');
    await expect(details.locator('[data-admin-rule]')).toHaveText([
      'Allow “allow-monitoring”: namespaces kubernetes.io/metadata.name=monitoring · all portsnow: monitoring/prometheus',
      'Deny “deny-everyone-else”: namespaces <all> · all portsnow: sensitive/vault, monitoring/prometheus, shop/web',
    ]);
    await expect(app.pod('sensitive/vault').locator('.pod-node')).toHaveClass(/emphasis-target/);
    await expect(app.pod('shop/web').locator('.pod-node')).toHaveClass(/emphasis-peer/);
    await page.getByTestId('policy.view').click();
    const diagram = page.getByTestId('policy-diagram');
    await expect(diagram).toBeVisible();
    await expect(diagram.locator('[data-action="Allow"]')).toHaveCount(1);
    await expect(diagram.locator('[data-action="Deny"]')).toHaveCount(1);
    await expect(diagram).toContainText('priority 10: 1 selected pod');
    await page.getByTestId('policy-diagram.back').click();
    await expect(app.pod('sensitive/vault')).toBeVisible();
  });

  test('the baseline decides where no NetworkPolicy isolates the pod', async ({ app, page }) => {
    await page.goto('/?recipe=baseline-default-deny');
    await app.waitForEvaluation();
    await app.showEveryPair();
    await expect(app.edge('shop/api', 'shop/db')).toHaveAttribute('data-tier', 'baseline');
    await expect(app.edge('shop/web', 'shop/api')).not.toHaveAttribute('data-tier', /.*/);
    await app.clickEdge('shop/api', 'shop/db');
    const ingress = page.getByTestId('explanation.ingress');
    await expect(ingress.locator('[data-tier-step]')).toHaveCount(2);
    await expect(ingress).toContainText('NetworkPolicy: Not isolated');
    await expect(ingress).toContainText('Baseline: default ingress[0] “default-deny” (Deny) blocks it.');
  });

  test('the quick action "only monitoring may reach it" adds an admin policy the namespace cannot override', async ({
    app,
    page,
  }) => {
    await app.goto();
    await app.waitForEditor();
    await app.waitForEvaluation();
    await app.showEveryPair();
    await expect(app.edge('shop/api', 'data/postgres')).toHaveAttribute('data-verdict', 'allowed');
    await app.namespace('data').locator('.ns-name').click();
    await page.getByTestId('ns.action.adminOnlyFromMonitoring').click();
    await expect(app.edge('shop/api', 'data/postgres')).toHaveAttribute('data-verdict', 'blocked');
    await expect(app.edge('shop/api', 'data/postgres')).toHaveAttribute('data-tier', 'admin');
    await expect(app.edge('monitoring/prometheus', 'data/postgres')).toHaveAttribute(
      'data-verdict',
      'allowed',
    );
    await expect(page.getByTestId('ns.action.adminOnlyFromMonitoring')).toBeDisabled();
    expect(await app.exported('file.export')).toContain('kind: AdminNetworkPolicy');
  });
});
