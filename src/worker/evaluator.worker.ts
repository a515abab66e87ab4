/// <reference lib="webworker" />
// The evaluation worker is only a message switch over the analyzer.
import { createAnalyzer } from './createAnalyzer';
import type { WorkerRequest, WorkerResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const analyzer = createAnalyzer();

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'analyze': {
      const started = performance.now();
      try {
        const result = analyzer.analyze(request);
        const response: WorkerResponse = {
          type: 'result',
          seq: request.seq,
          result,
          millis: performance.now() - started,
        };
        scope.postMessage(response, [result.matrix.allowed.buffer]);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        scope.postMessage({ type: 'error', seq: request.seq, message } satisfies WorkerResponse);
      }
      break;
    }
  }
};
