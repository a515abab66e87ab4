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
  LookupAnswer,
  LookupQuery,
  LookupRequest,
  AskRequest,
  MatrixResult,
  SummarizeRequest,
  WorkerRequest,
  WorkerResponse,
} from './protocol';
import { createTextSender } from './protocol';
import { createRangesDecoder } from './rangesWire';
import { createBundlesDecoder } from './bundlesWire';
import { createWorkspaceDecoder } from './workspaceWire';
import type { Answer, Question } from './questions';

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
export interface AnalysisClient {
  /**
   * `onProgress` hears the phases of a long run; `onLint` the lint findings, when the result
   * came without them (`lintPending`). A superseded request rejects with {@link Cancelled}.
   */
  analyze(
    request: AnalyzeRequest,
    onProgress?: (phase: AnalyzePhase) => void,
    onLint?: (diagnostics: LocatedDiagnostic[]) => void,
    /** The bundle counts of a request made with `bundles: 'later'`, when they come. */
    onBundles?: (bundles: NonNullable<MatrixResult['bundles']>) => void,
  ): Promise<AnalyzeResponse>;
  /**
   * Counts the objects of imported text (seconds for a large file, hence off the main
   * thread). Optional for test doubles: without it the import dialog never gets a count.
   */
  summarize?(text: string): Promise<ImportSummary>;
  /**
   * Where a field of `text` is (the worker's parse of it: none on this thread). Optional for
   * test doubles: without it the editor's hovers and "show in YAML" find nothing.
   */
  lookup?(text: string, query: LookupQuery): Promise<LookupAnswer>;
  /**
   * Asks the engine about the workspace of `text` (synthesis, flows). Optional for test
   * doubles: without it, _Generate policies_ and flows say the engine cannot be asked.
   */
  ask?(text: string, question: Question): Promise<Answer>;
  dispose(): void;
}

/** Rejection reason when the worker itself failed (did not load, or crashed): a message for people. */
export class WorkerFailed extends Error {
  constructor(why: string) {
    super(`The evaluation worker stopped (${why}).`);
  }
}

/**
 * The evaluation worker, started on first use. When it fails (its script does not load,
 * throws while loading, or crashes), every waiting request is rejected with
 * {@link WorkerFailed} and the next request starts a new worker.
 */
export function createWorkerClient(
  start = () => new Worker(new URL('./evaluator.worker.ts', import.meta.url), { type: 'module' }),
): AnalysisClient {
  type Waiter = {
    resolve: (value: AnalyzeResponse) => void;
    reject: (e: Error) => void;
    onProgress?: (phase: AnalyzePhase) => void;
  };
  const pending = new Map<number, Waiter>();
  const lintWaiters = new Map<number, (diagnostics: LocatedDiagnostic[]) => void>();
  const bundleWaiters = new Map<number, (bundles: NonNullable<MatrixResult['bundles']>) => void>();
  const summaries = new Map<
    number,
    { resolve: (summary: ImportSummary) => void; reject: (e: Error) => void }
  >();
  let summarySeq = 0;
  const lookups = new Map<number, { resolve: (answer: LookupAnswer) => void; reject: (e: Error) => void }>();
  let lookupSeq = 0;
  const asks = new Map<number, { resolve: (answer: Answer) => void; reject: (e: Error) => void }>();
  let askSeq = 0;
  let current: Worker | null = null;
  let decode = createWorkspaceDecoder();
  let decodeRanges = createRangesDecoder();
  let decodeBundles = createBundlesDecoder();

  const fail = (failed: Worker, why: string): void => {
    if (current !== failed) return;
    failed.terminate();
    current = null;
    const error = new WorkerFailed(why);
    for (const waiter of pending.values()) waiter.reject(error);
    for (const waiter of summaries.values()) waiter.reject(error);
    for (const waiter of lookups.values()) waiter.reject(error);
    for (const waiter of asks.values()) waiter.reject(error);
    asks.clear();
    pending.clear();
    summaries.clear();
    lookups.clear();
    lintWaiters.clear();
    bundleWaiters.clear();
  };

  const onMessage = (message: WorkerResponse): void => {
    if (message.type === 'answer') {
      asks.get(message.seq)?.resolve(message.answer);
      asks.delete(message.seq);
      return;
    }
    if (message.type === 'lookup') {
      lookups.get(message.seq)?.resolve(message.answer);
      lookups.delete(message.seq);
      return;
    }
    if (message.type === 'summary') {
      summaries.get(message.seq)?.resolve(message.summary);
      summaries.delete(message.seq);
      return;
    }
    if (message.type === 'lint') {
      lintWaiters.get(message.seq)?.(message.diagnostics);
      // Older requests' findings will never come (a newer answer brings its own).
      for (const seq of lintWaiters.keys()) if (seq <= message.seq) lintWaiters.delete(seq);
      return;
    }
    if (message.type === 'bundles') {
      // Decoded, wanted or not: the next bundles may be sent against these.
      let bundles: NonNullable<MatrixResult['bundles']>;
      try {
        bundles = decodeBundles(message.bundles);
      } catch (error) {
        if (current) fail(current, error instanceof Error ? error.message : String(error));
        return;
      }
      bundleWaiters.get(message.seq)?.(bundles);
      for (const seq of bundleWaiters.keys()) if (seq <= message.seq) bundleWaiters.delete(seq);
      return;
    }
    // Every result is decoded, wanted or not: the next one may be sent against it.
    let result: AnalyzeResult | null = null;
    if (message.type === 'result') {
      try {
        const { bundles, ...matrix } = message.result.matrix;
        result = {
          ...message.result,
          workspace: decode(message.result.workspace),
          objectRanges: decodeRanges(message.result.objectRanges),
          matrix: { ...matrix, ...(bundles ? { bundles: decodeBundles(bundles) } : {}) },
        };
      } catch (error) {
        if (current) fail(current, error instanceof Error ? error.message : String(error));
        return;
      }
    }
    // Bundles of requests older than a result never come.
    if (message.type === 'result')
      for (const seq of bundleWaiters.keys()) if (seq < message.seq) bundleWaiters.delete(seq);
    const waiter = pending.get(message.seq);
    if (!waiter) return;
    if (message.type === 'progress') {
      waiter.onProgress?.(message.phase);
      return;
    }
    pending.delete(message.seq);
    if (message.type === 'result') {
      if (result) waiter.resolve({ seq: message.seq, result, millis: message.millis });
    } else if (message.type === 'cancelled') waiter.reject(new Cancelled(message.seq));
    else waiter.reject(new Error(message.message));
  };

  let sendTo: (request: WorkerRequest) => void = () => undefined;
  /** Posts to the worker (started if need be), without a text it holds already. */
  const sender = (): ((request: WorkerRequest) => void) => {
    worker();
    return sendTo;
  };

  const worker = (): Worker => {
    if (current) return current;
    let started: Worker;
    try {
      started = start();
    } catch (error) {
      throw new WorkerFailed(error instanceof Error ? error.message : String(error));
    }
    current = started;
    // A new worker holds no text yet.
    sendTo = createTextSender((request) => started.postMessage(request));
    decode = createWorkspaceDecoder();
    decodeRanges = createRangesDecoder();
    decodeBundles = createBundlesDecoder();
    started.onmessage = (event: MessageEvent<WorkerResponse>) => onMessage(event.data);
    // A script that does not load or throws, or an error nothing in the worker caught.
    started.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      fail(started, event.message || 'its script could not be loaded');
    };
    started.onmessageerror = () => fail(started, 'a message could not be read');
    return started;
  };

  return {
    analyze(request, onProgress, onLint, onBundles) {
      return new Promise((resolve, reject) => {
        const send = sender();
        if (onLint) lintWaiters.set(request.seq, onLint);
        if (onBundles) bundleWaiters.set(request.seq, onBundles);
        pending.set(request.seq, { resolve, reject, ...(onProgress ? { onProgress } : {}) });
        send(request);
      });
    },
    summarize(text) {
      const seq = ++summarySeq;
      return new Promise((resolve, reject) => {
        const send = sender();
        summaries.set(seq, { resolve, reject });
        const request: SummarizeRequest = { type: 'summarize', seq, text };
        send(request);
      });
    },
    lookup(text, query) {
      const seq = ++lookupSeq;
      return new Promise((resolve, reject) => {
        const send = sender();
        lookups.set(seq, { resolve, reject });
        const request: LookupRequest = { type: 'lookup', seq, text, query };
        send(request);
      });
    },
    ask(text, question) {
      const seq = ++askSeq;
      return new Promise((resolve, reject) => {
        const send = sender();
        asks.set(seq, { resolve, reject });
        const request: AskRequest = { type: 'ask', seq, text, question };
        send(request);
      });
    },
    dispose() {
      asks.clear();
      current?.terminate();
      current = null;
      summaries.clear();
      lookups.clear();
      lintWaiters.clear();
      for (const waiter of pending.values()) waiter.reject(new Error('evaluator disposed'));
      pending.clear();
    },
  };
}
