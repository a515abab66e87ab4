/**
 * The main-thread side of the evaluation worker: one worker, requests matched to
 * responses by `seq`. The store drops any answer older than its latest request.
 */
import type { EvaluateRequest, MatrixResult, WorkerResponse } from './protocol';

export interface Evaluator {
  evaluate(request: EvaluateRequest): Promise<{ seq: number; result: MatrixResult; millis: number }>;
  dispose(): void;
}

export function createWorkerEvaluator(): Evaluator {
  const worker = new Worker(new URL('./evaluator.worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<
    number,
    { resolve: (value: Awaited<ReturnType<Evaluator['evaluate']>>) => void; reject: (e: Error) => void }
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
    evaluate(request) {
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
