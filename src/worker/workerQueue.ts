/**
 * The evaluation worker's queue, without the worker: requests in, responses out (through
 * `post`), so it runs headless in tests. The edited text's requests supersede each other:
 * a newer one cancels an older one that is queued or between its parse and its
 * evaluation; baseline (ephemeral) requests run in order; bundle counts asked for later and
 * lint findings follow a result after a pause in the typing, one check per task, abandoned
 * by newer text.
 */
import { cellBuffers, LINT_CHECKS } from '../engine';
import { answer } from './questions';
import type { LocatedDiagnostic } from './analyzeText';
import type { Analyzer } from './createAnalyzer';
import type { AnalyzeRequest, WorkerRequest, WorkerResponse } from './protocol';
import { createRangesEncoder } from './rangesWire';
import { bundlesTransfer, createBundlesEncoder } from './bundlesWire';
import { createWorkspaceEncoder } from './workspaceWire';

export interface WorkerQueueDeps {
  analyzer: Analyzer;
  post: (response: WorkerResponse, transfer: Transferable[]) => void;
  /** Resolves in a later task, so that newer messages get in. */
  nextTask: () => Promise<void>;
  /** How long the lint waits after a result for the typing to pause (newer text ends the wait). */
  lintDelayMs?: number;
}

/**
 * Lint (and bundle counts asked for later) start this long after a result, as an editor's
 * diagnostics wait for a pause: a key pressed meanwhile finds the worker idle instead of
 * waiting for a check (the first, which matches every policy's selectors, takes ~45 ms at
 * 1,000 pods and ~80-170 ms at 5,000).
 */
export const LINT_DELAY_MS = 300;

export function createWorkerQueue({
  analyzer,
  post,
  nextTask,
  lintDelayMs = LINT_DELAY_MS,
}: WorkerQueueDeps): {
  receive: (request: WorkerRequest) => void;
  /** Resolves when nothing is queued or running (for tests). */
  idle: () => Promise<void>;
} {
  let latest: AnalyzeRequest | null = null;
  const baselines: AnalyzeRequest[] = [];
  let running: Promise<void> | null = null;
  // Each encoder sends what changed since its last message; after a failed answer (one the
  // page may not have received) they start afresh, so the next goes whole.
  let encode = createWorkspaceEncoder();
  let encodeRanges = createRangesEncoder();
  let encodeBundles = createBundlesEncoder();
  /** Ends the lint's wait early (newer text came). */
  let wake: (() => void) | null = null;
  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      wake = done;
    });

  async function run(request: AnalyzeRequest): Promise<void> {
    const started = performance.now();
    /** Newer text came: this request's later work is not wanted. */
    const superseded = () => latest !== null && latest.seq > request.seq;
    try {
      post({ type: 'progress', seq: request.seq, phase: 'parsing' }, []);
      const analysis = analyzer.prepare(request);
      // Let newer messages in: if the text changed meanwhile, this answer is not wanted.
      await nextTask();
      if (!request.ephemeral && superseded()) {
        post({ type: 'cancelled', seq: request.seq }, []);
        return;
      }
      post({ type: 'progress', seq: request.seq, phase: 'evaluating' }, []);
      const { laterBundles, ...result } = analyzer.finish(request, analysis);
      const { bundles, ...matrix } = result.matrix;
      const bundlesWire = bundles && encodeBundles(bundles, !request.ephemeral);
      const wire = {
        ...result,
        workspace: encode(result.workspace, !request.ephemeral),
        objectRanges: encodeRanges(result.objectRanges, !request.ephemeral),
        matrix: { ...matrix, ...(bundlesWire ? { bundles: bundlesWire } : {}) },
      };
      post({ type: 'result', seq: request.seq, result: wire, millis: performance.now() - started }, [
        wire.objectRanges.bounds.buffer,
        ...cellBuffers(result.matrix.cells),
        ...(result.matrix.ends ? [result.matrix.ends.openIn.buffer, result.matrix.ends.openOut.buffer] : []),
        result.podIsolation.buffer,
        ...(result.matrix.tiers ? [result.matrix.tiers.buffer] : []),
        ...(bundlesWire ? bundlesTransfer(bundlesWire) : []),
      ]);
      if (!laterBundles && !result.lintPending) return;
      // The edited text is made one string now, after the answer: its parse read only the
      // edit (see `parseIncrementally`), and the next edit's slices would copy it first.
      await nextTask();
      // Newer text that came meanwhile is analysed now (no pause for these to wait out).
      if (superseded()) return;
      request.text.charCodeAt(0);
      // The bundle counts asked for later (a pod in focus: the page draws none until it is
      // let go) and the lint findings wait for a pause in the typing; newer text abandons
      // them (its answer brings its own). Made at once, the counts held the next key's
      // answer up (10-30 ms at 5,000 pods; more for the first keys after an open).
      await pause(lintDelayMs);
      if (superseded()) return;
      const later = laterBundles?.();
      if (later) {
        const bundles = encodeBundles(later, true);
        post({ type: 'bundles', seq: request.seq, bundles }, bundlesTransfer(bundles));
      }
      if (!result.lintPending) return;
      // The lint findings follow, one check per task, so that a keystroke waits for one
      // check at most.
      const diagnostics: LocatedDiagnostic[] = [];
      for (let i = 0; i < LINT_CHECKS.length; i++) {
        await nextTask();
        if (superseded()) return;
        diagnostics.push(...analysis.lintCheck(i));
      }
      post({ type: 'lint', seq: request.seq, diagnostics }, []);
    } catch (error) {
      encode = createWorkspaceEncoder();
      encodeRanges = createRangesEncoder();
      encodeBundles = createBundlesEncoder();
      post(
        { type: 'error', seq: request.seq, message: error instanceof Error ? error.message : String(error) },
        [],
      );
    }
  }

  async function drain(): Promise<void> {
    for (;;) {
      const request = baselines.shift() ?? latest;
      if (!request) break;
      if (request === latest) latest = null;
      await run(request);
    }
    running = null;
  }

  return {
    receive(request) {
      switch (request.type) {
        case 'analyze':
          if (request.ephemeral) baselines.push(request);
          else {
            if (latest) post({ type: 'cancelled', seq: latest.seq }, []);
            latest = request;
            wake?.();
          }
          running ??= drain();
          break;
        case 'summarize':
          // Rare (once per import) and independent of the analysis state: answered at once.
          post({ type: 'summary', seq: request.seq, summary: analyzer.summarize(request.text) }, []);
          break;
        case 'lookup': {
          // Answered at once, from the map of the last analysis when it is the same text.
          const map = analyzer.sourceMap(request.text);
          const { query } = request;
          const answer =
            query.kind === 'pathAt'
              ? map.pathAt(query.offset)
              : (() => {
                  const located = map.locate(query.documentIndex, query.path);
                  return located ? { start: located.start, end: located.end } : null;
                })();
          post({ type: 'lookup', seq: request.seq, answer }, []);
          break;
        }
        case 'ask':
          // Rare (a click), answered at once from the model of the last analysis.
          post(
            {
              type: 'answer',
              seq: request.seq,
              answer: answer(analyzer.workspaceOf(request.text), request.question),
            },
            [],
          );
          break;
      }
    },
    idle: async () => {
      while (running) await running;
    },
  };
}
