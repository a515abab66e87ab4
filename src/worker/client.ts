/**
 * The main-thread side of the evaluation worker: one worker, requests matched to
 * responses by `seq`. The store drops any answer older than its latest request.
 */
import type { AnalyzePhase, AnalyzeRequest, AnalyzeResult, WorkerResponse } from './protocol';

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
  /** `onProgress` hears the phases of a long run. A superseded request rejects with {@link Cancelled}. */
  analyze(request: AnalyzeRequest, onProgress?: (phase: AnalyzePhase) => void): Promise<AnalyzeResponse>;
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
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const message = event.data;
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
    analyze(request, onProgress) {
      return new Promise((resolve, reject) => {
        pending.set(request.seq, { resolve, reject, ...(onProgress ? { onProgress } : {}) });
        worker.postMessage(request);
      });
    },
    dispose() {
      worker.terminate();
      for (const waiter of pending.values()) waiter.reject(new Error('evaluator disposed'));
      pending.clear();
    },
  };
}
