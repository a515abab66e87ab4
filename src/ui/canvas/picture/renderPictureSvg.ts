/**
 * The canvas as a standalone SVG, drawn from the geometry we own: real shapes and
 * `<text>` only (no foreignObject, no HTML, no fonts or images to fetch), so the file
 * is a few kilobytes, opens anywhere, and rasterises the same in every browser.
 * Edges use the canvas's own curves (`floatingCurve`), so the picture matches the screen.
 */
import { EDGE_COLOURS, floatingCurve, routeCurve } from '../edgeGeometry';
import type { Box, EdgeCurve } from '../edgeGeometry';
import { DARK, drawExternal, drawFrame, drawPod, LIGHT, text } from './drawNodes';
import type { Palette } from './drawNodes';
import type { Picture, PictureEdge } from './picture';
import { escapeXml, fitText, num, SANS, textWidth } from './svgText';

/** Room around everything drawn. */
const MARGIN = 24;
/** Title line, then the subtitle and legend line. */
const HEADER_HEIGHT = 52;
const HEADER_GAP = 20;
const LABEL_HEIGHT = 18;

interface Drawn {
  edge: PictureEdge;
  curve: EdgeCurve;
  colour: string;
  width: number;
  dash: string | null;
  arrow: number;
}

/** Stroke widths as on the canvas: bundles and changed connections stand out. */
function strokeWidth(edge: PictureEdge): number {
  if (edge.thick) return 4;
  if (edge.counts !== undefined || edge.verdict === 'mixed') return 2.5;
  return edge.verdict === 'allowed' ? 1.8 : 1.5;
}

function styleOf(edge: PictureEdge, curve: EdgeCurve): Drawn {
  const bundle = edge.counts !== undefined;
  const width = strokeWidth(edge);
  // Blocked is dashed everywhere (the legend says so); a thick one is dotted, like "lost".
  const dash = edge.verdict !== 'blocked' ? null : edge.thick ? '2 5' : '5 4';
  const arrow = edge.thick ? 16 : bundle ? 13 : 11;
  return { edge, curve, colour: EDGE_COLOURS[edge.verdict], width, dash, arrow };
}

/** The smallest box holding a quadratic curve (its extremes, not its control point). */
export function curveBounds(curve: EdgeCurve): Box {
  const { start: a, control: c, end: b } = curve;
  if (curve.points) {
    const xs = curve.points.map((p) => p.x);
    const ys = curve.points.map((p) => p.y);
    const x = Math.min(...xs);
    const y = Math.min(...ys);
    return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
  }
  const xs = [a.x, b.x];
  const ys = [a.y, b.y];
  const extreme = (p0: number, p1: number, p2: number, out: number[]) => {
    const denominator = p0 - 2 * p1 + p2;
    if (denominator === 0) return;
    const t = (p0 - p1) / denominator;
    if (t > 0 && t < 1) out.push((1 - t) * (1 - t) * p0 + 2 * (1 - t) * t * p1 + t * t * p2);
  };
  extreme(a.x, c.x, b.x, xs);
  extreme(a.y, c.y, b.y, ys);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

function grow(box: Box, by: number): Box {
  return { x: box.x - by, y: box.y - by, width: box.width + 2 * by, height: box.height + 2 * by };
}

function union(boxes: Box[]): Box | null {
  if (boxes.length === 0) return null;
  // A loop, not Math.min(...boxes): a big workspace has more boxes than a call takes arguments.
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const b of boxes) {
    left = Math.min(left, b.x);
    top = Math.min(top, b.y);
    right = Math.max(right, b.x + b.width);
    bottom = Math.max(bottom, b.y + b.height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

function labelText(edge: PictureEdge): string | null {
  if (edge.counts) return `${edge.counts.allowed} ✓ ${edge.counts.blocked} ✗`;
  return edge.label ? fitText(edge.label, 240, 11) : null;
}

interface Placed {
  d: Drawn;
  text: string;
  box: Box;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Label boxes at the middle of their edges. A->B and B->A between close frames have
 * nearly the same middle, so a label that would cover another one moves up or down.
 */
function placeLabels(drawn: Drawn[]): Placed[] {
  const placed: Placed[] = [];
  for (const d of drawn) {
    const label = labelText(d.edge);
    if (label === null) continue;
    const width = textWidth(label, 11) + 12;
    const at = (shift: number): Box => ({
      x: d.curve.middle.x - width / 2,
      y: d.curve.middle.y - LABEL_HEIGHT / 2 + shift,
      width,
      height: LABEL_HEIGHT,
    });
    const shifts = [0, 1, -1, 2, -2, 3, -3].map((k) => k * (LABEL_HEIGHT + 3));
    const box = shifts.map(at).find((b) => !placed.some((other) => overlaps(b, other.box))) ?? at(0);
    placed.push({ d, text: label, box });
  }
  return placed;
}

/** Arrowhead markers, made once per colour and size, pointing forward (end) or back (start). */
class Markers {
  private readonly defs = new Map<string, string>();

  id(colour: string, size: number, at: 'start' | 'end'): string {
    const id = `${at === 'end' ? 'a' : 's'}${colour.slice(1)}-${size}`;
    if (!this.defs.has(id)) {
      // Drawn in the path's direction; the tip sits on the path's end point.
      const shape = at === 'end' ? 'M0 1L10 5L0 9z' : 'M10 1L0 5L10 9z';
      const tip = at === 'end' ? 10 : 0;
      this.defs.set(
        id,
        `<marker id="${id}" viewBox="0 0 10 10" refX="${tip}" refY="5" markerWidth="${size}" markerHeight="${size}" markerUnits="userSpaceOnUse" orient="auto"><path d="${shape}" fill="${colour}"/></marker>`,
      );
    }
    return id;
  }

  svg(): string {
    return [...this.defs.values()].join('');
  }
}

function drawEdge(d: Drawn, markers: Markers): string {
  const end = markers.id(d.colour, d.arrow, 'end');
  const start = d.edge.both ? ` marker-start="url(#${markers.id(d.colour, d.arrow, 'start')})"` : '';
  const dash = d.dash ? ` stroke-dasharray="${d.dash}"` : '';
  return `<path d="${d.curve.path}" fill="none" stroke="${d.colour}" stroke-width="${d.width}"${dash} marker-end="url(#${end})"${start}/>`;
}

function drawLabel({ d, text: label, box }: Placed, p: Palette): string {
  const frame = `<rect x="${num(box.x)}" y="${num(box.y)}" width="${num(box.width)}" height="${LABEL_HEIGHT}" rx="9" fill="${p.panel}" stroke="${p.border}"/>`;
  const counts = d.edge.counts;
  const content = counts
    ? `<tspan fill="${EDGE_COLOURS.allowed}">${counts.allowed} ✓</tspan> <tspan fill="${EDGE_COLOURS.blocked}">${counts.blocked} ✗</tspan>`
    : escapeXml(label);
  const body = `<text x="${num(box.x + box.width / 2)}" y="${num(box.y + 13)}" font-size="11" text-anchor="middle">${content}</text>`;
  return d.edge.dimmed ? `<g opacity="0.35">${frame}${body}</g>` : frame + body;
}

interface LegendEntry {
  label: string;
  colour: string;
  dash: string | null;
}

function legendEntries(picture: Picture): LegendEntry[] {
  const entries: LegendEntry[] = [
    { label: 'allowed', colour: EDGE_COLOURS.allowed, dash: null },
    { label: 'blocked', colour: EDGE_COLOURS.blocked, dash: '5 4' },
  ];
  if (picture.edges.some((e) => e.counts !== undefined || e.verdict === 'mixed'))
    entries.push({ label: 'mixed', colour: EDGE_COLOURS.mixed, dash: null });
  if (picture.edges.some((e) => e.verdict === 'stale'))
    entries.push({ label: 'being re-evaluated', colour: EDGE_COLOURS.stale, dash: null });
  // The service map leaves out what anyone may reach: the legend says what the badge means.
  if (picture.pods.some((pod) => pod.badges.some((b) => b.startsWith('◎'))))
    entries.push({ label: '◎ open: reachable from everywhere', colour: EDGE_COLOURS.allowed, dash: '0 40' });
  return entries;
}

/** The title, then the subtitle and the legend on one line; returns the SVG and its box. */
function drawHeader(picture: Picture, left: number, top: number, p: Palette): { svg: string; box: Box } {
  const title = fitText(picture.title.trim() || 'NetPol Canvas', 1200, 20, 'bold');
  const parts = [text(left, top + 20, title, 'font-size="20" font-weight="bold"')];
  const row = top + 44;
  let x = left;
  if (picture.subtitle) {
    parts.push(text(x, row, picture.subtitle, `font-size="13" fill="${p.muted}"`));
    x += textWidth(picture.subtitle, 13) + 20;
  }
  for (const entry of legendEntries(picture)) {
    const dash = entry.dash ? ` stroke-dasharray="${entry.dash}"` : '';
    parts.push(
      `<path d="M${num(x)} ${num(row - 4)}h24" stroke="${entry.colour}" stroke-width="2.5"${dash}/>`,
      text(x + 30, row, entry.label, `font-size="12"`),
    );
    x += 30 + textWidth(entry.label, 12) + 18;
  }
  const width = Math.max(textWidth(title, 20, 'bold'), x - left);
  return { svg: parts.join(''), box: { x: left, y: top, width, height: HEADER_HEIGHT } };
}

/** A standalone SVG document of the picture; every piece of text in it is escaped. */
export function renderPictureSvg(picture: Picture): string {
  const p = picture.dark ? DARK : LIGHT;
  const drawn = picture.edges.map((edge) =>
    styleOf(
      edge,
      edge.route ? routeCurve(edge.route) : floatingCurve(edge.source, edge.target, edge.both ? 0 : 1),
    ),
  );
  const labels = placeLabels(drawn);
  const content = union([
    ...picture.frames.map((f) => f.box),
    ...picture.pods.map((pod) => pod.box),
    ...picture.externals.map((e) => e.box),
    // Arrowheads and thick strokes reach a little past the curve itself.
    ...drawn.map((d) => grow(curveBounds(d.curve), d.arrow + d.width)),
    ...labels.map((l) => l.box),
  ]) ?? { x: 0, y: HEADER_HEIGHT + HEADER_GAP, width: 0, height: 0 };
  const header = drawHeader(picture, content.x, content.y - HEADER_HEIGHT - HEADER_GAP, p);
  const all = grow(union([content, header.box]) ?? content, MARGIN);
  const x = Math.floor(all.x);
  const y = Math.floor(all.y);
  const width = Math.ceil(all.x + all.width) - x;
  const height = Math.ceil(all.y + all.height) - y;

  const frames = picture.frames.map((f) => drawFrame(f, p));
  const markers = new Markers();
  // Dimmed edges first and faint, so the ones in focus are drawn over them.
  const dimmed = drawn.filter((d) => d.edge.dimmed).map((d) => drawEdge(d, markers));
  const bright = drawn.filter((d) => !d.edge.dimmed).map((d) => drawEdge(d, markers));
  const body = [
    `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="${p.background}"/>`,
    header.svg,
    ...frames.map((f) => f.shape),
    dimmed.length > 0 ? `<g opacity="0.15">${dimmed.join('')}</g>` : '',
    ...bright,
    // Frame titles over the edges that cross them, still under the pods.
    ...frames.map((f) => f.title),
    ...picture.externals.map((e) => drawExternal(e, p)),
    ...picture.pods.map((pod) => drawPod(pod, p)),
    ...labels.map((l) => drawLabel(l, p)),
  ].join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${x} ${y} ${width} ${height}" font-family="${SANS}" font-size="12" fill="${p.text}">`,
    `<title>${escapeXml(picture.title)}</title>`,
    `<defs>${markers.svg()}</defs>`,
    body,
    '</svg>',
    '',
  ].join('\n');
}
