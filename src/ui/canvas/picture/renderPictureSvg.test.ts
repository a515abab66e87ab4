import { describe, expect, it } from 'vitest';
import { floatingCurve } from '../edgeGeometry';
import type { Box, Picture, PictureEdge, PicturePod } from './picture';
import { curveBounds, renderPictureSvg } from './renderPictureSvg';
import { escapeXml, fitText, textWidth } from './svgText';

const frame = (x: number, y: number, pods: number): Box => ({
  x,
  y,
  width: 492,
  height: 38 + Math.ceil(pods / 2) * 116 + 24,
});
const slot = (f: Box, i: number): Box => ({
  x: f.x + 24 + (i % 2) * 234,
  y: f.y + 38 + Math.floor(i / 2) * 116,
  width: 210,
  height: 92,
});
const pod = (box: Box, name: string, more: Partial<PicturePod> = {}): PicturePod => ({
  box,
  name,
  kind: 'Pod',
  labels: [['app', name]],
  ports: ['http:80/TCP'],
  badges: [],
  dimmed: false,
  ...more,
});
const edge = (source: Box, target: Box, verdict: PictureEdge['verdict'], both = false): PictureEdge => ({
  source,
  target,
  verdict,
  both,
});

/** A picture like the demo workspace: three namespaces, four pods, the outside. */
function demoPicture(): Picture {
  const shop = frame(0, 0, 2);
  const data = frame(300, 230, 1);
  const monitoring = frame(-140, 460, 1);
  const [web, api, postgres, prometheus] = [slot(shop, 0), slot(shop, 1), slot(data, 0), slot(monitoring, 0)];
  const outside = { x: 154, y: 690, width: 190, height: 56 };
  return {
    title: 'Demo workspace',
    subtitle: 'any port',
    dark: false,
    frames: [
      { box: shop, name: 'shop', podCount: 2, collapsed: false },
      { box: data, name: 'data', podCount: 1, collapsed: false },
      { box: monitoring, name: 'monitoring', podCount: 1, collapsed: false },
    ],
    pods: [
      pod(web, 'web', { kind: 'Deployment', replicas: 3, badges: ['⇥ in'] }),
      pod(api, 'api', { badges: ['⇥ in'] }),
      pod(postgres, 'postgres', { badges: ['⇥ in', '↦ out'] }),
      pod(prometheus, 'prometheus', { dimmed: true }),
    ],
    externals: [{ box: outside, label: 'outside the cluster', address: '198.51.100.10' }],
    edges: [
      edge(web, api, 'allowed', true),
      edge(web, postgres, 'blocked'),
      edge(postgres, web, 'allowed'),
      edge(prometheus, outside, 'allowed', true),
      { ...edge(api, postgres, 'blocked'), dimmed: true },
      { ...edge(web, outside, 'allowed'), thick: true },
    ],
  };
}

function viewBoxOf(svg: string): Box {
  const match = /viewBox="(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg);
  if (!match) throw new Error('no viewBox');
  const [x, y, width, height] = match.slice(1).map(Number) as [number, number, number, number];
  return { x, y, width, height };
}

function expectInside(inner: Box, outer: Box, margin = 0): void {
  expect(inner.x).toBeGreaterThanOrEqual(outer.x + margin);
  expect(inner.y).toBeGreaterThanOrEqual(outer.y + margin);
  expect(inner.x + inner.width).toBeLessThanOrEqual(outer.x + outer.width - margin);
  expect(inner.y + inner.height).toBeLessThanOrEqual(outer.y + outer.height - margin);
}

describe('renderPictureSvg', () => {
  it('has a viewBox covering every node and every edge, with a margin', () => {
    const picture = demoPicture();
    const svg = renderPictureSvg(picture);
    const view = viewBoxOf(svg);
    const boxes = [...picture.frames, ...picture.pods, ...picture.externals].map((n) => n.box);
    for (const box of boxes) expectInside(box, view, 16);
    for (const e of picture.edges) {
      const curve = floatingCurve(e.source, e.target, e.both ? 0 : 1);
      expectInside(curveBounds(curve), view, 16);
    }
  });

  it('puts the title and the legend inside the picture, above the nodes', () => {
    const svg = renderPictureSvg(demoPicture());
    const view = viewBoxOf(svg);
    const at = (label: string) => {
      const match = new RegExp(`<text x="(-?[\\d.]+)" y="(-?[\\d.]+)"[^>]*>${label}</text>`).exec(svg);
      if (!match) throw new Error(`no text ${label}`);
      return { x: Number(match[1]), y: Number(match[2]) };
    };
    for (const label of ['Demo workspace', 'any port', 'allowed', 'blocked']) {
      const { x, y } = at(label);
      expectInside({ x, y: y - 16, width: textWidth(label, 20, 'bold'), height: 16 }, view, 8);
      expect(y).toBeLessThan(0);
    }
  });

  it('draws the background exactly over the viewBox (no offset) and sizes the file to it', () => {
    const svg = renderPictureSvg(demoPicture());
    const view = viewBoxOf(svg);
    expect(svg).toContain(
      `<rect x="${view.x}" y="${view.y}" width="${view.width}" height="${view.height}" fill="#f6f7f9"/>`,
    );
    expect(svg).toMatch(new RegExp(`^<svg [^>]*width="${view.width}" height="${view.height}"`));
  });

  it('draws edges with the canvas curves, in their colours, with arrowheads', () => {
    const picture = demoPicture();
    const svg = renderPictureSvg(picture);
    for (const e of picture.edges)
      expect(svg).toContain(`d="${floatingCurve(e.source, e.target, e.both ? 0 : 1).path}"`);
    expect(svg).toMatch(/<path d="M[^"]*" fill="none" stroke="#1f9d55"[^>]*marker-end="url\(#a1f9d55-11\)"/);
    expect(svg).toMatch(/stroke="#d64545" stroke-width="1.5" stroke-dasharray="5 4" marker-end=/);
    expect(svg).toContain('<marker id="a1f9d55-11"');
    expect(svg).toContain('<marker id="ad64545-11"');
    expect(svg).toContain('<g opacity="0.15">');
  });

  it('puts arrowheads at both ends of a both-ways edge only', () => {
    const picture = demoPicture();
    const svg = renderPictureSvg(picture);
    const paths = svg.match(/<path d="M[^"]*Q[^>]*>/g) ?? [];
    expect(paths).toHaveLength(picture.edges.length);
    const both = paths.filter((p) => p.includes('marker-start='));
    expect(both).toHaveLength(picture.edges.filter((e) => e.both).length);
    expect(paths.every((p) => p.includes('marker-end='))).toBe(true);
    // The start arrowhead points back, at the path's first point.
    expect(svg).toMatch(/<marker id="s1f9d55-11" [^>]*refX="0"[^>]*><path d="M10 1L0 5L10 9z"/);
  });

  it('shows "mixed" in the legend only when bundles are drawn, with their counts', () => {
    expect(renderPictureSvg(demoPicture())).not.toContain('>mixed<');
    const picture = demoPicture();
    const [shop, data] = picture.frames.map((f) => f.box) as [Box, Box];
    picture.edges = [{ ...edge(shop, data, 'mixed'), counts: { allowed: 3, blocked: 1 } }];
    const svg = renderPictureSvg(picture);
    expect(svg).toContain('>mixed<');
    expect(svg).toContain('stroke="#c98a14"');
    expect(svg).toContain('<tspan fill="#1f9d55">3 ✓</tspan> <tspan fill="#d64545">1 ✗</tspan>');
  });

  it('escapes every piece of user text', () => {
    const picture = demoPicture();
    const evil = '<script>alert("x")</script>';
    picture.title = `Tom & Jerry's ${evil}`;
    picture.subtitle = evil;
    picture.frames[0] = { ...picture.frames[0]!, name: evil };
    picture.pods[0] = { ...picture.pods[0]!, name: evil, labels: [['a&b', '"quoted"']], ports: [evil] };
    picture.externals[0] = { ...picture.externals[0]!, label: evil, address: evil };
    picture.edges[0] = { ...picture.edges[0]!, label: evil };
    const svg = renderPictureSvg(picture);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('Tom &amp; Jerry&apos;s');
    expect(svg).toContain('a&amp;b=&quot;quoted&quot;');
    // Every element is one the renderer writes itself.
    const allowed = ['defs', 'g', 'marker', 'path', 'rect', 'svg', 'text', 'title', 'tspan'];
    const tags = [...svg.matchAll(/<([a-zA-Z]+)/g)].map((m) => m[1]);
    expect(tags.filter((t) => !allowed.includes(t ?? ''))).toEqual([]);
  });

  it('drops characters XML does not allow', () => {
    expect(escapeXml('a\u0000b\u001bc\ud800d')).toBe('abcd');
    expect(escapeXml('🙂 ok')).toBe('🙂 ok');
  });

  it('is standalone vector art: no foreignObject, HTML, images or fonts to fetch', () => {
    const svg = renderPictureSvg({ ...demoPicture(), dark: true });
    expect(svg).not.toMatch(/foreignObject|<image|<img|<div|xhtml|href=|@import|@font-face|url\((?!#)/i);
    expect(svg).toContain('font-family="\'Liberation Sans\', Arial, Helvetica, sans-serif"');
    expect(svg).toContain('fill="#12161f"');
  });

  it('stays small: a few KB for the demo, well under 500 KB for 200 pods', () => {
    expect(renderPictureSvg(demoPicture()).length).toBeLessThan(16_000);
    const big = demoPicture();
    const f = frame(0, 1000, 200);
    big.frames.push({ box: f, name: 'big', podCount: 200, collapsed: false });
    for (let i = 0; i < 200; i++) big.pods.push(pod(slot(f, i), `pod-${i}`));
    for (let i = 0; i < 400; i++)
      big.edges.push(edge(slot(f, i % 200), slot(f, (i * 7) % 200), i % 3 ? 'allowed' : 'blocked'));
    expect(renderPictureSvg(big).length).toBeLessThan(500_000);
  });

  it('fits long names into their boxes', () => {
    const picture = demoPicture();
    const long = 'a-very-long-deployment-name-that-never-fits-in-a-pod-box';
    picture.pods[0] = { ...picture.pods[0]!, name: long };
    const svg = renderPictureSvg(picture);
    const shown = fitText(long, 190 - textWidth('Deployment ×3', 11) - 6, 13, 'bold');
    expect(shown.endsWith('…')).toBe(true);
    expect(svg).toContain(`>${shown}</text>`);
    expect(svg).not.toContain(long);
  });

  it('draws an empty workspace as a title and a legend', () => {
    const svg = renderPictureSvg({ title: '', dark: false, frames: [], pods: [], externals: [], edges: [] });
    expect(svg).toContain('>NetPol Canvas</text>');
    const view = viewBoxOf(svg);
    expect(view.width).toBeGreaterThan(100);
    expect(view.height).toBeGreaterThan(50);
  });

  it('draws a routed edge along its route, inside the viewBox', () => {
    const picture = demoPicture();
    const route = [
      { x: 210, y: 40 },
      { x: 900, y: 40 },
      { x: 900, y: 300 },
      { x: 320, y: 300 },
    ];
    picture.edges = [{ ...edge(picture.pods[0]!.box, picture.pods[2]!.box, 'allowed'), route }];
    const svg = renderPictureSvg(picture);
    expect(svg).toContain('M 210 40 L ');
    const view = viewBoxOf(svg);
    expect(view.x + view.width).toBeGreaterThanOrEqual(900);
  });
});
