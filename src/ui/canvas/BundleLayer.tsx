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
    element.width = Math.round(width * ratio);
    element.height = Math.round(height * ratio);
    ctx.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * x, ratio * y);
    ctx.lineWidth = 2.5;
    for (const { curve, verdict } of curves) {
      const colour = stale ? EDGE_COLOURS.stale : EDGE_COLOURS[verdict];
      const { start, control, end } = curve;
      ctx.strokeStyle = colour;
      ctx.setLineDash(verdict === 'blocked' ? [6, 4] : []);
      ctx.beginPath();
      ctx.moveTo(start.x, start.y);
      ctx.quadraticCurveTo(control.x, control.y, end.x, end.y);
      ctx.stroke();
      // The arrowhead, along the curve's last tangent.
      const angle = Math.atan2(end.y - control.y, end.x - control.x);
      ctx.fillStyle = colour;
      ctx.beginPath();
      ctx.moveTo(end.x, end.y);
      ctx.lineTo(end.x - ARROW * Math.cos(angle - 0.4), end.y - ARROW * Math.sin(angle - 0.4));
      ctx.lineTo(end.x - ARROW * Math.cos(angle + 0.4), end.y - ARROW * Math.sin(angle + 0.4));
      ctx.closePath();
      ctx.fill();
    }
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
