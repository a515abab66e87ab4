import { ISOLATED_EGRESS, ISOLATED_INGRESS } from '../engine';
import type { BlockSums, Evaluator, PortQuery, Workspace } from '../engine';
import type { MatrixResult } from './protocol';

/**
 * The service map's bundle counts, summed in the worker from the class groups (see the
 * engine's `blockSums`) instead of by the canvas over every pod pair of the byte matrix
 * (~0.1 s of the page's thread at 5,000 pods, ~0.3 s at 10,000, per answer). Blocks are the
 * namespaces (pods) and each outside address; the flagged rows and columns are the pods the
 * map draws connections of (isolated in that direction and not open to everyone).
 */
/**
 * Two sets of sums written over in turn (the answer before's stays intact for the wire's
 * delta: `bundlesWire.ts`), so a keystroke allocates no new arrays of blocks squared.
 */
export interface SumsPool {
  sets: [BlockSums | undefined, BlockSums | undefined];
  next: 0 | 1;
}

export const createSumsPool = (): SumsPool => ({ sets: [undefined, undefined], next: 0 });

export function bundleSums(
  engine: Evaluator,
  port: PortQuery,
  externals: readonly string[],
  workspace: Workspace,
  matrix: MatrixResult,
  podIsolation: Uint8Array,
  pool?: SumsPool,
): MatrixResult['bundles'] {
  const { keys, ends } = matrix;
  if (!ends) return undefined;
  const table = engine.table({ ports: [port], externals });
  if (table.rowClass.length !== keys.length) return undefined;
  const pods = workspace.pods.length;
  // Blocks numbered in order of first appearance: namespaces (by name), then each address.
  const blockOfNamespace = new Map<string, number>();
  const blockOf = new Int32Array(keys.length);
  let blocks = 0;
  for (let i = 0; i < keys.length; i++) {
    if (i >= pods) {
      blockOf[i] = blocks++;
      continue;
    }
    const namespace = workspace.pods[i]!.namespace;
    let b = blockOfNamespace.get(namespace);
    if (b === undefined) blockOfNamespace.set(namespace, (b = blocks++));
    blockOf[i] = b;
  }
  const shapesOut = new Uint8Array(keys.length);
  const shapesIn = new Uint8Array(keys.length);
  for (let i = 0; i < pods; i++) {
    const bits = podIsolation[i] ?? 0;
    shapesOut[i] = (bits & ISOLATED_EGRESS) !== 0 && ends.openOut[i] !== 1 ? 1 : 0;
    shapesIn[i] = (bits & ISOLATED_INGRESS) !== 0 && ends.openIn[i] !== 1 ? 1 : 0;
  }
  const sums = table.blockSums(0, blockOf, blocks, shapesOut, shapesIn, pool?.sets[pool.next]);
  if (!sums) return undefined;
  if (pool) {
    pool.sets[pool.next] = sums;
    pool.next = pool.next === 0 ? 1 : 0;
  }
  // The pairs the service map draws a bundle for (a few hundred of a million at 10,000 pods):
  // the page then need not scan every pair.
  const shaped: number[] = [];
  for (let at = 0; at < sums.all.length; at++)
    if (sums.fromFlagged[at]! > 0 || sums.toFlagged[at]! > 0) shaped.push(at);
  return {
    blockOf,
    blocks: sums.blocks,
    allowed: sums.all,
    fromShaped: sums.fromFlagged,
    toShaped: sums.toFlagged,
    shaped: Int32Array.from(shaped),
  };
}
