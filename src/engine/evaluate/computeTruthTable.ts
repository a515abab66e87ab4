import type { Workspace } from '../model/workspace';
import type { FastTruthTable } from './fast/classTable';
import { createEvaluator } from './fast/createEvaluator';
import type { TruthTableQuery } from './truthTable';

export type { TableEndpoint, TruthTable, TruthTableQuery } from './truthTable';

/**
 * The truth table over every pair, by the fast engine ({@link createEvaluator}): endpoints
 * grouped into equivalence classes, bit-set rows per class, exceptions per row. It agrees with
 * {@link evaluateConnection} on every pair and port (a property test checks this). For repeated
 * questions on an edited workspace keep an evaluator instead.
 */
export function computeTruthTable(ws: Workspace, query: TruthTableQuery): FastTruthTable {
  return createEvaluator(ws).table(query);
}
