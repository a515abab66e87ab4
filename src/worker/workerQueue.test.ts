import { describe, expect, it, vi } from 'vitest';
import { DEMO_WORKSPACE } from '../recipes/demoWorkspace';
import { createAnalyzer } from './createAnalyzer';
import type { Analyzer } from './createAnalyzer';
import type { AnalyzeRequest, WorkerResponse } from './protocol';
import { createWorkerQueue } from './workerQueue';
import { createBundlesDecoder } from './bundlesWire';

function request(seq: number, text: string, ephemeral = false): AnalyzeRequest {
  return { type: 'analyze', seq, text, options: {}, port: 'any', enforced: true, ephemeral };
}

/** The real analyzer behind the real queue, tasks as in a worker; what it posts, in order. */
function queueOf(analyzer: Analyzer = createAnalyzer()) {
  const posted: WorkerResponse[] = [];
  const queue = createWorkerQueue({
    analyzer,
    post: (response) => posted.push(response),
    nextTask: () => new Promise((resolve) => setTimeout(resolve, 0)),
  });
  const summary = () =>
    posted.filter((r) => r.type !== 'progress').map((r) => `${r.type} ${'seq' in r ? r.seq : ''}`);
  return { queue, posted, summary };
}

describe('the worker queue', () => {
  it('answers a request with its phases, its result, then its lint findings', async () => {
    const { queue, posted, summary } = queueOf();
    queue.receive(request(1, DEMO_WORKSPACE));
    await queue.idle();
    expect(posted.filter((r) => r.type === 'progress').map((r) => r.type === 'progress' && r.phase)).toEqual([
      'parsing',
      'evaluating',
    ]);
    expect(summary()).toEqual(['result 1', 'lint 1']);
  });

  it('cancels text superseded while it waits or between its parse and its evaluation', async () => {
    const { queue, summary } = queueOf();
    queue.receive(request(1, DEMO_WORKSPACE));
    // 1 is parsing; 2 waits; 3 replaces 2 (cancelled at once), and 1 finds newer text after its parse.
    queue.receive(request(2, `${DEMO_WORKSPACE}# 2\n`));
    queue.receive(request(3, `${DEMO_WORKSPACE}# 3\n`));
    await queue.idle();
    expect(summary()).toEqual(['cancelled 2', 'cancelled 1', 'result 3', 'lint 3']);
  });

  it('runs baselines in order and never cancels them; newer text abandons an older lint', async () => {
    const { queue, summary } = queueOf();
    queue.receive(request(1, DEMO_WORKSPACE));
    queue.receive(request(-1, 'kind: Namespace\nmetadata:\n  name: a\n', true));
    queue.receive(request(-2, 'kind: Namespace\nmetadata:\n  name: b\n', true));
    await queue.idle();
    expect(summary()).toEqual(['result 1', 'lint 1', 'result -1', 'result -2']);
    // Text that arrives while 4's lint runs: 4's findings are dropped, 5 brings its own.
    queue.receive(request(4, DEMO_WORKSPACE));
    await new Promise((resolve) => setTimeout(resolve, 0));
    queue.receive(request(5, `${DEMO_WORKSPACE}# 5\n`));
    await queue.idle();
    expect(summary().slice(4)).toEqual(['result 4', 'result 5', 'lint 5']);
  });

  it('analyses newer text at once while the lint waits for a pause in the typing', async () => {
    const posted: WorkerResponse[] = [];
    const queue = createWorkerQueue({
      analyzer: createAnalyzer(),
      post: (response) => posted.push(response),
      nextTask: () => new Promise((resolve) => setTimeout(resolve, 0)),
      // Far longer than the test may take: only the newer text can end the wait.
      lintDelayMs: 600_000,
    });
    const results = () => posted.filter((r) => r.type === 'result').map((r) => r.seq);
    queue.receive(request(1, DEMO_WORKSPACE));
    await vi.waitFor(() => expect(results()).toEqual([1]));
    queue.receive(request(2, `${DEMO_WORKSPACE}# 2\n`));
    await vi.waitFor(() => expect(results()).toEqual([1, 2]));
    // 1's lint was abandoned; 2's waits for its pause.
    expect(posted.some((r) => r.type === 'lint')).toBe(false);
  });

  it('analyses text that comes in the task right after a result without waiting for the lint', async () => {
    const posted: WorkerResponse[] = [];
    const queue = createWorkerQueue({
      analyzer: createAnalyzer(),
      post: (response) => {
        posted.push(response);
        // The next key's text, in the first task after 1's answer.
        if (response.type === 'result' && response.seq === 1)
          setTimeout(() => queue.receive(request(2, `${DEMO_WORKSPACE}# 2\n`)), 0);
      },
      nextTask: () => new Promise((resolve) => setTimeout(resolve, 0)),
      lintDelayMs: 600_000,
    });
    queue.receive(request(1, DEMO_WORKSPACE));
    await vi.waitFor(() =>
      expect(posted.filter((r) => r.type === 'result').map((r) => r.seq)).toEqual([1, 2]),
    );
  });

  it('sends the bundle counts asked for later after the result, as they would have come with it', async () => {
    const { queue, posted, summary } = queueOf(createAnalyzer({ reuseSums: true }));
    queue.receive({ ...request(1, DEMO_WORKSPACE), bundles: 'later' });
    await queue.idle();
    expect(summary()).toEqual(['result 1', 'bundles 1', 'lint 1']);
    const result = posted.find((r) => r.type === 'result');
    const later = posted.find((r) => r.type === 'bundles');
    if (result?.type !== 'result' || later?.type !== 'bundles') throw new Error('no result or bundles');
    expect(result.result.matrix.bundles).toBeUndefined();
    const inline = createAnalyzer().analyze(request(1, DEMO_WORKSPACE)).matrix.bundles;
    expect(inline?.allowed.some((n) => n > 0)).toBe(true);
    expect(createBundlesDecoder()(later.bundles)).toEqual(inline);
    // Newer text before they are made: they are not made.
    queue.receive({ ...request(2, `${DEMO_WORKSPACE}# 2\n`), bundles: 'later' });
    queue.receive({ ...request(3, `${DEMO_WORKSPACE}# 3\n`), bundles: 'later' });
    await queue.idle();
    expect(summary().slice(3)).toEqual(['cancelled 2', 'result 3', 'bundles 3', 'lint 3']);
  });

  it('makes bundle counts asked for later only when the typing pauses, and none for text that a key replaced', async () => {
    const posted: WorkerResponse[] = [];
    const queue = createWorkerQueue({
      analyzer: createAnalyzer({ reuseSums: true }),
      post: (response) => {
        posted.push(response);
        // The next key's text, a moment after 1's answer (within the pause).
        if (response.type === 'result' && response.seq === 1)
          setTimeout(() => queue.receive({ ...request(2, `${DEMO_WORKSPACE}# 2\n`), bundles: 'later' }), 20);
      },
      nextTask: () => new Promise((resolve) => setTimeout(resolve, 0)),
      lintDelayMs: 1000,
    });
    queue.receive({ ...request(1, DEMO_WORKSPACE), bundles: 'later' });
    await vi.waitFor(() => expect(posted.some((r) => r.type === 'lint')).toBe(true), { timeout: 10_000 });
    await queue.idle();
    // 2 was analysed straight after 1's result; 1's counts were never made, 2's came after its pause.
    expect(posted.map((r) => `${r.type} ${r.seq}`).filter((s) => !s.startsWith('progress'))).toEqual([
      'result 1',
      'result 2',
      'bundles 2',
      'lint 2',
    ]);
  });

  it('reports an analyzer failure as an error for that request and goes on', async () => {
    const real = createAnalyzer();
    const failing: Analyzer = {
      ...real,
      prepare: (r) => {
        if (r.text === 'boom') throw new Error('analyzer broke');
        return real.prepare(r);
      },
    };
    const { queue, posted, summary } = queueOf(failing);
    queue.receive(request(1, 'boom'));
    await queue.idle();
    queue.receive(request(2, DEMO_WORKSPACE));
    await queue.idle();
    expect(summary()).toEqual(['error 1', 'result 2', 'lint 2']);
    expect(posted.find((r) => r.type === 'error')).toMatchObject({ message: 'analyzer broke' });
  });

  it('counts an import at once, whatever is queued', () => {
    const { queue, posted } = queueOf();
    queue.receive({ type: 'summarize', seq: 7, text: 'kind: Namespace\nmetadata:\n  name: a\n' });
    expect(posted).toEqual([{ type: 'summary', seq: 7, summary: { objects: 1, lists: 0, documents: 1 } }]);
  });

  it('says where a field is, from the parse of the last analysis or of other text', async () => {
    const { queue, posted } = queueOf();
    queue.receive(request(1, DEMO_WORKSPACE));
    await queue.idle();
    // The first `app: web` is the web Deployment's selector.
    const offset = DEMO_WORKSPACE.indexOf('app: web');
    const lookups = () => posted.filter((r) => r.type === 'lookup');
    queue.receive({ type: 'lookup', seq: 1, text: DEMO_WORKSPACE, query: { kind: 'pathAt', offset } });
    const [first] = lookups();
    expect(first).toMatchObject({
      type: 'lookup',
      seq: 1,
      answer: { path: ['spec', 'selector', 'matchLabels', 'app'] },
    });
    const at = first?.type === 'lookup' ? first.answer : null;
    if (!at || !('path' in at)) throw new Error('no field at the offset');
    queue.receive({ type: 'lookup', seq: 2, text: DEMO_WORKSPACE, query: { kind: 'locate', ...at } });
    const range = lookups()[1]?.type === 'lookup' ? (lookups()[1] as { answer: unknown }).answer : null;
    if (!range || typeof range !== 'object' || !('start' in range)) throw new Error('no range for the field');
    const { start, end } = range as { start: number; end: number };
    expect(DEMO_WORKSPACE.slice(start, end)).toContain('web');
    // Text the worker never analysed is parsed for the question.
    queue.receive({
      type: 'lookup',
      seq: 3,
      text: 'kind: Pod\nmetadata:\n  name: x\n',
      query: { kind: 'pathAt', offset: 22 },
    });
    expect(lookups()[2]).toMatchObject({ answer: { documentIndex: 0, path: ['metadata', 'name'] } });
  });
});
