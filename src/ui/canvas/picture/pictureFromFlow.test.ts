import type { Edge, InternalNode, Node } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import type { FlowReader } from './pictureFromFlow';
import { pictureFromFlow, portSubtitle } from './pictureFromFlow';
import { rasterScale, svgSize } from './rasterise';
import { fileSlug } from './savePicture';

const podData = (name: string, more: Record<string, unknown> = {}) => ({
  key: `shop/${name}`,
  name,
  kind: 'Pod',
  replicas: undefined,
  labels: { app: name, 'pod-template-hash': '5d8f' },
  ports: ['http:80/TCP'],
  stale: false,
  isolation: { ingress: true, egress: false },
  emphasis: 'normal',
  ...more,
});

const nodes: Node[] = [
  {
    id: 'ns:shop',
    type: 'namespace',
    position: { x: 100, y: 50 },
    width: 492,
    height: 154,
    data: { name: 'shop', podCount: 3, collapsed: false, declared: true },
  },
  {
    id: 'pod:shop/web',
    type: 'pod',
    parentId: 'ns:shop',
    position: { x: 24, y: 38 },
    data: podData('web', { open: { in: true, out: false } }),
  },
  {
    id: 'pod:shop/api',
    type: 'pod',
    parentId: 'ns:shop',
    position: { x: 258, y: 38 },
    data: podData('api', { kind: 'Deployment', replicas: 2, emphasis: 'dimmed' }),
  },
  { id: 'pod:shop/gone', type: 'pod', hidden: true, position: { x: 0, y: 0 }, data: podData('gone') },
  {
    id: 'ext:198.51.100.10',
    type: 'external',
    position: { x: 200, y: 300 },
    width: 190,
    height: 56,
    data: { label: 'outside the cluster', address: '198.51.100.10', emphasis: 'normal' },
  },
];

/** React Flow's absolute positions: pods are placed inside their frame. */
function internal(node: Node): InternalNode {
  const parent = nodes.find((n) => n.id === node.parentId);
  const x = node.position.x + (parent?.position.x ?? 0);
  const y = node.position.y + (parent?.position.y ?? 0);
  const measured =
    node.type === 'pod' ? { width: 210, height: 92 } : { width: node.width, height: node.height };
  return {
    ...node,
    measured,
    internals: { positionAbsolute: { x, y }, z: 0, userNode: node },
  };
}

function reader(edges: Edge[]): FlowReader {
  return {
    getNodes: () => nodes,
    getEdges: () => edges,
    getInternalNode: (id) => {
      const node = nodes.find((n) => n.id === id);
      return node ? internal(node) : undefined;
    },
  };
}

const heading = { title: 'Demo', subtitle: 'any port', dark: false };

describe('pictureFromFlow', () => {
  it('reads nodes at their absolute positions and sizes, leaving hidden ones out', () => {
    const picture = pictureFromFlow(reader([]), heading);
    expect(picture.frames).toEqual([
      { box: { x: 100, y: 50, width: 492, height: 154 }, name: 'shop', podCount: 3, collapsed: false },
    ]);
    expect(picture.pods.map((p) => [p.name, p.box])).toEqual([
      ['web', { x: 124, y: 88, width: 210, height: 92 }],
      ['api', { x: 358, y: 88, width: 210, height: 92 }],
    ]);
    expect(picture.pods[0]).toMatchObject({
      kind: 'Pod',
      labels: [['app', 'web']],
      badges: ['⇥ in', '◎ open'],
    });
    expect(picture.pods[1]).toMatchObject({ kind: 'Deployment', replicas: 2, dimmed: true });
    expect(picture.externals).toEqual([
      {
        box: { x: 200, y: 300, width: 190, height: 56 },
        label: 'outside the cluster',
        address: '198.51.100.10',
        dimmed: false,
      },
    ]);
    expect(picture).toMatchObject(heading);
  });

  it('draws an overview frame’s pod boxes, and the bundles its canvas layer draws', () => {
    const overview: Node = {
      id: 'ns:bulk',
      type: 'namespace',
      position: { x: 0, y: 400 },
      width: 500,
      height: 160,
      data: {
        name: 'bulk',
        podCount: 1,
        collapsed: false,
        declared: true,
        overview: [
          {
            key: 'bulk/p0',
            name: 'p0',
            x: 20,
            y: 44,
            ingress: true,
            egress: false,
            selected: false,
            emphasis: 'normal',
          },
        ],
      },
    };
    nodes.push(overview);
    try {
      const bundle = {
        id: 'ns:bulk->ns:shop',
        source: 'ns:bulk',
        target: 'ns:shop',
        type: 'bundle',
        hidden: true,
        data: { allowed: 3, blocked: 0, layer: true },
        domAttributes: { 'data-verdict': 'allowed' },
      } as Edge;
      const picture = pictureFromFlow(reader([bundle]), heading);
      expect(picture.pods.find((p) => p.name === 'p0')).toMatchObject({
        box: { x: 20, y: 444, width: 220, height: 76 },
        badges: ['⇥ in'],
      });
      expect(picture.edges).toHaveLength(1);
    } finally {
      nodes.pop();
    }
  });

  it('reads verdicts, directions, emphasis and bundle counts from the edges', () => {
    const verdict = (source: string, target: string, attrs: Record<string, string>, className = '') =>
      ({
        id: `${source}->${target}`,
        source,
        target,
        type: 'verdict',
        className,
        domAttributes: attrs,
      }) as Edge;
    const picture = pictureFromFlow(
      reader([
        verdict('pod:shop/web', 'pod:shop/api', { 'data-verdict': 'allowed', 'data-both': 'true' }),
        verdict('pod:shop/api', 'ext:198.51.100.10', { 'data-verdict': 'blocked' }, 'verdict-blocked dimmed'),
        verdict(
          'pod:shop/web',
          'ext:198.51.100.10',
          { 'data-verdict': 'blocked' },
          'verdict-blocked diff-lost',
        ),
        verdict(
          'pod:shop/api',
          'pod:shop/web',
          { 'data-verdict': 'allowed' },
          'verdict-allowed verdict-stale',
        ),
        verdict('pod:shop/web', 'pod:shop/gone', { 'data-verdict': 'allowed' }),
        { ...verdict('pod:shop/api', 'pod:shop/web', { 'data-verdict': 'allowed' }), hidden: true },
        {
          id: 'b',
          source: 'ns:shop',
          target: 'ext:198.51.100.10',
          type: 'bundle',
          className: 'bundle bundle-mixed',
          data: { allowed: 3, blocked: 1 },
          domAttributes: { 'data-verdict': 'mixed' } as Edge['domAttributes'],
        },
      ]),
      heading,
    );
    expect(picture.edges.map((e) => [e.verdict, e.both, e.thick, e.dimmed, e.counts])).toEqual([
      ['allowed', true, false, false, undefined],
      ['blocked', false, false, true, undefined],
      ['blocked', false, true, false, undefined],
      ['stale', false, false, false, undefined],
      ['mixed', false, false, false, { allowed: 3, blocked: 1 }],
    ]);
    expect(picture.edges[0]?.source).toEqual({ x: 124, y: 88, width: 210, height: 92 });
    expect(picture.edges[4]?.source).toEqual({ x: 100, y: 50, width: 492, height: 154 });
  });
});

describe('file names and sizes', () => {
  it('names the file after the workspace', () => {
    expect(fileSlug('Demo workspace')).toBe('demo-workspace');
    expect(fileSlug('  Équipe / Prod (v2)! ')).toBe('equipe-prod-v2');
    expect(fileSlug('<script>')).toBe('script');
    expect(fileSlug('???')).toBe('netpol-canvas');
  });

  it('says the port', () => {
    expect(portSubtitle('any')).toBe('any port');
    expect(portSubtitle({ port: 80, protocol: 'TCP' })).toBe('port 80/TCP');
  });

  it('reads the SVG size and caps the raster at 8000 px a side', () => {
    expect(svgSize('<svg xmlns="x" width="640" height="480" viewBox="0 0 640 480">')).toEqual({
      width: 640,
      height: 480,
    });
    expect(rasterScale(640, 480)).toBe(2);
    expect(rasterScale(6000, 1000)).toBeCloseTo(8000 / 6000);
    expect(6000 * rasterScale(6000, 1000)).toBeLessThanOrEqual(8000);
  });
});
