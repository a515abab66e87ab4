import { describe, expect, it, vi } from 'vitest';
import { cellAllowed } from '../engine';
import type { AnalysisClient } from '../worker/client';
import { createTextReceiver, createTextSender } from '../worker/protocol';
import type { PostedRequest } from '../worker/protocol';
import type { TextChange } from '../yaml/textEdits';
import { createAnalyzer } from '../worker/createAnalyzer';
import { summarizeManifests } from '../yaml/importText';
import { createAppStore, DRAWN_LATER_PODS, PHASE_SHOWN_AFTER_MS, waitsForPause } from './appStore';
import type { AppStore } from './appStore';
import { DEMO_WORKSPACE } from '../recipes/demoWorkspace';
import { memoryStorage, WorkspaceLibrary } from './persistence';
import { saveWaits } from './autosave';
import { LESSONS } from '../recipes';
import * as layoutModule from './layout/computeLayout';

// The real layout, counted: a large answer is laid out in the task it came in (not mocked).
vi.mock('./layout/computeLayout', async (actual) => {
  const real = await actual<typeof layoutModule>();
  return { ...real, computeLayout: vi.fn(real.computeLayout) };
});
const laidOut = (pods: number) =>
  vi
    .mocked(layoutModule.computeLayout)
    .mock.calls.filter(([input]) => input.namespaces.reduce((n, ns) => n + ns.pods.length, 0) === pods)
    .length;

/** The real analyzer, run inline instead of in a worker (no mock: the worker runs the same object). */
function inlineClient(): AnalysisClient {
  const analyzer = createAnalyzer();
  return {
    analyze: (request) => Promise.resolve({ seq: request.seq, result: analyzer.analyze(request), millis: 0 }),
    summarize: (text) => Promise.resolve(summarizeManifests(text)),
    dispose: () => undefined,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
/** Lets every promise settled now run its callbacks (no timer fires). */
const microtasks = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

function verdict(store: ReturnType<typeof createAppStore>, from: string, to: string): string {
  const result = store.getState().evaluation.result;
  if (!result) return 'none';
  const i = result.keys.indexOf(from);
  const j = result.keys.indexOf(to);
  return cellAllowed(result.cells, i, j) ? 'allowed' : 'blocked';
}

/** A store as the page makes it: created, then started. */
/** A client that answers at once and records every text it was asked about. */
function countingClient(): { texts: string[]; counting: AnalysisClient } {
  const analyzer = createAnalyzer();
  const texts: string[] = [];
  const counting: AnalysisClient = {
    analyze: (request) => {
      texts.push(request.text);
      return Promise.resolve({ seq: request.seq, result: analyzer.analyze(request), millis: 0 });
    },
    dispose: () => undefined,
  };
  return { texts, counting };
}

function startedStore(deps: Parameters<typeof createAppStore>[0]): AppStore {
  const store = createAppStore(deps);
  store.getState().start();
  return store;
}

describe('app store', () => {
  it('parses the initial text and evaluates it', async () => {
    const store = startedStore({ client: inlineClient(), initialText: DEMO_WORKSPACE });
    await settle();
    expect(store.getState().parsed.workspace.pods.map((p) => p.key)).toContain('shop/api');
    expect(store.getState().evaluation.status).toEqual({ kind: 'done', millis: 0 });
    expect(verdict(store, 'shop/web', 'shop/api')).toBe('allowed');
    expect(verdict(store, 'monitoring/prometheus', 'shop/api')).toBe('blocked');
  });

  it('takes lint findings after the verdicts, keeping the last ones meanwhile', async () => {
    // As the worker does it: the result without lint, then the findings in a second message.
    const analyzer = createAnalyzer();
    const later: (() => void)[] = [];
    const twoStep: AnalysisClient = {
      analyze: (request, _onProgress, onLint) => {
        const analysis = analyzer.prepare(request);
        const result = analyzer.finish(request, analysis);
        later.push(() => onLint?.(analysis.lint()));
        return Promise.resolve({ seq: request.seq, result, millis: 0 });
      },
      dispose: () => undefined,
    };
    const unselecting = `${DEMO_WORKSPACE}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: selects-nothing, namespace: shop}
spec: {podSelector: {matchLabels: {app: nothing}}}
`;
    const store = startedStore({ client: twoStep, initialText: unselecting });
    const codes = () => store.getState().parsed.diagnostics.map((d) => d.code);
    await settle();
    expect(store.getState().parsed.lintPending).toBe(true);
    expect(codes()).not.toContain('NP001');
    later.shift()?.();
    expect(codes()).toContain('NP001');
    expect(store.getState().parsed.lintPending).toBe(false);
    // The next keystroke's answer keeps the last findings until its own arrive.
    store.getState().setText(`${unselecting}# typed\n`, 'editor');
    await settle();
    expect(store.getState().parsed.text).toContain('# typed');
    expect(codes().filter((c) => c === 'NP001')).toHaveLength(1);
    later.shift()?.();
    expect(codes().filter((c) => c === 'NP001')).toHaveLength(1);
  });

  it('draws the answer for a large opened text in a task after the one it came in, with lint that came first', async () => {
    const analyzer = createAnalyzer();
    const twoStep: AnalysisClient = {
      analyze: (request, _onProgress, onLint) => {
        const analysis = analyzer.prepare(request);
        const result = analyzer.finish(request, analysis);
        // The findings arrive before the answer is drawn.
        return Promise.resolve({ seq: request.seq, result, millis: 0 }).then((answer) => {
          onLint?.(analysis.lint());
          return answer;
        });
      },
      dispose: () => undefined,
    };
    const pods = Array.from(
      { length: DRAWN_LATER_PODS + 1 },
      (_, i) => `---\napiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: big, labels: {app: a}}\n`,
    ).join('');
    const unselecting = `${pods}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: selects-nothing, namespace: big}
spec: {podSelector: {matchLabels: {app: nothing}}}
`;
    const store = startedStore({ client: twoStep, initialText: DEMO_WORKSPACE });
    await settle();
    store.getState().setText(unselecting, 'import');
    // The answer has come (its promise and the lint's are settled) but is not drawn yet; it
    // is laid out already, in the task it came in.
    await microtasks();
    expect(store.getState().evaluation.status.kind).toBe('running');
    expect(store.getState().parsed.workspace.pods).not.toHaveLength(DRAWN_LATER_PODS + 1);
    expect(laidOut(DRAWN_LATER_PODS + 1)).toBe(1);
    await settle();
    expect(store.getState().evaluation.status.kind).toBe('done');
    expect(store.getState().parsed.workspace.pods).toHaveLength(DRAWN_LATER_PODS + 1);
    // Drawn with that layout, not laid out again.
    expect(laidOut(DRAWN_LATER_PODS + 1)).toBe(1);
    expect(store.getState().layout.pods[`big/p${DRAWN_LATER_PODS}`]).toBeDefined();
    // The findings that came before it are drawn with it, and none is awaited.
    expect(store.getState().parsed.diagnostics.map((d) => d.code)).toContain('NP001');
    expect(store.getState().parsed.lintPending).toBe(false);
    // A typed edit's answer is drawn in the task it came in.
    store.getState().applyEdits([{ start: 0, end: 0, text: '# typed\n' }], 'editor');
    await microtasks();
    expect(store.getState().parsed.text?.startsWith('# typed')).toBe(true);
  });

  it('drops an evaluation answer older than the latest request', async () => {
    const resolvers: (() => void)[] = [];
    const analyzer = createAnalyzer();
    const slow: AnalysisClient = {
      analyze: (request) =>
        new Promise((resolve) =>
          resolvers.push(() =>
            resolve({ seq: request.seq, result: analyzer.analyze(request), millis: request.seq }),
          ),
        ),
      dispose: () => undefined,
    };
    const store = startedStore({ client: slow, initialText: 'kind: Namespace\nmetadata:\n  name: a\n' });
    await settle();
    store.getState().setPort({ port: 80, protocol: 'TCP' });
    expect(resolvers).toHaveLength(2);
    resolvers[1]?.();
    await settle();
    resolvers[0]?.();
    await settle();
    expect(store.getState().evaluation.status).toEqual({ kind: 'done', millis: 2 });
  });

  it('runs canvas commands as text edits that keep comments', async () => {
    const store = startedStore({ client: inlineClient(), initialText: DEMO_WORKSPACE });
    const s = () => store.getState();
    await vi.waitFor(() => expect(s().parsed.text).toBe(s().text));
    expect(s().runCommand('addNamespace', { name: 'billing' })).toBe(true);
    // The change is published with its origin, as the exact edit the command made.
    expect(s().lastChange.origin).toBe('canvas');
    expect(s().lastChange.changes).toHaveLength(1);
    expect(s().text).toContain('name: billing');
    // Asked for before the worker has read the new text: they wait for it, and run in order.
    expect(
      s().runCommand('addPod', { namespace: 'billing', name: 'invoicer', labels: { app: 'invoicer' } }),
    ).toBe(true);
    expect(
      s().runCommand('setPodLabels', {
        podKey: 'shop/api',
        labels: { app: 'api', tier: 'backend', team: 'core' },
      }),
    ).toBe(true);
    expect(s().text).not.toContain('name: invoicer');
    await vi.waitFor(() =>
      expect(s().parsed.workspace.pods.find((p) => p.key === 'shop/api')?.labels).toMatchObject({
        team: 'core',
      }),
    );
    expect(s().text).toContain("# Only the shop's api may reach the database: one peer, namespace AND pod.");
    expect(s().parsed.workspace.namespaces.map((n) => n.name)).toContain('billing');
    const invoicer = s().parsed.workspace.pods.find((p) => p.key === 'billing/invoicer');
    expect(invoicer).toBeDefined();
    expect(s().runCommand('deleteObject', { documentIndex: invoicer?.source?.documentIndex ?? -1 })).toBe(
      true,
    );
    await vi.waitFor(() =>
      expect(s().parsed.workspace.pods.some((p) => p.key === 'billing/invoicer')).toBe(false),
    );
    expect(s().notice).toBeNull();
  });

  it('refuses an invalid command with a message and leaves the text alone', async () => {
    const store = startedStore({ client: inlineClient(), initialText: DEMO_WORKSPACE });
    const s = () => store.getState();
    await vi.waitFor(() => expect(s().parsed.text).toBe(s().text));
    const before = s().text;
    expect(s().runCommand('addNamespace', { name: 'Not Valid' })).toBe(false);
    expect(s().commandError).toMatch(/not a valid namespace name/);
    expect(s().text).toBe(before);
    // A command that waited for the worker and then refuses says so in a notice.
    s().setText(`${before}# typed\n`, 'editor');
    expect(s().runCommand('addNamespace', { name: 'Not Valid Either' })).toBe(true);
    await vi.waitFor(() => expect(s().notice).toMatch(/not a valid namespace name/));
    expect(s().text).toBe(`${before}# typed\n`);
  });

  it('autosaves and restores the text and selection from storage', () => {
    const storage = memoryStorage();
    const first = startedStore({ client: inlineClient(), initialText: DEMO_WORKSPACE, storage });
    first.getState().setText(`${DEMO_WORKSPACE}# edited\n`, 'editor');
    first.getState().selectPod('shop/api');
    // Written after a pause in typing, or at once when the page is hidden (flushSave).
    const early = startedStore({ client: inlineClient(), initialText: 'ignored', storage });
    expect(early.getState().text).toBe(DEMO_WORKSPACE);
    first.getState().flushSave();
    const second = startedStore({ client: inlineClient(), initialText: 'ignored', storage });
    expect(second.getState().text).toBe(`${DEMO_WORKSPACE}# edited\n`);
    expect(second.getState().selectedPod).toBe('shop/api');
  });

  it('autosaves after a pause in typing, and at least every two seconds while keys keep coming', () => {
    vi.useFakeTimers();
    try {
      const storage = memoryStorage();
      const store = startedStore({ client: inlineClient(), initialText: DEMO_WORKSPACE, storage });
      const saved = () => new WorkspaceLibrary(storage).load(store.getState().workspaceId);
      const savedText = () => {
        const loaded = saved();
        return loaded?.ok ? loaded.saved.text : null;
      };
      // A key every 300 ms: no pause of 400 ms, so the first save waits for the two seconds.
      for (let i = 1; i <= 6; i++) {
        store.getState().setText(`${DEMO_WORKSPACE}${'#'.repeat(i)}\n`, 'editor');
        vi.advanceTimersByTime(300);
      }
      expect(savedText()).toBe(DEMO_WORKSPACE);
      store.getState().setText(`${DEMO_WORKSPACE}#######\n`, 'editor');
      vi.advanceTimersByTime(200);
      expect(savedText()).toBe(`${DEMO_WORKSPACE}#######\n`);
      // Then a pause saves the last key.
      store.getState().setText(`${DEMO_WORKSPACE}# done\n`, 'editor');
      vi.advanceTimersByTime(399);
      expect(savedText()).toBe(`${DEMO_WORKSPACE}#######\n`);
      vi.advanceTimersByTime(1);
      expect(savedText()).toBe(`${DEMO_WORKSPACE}# done\n`);
    } finally {
      vi.useRealTimers();
    }
  });

  it('waits longer to autosave a text of megabytes (each save copies all of it)', () => {
    vi.useFakeTimers();
    try {
      const storage = memoryStorage();
      const big = `${DEMO_WORKSPACE}# ${'x'.repeat(3 * 1024 * 1024)}\n`;
      const store = startedStore({ client: inlineClient(), initialText: big, storage });
      const savedText = () => {
        const loaded = new WorkspaceLibrary(storage).load(store.getState().workspaceId);
        return loaded?.ok ? loaded.saved.text : null;
      };
      // About 3 MB: a pause of 1.2 s, and at least every 6 s while keys keep coming.
      const waits = saveWaits(400, big.length + 4);
      expect(Math.round(waits.pauseMs)).toBe(1201);
      expect(Math.round(waits.maxWaitMs)).toBe(6005);
      store.getState().setText(`${big}# a\n`, 'editor');
      vi.advanceTimersByTime(1000);
      expect(savedText()).toBe(big);
      vi.advanceTimersByTime(300);
      expect(savedText()).toBe(`${big}# a\n`);
      for (let i = 1; i <= 6; i++) {
        store.getState().setText(`${big}# ${'b'.repeat(i)}\n`, 'editor');
        vi.advanceTimersByTime(900);
      }
      // 5.4 s of keys without a pause of 1.2 s: not saved yet; then the sixth second saves.
      expect(savedText()).toBe(`${big}# a\n`);
      store.getState().setText(`${big}# ${'b'.repeat(7)}\n`, 'editor');
      vi.advanceTimersByTime(900);
      expect(savedText()).toBe(`${big}# ${'b'.repeat(7)}\n`);
      // Larger texts wait at most 2 s and 10 s; small ones as given.
      expect(saveWaits(400, 50_000_000)).toEqual({ pauseMs: 2000, maxWaitMs: 10_000 });
      expect(saveWaits(400, 1000)).toEqual({ pauseMs: 400, maxWaitMs: 2000 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('an edit not yet autosaved is kept when another workspace is opened', () => {
    const store = startedStore({ client: inlineClient(), initialText: DEMO_WORKSPACE });
    const s = () => store.getState();
    const demoId = s().workspaceId;
    s().setText(`${DEMO_WORKSPACE}# pending\n`, 'editor');
    s().newWorkspace('Scratch', 'kind: Namespace\nmetadata:\n  name: scratch\n');
    s().switchWorkspace(demoId);
    expect(s().text).toBe(`${DEMO_WORKSPACE}# pending\n`);
  });

  it('keeps named workspaces apart and can undo a delete', () => {
    const storage = memoryStorage();
    const store = startedStore({ client: inlineClient(), initialText: DEMO_WORKSPACE, storage });
    const s = () => store.getState();
    const demoId = s().workspaceId;
    s().newWorkspace('Scratch', 'kind: Namespace\nmetadata:\n  name: scratch\n');
    expect(s().workspaces.map((w) => w.name)).toEqual(['Demo workspace', 'Scratch']);
    s().switchWorkspace(demoId);
    expect(s().text).toBe(DEMO_WORKSPACE);
    s().duplicateWorkspace(demoId);
    expect(s().workspaces.map((w) => w.name)).toContain('Demo workspace copy');
    const copyId = s().workspaceId;
    s().renameWorkspace(copyId, 'Copy renamed');
    s().deleteWorkspace(copyId);
    expect(s().workspaces.map((w) => w.name)).toEqual(['Demo workspace', 'Scratch']);
    expect(s().deletedWorkspace?.entry.name).toBe('Copy renamed');
    s().undoDeleteWorkspace();
    expect(s().workspaces.map((w) => w.name)).toContain('Copy renamed');
    expect(s().text).toBe(DEMO_WORKSPACE);
  });

  it('asks before an import replaces a non-empty workspace, and merges on request', async () => {
    const store = startedStore({ client: inlineClient(), initialText: DEMO_WORKSPACE });
    const s = () => store.getState();
    s().offerImport('kind: Namespace\nmetadata:\n  name: imported\n', ['ns.yaml']);
    expect(s().pendingImport?.sources).toEqual(['ns.yaml']);
    await settle();
    expect(s().pendingImport?.summary).toEqual({ objects: 1, lists: 0, documents: 1 });
    s().resolveImport('merge');
    await settle();
    expect(s().text.startsWith(DEMO_WORKSPACE)).toBe(true);
    expect(s().parsed.workspace.namespaces.map((n) => n.name)).toContain('imported');
    s().offerImport('\u0000\u0001binary', ['photo.png']);
    await settle();
    expect(s().importError).toMatch(/photo.png looks like a binary file/);
    expect(s().parsed.workspace.namespaces.map((n) => n.name)).toContain('imported');
  });

  it('keeps the last good version of a document with a syntax error, flagged stale', async () => {
    const store = startedStore({
      client: inlineClient(),
      initialText: DEMO_WORKSPACE,
      parseDelayMs: 0,
    });
    const s = () => store.getState();
    await settle();
    const before = s().parsed.workspace.policies.length;
    const broken = DEMO_WORKSPACE.replace(
      '  name: allow-api-from-web\n',
      '  name: allow-api-from-web\n  : : [\n',
    );
    s().setText(broken, 'editor');
    await vi.waitFor(() => expect(s().parsed.text).toBe(broken));
    expect(s().parsed.diagnostics.some((d) => d.code === 'yaml-syntax')).toBe(true);
    expect(s().parsed.workspace.policies).toHaveLength(before);
    const staleDoc = s().parsed.workspace.policies.find((p) => p.name === 'allow-api-from-web')?.source
      ?.documentIndex;
    expect(s().parsed.staleDocuments).toEqual([staleDoc]);
    expect(verdict(store, 'shop/web', 'shop/api')).toBe('allowed');
  });

  it('analyses a keystroke after a pause at once, and a burst of typing once it pauses', async () => {
    const { texts, counting } = countingClient();
    const store = startedStore({ client: counting, initialText: 'a: 1\n', parseDelayMs: 50 });
    await settle();
    expect(texts).toEqual(['a: 1\n']);
    store.getState().setText('a: 12\n', 'editor');
    expect(texts).toHaveLength(2);
    store.getState().setText('a: 123\n', 'editor');
    store.getState().setText('a: 1234\n', 'editor');
    expect(texts).toHaveLength(2);
    // Once typing pauses, the last text is analysed, and only it.
    await vi.waitFor(() => expect(texts).toHaveLength(3));
    expect(texts).toEqual(['a: 1\n', 'a: 12\n', 'a: 1234\n']);
  });

  it('analyses a keystroke at once when the answer to the one before is in, however soon it follows', async () => {
    const { texts, counting } = countingClient();
    // A debounce far longer than the test: every key below comes "during typing".
    const store = startedStore({ client: counting, initialText: 'a: 1\n', parseDelayMs: 60_000 });
    await settle();
    for (const text of ['a: 12\n', 'a: 123\n', 'a: 1234\n']) {
      store.getState().setText(text, 'editor');
      expect(texts.at(-1)).toBe(text);
      await vi.waitFor(() => expect(store.getState().parsed.text).toBe(text));
    }
    expect(texts).toHaveLength(4);
  });

  it.each([
    ['after a pause', 500, false, 0, false],
    ['in a burst, the last answer in and cheap to draw', 40, false, 60, false],
    ['in a burst, an answer on its way', 40, true, 60, true],
    ['in a burst, the last answer costly to draw (a large workspace)', 40, false, 400, true],
    ['after a pause, whatever the last answer cost', 500, true, 400, false],
  ])(
    'a keystroke %s waits for a pause: %s ms, pending %s, cost %s -> %s',
    (_case, since, pending, cost, waits) => {
      expect(
        waitsForPause({
          sinceLastEdit: since,
          answerPending: pending,
          lastAnswerCost: cost,
          parseDelayMs: 150,
        }),
      ).toBe(waits);
    },
  );
});

describe('share links in the store', () => {
  const lesson = LESSONS[0];
  if (!lesson) throw new Error('no lesson');

  it.each([
    [-4, 1],
    ['x', 1],
    [2.5, 1],
    [99, lesson.steps.length],
  ])('a lesson step of %j opens at step %i with a notice', (asked, shown) => {
    const store = startedStore({ client: inlineClient(), initialText: DEMO_WORKSPACE });
    store.getState().openShared({ text: 'a: 1\n', lesson: { id: lesson.id, step: asked as number } }, lesson);
    expect(store.getState().lesson?.step).toBe(shown - 1);
    expect(store.getState().notice).toContain(`it opens at step ${shown}`);
    expect(store.getState().text).toBe('a: 1\n');
  });

  it('a valid step opens with no notice; an unknown lesson opens the workspace and says so', () => {
    const store = startedStore({ client: inlineClient(), initialText: DEMO_WORKSPACE });
    store.getState().openShared({ text: 'a: 1\n', lesson: { id: lesson.id, step: 1 } }, lesson);
    expect([store.getState().lesson?.step, store.getState().notice]).toEqual([1, null]);
    store.getState().openShared({ text: 'b: 2\n', lesson: { id: 'gone', step: 0 } }, undefined);
    expect(store.getState().text).toBe('b: 2\n');
    expect(store.getState().notice).toContain('names a lesson this version does not have (“gone”)');
  });
});

describe('bundle counts', () => {
  it('come after the answer while the canvas draws no bundles, and are drawn from there when it does', async () => {
    const analyzer = createAnalyzer();
    const requests: string[] = [];
    const client: AnalysisClient = {
      analyze: (request, _onProgress, _onLint, onBundles) => {
        requests.push(request.bundles ?? 'now');
        const full = analyzer.analyze({ ...request, bundles: undefined });
        const { bundles, ...matrix } = full.matrix;
        if (request.bundles !== 'later')
          return Promise.resolve({ seq: request.seq, result: full, millis: 1 });
        setTimeout(() => bundles && onBundles?.(bundles), 0);
        return Promise.resolve({ seq: request.seq, result: { ...full, matrix }, millis: 1 });
      },
      dispose: () => undefined,
    };
    const store = startedStore({ client, initialText: DEMO_WORKSPACE, parseDelayMs: 0 });
    await settle();
    expect(store.getState().evaluation.result?.bundles).toBeDefined();
    store.getState().setBundlesDrawn(false);
    store.getState().setText(`${DEMO_WORKSPACE}# more\n`, 'editor');
    await settle();
    await settle();
    const answered = store.getState().evaluation.result;
    expect(requests).toEqual(['now', 'later']);
    // Kept aside: the answer drawn is not replaced when they come.
    expect(answered?.bundles).toBeUndefined();
    store.getState().setBundlesDrawn(true);
    expect(store.getState().evaluation.result?.bundles?.allowed.some((n) => n > 0)).toBe(true);
    expect(store.getState().evaluation.result?.cells).toBe(answered?.cells);
    // Nothing asked again: they had come.
    expect(requests).toEqual(['now', 'later']);
  });
});

describe('evaluation status', () => {
  it('shows the phase of a run that takes a while, not of a quick one', async () => {
    vi.useFakeTimers();
    try {
      const analyzer = createAnalyzer();
      /** Answers when told; reports both phases at once, as the worker does. */
      let answer: () => void = () => undefined;
      const client: AnalysisClient = {
        analyze: (request, onProgress) =>
          new Promise((resolve) => {
            onProgress?.('parsing');
            onProgress?.('evaluating');
            answer = () => resolve({ seq: request.seq, result: analyzer.analyze(request), millis: 1 });
          }),
        dispose: () => undefined,
      };
      const store = startedStore({ client, initialText: DEMO_WORKSPACE, parseDelayMs: 0 });
      const phases: unknown[] = [];
      store.subscribe((s) => {
        if (s.evaluation.status.kind === 'running' && s.evaluation.status.progress)
          phases.push(s.evaluation.status.progress);
      });
      // Answered before the phase would show: no phase, no redraw for it.
      await vi.advanceTimersByTimeAsync(PHASE_SHOWN_AFTER_MS - 50);
      answer();
      await vi.advanceTimersByTimeAsync(PHASE_SHOWN_AFTER_MS);
      expect(store.getState().evaluation.status.kind).toBe('done');
      expect(phases).toEqual([]);
      // A run that takes longer shows where it is.
      store.getState().setText(`${DEMO_WORKSPACE}# more\n`, 'editor');
      await vi.advanceTimersByTimeAsync(PHASE_SHOWN_AFTER_MS + 10);
      expect(store.getState().evaluation.status).toEqual({ kind: 'running', progress: 'evaluating' });
      answer();
      await vi.advanceTimersByTimeAsync(1);
      expect(store.getState().evaluation.status.kind).toBe('done');
    } finally {
      vi.useRealTimers();
    }
  });

  it('is running while a request is in flight, then done, or failed with the message', async () => {
    let fail = false;
    const analyzer = createAnalyzer();
    const flaky: AnalysisClient = {
      analyze: (request) =>
        fail
          ? Promise.reject(new Error('The evaluation worker stopped (boom).'))
          : Promise.resolve({ seq: request.seq, result: analyzer.analyze(request), millis: 3 }),
      dispose: () => undefined,
    };
    const store = startedStore({ client: flaky, initialText: DEMO_WORKSPACE, parseDelayMs: 0 });
    expect(store.getState().evaluation.status).toEqual({ kind: 'running', progress: null });
    await settle();
    expect(store.getState().evaluation.status).toEqual({ kind: 'done', millis: 3 });
    fail = true;
    store.getState().setText(`${DEMO_WORKSPACE}# more\n`, 'editor');
    expect(store.getState().evaluation.status.kind).toBe('running');
    await settle();
    expect(store.getState().evaluation.status).toEqual({
      kind: 'failed',
      message: 'The evaluation worker stopped (boom).',
    });
    // The last table stays: the canvas keeps showing it.
    expect(store.getState().evaluation.result).not.toBeNull();
    fail = false;
    store.getState().retryEvaluation();
    await settle();
    expect(store.getState().evaluation.status).toEqual({ kind: 'done', millis: 3 });
  });
});

describe('the text on the wire', () => {
  it('goes as the edits the store made (no comparison of the texts), and the worker rebuilds every text', async () => {
    const analyzer = createAnalyzer();
    const posted: PostedRequest[] = [];
    const hinted: boolean[] = [];
    const receive = createTextReceiver();
    const send = createTextSender((request) => posted.push(request));
    const received: string[] = [];
    const wire: AnalysisClient = {
      analyze: (request) => {
        hinted.push(request.kept !== undefined);
        send(request);
        const back = receive(posted.at(-1)!);
        if (back.type !== 'analyze') throw new Error('not an analysis');
        received.push(back.text);
        return Promise.resolve({ seq: request.seq, result: analyzer.analyze(back), millis: 0 });
      },
      dispose: () => undefined,
    };
    const store = startedStore({ client: wire, initialText: DEMO_WORKSPACE, parseDelayMs: 0 });
    await settle();
    const at = store.getState().text.indexOf('name: prometheus');
    const expected: string[] = [];
    const edit = (changes: TextChange[]) => {
      store.getState().applyEdits(changes, 'editor');
      expected.push(store.getState().text);
    };
    edit([{ start: at, end: at, text: '# a\n' }]);
    // Two changes in one event, given from the end of the text to its start.
    edit([
      { start: at + 20, end: at + 25, text: 'xyz' },
      { start: 3, end: 3, text: '#' },
    ]);
    edit([{ start: 0, end: 4, text: '' }]);
    store.getState().setText(`${store.getState().text}# end\n`, 'import');
    expected.push(store.getState().text);
    await settle();
    expect(received.slice(1)).toEqual(expected.filter((t) => received.includes(t)));
    expect(received.at(-1)).toBe(store.getState().text);
    // Each typed change came with what it kept; none of that crossed to the worker.
    expect(hinted.slice(1, 4)).toEqual([true, true, true]);
    expect(posted.every((p) => !('kept' in p))).toBe(true);
    expect(posted.slice(1).every((p) => 'edit' in p || 'sameText' in p)).toBe(true);
  });
});
