/// <reference lib="webworker" />
// The evaluation worker: its queue (`workerQueue.ts`) over the analyzer, on this thread.
import { createAnalyzer } from './createAnalyzer';
import type { WorkerRequest } from './protocol';
import { createWorkerQueue } from './workerQueue';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const queue = createWorkerQueue({
  analyzer: createAnalyzer(),
  post: (response, transfer) => scope.postMessage(response, transfer),
  nextTask: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
});
scope.onmessage = (event: MessageEvent<WorkerRequest>) => queue.receive(event.data);
