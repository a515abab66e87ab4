/**
 * The far overview: a workspace of hundreds of namespaces, zoomed out so far that a frame is
 * a few pixels with a title nobody can read. Its frames are then drawn on the overview
 * canvas with their pods' boxes, and React Flow holds none of them: as nodes, 500 frames at
 * 5,000 pods cost ~0.3 s of React rendering, measuring, layout and paint each time the view
 * was fitted or they came into view (840 frames at 10,000 pods, over a second). A click finds
 * the frame (`frameAt`), as it finds a pod's box; zooming in brings them back as nodes.
 */
import { EXTERNAL_HEIGHT, EXTERNAL_WIDTH } from '../../store/layout/computeLayout';
import type { Layout } from '../../store/layout/computeLayout';
import type { FlowNode } from './buildFlow';
import type { Rect } from './overviewBoxes';

/** Below this zoom a frame of ten pods is ~55 px wide and its title ~2 px: drawn, not a node. */
export const FAR_ZOOM = 0.1;

/** Only with more frames than this (fewer are cheap as nodes, and stay interactive). */
export const FAR_FRAMES = 200;

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
