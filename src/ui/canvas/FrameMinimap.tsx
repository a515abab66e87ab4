import { Panel, useReactFlow, useStore } from '@xyflow/react';
import { memo, useEffect, useMemo, useRef } from 'react';
import type { PointerEvent as ReactPointerEvent, WheelEvent as ReactWheelEvent } from 'react';
import type { Box } from './edgeGeometry';
import { useAppStore } from '../app/storeContext';
import { lookupOf, nodesOf, sizeOf, viewOf } from './flowSelectors';
import { internalBox } from './internalBox';
import { frameBox } from './farFrames';
import type { FarFrame } from './farFrames';

/** The minimap's size on screen, in CSS pixels. */
const WIDTH = 140;
const HEIGHT = 90;
const PADDING = 4;
/**
 * The view's outline: the themes' `--accent` (app.css). Not read with `getComputedStyle`: after
 * an opened file changed the canvas, that forces the page's styles at once (~70 ms at 1,000
 * pods, ~0.4 s at 5,000, in the task that draws the file).
 */
const ACCENT = { light: '#2f6fde', dark: '#6b9cff' } as const;

interface Mapping {
  scale: number;
  left: number;
  top: number;
}

/**
 * The minimap of a large workspace: its namespace frames and outside addresses on one
 * canvas, with the part in view outlined; drag in it to move the view, wheel to zoom.
 * React Flow's own minimap draws an SVG node per pod, each with a store selector that runs
 * on every store update: at 1,000 pods, ~100 ms each time an edge changed colour.
 */
function FrameMinimapView({ frames }: { frames: readonly FarFrame[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const mapping = useRef<Mapping>({ scale: 1, left: 0, top: 0 });
  const theme = useAppStore((s) => s.theme);
  const [x, y, zoom] = useStore(viewOf);
  const size = useStore(sizeOf);
  const lookup = useStore(lookupOf);
  const nodes = useStore(nodesOf);
  const { setViewport } = useReactFlow();
  const [width = 0, height = 0] = size.split('x').map(Number);

  // Top-level boxes only: a frame stands for its pods (which are its children, or drawn inside it).
  const boxes = useMemo(() => {
    const out: (Box & { kind: string })[] = [];
    for (const node of nodes) {
      if (node.parentId || node.hidden) continue;
      const internal = lookup.get(node.id);
      if (internal) out.push({ ...internalBox(internal), kind: node.type ?? '' });
    }
    // Far out, most frames are drawn on the overview canvas, not nodes (farFrames.ts).
    for (const frame of frames) out.push({ ...frameBox(frame), kind: 'namespace' });
    return out;
  }, [nodes, lookup, frames]);

  useEffect(() => {
    const element = canvas.current;
    const ctx = element?.getContext('2d');
    if (!element || !ctx) return;
    const view = { x: -x / zoom, y: -y / zoom, width: width / zoom, height: height / zoom };
    const all = boxes.length > 0 ? [...boxes, view] : [view];
    const minX = Math.min(...all.map((b) => b.x));
    const minY = Math.min(...all.map((b) => b.y));
    const maxX = Math.max(...all.map((b) => b.x + b.width));
    const maxY = Math.max(...all.map((b) => b.y + b.height));
    const scale = Math.min(
      (WIDTH - 2 * PADDING) / Math.max(1, maxX - minX),
      (HEIGHT - 2 * PADDING) / Math.max(1, maxY - minY),
    );
    const left = PADDING + (WIDTH - 2 * PADDING - (maxX - minX) * scale) / 2 - minX * scale;
    const top = PADDING + (HEIGHT - 2 * PADDING - (maxY - minY) * scale) / 2 - minY * scale;
    mapping.current = { scale, left, top };

    const ratio = window.devicePixelRatio || 1;
    const [pixelWidth, pixelHeight] = [Math.round(WIDTH * ratio), Math.round(HEIGHT * ratio)];
    // A new size allocates a new bitmap: only when the pixel ratio changed.
    if (element.width !== pixelWidth || element.height !== pixelHeight) {
      element.width = pixelWidth;
      element.height = pixelHeight;
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, WIDTH, HEIGHT);
    const rect = (b: Box) =>
      [
        left + b.x * scale,
        top + b.y * scale,
        Math.max(1, b.width * scale),
        Math.max(1, b.height * scale),
      ] as const;
    // One path per colour: a fill per box, each with its colour parsed, took ~15 ms for the
    // 1,000 frames of a 10,000-pod file (and again at every frame of a pan).
    const fill = (colour: string, which: (box: { kind: string }) => boolean) => {
      ctx.beginPath();
      for (const box of boxes) if (which(box)) ctx.rect(...rect(box));
      ctx.fillStyle = colour;
      ctx.fill();
    };
    fill('rgba(47, 111, 222, 0.22)', (box) => box.kind !== 'external');
    fill('#c98a14', (box) => box.kind === 'external');
    ctx.strokeStyle = ACCENT[theme];
    ctx.lineWidth = 1.5;
    ctx.strokeRect(...rect(view));
  }, [boxes, x, y, zoom, width, height, theme]);

  /** Centres the view on the canvas point under the pointer. */
  const centreAt = (event: { clientX: number; clientY: number }) => {
    const element = canvas.current;
    if (!element) return;
    const bounds = element.getBoundingClientRect();
    const { scale, left, top } = mapping.current;
    const flowX = (event.clientX - bounds.left - left) / scale;
    const flowY = (event.clientY - bounds.top - top) / scale;
    void setViewport({ x: width / 2 - flowX * zoom, y: height / 2 - flowY * zoom, zoom });
  };
  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    centreAt(event);
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (event.currentTarget.hasPointerCapture(event.pointerId)) centreAt(event);
  };
  const onWheel = (event: ReactWheelEvent<HTMLCanvasElement>) => {
    const next = Math.min(2.5, Math.max(0.05, zoom * (event.deltaY < 0 ? 1.2 : 1 / 1.2)));
    // Zoom around the middle of the view.
    const cx = (width / 2 - x) / zoom;
    const cy = (height / 2 - y) / zoom;
    void setViewport({ x: width / 2 - cx * next, y: height / 2 - cy * next, zoom: next });
  };

  return (
    <Panel position="bottom-right" className="minimap frame-minimap">
      <canvas
        ref={canvas}
        style={{ width: WIDTH, height: HEIGHT }}
        data-testid="canvas.minimap"
        aria-label="Minimap: drag to move the view, wheel to zoom"
        role="img"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onWheel={onWheel}
      />
    </Panel>
  );
}

export const FrameMinimap = memo(FrameMinimapView);
