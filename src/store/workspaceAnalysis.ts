import { loadWorkspace } from '../engine';
import type { ExternalPeer } from '../engine';
import type { AnalyzeResult, MatrixResult } from '../worker/protocol';

/** The model of one version of the text, as the store shows it: the worker's answer but the matrix. */
export type WorkspaceAnalysis = Omit<AnalyzeResult, 'matrix'> & {
  /** The text this model was read from (null before the worker's first answer). */
  text: string | null;
};

/** The model before the first analysis arrives: nothing yet. */
export function emptyAnalysis(): WorkspaceAnalysis {
  return {
    text: null,
    workspace: loadWorkspace([]).workspace,
    diagnostics: [],
    staleDocuments: [],
    objectRanges: {},
    externals: [],
    tests: [],
    podIsolation: new Uint8Array(0),
    lintPending: false,
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const sameExternals = (a: readonly ExternalPeer[], b: readonly ExternalPeer[]): boolean =>
  a.length === b.length &&
  a.every((e, i) => e.label === b[i]?.label && e.address === b[i]?.address && e.cidr === b[i]?.cidr);

/**
 * The worker's answer with the parts equal to the model before replaced by those (same
 * objects): the canvas derives its nodes from them by identity, so a keystroke in a policy
 * does not rebuild and compare thousands of nodes (~70 ms at 5,000 pods).
 */
export function steadyModel<
  T extends Pick<WorkspaceAnalysis, 'externals' | 'staleDocuments' | 'podIsolation'>,
>(before: Pick<WorkspaceAnalysis, 'externals' | 'staleDocuments' | 'podIsolation'>, next: T): T {
  return {
    ...next,
    externals: sameExternals(before.externals, next.externals) ? before.externals : next.externals,
    staleDocuments:
      before.staleDocuments.length === next.staleDocuments.length &&
      before.staleDocuments.every((d, i) => d === next.staleDocuments[i])
        ? before.staleDocuments
        : next.staleDocuments,
    podIsolation: sameBytes(before.podIsolation, next.podIsolation) ? before.podIsolation : next.podIsolation,
  };
}

type Numbers = ArrayLike<number>;

function sameNumbers(a: Numbers | undefined, b: Numbers | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The table of an answer, or the one before when every cell, open end, tier mark and bundle
 * count is the same (typing a comment, most keystrokes in a name): then nothing that is drawn
 * from it is computed again. Otherwise the new table, with the keys before when they are the
 * same (see {@link steadyModel}).
 */
export function steadyMatrix(before: MatrixResult | null, next: MatrixResult): MatrixResult {
  if (!before || !sameKeys(before.keys, next.keys)) return next;
  const [b, n] = [before.cells, next.cells];
  const sameCells =
    b.n === n.n &&
    b.words === n.words &&
    sameNumbers(b.bits, n.bits) &&
    sameNumbers(b.rowSrc, n.rowSrc) &&
    sameNumbers(b.rowDst, n.rowDst) &&
    sameNumbers(b.rowSelf, n.rowSelf) &&
    sameNumbers(b.rowNode, n.rowNode) &&
    sameNumbers(b.rowHost, n.rowHost);
  const [bb, nb] = [before.bundles, next.bundles];
  const sameBundles =
    bb === nb ||
    (bb !== undefined &&
      nb !== undefined &&
      bb.blocks === nb.blocks &&
      sameNumbers(bb.blockOf, nb.blockOf) &&
      sameNumbers(bb.allowed, nb.allowed) &&
      sameNumbers(bb.fromShaped, nb.fromShaped) &&
      sameNumbers(bb.toShaped, nb.toShaped));
  if (
    sameCells &&
    sameBundles &&
    sameNumbers(before.ends?.openIn, next.ends?.openIn) &&
    sameNumbers(before.ends?.openOut, next.ends?.openOut) &&
    sameNumbers(before.tiers, next.tiers)
  )
    return before;
  return { ...next, keys: before.keys };
}
