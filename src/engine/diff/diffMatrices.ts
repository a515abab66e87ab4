/**
 * Comparing two versions of a workspace by their truth tables: the connections gained
 * (blocked before, allowed now) and lost (allowed before, blocked now), over the endpoints
 * both have. (`diffConnectivity` compares two workspaces with reasons; this compares two
 * tables already computed, as the canvas holds them.)
 */
import { cellAllowed } from '../evaluate/cellMatrix';
import type { CellMatrix } from '../evaluate/cellMatrix';

/** A truth table over its endpoint keys (row: source, column: destination). */
export interface ConnectivityMatrix {
  readonly keys: readonly string[];
  readonly cells: CellMatrix;
}

/** A connection between two endpoint keys. */
export interface KeyPair {
  from: string;
  to: string;
}

export interface MatrixDiff {
  gained: KeyPair[];
  lost: KeyPair[];
}

export function diffMatrices(before: ConnectivityMatrix, after: ConnectivityMatrix): MatrixDiff {
  const index = new Map(before.keys.map((k, i) => [k, i]));
  const gained: KeyPair[] = [];
  const lost: KeyPair[] = [];
  after.keys.forEach((from, i) => {
    const bi = index.get(from);
    if (bi === undefined) return;
    after.keys.forEach((to, j) => {
      const bj = index.get(to);
      if (bj === undefined || i === j) return;
      const was = cellAllowed(before.cells, bi, bj);
      const is = cellAllowed(after.cells, i, j);
      if (is && !was) gained.push({ from, to });
      if (was && !is) lost.push({ from, to });
    });
  });
  return { gained, lost };
}
