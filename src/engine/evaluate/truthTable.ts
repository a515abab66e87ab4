/**
 * The truth table's types, on their own so that the fast engine and
 * `computeTruthTable` both import them without importing each other.
 */
import type { Endpoint, PortQuery } from '../model/verdict';

/** A truth-table question: the ports to answer, and outside addresses to add as rows/columns. */
export type TruthTableQuery = {
  readonly ports: readonly PortQuery[];
  readonly externals?: readonly string[];
};

/** A row (and the same column) of the table; `key` is the pod key or the canonical address. */
export type TableEndpoint = { readonly endpoint: Endpoint; readonly key: string };

/**
 * Connectivity over every pair. Rows and columns are the same list: the pods/workloads in
 * workspace order, then the outside addresses; row = source, column = destination.
 * `isAllowed(from, to, portIndex)` reads a cell (an accessor, so the storage can become a
 * bitset without changing callers).
 */
export type TruthTable = {
  readonly rows: readonly TableEndpoint[];
  readonly ports: readonly PortQuery[];
  isAllowed(from: number, to: number, portIndex: number): boolean;
  readonly problems: readonly string[];
};
