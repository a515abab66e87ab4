import { describe, expect, it } from 'vitest';
import type { FlowNode } from './buildFlow';
import { frameAt, layoutBounds, splitFarFrames } from './farFrames';
import type { Layout } from '../../store/layout/computeLayout';

const frame = (name: string, x: number, y: number, overview = true): FlowNode => ({
  id: `ns:${name}`,
  type: 'namespace',
  position: { x, y },
  width: 300,
  height: 200,
  data: { name, podCount: 1, collapsed: false, declared: true, ...(overview ? { overview: [] } : {}) },
});
const pod: FlowNode = {
  id: 'pod:b/p',
  type: 'pod',
  parentId: 'ns:b',
  position: { x: 10, y: 44 },
  data: {
    key: 'b/p',
    name: 'p',
    kind: 'Pod',
    replicas: undefined,
    labels: {},
    ports: [],
    stale: false,
    isolation: { ingress: false, egress: false },
    open: { in: false, out: false },
    emphasis: 'normal',
  },
};

describe('the far overview', () => {
  const nodes = [frame('a', 0, 0), frame('b', 400, 0, false), pod, frame('c', 0, 300)];

  it('draws the frames that draw their pods as boxes; a frame whose pods are nodes stays a node', () => {
    const far = splitFarFrames(nodes, true);
    expect(far.frames.map((f) => f.id)).toEqual(['ns:a', 'ns:c']);
    expect(far.nodes.map((n) => n.id)).toEqual(['ns:b', 'pod:b/p']);
    // Nearer, every frame is a node.
    expect(splitFarFrames(nodes, false)).toEqual({ nodes, frames: [] });
  });

  it('finds the frame under a point, and nothing between frames', () => {
    const { frames } = splitFarFrames(nodes, true);
    expect(frameAt(frames, { x: 150, y: 10 })).toBe('a');
    expect(frameAt(frames, { x: 299, y: 499 })).toBe('c');
    expect(frameAt(frames, { x: 150, y: 250 })).toBeNull();
    expect(frameAt(frames, { x: 500, y: 100 })).toBeNull();
  });

  it('fits what the layout placed: frames and outside nodes', () => {
    const layout: Layout = {
      frames: { a: { x: -50, y: 0, width: 300, height: 200 }, c: { x: 0, y: 300, width: 300, height: 400 } },
      pods: {},
      externals: { '10.0.0.1': { x: 500, y: -20 } },
      placed: {},
      fresh: false,
    };
    expect(layoutBounds(layout)).toEqual({ x: -50, y: -20, width: 740, height: 720 });
    expect(layoutBounds({ ...layout, frames: {}, externals: {} })).toBeNull();
  });
});
