/**
 * What a picture of the canvas shows, in plain data: boxes in flow coordinates and
 * the words drawn in them. Built from React Flow's state (`pictureFromFlow`) and drawn
 * by `renderPictureSvg`, which never needs React or the DOM.
 */
import type { Box } from '../edgeGeometry';

export type { Box };

/** How an edge is coloured: a verdict, a bundle with both, or "being re-evaluated". */
export type PictureVerdict = 'allowed' | 'blocked' | 'mixed' | 'stale';

/** A namespace frame. */
export interface PictureFrame {
  box: Box;
  name: string;
  podCount: number;
  collapsed: boolean;
}

/** A pod or workload node. */
export interface PicturePod {
  box: Box;
  name: string;
  /** `Pod`, `Deployment`...; anything but `Pod` is shown next to the name. */
  kind: string;
  replicas?: number;
  labels: [string, string][];
  /** Container ports as the canvas writes them (`http:80/TCP`). */
  ports: string[];
  /** Short tags such as `⇥ in` (isolated for ingress). */
  badges: string[];
  dimmed: boolean;
}

/** An address outside the cluster. */
export interface PictureExternal {
  box: Box;
  label: string;
  address: string;
  dimmed?: boolean;
}

/** A connection (or a bundle of them) between two boxes. */
export interface PictureEdge {
  source: Box;
  target: Box;
  verdict: PictureVerdict;
  /** One line standing for both directions: arrowheads at both ends, no bend. */
  both: boolean;
  /** The route the canvas draws it along (laid out by ELK), in flow coordinates. */
  route?: { x: number; y: number }[];
  /** Drawn thick: a connection gained or lost against a baseline, or one that just changed. */
  thick?: boolean;
  dimmed?: boolean;
  /** Free text at the middle of the edge. */
  label?: string;
  /** A namespace bundle's pod pairs, drawn as "3 ✓ 1 ✗" in the verdict colours. */
  counts?: { allowed: number; blocked: number };
}

/** Everything one picture shows. */
export interface Picture {
  /** The workspace name, drawn at the top. */
  title: string;
  /** What the colours are about, e.g. "port 80/TCP" or "any port". */
  subtitle?: string;
  dark: boolean;
  frames: PictureFrame[];
  pods: PicturePod[];
  externals: PictureExternal[];
  edges: PictureEdge[];
}
