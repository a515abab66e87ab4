/**
 * The main-thread side of the evaluation worker: one worker, requests matched to
 * responses by `seq`. The store drops any answer older than its latest request.
 */
import type { AnalyzeRequest, AnalyzeResult, WorkerResponse } from './protocol';

export interface AnalyzeResponse {
  seq: number;
  result: AnalyzeResult;
  millis: number;
}

/** Parses and evaluates workspace text somewhere other than the caller's thread. */
export interface Evaluator {
  analyze(request: AnalyzeRequest): Promise<AnalyzeResponse>;
  dispose(): void;
}

export function createWorkerEvaluator(): Evaluator {
  const worker = new Worker(new URL('./evaluator.worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<
    number,
    { resolve: (value: AnalyzeResponse) => void; reject: (e: Error) => void }
  >();
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const message = event.data;
    const waiter = pending.get(message.seq);
    if (!waiter) return;
    pending.delete(message.seq);
    if (message.type === 'result')
      waiter.resolve({ seq: message.seq, result: message.result, millis: message.millis });
    else waiter.reject(new Error(message.message));
  };
  return {
    analyze(request) {
      return new Promise((resolve, reject) => {
        pending.set(request.seq, { resolve, reject });
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
