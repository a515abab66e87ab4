/**
 * Edge geometry shared by the canvas and the picture export: a "floating" edge between
 * two boxes leaves each box where the line between their centres crosses its border,
 * and bends to its right so that A->B and B->A (when drawn apart) never overlap.
 * Pure functions of flow coordinates, no React.
 */

/** Edge colours, on the canvas and in pictures (the same in both themes: one legend). */
export const EDGE_COLOURS = {
  allowed: '#1f9d55',
  blocked: '#d64545',
  mixed: '#c98a14',
  stale: '#9aa3b2',
} as const;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface EdgeCurve {
  /** SVG path data: one quadratic curve. */
  path: string;
  start: Point;
  end: Point;
  control: Point;
  /** The curve's point halfway (for labels). */
  middle: Point;
  /** A routed edge's corner points (its bounds), absent for a single curve. */
  points?: readonly Point[];
}

export function centreOf(box: Box): Point {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Where the line from the box's centre towards `toward` leaves the box (plus `gap`). */
export function borderPoint(box: Box, toward: Point, gap = 0): Point {
  const w = box.width / 2 + gap;
  const h = box.height / 2 + gap;
  const c = centreOf(box);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const scale = Math.min(w / Math.abs(dx || 1e-9), h / Math.abs(dy || 1e-9));
  return { x: c.x + dx * scale, y: c.y + dy * scale };
}

/**
 * The curve from `source` to `target`. `bend` 0 draws a straight line (one edge with
 * arrowheads at both ends for a pair allowed both ways); 1 bends it to its right.
 */
export function floatingCurve(source: Box, target: Box, bend = 1): EdgeCurve {
  const start = borderPoint(source, centreOf(target), 2);
  const end = borderPoint(target, centreOf(source), 2);
  const dx = end.x - start.x;
  const dy = end.y - start.y;
  const length = Math.hypot(dx, dy) || 1;
  // Enough bend that A->B and B->A never look like one line, even between close boxes.
  const offset = Math.min(40, Math.max(16, length * 0.15)) * bend;
  const control = {
    x: (start.x + end.x) / 2 + (dy / length) * offset,
    y: (start.y + end.y) / 2 - (dx / length) * offset,
  };
  const middle = {
    x: 0.25 * start.x + 0.5 * control.x + 0.25 * end.x,
    y: 0.25 * start.y + 0.5 * control.y + 0.25 * end.y,
  };
  const r = (v: number) => Math.round(v * 10) / 10;
  const path = `M ${r(start.x)} ${r(start.y)} Q ${r(control.x)} ${r(control.y)} ${r(end.x)} ${r(end.y)}`;
  return { path, start, end, control, middle };
}

/**
 * A route laid out by ELK (a polyline at right angles) as a path with rounded corners.
 * `reverse` draws it from its end (a both-ways edge drawn from the other side).
 */
export function routeCurve(points: readonly Point[], radius = 10): EdgeCurve {
  const first = points[0] ?? { x: 0, y: 0 };
  const last = points[points.length - 1] ?? first;
  const r = (v: number) => Math.round(v * 10) / 10;
  let path = `M ${r(first.x)} ${r(first.y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const prev = points[i - 1] ?? first;
    const at = points[i] ?? first;
    const next = points[i + 1] ?? last;
    const inLen = Math.hypot(at.x - prev.x, at.y - prev.y) || 1;
    const outLen = Math.hypot(next.x - at.x, next.y - at.y) || 1;
    const k = Math.min(radius, inLen / 2, outLen / 2);
    const before = { x: at.x - ((at.x - prev.x) / inLen) * k, y: at.y - ((at.y - prev.y) / inLen) * k };
    const after = { x: at.x + ((next.x - at.x) / outLen) * k, y: at.y + ((next.y - at.y) / outLen) * k };
    path += ` L ${r(before.x)} ${r(before.y)} Q ${r(at.x)} ${r(at.y)} ${r(after.x)} ${r(after.y)}`;
  }
  path += ` L ${r(last.x)} ${r(last.y)}`;
  // The middle of the polyline by length, for labels.
  const lengths = points
    .slice(1)
    .map((p, i) => Math.hypot(p.x - (points[i]?.x ?? 0), p.y - (points[i]?.y ?? 0)));
  let remaining = lengths.reduce((a, b) => a + b, 0) / 2;
  let middle = first;
  for (let i = 0; i < lengths.length; i++) {
    const len = lengths[i] ?? 0;
    const a = points[i] ?? first;
    const b = points[i + 1] ?? last;
    if (remaining <= len) {
      const t = len === 0 ? 0 : remaining / len;
      middle = { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
      break;
    }
    remaining -= len;
  }
  return { path, start: first, end: last, control: middle, middle, points };
}
