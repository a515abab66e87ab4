/**
 * The main-thread side of the evaluation worker: one worker, requests matched to
 * responses by `seq`. The store drops any answer older than its latest request.
 */
import type { ImportSummary } from '../yaml/importText';
import type { LocatedDiagnostic } from './analyzeText';
import type {
  AnalyzePhase,
  AnalyzeRequest,
  AnalyzeResult,
  SummarizeRequest,
  WorkerResponse,
} from './protocol';

export interface AnalyzeResponse {
  seq: number;
  result: AnalyzeResult;
  millis: number;
}

/** Rejection reason of a request that a newer one superseded. */
export class Cancelled extends Error {
  constructor(seq: number) {
    super(`request ${seq} was superseded`);
  }
}

/** Parses and evaluates workspace text somewhere other than the caller's thread. */
export interface Evaluator {
  /**
   * `onProgress` hears the phases of a long run; `onLint` the lint findings, when the result
   * came without them (`lintPending`). A superseded request rejects with {@link Cancelled}.
   */
  analyze(
    request: AnalyzeRequest,
    onProgress?: (phase: AnalyzePhase) => void,
    onLint?: (diagnostics: LocatedDiagnostic[]) => void,
  ): Promise<AnalyzeResponse>;
  /**
   * Counts the objects of imported text (seconds for a large file, hence off the main
   * thread). Optional for test doubles: without it the import dialog never gets a count.
   */
  summarize?(text: string): Promise<ImportSummary>;
  dispose(): void;
}

export function createWorkerEvaluator(): Evaluator {
  const worker = new Worker(new URL('./evaluator.worker.ts', import.meta.url), { type: 'module' });
  type Waiter = {
    resolve: (value: AnalyzeResponse) => void;
    reject: (e: Error) => void;
    onProgress?: (phase: AnalyzePhase) => void;
  };
  const pending = new Map<number, Waiter>();
  const lintWaiters = new Map<number, (diagnostics: LocatedDiagnostic[]) => void>();
  const summaries = new Map<number, (summary: ImportSummary) => void>();
  let summarySeq = 0;
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const message = event.data;
    if (message.type === 'summary') {
      summaries.get(message.seq)?.(message.summary);
      summaries.delete(message.seq);
      return;
    }
    if (message.type === 'lint') {
      lintWaiters.get(message.seq)?.(message.diagnostics);
      // Older requests' findings will never come (a newer answer brings its own).
      for (const seq of lintWaiters.keys()) if (seq <= message.seq) lintWaiters.delete(seq);
      return;
    }
    const waiter = pending.get(message.seq);
    if (!waiter) return;
    if (message.type === 'progress') {
      waiter.onProgress?.(message.phase);
      return;
    }
    pending.delete(message.seq);
    if (message.type === 'result')
      waiter.resolve({ seq: message.seq, result: message.result, millis: message.millis });
    else if (message.type === 'cancelled') waiter.reject(new Cancelled(message.seq));
    else waiter.reject(new Error(message.message));
  };
  return {
    analyze(request, onProgress, onLint) {
      if (onLint) lintWaiters.set(request.seq, onLint);
      return new Promise((resolve, reject) => {
        pending.set(request.seq, { resolve, reject, ...(onProgress ? { onProgress } : {}) });
        worker.postMessage(request);
      });
    },
    summarize(text) {
      const seq = ++summarySeq;
      return new Promise((resolve) => {
        summaries.set(seq, resolve);
        const request: SummarizeRequest = { type: 'summarize', seq, text };
        worker.postMessage(request);
      });
    },
    dispose() {
      worker.terminate();
      summaries.clear();
      lintWaiters.clear();
      for (const waiter of pending.values()) waiter.reject(new Error('evaluator disposed'));
      pending.clear();
    },
  };
}
