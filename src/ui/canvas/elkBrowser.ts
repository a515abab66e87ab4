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
