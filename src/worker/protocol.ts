/**
 * The typed contract between the main thread and the evaluation worker. The main
 * thread imports it with `import type` only, so no engine code lands in the UI bundle
 * through it.
 */
import type { EngineOptions, PortQuery } from '../engine';

/** Ask for the truth table of a workspace for one port query. */
export interface EvaluateRequest {
  type: 'evaluate';
  /** Increasing per request; results of an older `seq` are dropped by the store. */
  seq: number;
  /** Plain manifest objects as read from the YAML text. */
  objects: unknown[];
  options: Partial<EngineOptions>;
  port: PortQuery;
}

/** The truth table over pods (and workloads), row = source, column = destination. */
export interface MatrixResult {
  keys: string[];
  /** Row-major `keys.length * keys.length`: 1 = allowed, 0 = blocked. Transferred, not copied. */
  allowed: Uint8Array;
}

export type WorkerRequest = EvaluateRequest;

export type WorkerResponse =
  | { type: 'result'; seq: number; result: MatrixResult; millis: number }
  | { type: 'error'; seq: number; message: string };
