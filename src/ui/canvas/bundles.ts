/**
 * Namespace bundles: their colour, their React Flow edge, and which of a focused pod's
 * bundles are drawn at scale.
 */
import { MarkerType } from '@xyflow/react';
import type { Edge } from '@xyflow/react';
import { EDGE_COLOURS } from './edgeGeometry';

/** A bundle as counted: its ends, its pairs, and whether one of them a policy allows. */
export interface CountedBundle {
  from: string;
  to: string;
  allowed: number;
  blocked: number;
  /** Some allowed pair in it is allowed by a policy (an isolated end admits it). */
  shaping: boolean;
}

/**
 * At scale, a focused pod's bundles with other namespaces that hold no connection a policy
 * allows (all blocked, or allowed only because nothing isolates either end) are drawn only
 * when they are this few: hundreds of such fans hid the few bundles that policies shape,
 * and cost a full raster of the canvas. The side panel lists every peer.
 */
export const FOCUS_UNSHAPED_BUNDLES = 12;

/** The bundles drawn of a focused pod's (drawn as node `focus`), and how many other namespaces were left out. */
export function leaveOutUnshaped(
  bundles: CountedBundle[],
  focus: string,
): { bundles: CountedBundle[]; hidden: number } {
  // The end that is not the focused pod's node (its namespace's, when that is collapsed).
  const other = (b: CountedBundle) => (b.from === focus ? b.to : b.from);
  const shaping = new Set(bundles.filter((b) => b.shaping).map(other));
  const unshaped = new Set(bundles.map(other).filter((ns) => !shaping.has(ns)));
  if (unshaped.size <= FOCUS_UNSHAPED_BUNDLES) return { bundles, hidden: 0 };
  return { bundles: bundles.filter((b) => b.shaping), hidden: unshaped.size };
}

/** A bundle's colour: all its pairs allowed, all blocked, or some of each. */
export function bundleVerdict(allowed: number, blocked: number): 'allowed' | 'blocked' | 'mixed' {
  return blocked === 0 ? 'allowed' : allowed === 0 ? 'blocked' : 'mixed';
}

export function bundleEdge(source: string, target: string, allowedCount: number, blockedCount: number): Edge {
  const verdict = bundleVerdict(allowedCount, blockedCount);
  return {
    id: `${source}->${target}`,
    source,
    target,
    type: 'bundle',
    className: `bundle bundle-${verdict}`,
    data: { allowed: allowedCount, blocked: blockedCount },
    markerEnd: {
      type: MarkerType.ArrowClosed,
      width: 16,
      height: 16,
      color: EDGE_COLOURS[verdict],
      markerUnits: 'userSpaceOnUse',
    },
    domAttributes: {
      'data-bundle-from': source.replace(/^(ns|ext|pod):/, ''),
      'data-bundle-to': target.replace(/^(ns|ext|pod):/, ''),
      'data-verdict': verdict,
      'data-allowed': String(allowedCount),
      'data-blocked': String(blockedCount),
    } as Record<string, string>,
  };
}
