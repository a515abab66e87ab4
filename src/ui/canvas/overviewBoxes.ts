/**
 * The overview's pod boxes (a large workspace zoomed out), drawn on one `<canvas>` instead
 * of one element each: thousands of positioned, named boxes cost the page seconds of
 * style, layout and paint when a file opened (5,000 pods: ~0.4 s layout and ~0.3 s paint
 * in one task). One canvas for all frames, not one per frame: 420 frames were 420
 * composited layers (0.6 s to commit). It holds the part of the flow around the view
 * (`regionFor`) inside React Flow's viewport, so panning moves it without drawing. Clicks
 * and hovers find their box here (`podBoxAt`), from the same data.
 */
import { POD_HEIGHT, POD_WIDTH } from '../../store/layout/computeLayout';
import type { FlowNode, OverviewPod } from './buildFlow';

/** The themes' colours (app.css), as constants: a computed style would force the page's styles. */
const COLOURS = {
  light: {
    panel: '#ffffff',
    border: '#d9dde3',
    text: '#1d2330',
    allowed: '#1f9d55',
    accent: '#2f6fde',
    frame: '#8a94a8',
    frameFill: 'rgba(47, 111, 222, 0.04)',
  },
  dark: {
    panel: '#1b2130',
    border: '#323b4f',
    text: '#e3e8f2',
    allowed: '#3ecf7d',
    accent: '#6b9cff',
    frame: '#56627c',
    frameFill: 'rgba(107, 156, 255, 0.06)',
  },
} as const;
const EGRESS = '#c98a14';
const EMPHASIS = '#2f6fde';
const FONT = "600 24px 'Liberation Sans', Arial, Helvetica, sans-serif";
const RADIUS = 8;
const PADDING = 10;
const BAND = 6;

export type Theme = keyof typeof COLOURS;

/**
 * Boxes show their pod's name from this zoom (24 px type, 6 px on screen): below it the
 * names cannot be read. Pointing at a box still names it.
 */
export const NAME_ZOOM = 0.25;

/** The overview is drawn below this zoom once the view is fitted. */
const OVERVIEW_MAX_ZOOM = 0.3;

/**
 * Canvas pixels per flow unit for a zoom: a power of the square root of two at or above it,
 * so zooming redraws now and then, not at every step, with at most twice the pixels needed.
 * Never sharper than the overview's largest zoom.
 */
export function pixelScale(zoom: number, deviceRatio: number): number {
  const wanted = Math.max(Math.min(zoom, OVERVIEW_MAX_ZOOM) * deviceRatio, 1 / 64);
  return Math.SQRT2 ** Math.ceil(Math.log2(wanted) * 2 - 1e-9);
}

/** A rectangle in flow coordinates. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the overview canvas holds: a part of the flow, and its pixels per flow unit. */
export interface Region extends Rect {
  scale: number;
}

/** The view (React Flow's transform and the pane's size) as a flow rectangle. */
export function viewRect(transform: readonly [number, number, number], width: number, height: number): Rect {
  const [x, y, zoom] = transform;
  return { x: -x / zoom, y: -y / zoom, width: width / zoom, height: height / zoom };
}

function intersect(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

const contains = (outer: Rect, inner: Rect): boolean =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

/** At most this many canvas pixels (a larger region is drawn coarser). */
const MAX_PIXELS = 6_000_000;

/**
 * The region the canvas should hold for a view: `current` while it still covers what is
 * visible of the boxes at the same scale (panning within it draws nothing), else the
 * visible part with a quarter of a view around it, within the boxes' bounds. Null when no
 * box is in view.
 */
export function regionFor(view: Rect, scale: number, bounds: Rect, current: Region | null): Region | null {
  const visible = intersect(view, bounds);
  if (!visible) return null;
  if (current && current.scale === scale && contains(current, visible)) return current;
  const around = intersect(
    {
      x: view.x - view.width / 4,
      y: view.y - view.height / 4,
      width: view.width * 1.5,
      height: view.height * 1.5,
    },
    bounds,
  );
  if (!around) return null;
  return { ...around, scale };
}

/** The canvas's size in pixels for a region, and the scale it is drawn at (coarser when huge). */
export function pixelsOf(region: Region): { width: number; height: number; scale: number } {
  const area = region.width * region.height * region.scale * region.scale;
  const scale = area > MAX_PIXELS ? region.scale * Math.sqrt(MAX_PIXELS / area) : region.scale;
  return {
    width: Math.max(1, Math.ceil(region.width * scale)),
    height: Math.max(1, Math.ceil(region.height * scale)),
    scale,
  };
}

/** The boxes' and frames' bounds (flow coordinates, outlines included), or null when there are none. */
export function boundsOf(pods: readonly OverviewPod[], frames: readonly FlowNode[] = []): Rect | null {
  if (pods.length === 0 && frames.length === 0) return null;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  const add = (x: number, y: number, width: number, height: number) => {
    left = Math.min(left, x);
    top = Math.min(top, y);
    right = Math.max(right, x + width);
    bottom = Math.max(bottom, y + height);
  };
  for (const { x, y } of pods) add(x, y, POD_WIDTH, POD_HEIGHT);
  for (const { position, width = 0, height = 0 } of frames) add(position.x, position.y, width, height);
  return { x: left - 4, y: top - 4, width: right - left + 8, height: bottom - top + 8 };
}

/** The overview's boxes in flow coordinates, from the frames that draw them. */
export function overviewBoxes(nodes: readonly FlowNode[]): OverviewPod[] {
  const boxes: OverviewPod[] = [];
  for (const node of nodes) {
    if (node.type !== 'namespace' || !node.data.overview) continue;
    for (const pod of node.data.overview)
      boxes.push({ ...pod, x: node.position.x + pod.x, y: node.position.y + pod.y });
  }
  return boxes;
}

/** What a box's name is cut to (with an ellipsis) to fit, by name; measured once per font. */
const fitted = new Map<string, string>();

function fitName(ctx: CanvasRenderingContext2D, name: string, room: number): string {
  const key = `${room}\n${name}`;
  let shown = fitted.get(key);
  if (shown === undefined) {
    shown = name;
    if (ctx.measureText(name).width > room) {
      let low = 0;
      let high = name.length;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (ctx.measureText(`${name.slice(0, mid)}…`).width <= room) low = mid;
        else high = mid - 1;
      }
      shown = `${name.slice(0, low)}…`;
    }
    if (fitted.size > 50_000) fitted.clear();
    fitted.set(key, shown);
  }
  return shown;
}

/** Adds a box with rounded corners (or square ones) to the current path. */
type BoxTracer = (x: number, y: number, width: number, height: number, radii: number | number[]) => void;

function boxTracer(ctx: CanvasRenderingContext2D, rounded: boolean): BoxTracer {
  return rounded
    ? (x, y, width, height, radii) => ctx.roundRect(x, y, width, height, radii)
    : (x, y, width, height) => ctx.rect(x, y, width, height);
}

/** A frame's corner radius (as the page's frames have it). */
const FRAME_RADIUS = 10;

/**
 * Draws the boxes in `region` as the page drew them as elements: a rounded panel with a
 * border, a green band on the left when ingress is isolated, an orange one on the right
 * for egress, an outline when selected or emphasised, faded when dimmed, and the name when
 * `named`. Each colour is one path of every box that has it (a fill per box cost ~20 µs,
 * 0.1 s for 5,000 boxes); faded boxes are a second round.
 */
export function drawOverview(
  ctx: CanvasRenderingContext2D,
  pods: readonly OverviewPod[],
  {
    region,
    scale,
    named,
    theme,
    frames = [],
  }: { region: Rect; scale: number; named: boolean; theme: Theme; frames?: readonly FlowNode[] },
): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.setTransform(scale, 0, 0, scale, -region.x * scale, -region.y * scale);
  if (frames.length > 0) drawFrames(ctx, frames, scale, theme);
  const shown = pods.filter(
    (p) =>
      p.x < region.x + region.width &&
      p.x + POD_WIDTH > region.x &&
      p.y < region.y + region.height &&
      p.y + POD_HEIGHT > region.y,
  );
  const dimmed = shown.filter((p) => p.emphasis === 'dimmed');
  // Corners under a pixel on screen are drawn square: the same picture, and a rounded
  // rectangle costs ~10x a plain one (10,000 boxes: ~120 ms of the first drawing).
  const box = boxTracer(ctx, RADIUS * scale >= 1);
  drawRound(
    ctx,
    dimmed.length === 0 ? shown : shown.filter((p) => p.emphasis !== 'dimmed'),
    named,
    theme,
    box,
  );
  if (dimmed.length > 0) {
    ctx.globalAlpha = 0.35;
    drawRound(ctx, dimmed, named, theme, box);
    ctx.globalAlpha = 1;
  }
}

function drawRound(
  ctx: CanvasRenderingContext2D,
  pods: readonly OverviewPod[],
  named: boolean,
  theme: Theme,
  box: BoxTracer,
): void {
  const colours = COLOURS[theme];
  /** One path of a shape per pod; false (nothing traced) when there are none. */
  const trace = (which: readonly OverviewPod[], shape: (pod: OverviewPod) => void): boolean => {
    if (which.length === 0) return false;
    ctx.beginPath();
    for (const pod of which) shape(pod);
    return true;
  };
  if (!trace(pods, (p) => box(p.x + 0.5, p.y + 0.5, POD_WIDTH - 1, POD_HEIGHT - 1, RADIUS))) return;
  ctx.fillStyle = colours.panel;
  ctx.fill();
  ctx.lineWidth = 1;
  ctx.strokeStyle = colours.border;
  ctx.stroke();
  const ingress = pods.filter((p) => p.ingress);
  if (trace(ingress, (p) => box(p.x, p.y, BAND, POD_HEIGHT, [RADIUS, 0, 0, RADIUS]))) {
    ctx.fillStyle = colours.allowed;
    ctx.fill();
  }
  const egress = pods.filter((p) => p.egress);
  const right = POD_WIDTH - BAND;
  if (trace(egress, (p) => box(p.x + right, p.y, BAND, POD_HEIGHT, [0, RADIUS, RADIUS, 0]))) {
    ctx.fillStyle = EGRESS;
    ctx.fill();
  }
  const outline = (width: number) => (p: OverviewPod) => {
    const o = width / 2;
    box(p.x - o, p.y - o, POD_WIDTH + width, POD_HEIGHT + width, RADIUS + o);
  };
  const emphasised = pods.filter((p) => !p.selected && (p.emphasis === 'target' || p.emphasis === 'peer'));
  if (trace(emphasised, outline(3))) {
    ctx.lineWidth = 3;
    ctx.strokeStyle = EMPHASIS;
    ctx.stroke();
  }
  const selected = pods.filter((p) => p.selected);
  if (trace(selected, outline(4))) {
    ctx.lineWidth = 4;
    ctx.strokeStyle = colours.accent;
    ctx.stroke();
  }
  if (!named) return;
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = colours.text;
  for (const pod of pods) {
    const left = PADDING + (pod.ingress ? BAND : 1);
    const room = POD_WIDTH - left - PADDING - (pod.egress ? BAND : 1);
    ctx.fillText(fitName(ctx, pod.name, room), pod.x + left, pod.y + POD_HEIGHT / 2);
  }
}

/**
 * Frames of the far overview (see farFrames.ts) as the page draws them as elements: a faint
 * panel, a dashed outline, the selected one solid in the accent colour.
 * One path per kind; the outline is 1.5 screen pixels at any zoom.
 */
function drawFrames(ctx: CanvasRenderingContext2D, frames: readonly FlowNode[], scale: number, theme: Theme) {
  const colours = COLOURS[theme];
  const box = boxTracer(ctx, FRAME_RADIUS * scale >= 1);
  const outline = (which: readonly FlowNode[], colour: string, dashed: boolean) => {
    if (which.length === 0) return;
    ctx.beginPath();
    for (const { position, width = 0, height = 0 } of which)
      box(position.x, position.y, width, height, FRAME_RADIUS);
    ctx.fillStyle = colours.frameFill;
    ctx.fill();
    ctx.lineWidth = 1.5 / scale;
    ctx.setLineDash(dashed ? [4 / scale, 3 / scale] : []);
    ctx.strokeStyle = colour;
    ctx.stroke();
  };
  outline(
    frames.filter((f) => !f.selected),
    colours.frame,
    true,
  );
  outline(
    frames.filter((f) => f.selected),
    colours.accent,
    false,
  );
  ctx.setLineDash([]);
}

/** The pod whose overview box holds `point` (flow coordinates); null when none does. */
export function podBoxAt(boxes: readonly OverviewPod[], point: { x: number; y: number }): string | null {
  // The last drawn is on top.
  for (let i = boxes.length - 1; i >= 0; i--) {
    const { x, y, key } = boxes[i]!;
    if (point.x >= x && point.x <= x + POD_WIDTH && point.y >= y && point.y <= y + POD_HEIGHT) return key;
  }
  return null;
}
