/**
 * Comparing two versions of a workspace by their truth tables: the connections gained
 * (blocked before, allowed now) and lost (allowed before, blocked now), over the endpoints
 * both have. (`diffConnectivity` compares two workspaces with reasons; this compares two
 * tables already computed, as the canvas holds them.)
 */

/** A truth table as a row-major byte matrix over its endpoint keys (1: allowed). */
export interface ConnectivityMatrix {
  readonly keys: readonly string[];
  readonly allowed: Uint8Array;
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
  const nb = before.keys.length;
  const na = after.keys.length;
  const gained: KeyPair[] = [];
  const lost: KeyPair[] = [];
  after.keys.forEach((from, i) => {
    const bi = index.get(from);
    if (bi === undefined) return;
    after.keys.forEach((to, j) => {
      const bj = index.get(to);
      if (bj === undefined || i === j) return;
      const was = before.allowed[bi * nb + bj] === 1;
      const is = after.allowed[i * na + j] === 1;
      if (is && !was) gained.push({ from, to });
      if (was && !is) lost.push({ from, to });
    });
  });
  return { gained, lost };
}
