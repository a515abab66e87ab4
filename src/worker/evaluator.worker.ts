/// <reference lib="webworker" />
// The evaluation worker: its queue (`workerQueue.ts`) over the analyzer, on this thread.
import { createAnalyzer } from './createAnalyzer';
import { createTextReceiver } from './protocol';
import type { PostedRequest } from './protocol';
import { createWorkerQueue } from './workerQueue';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const queue = createWorkerQueue({
  analyzer: createAnalyzer({ reuseSums: true }),
  post: (response, transfer) => scope.postMessage(response, transfer),
  nextTask: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
});
const withText = createTextReceiver();
scope.onmessage = (event: MessageEvent<PostedRequest>) => queue.receive(withText(event.data));
