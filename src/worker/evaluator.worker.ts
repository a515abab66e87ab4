/// <reference lib="webworker" />
// The evaluation worker is only a message switch over the engine.
import { evaluateMatrix } from './evaluateMatrix';
import type { WorkerRequest, WorkerResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'evaluate': {
      const started = performance.now();
      let response: WorkerResponse;
      try {
        const result = evaluateMatrix(request);
        response = { type: 'result', seq: request.seq, result, millis: performance.now() - started };
        scope.postMessage(response, [result.allowed.buffer]);
      } catch (error) {
        response = {
          type: 'error',
          seq: request.seq,
          message: error instanceof Error ? error.message : String(error),
        };
        scope.postMessage(response);
      }
      break;
    }
  }
};
