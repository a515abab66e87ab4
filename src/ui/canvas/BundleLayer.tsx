import { useStore } from '@xyflow/react';
import { memo, useEffect, useMemo, useRef } from 'react';
import { EDGE_COLOURS, floatingCurve } from './edgeGeometry';
import type { Box, EdgeCurve } from './edgeGeometry';
import { frameBox } from './farFrames';
import type { FarFrame } from './farFrames';
import { lookupOf, nodesOf, sizeOf, viewOf } from './flowSelectors';
import { internalBox } from './internalBox';

/** A namespace-to-namespace bundle as the overview draws it. */
export interface LayerBundle {
  source: string;
  target: string;
  verdict: 'allowed' | 'blocked' | 'mixed';
}

const ARROW = 16;

/**
 * The overview's bundles on one canvas under the frames, redrawn on each pan or zoom.
 * As SVG, hundreds of long curves were re-rastered tile by tile at every zoom step (a few
 * frames a second at 1,000 pods); one canvas draws them in a single pass. The counts are
 * left out (unreadable at that zoom); zooming in brings the bundles back as edges.
 */
function BundleLayerView({
  bundles,
  stale,
  frames = [],
}: {
  bundles: readonly LayerBundle[];
  stale: boolean;
  /** Frames drawn on the overview canvas, not React Flow nodes (farFrames.ts): ends too. */
  frames?: readonly FarFrame[];
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [x, y, zoom] = useStore(viewOf);
  const size = useStore(sizeOf);
  const lookup = useStore(lookupOf);
  const nodes = useStore(nodesOf);
  const farBoxes = useMemo(() => new Map<string, Box>(frames.map((f) => [f.id, frameBox(f)])), [frames]);
  const curves = useMemo(() => {
    const out: { curve: EdgeCurve; verdict: LayerBundle['verdict'] }[] = [];
    const boxOf = (id: string): Box | undefined => {
      const internal = lookup.get(id);
      return internal ? internalBox(internal) : farBoxes.get(id);
    };
    for (const b of bundles) {
      const from = boxOf(b.source);
      const to = boxOf(b.target);
      if (from && to) out.push({ curve: floatingCurve(from, to), verdict: b.verdict });
    }
    return out;
    // `nodes` is not read: it changes whenever the boxes in `lookup` do.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bundles, lookup, nodes, farBoxes]);

  useEffect(() => {
    const element = canvas.current;
    const ctx = element?.getContext('2d');
    if (!element || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    const [width = 0, height = 0] = size.split('x').map(Number);
    drawBundles(ctx, element, Math.round(width * ratio), Math.round(height * ratio), curves, stale, [
      ratio * zoom,
      ratio * x,
      ratio * y,
    ]);
  }, [curves, x, y, zoom, size, stale]);

  return (
    <canvas
      ref={canvas}
      className="bundle-layer"
      data-testid="canvas.bundle-layer"
      data-bundles={curves.length}
      aria-hidden
    />
  );
}

export const BundleLayer = memo(BundleLayerView);

/**
 * Draws the curves, one path per style (colour and dash) for the lines and one for the
 * arrowheads: a stroke per curve, with its own style, cost ~0.1 ms each in software raster,
 * and the layer is drawn again on every pan, zoom and keystroke (greyed, then coloured).
 * The backing store is reallocated only when the canvas's size changes.
 */
function drawBundles(
  ctx: CanvasRenderingContext2D,
  element: HTMLCanvasElement,
  width: number,
  height: number,
  curves: readonly { curve: EdgeCurve; verdict: LayerBundle['verdict'] }[],
  stale: boolean,
  [scale, dx, dy]: readonly [number, number, number],
): void {
  if (element.width !== width || element.height !== height) {
    element.width = width;
    element.height = height;
  } else {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, width, height);
  }
  ctx.setTransform(scale, 0, 0, scale, dx, dy);
  ctx.lineWidth = 2.5;
  const styles = new Map<string, { colour: string; dashed: boolean; lines: Path2D; heads: Path2D }>();
  for (const { curve, verdict } of curves) {
    const colour = stale ? EDGE_COLOURS.stale : EDGE_COLOURS[verdict];
    const dashed = verdict === 'blocked';
    const key = `${colour}${dashed ? ' dashed' : ''}`;
    let style = styles.get(key);
    if (!style) styles.set(key, (style = { colour, dashed, lines: new Path2D(), heads: new Path2D() }));
    const { start, control, end } = curve;
    style.lines.moveTo(start.x, start.y);
    style.lines.quadraticCurveTo(control.x, control.y, end.x, end.y);
    // The arrowhead, along the curve's last tangent.
    const angle = Math.atan2(end.y - control.y, end.x - control.x);
    style.heads.moveTo(end.x, end.y);
    style.heads.lineTo(end.x - ARROW * Math.cos(angle - 0.4), end.y - ARROW * Math.sin(angle - 0.4));
    style.heads.lineTo(end.x - ARROW * Math.cos(angle + 0.4), end.y - ARROW * Math.sin(angle + 0.4));
    style.heads.closePath();
  }
  for (const { colour, dashed, lines, heads } of styles.values()) {
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.setLineDash(dashed ? [6, 4] : []);
    ctx.stroke(lines);
    ctx.fill(heads);
  }
}
