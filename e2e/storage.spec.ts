import { AppPage, expect, test } from './fixtures/appPage';

/** Opens the app in `app`'s page and in a second tab of the same browser; returns the second. */
async function openTwoTabs(app: AppPage): Promise<AppPage> {
  await app.goto();
  await app.waitForEditor();
  const other = new AppPage(await app.page.context().newPage());
  await other.goto();
  await other.waitForEditor();
  return other;
}

/** Nothing lost: tabs, damaged storage, large workspaces, the older saved format. */
test.describe('storage', () => {
  test('two tabs share one truth: edits typed in one then the other are all kept', async ({ app, page }) => {
    const other = await openTwoTabs(app);

    await page.bringToFront();
    await app.typeLineAfter('name: prometheus', '# TAB-A-EDIT');
    // The other tab takes up the saved text without a reload.
    await expect.poll(() => other.exported('file.export')).toContain('# TAB-A-EDIT');
    await other.page.bringToFront();
    await other.typeLineAfter('name: postgres', '# TAB-B-EDIT');
    await expect.poll(() => app.exported('file.export')).toContain('# TAB-B-EDIT');

    // A fresh tab shows both edits, and there is still one workspace.
    const third = new AppPage(await page.context().newPage());
    await third.goto();
    await third.waitForEditor();
    const text = await third.exported('file.export');
    expect(text).toContain('# TAB-A-EDIT');
    expect(text).toContain('# TAB-B-EDIT');
    await expect(third.page.getByTestId('workspace.select').locator('option')).toHaveCount(1);
  });

  test('a reload right after typing keeps every key, and writes a left page did not finish are replayed', async ({
    app,
    page,
  }) => {
    await app.goto();
    await app.waitForEditor();
    await app.waitForEvaluation();
    // Typed and reloaded at once: no pause for the autosave.
    await app.typeLineAfter('name: prometheus', '# TYPED-BEFORE-RELOAD');
    await page.reload();
    await app.waitForEditor();
    await expect.poll(() => app.exported('file.export')).toContain('# TYPED-BEFORE-RELOAD');

    // A page left while its IndexedDB write ran kept a copy (its journal): the next page
    // writes it, where the saved value is still the one it replaced, and removes the journal.
    const saved = await app.saved();
    const [recordKey, record] = Object.entries(saved).find(([key]) => key.includes(':workspace:')) ?? [];
    if (!recordKey || !record) throw new Error('no saved workspace');
    // A record: a line of JSON (the text's length in it), then the text.
    const head = JSON.parse(record.slice(0, record.indexOf('\n'))) as Record<string, unknown>;
    const text = record.slice(record.indexOf('\n') + 1);
    const withText = (t: string) => `${JSON.stringify({ ...head, length: t.length })}\n${t}`;
    const newer = withText(`${text}# FROM-THE-JOURNAL\n`);
    const staleNewer = withText(`${text}# NEVER-APPLIED\n`);
    await page.evaluate(
      ([key, before, value, stale]) => {
        localStorage.setItem('netpol-canvas-journal:left', JSON.stringify([[key, { before, value }]]));
        // Replaced something else than what is saved now: another tab wrote since, and wins.
        localStorage.setItem(
          'netpol-canvas-journal:older',
          JSON.stringify([[key, { before: 'something else', value: stale }]]),
        );
      },
      [recordKey, record, newer, staleNewer] as const,
    );
    await page.reload();
    await app.waitForEditor();
    await expect.poll(() => app.exported('file.export')).toContain('# FROM-THE-JOURNAL');
    expect(await app.exported('file.export')).not.toContain('# NEVER-APPLIED');
    expect(
      await page.evaluate(() =>
        Object.keys(localStorage).filter((k) => k.startsWith('netpol-canvas-journal:')),
      ),
    ).toEqual([]);
  });

  test('a damaged list of workspaces is rebuilt from what is saved, with a message', async ({
    app,
    page,
  }) => {
    await app.goto();
    await app.waitForEditor();
    await page.getByTestId('workspace.new').click();
    await app.openFiles([
      { name: 'ns.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kept\n' },
    ]);
    await expect(app.namespace('kept')).toBeVisible();
    await expect
      .poll(async () => Object.values(await app.saved()).some((v) => v.includes('name: kept')))
      .toBe(true);
    await app.overwriteSaved('netpol-canvas:workspaces', '[{"id":"');
    await page.reload();
    await expect(page.getByTestId('storage.notice')).toContainText(
      'The list of saved workspaces could not be read; it was rebuilt from the 2 workspaces found in storage.',
    );
    await expect(page.getByTestId('workspace.select').locator('option')).toHaveText([
      'Demo workspace',
      'Untitled',
    ]);
    await expect(app.namespace('kept')).toBeVisible();
    await page.getByTestId('storage.notice-dismiss').click();
    await expect(page.getByTestId('storage.notice')).toHaveCount(0);
  });

  test('an unreadable workspace opens with the text found in it and a message', async ({ app, page }) => {
    await app.goto();
    await app.waitForEditor();
    await app.typeLineAfter('name: prometheus', '# my notes');
    let record: [string, string] | undefined;
    await expect
      .poll(async () => {
        record = Object.entries(await app.saved()).find(([, v]) => v.includes('# my notes'));
        return record !== undefined;
      })
      .toBe(true);
    if (!record) throw new Error('not saved');
    const [key, value] = record;
    await app.overwriteSaved(key, value.slice(0, value.indexOf('# my notes') + '# my notes'.length));
    await page.reload();
    await expect(page.getByTestId('storage.notice')).toContainText(
      '“Demo workspace” could not be read (it is cut short): the text found in it is shown.',
    );
    expect(await app.exported('file.export')).toContain('# my notes');
    await expect(app.pod('shop/api')).toBeVisible();
    expect(Object.keys(await app.saved())).toContain(key.replace('workspace:', 'unreadable:'));
  });

  test('a workspace larger than localStorage holds is saved and comes back after a reload', async ({
    app,
    page,
  }) => {
    await app.goto();
    await app.waitForEditor();
    const note = 'x'.repeat(6_000);
    const pods = Array.from(
      { length: 1_100 },
      (_, i) =>
        `---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n  namespace: bulk\n  labels:\n    app: a${i % 20}\n  annotations:\n    note: "${note}"\n`,
    ).join('');
    expect(pods.length).toBeGreaterThan(6 * 1024 * 1024);
    await app.openFiles([{ name: 'big.yaml', text: pods }]);
    await page.getByTestId('import.replace').click();
    await expect(page.locator('[data-testid="canvas.overview"]')).toBeVisible({ timeout: 60_000 });
    await expect.poll(() => app.overviewBoxKeys()).toContain('bulk/p0');
    await expect
      .poll(async () => Object.values(await app.saved()).some((v) => v.includes('name: p1099')), {
        timeout: 30_000,
      })
      .toBe(true);
    await expect(page.getByTestId('storage.error')).toHaveCount(0);
    await page.reload();
    await expect.poll(() => app.overviewBoxKeys(), { timeout: 60_000 }).toContain('bulk/p1099');
  });

  test('a workspace of several megabytes is saved and sent to the other tab in parts, and comes back whole', async ({
    app,
    page,
  }) => {
    const other = await openTwoTabs(app);
    await page.bringToFront();
    const note = 'y'.repeat(9_000);
    const text = `${Array.from(
      { length: 300 },
      (_, i) =>
        `---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n  namespace: bulk\n  annotations:\n    note: "${note}"\n`,
    ).join('')}# LAST-LINE\n`;
    expect(text.length).toBeGreaterThan(2.5 * 1024 * 1024);
    await app.openFiles([{ name: 'parts.yaml', text }]);
    await page.getByTestId('import.replace').click();
    await expect(page.getByTestId('topbar.summary')).toContainText('300 pods', { timeout: 60_000 });
    // IndexedDB holds the record in parts (each written in a task of its own).
    await expect
      .poll(async () => Object.keys(await app.savedRaw()).filter((key) => key.includes('\u0000')).length, {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(3);
    // The other tab joined the parts it was sent: it shows the whole text without a reload.
    await expect(other.page.getByTestId('topbar.summary')).toContainText('300 pods', { timeout: 60_000 });
    expect(await other.exported('file.export')).toBe(text);
    // A fresh page reads the parts back as one text.
    await other.page.close();
    await page.reload();
    await expect(page.getByTestId('topbar.summary')).toContainText('300 pods', { timeout: 60_000 });
    expect(await app.exported('file.export')).toBe(text);
  });

  test('workspaces saved by an older version in localStorage are moved over', async ({ app, page }) => {
    await page.addInitScript(() => {
      if (sessionStorage.getItem('seeded')) return;
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('netpol-canvas:workspaces', JSON.stringify([{ id: 'old', name: 'From before' }]));
      localStorage.setItem('netpol-canvas:current', 'old');
      localStorage.setItem(
        'netpol-canvas:workspace:old',
        JSON.stringify({
          text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: legacy\n',
          selectedPod: null,
        }),
      );
    });
    await app.goto();
    await expect(app.namespace('legacy')).toBeVisible();
    await expect(page.getByTestId('workspace.select').locator('option')).toHaveText(['From before']);
    await expect.poll(async () => Object.keys(await app.saved())).toContain('netpol-canvas:workspace:old');
    expect(await page.evaluate(() => localStorage.getItem('netpol-canvas:workspace:old'))).toBeNull();
  });
});
