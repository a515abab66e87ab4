/**
 * The far overview: a workspace of tens or hundreds of namespaces, zoomed out so far that a
 * frame's title is a smudge nobody can read. Its frames are then drawn on the overview
 * canvas with their pods' boxes, and React Flow holds none of them: as nodes, 500 frames at
 * 5,000 pods cost ~0.3 s of React rendering, measuring, layout and paint each time the view
 * was fitted or they came into view (840 frames at 10,000 pods, over a second), and the 100
 * frames of a 1,000-pod file made the frame that first drew it 250-350 ms long (110-140
 * drawn on the canvas). Pointing at a frame names it and a click selects its namespace
 * (`frameAt`), as for a pod's box; zooming in brings them back as nodes.
 */
import { EXTERNAL_HEIGHT, EXTERNAL_WIDTH } from '../../store/layout/computeLayout';
import type { Layout } from '../../store/layout/computeLayout';
import type { FlowNode } from './buildFlow';
import type { Rect } from './overviewBoxes';

/**
 * Below this zoom a frame of ten pods is ~80 px wide and its title (20 px, `.compact`) under
 * 3 px: drawn, not a node. A 1,000-pod file of 100 namespaces is fitted at ~0.1 in a
 * 1600 x 900 window, ~0.13 in 1920 x 1080.
 */
export const FAR_ZOOM = 0.15;

/** Only with more frames than this (fewer are cheap as nodes, and stay draggable). */
export const FAR_FRAMES = 50;

/** A frame drawn on the overview canvas: a namespace node React Flow does not hold. */
export type FarFrame = FlowNode & { type: 'namespace' };

/**
 * React Flow's nodes and the frames drawn on the canvas instead: in the far overview, every
 * frame that draws its pods as boxes (not the selected pod's, whose pods are nodes).
 */
export function splitFarFrames(nodes: FlowNode[], far: boolean): { nodes: FlowNode[]; frames: FarFrame[] } {
  if (!far) return { nodes, frames: [] };
  const frames: FarFrame[] = [];
  const kept: FlowNode[] = [];
  for (const node of nodes)
    if (node.type === 'namespace' && node.data.overview) frames.push(node);
    else kept.push(node);
  return { nodes: kept, frames };
}

/** Where a far frame is (flow coordinates): its node's position and fixed size. */
export function frameBox({ position, width = 0, height = 0 }: FarFrame): Rect {
  return { x: position.x, y: position.y, width, height };
}

/** The namespace whose far frame holds `point` (flow coordinates); null when none does. */
export function frameAt(frames: readonly FarFrame[], point: { x: number; y: number }): string | null {
  for (let i = frames.length - 1; i >= 0; i--) {
    const { x, y, width, height } = frameBox(frames[i]!);
    if (point.x >= x && point.x <= x + width && point.y >= y && point.y <= y + height)
      return frames[i]!.data.name;
  }
  return null;
}

/** Everything the layout places (frames and outside nodes), for fitting the view to it. */
export function layoutBounds(layout: Layout): Rect | null {
  const boxes: Rect[] = Object.values(layout.frames);
  for (const at of Object.values(layout.externals))
    boxes.push({ ...at, width: EXTERNAL_WIDTH, height: EXTERNAL_HEIGHT });
  if (boxes.length === 0) return null;
  const left = Math.min(...boxes.map((b) => b.x));
  const top = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}
