/**
 * The nodes of a picture as SVG: namespace frames, pods and outside addresses, laid
 * out like their React components (PodNode, NamespaceNode, ExternalNode) so that the
 * picture reads like the screen.
 */
import { EDGE_COLOURS } from '../edgeGeometry';
import type { PictureExternal, PictureFrame, PicturePod } from './picture';
import { escapeXml, fitText, MONO, num, textWidth } from './svgText';

/** Colours of one theme; they follow the app's CSS variables. */
export interface Palette {
  background: string;
  panel: string;
  border: string;
  text: string;
  muted: string;
  chip: string;
  chipText: string;
  frameStroke: string;
  frameFill: string;
  frameFillOpacity: number;
  frameTitle: string;
}

export const LIGHT: Palette = {
  background: '#f6f7f9',
  panel: '#ffffff',
  border: '#c9ced8',
  text: '#1d2330',
  muted: '#5d6678',
  chip: '#eef1f6',
  chipText: '#3b4458',
  frameStroke: '#8a94a8',
  frameFill: '#2f6fde',
  frameFillOpacity: 0.04,
  frameTitle: '#34405a',
};

export const DARK: Palette = {
  background: '#12161f',
  panel: '#1b2130',
  border: '#3a445a',
  text: '#e3e8f2',
  muted: '#9aa5ba',
  chip: '#2a3245',
  chipText: '#e3e8f2',
  frameStroke: '#56627c',
  frameFill: '#6b9cff',
  frameFillOpacity: 0.06,
  frameTitle: '#e3e8f2',
};

const MAX_CHIPS = 3;
const PAD = 10;

/** One `<text>`; `attrs` are trusted attribute text, `content` is escaped here. */
export function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${num(x)}" y="${num(y)}"${attrs ? ` ${attrs}` : ''}>${escapeXml(content)}</text>`;
}

function rect(x: number, y: number, width: number, height: number, attrs: string): string {
  return `<rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}" ${attrs}/>`;
}

/** `a` with `share` of `b` over it: the colour a translucent fill ends up as. */
function mix(a: string, b: string, share: number): string {
  const channel = (hex: string, i: number) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  const out = [0, 1, 2].map((i) => Math.round(channel(a, i) * (1 - share) + channel(b, i) * share));
  return `#${out.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * A namespace frame: dashed outline (solid when collapsed), and its title (name and
 * pod count) apart, to be drawn over the edges; a halo keeps it readable where they cross.
 */
export function drawFrame(frame: PictureFrame, p: Palette): { shape: string; title: string } {
  const { x, y, width, height } = frame.box;
  const outline = frame.collapsed ? '' : ' stroke-dasharray="6 4"';
  const count = `${frame.podCount} pod${frame.podCount === 1 ? '' : 's'}${frame.collapsed ? ', collapsed' : ''}`;
  const countWidth = textWidth(count, 11);
  const name = fitText(frame.name, width - 2 * 12 - countWidth - 8, 13, 'bold');
  const halo = `stroke="${mix(p.background, p.frameFill, p.frameFillOpacity)}" stroke-width="4" stroke-linejoin="round" paint-order="stroke"`;
  return {
    shape: rect(
      x,
      y,
      width,
      height,
      `rx="10" fill="${p.frameFill}" fill-opacity="${p.frameFillOpacity}" stroke="${p.frameStroke}" stroke-width="1.5"${outline}`,
    ),
    title:
      text(x + 12, y + 24, name, `font-size="13" font-weight="bold" fill="${p.frameTitle}" ${halo}`) +
      text(x + width - 12, y + 24, count, `font-size="11" fill="${p.muted}" text-anchor="end" ${halo}`),
  };
}

/** Label chips (`key=value`) on one row; those that do not fit are counted as "+N". */
function chips(labels: [string, string][], x0: number, top: number, max: number, p: Palette): string {
  const out: string[] = [];
  const limit = x0 + max;
  let x = x0;
  let shown = 0;
  for (const [key, value] of labels.slice(0, MAX_CHIPS)) {
    const more = labels.length - shown - 1 > 0 ? 28 : 0;
    let label = `${key}=${value}`;
    if (shown === 0) label = fitText(label, limit - more - x - 12, 11, 'mono');
    const width = textWidth(label, 11, 'mono') + 12;
    if (label === '' || x + width > limit - more) break;
    out.push(rect(x, top, width, 16, `rx="8" fill="${p.chip}"`));
    out.push(text(x + 6, top + 12, label, `font-family="${MONO}" font-size="11" fill="${p.chipText}"`));
    x += width + 4;
    shown++;
  }
  if (labels.length > shown)
    out.push(
      text(
        x + 2,
        top + 12,
        `+${labels.length - shown}`,
        `font-family="${MONO}" font-size="11" fill="${p.muted}"`,
      ),
    );
  return out.join('');
}

/** As on the canvas: isolation badges red, "open to all" / "reaches all" green. */
const badgeColour = (badge: string): string =>
  badge.startsWith('◎') || badge.startsWith('→') ? EDGE_COLOURS.allowed : EDGE_COLOURS.blocked;

/** Isolation badges, right-aligned so that they end at `right`; returns their width too. */
function badges(list: string[], right: number, baseline: number): { svg: string; width: number } {
  const out: string[] = [];
  let x = right;
  for (const badge of [...list].reverse()) {
    const width = textWidth(badge, 10, 'bold') + 10;
    x -= width;
    out.push(rect(x, baseline - 11, width, 15, `rx="4" fill="${badgeColour(badge)}" fill-opacity="0.12"`));
    out.push(text(x + 5, baseline, badge, `font-size="10" font-weight="bold" fill="${badgeColour(badge)}"`));
    x -= 3;
  }
  return { svg: out.join(''), width: right - x };
}

/** A pod: name and kind, label chips, container ports and isolation badges. */
export function drawPod(pod: PicturePod, p: Palette): string {
  const { x, y, width, height } = pod.box;
  const inner = width - 2 * PAD;
  const kind =
    pod.kind === 'Pod' ? '' : `${pod.kind}${pod.replicas === undefined ? '' : ` ×${pod.replicas}`}`;
  const kindWidth = kind ? textWidth(kind, 11) + 6 : 0;
  const parts = [
    rect(x, y, width, height, `rx="8" fill="${p.panel}" stroke="${p.border}"`),
    text(
      x + PAD,
      y + 22,
      fitText(pod.name, inner - kindWidth, 13, 'bold'),
      `font-size="13" font-weight="bold"`,
    ),
  ];
  if (kind)
    parts.push(
      text(
        x + width - PAD,
        y + 21,
        fitText(kind, inner / 2, 11),
        `font-size="11" fill="${p.muted}" text-anchor="end"`,
      ),
    );
  // Rows that do not fit a smaller box are left out rather than drawn over its border.
  if (height >= 52 && pod.labels.length > 0) parts.push(chips(pod.labels, x + PAD, y + 31, inner, p));
  const foot = y + Math.min(70, height - 10);
  if (height >= 76 || (height >= 52 && pod.labels.length === 0)) {
    const tags = badges(pod.badges, x + width - PAD, foot);
    parts.push(tags.svg);
    const ports = fitText(pod.ports.join(' · '), inner - tags.width - 6, 11, 'mono');
    if (ports)
      parts.push(text(x + PAD, foot, ports, `font-family="${MONO}" font-size="11" fill="${p.muted}"`));
  }
  const svg = parts.join('');
  return pod.dimmed ? `<g opacity="0.35">${svg}</g>` : svg;
}

/** An outside address: a dashed pill with its label and sample address. */
export function drawExternal(ext: PictureExternal, p: Palette): string {
  const { x, y, width, height } = ext.box;
  const middle = x + width / 2;
  const svg = [
    rect(
      x,
      y,
      width,
      height,
      `rx="${num(Math.min(22, height / 2))}" fill="${p.panel}" stroke="${EDGE_COLOURS.mixed}" stroke-width="1.5" stroke-dasharray="6 4"`,
    ),
    text(
      middle,
      y + height / 2 - 4,
      fitText(ext.label, width - 20, 12, 'bold'),
      `font-size="12" font-weight="bold" text-anchor="middle"`,
    ),
    text(
      middle,
      y + height / 2 + 12,
      fitText(`e.g. ${ext.address}`, width - 20, 11, 'mono'),
      `font-family="${MONO}" font-size="11" fill="${p.muted}" text-anchor="middle"`,
    ),
  ].join('');
  return ext.dimmed ? `<g opacity="0.35">${svg}</g>` : svg;
}
