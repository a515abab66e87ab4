/**
 * The ELK instance of the page: its layout runs in a Web Worker (ELK's own worker
 * script, served from our origin), so a large layout never blocks typing or panning.
 */
import ELK from 'elkjs/lib/elk-api.js';
import type { ELK as ElkApi } from 'elkjs/lib/elk-api.js';
import workerUrl from 'elkjs/lib/elk-worker.min.js?url';

let instance: ElkApi | null = null;

/** One worker for the page, created on first use. */
export function browserElk(): ElkApi {
  instance ??= new ELK({ workerFactory: () => new Worker(workerUrl) });
  return instance;
}

/**
 * Starts the worker and runs a tiny layout while the page is idle: loading ELK's 1.6 MB
 * script and compiling it costs about as much as a first real layout, which then waits
 * less (a 30-pod layout: ~750 ms cold, ~300 ms warm, measured in Node).
 */
export function warmUpElk(): void {
  void browserElk()
    .layout({
      id: 'warm-up',
      layoutOptions: { 'elk.algorithm': 'layered' },
      children: [
        { id: 'a', width: 10, height: 10 },
        { id: 'b', width: 10, height: 10 },
      ],
      edges: [{ id: 'e', sources: ['a'], targets: ['b'] }],
    })
    .catch(() => undefined);
}
