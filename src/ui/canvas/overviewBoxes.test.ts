import { describe, expect, it } from 'vitest';
import type { FlowNode, OverviewPod } from './buildFlow';
import {
  boundsOf,
  drawOverview,
  overviewBoxes,
  pixelScale,
  pixelsOf,
  podBoxAt,
  regionFor,
  viewRect,
} from './overviewBoxes';

const box = (key: string, x: number, y: number): OverviewPod => ({
  key,
  name: key.split('/')[1] ?? key,
  x,
  y,
  ingress: false,
  egress: false,
  selected: false,
  emphasis: 'normal',
});

const frame = (name: string, x: number, y: number, pods: OverviewPod[] | undefined): FlowNode => ({
  id: `ns:${name}`,
  type: 'namespace',
  position: { x, y },
  width: 600,
  height: 300,
  data: {
    name,
    podCount: pods?.length ?? 0,
    collapsed: false,
    declared: true,
    ...(pods ? { overview: pods } : {}),
  },
});

describe('overview boxes', () => {
  const nodes = [
    frame('a', 0, 0, [box('a/one', 20, 50), box('a/two', 260, 50)]),
    frame('b', 1000, 0, [box('b/one', 20, 50)]),
    frame('c', 0, 1000, undefined),
  ];
  const boxes = overviewBoxes(nodes);

  it('places every frame’s boxes in flow coordinates; a frame drawn in full has none', () => {
    expect(boxes.map((b) => `${b.key} ${b.x} ${b.y}`)).toEqual([
      'a/one 20 50',
      'a/two 260 50',
      'b/one 1020 50',
    ]);
  });

  it('finds the box under a point', () => {
    expect(podBoxAt(boxes, { x: 21, y: 51 })).toBe('a/one');
    expect(podBoxAt(boxes, { x: 240, y: 126 })).toBe('a/one');
    expect(podBoxAt(boxes, { x: 300, y: 100 })).toBe('a/two');
    expect(podBoxAt(boxes, { x: 1100, y: 80 })).toBe('b/one');
  });

  it('finds nothing between boxes or outside them', () => {
    expect(podBoxAt(boxes, { x: 250, y: 80 })).toBeNull();
    expect(podBoxAt(boxes, { x: 100, y: 10 })).toBeNull();
    expect(podBoxAt(boxes, { x: 800, y: 80 })).toBeNull();
    expect(podBoxAt(boxes, { x: 40, y: 1060 })).toBeNull();
  });

  it('draws at a power of the square root of two at or above the zoom, so zooming redraws rarely', () => {
    expect(pixelScale(0.25, 1)).toBeCloseTo(0.25);
    expect(pixelScale(0.26, 1)).toBeCloseTo(Math.SQRT2 / 4);
    expect(pixelScale(0.26, 2)).toBeCloseTo(Math.SQRT2 / 2);
    expect(pixelScale(0.001, 1)).toBeCloseTo(1 / 64);
    // Before the view is fitted the zoom can be anything: never sharper than the overview needs.
    expect(pixelScale(3, 1)).toBeCloseTo(Math.SQRT2 / 4);
  });

  describe('the region the canvas holds', () => {
    const bounds = { x: 0, y: 0, width: 10_000, height: 10_000 };
    const view = viewRect([-2000, -1000, 0.5], 1000, 500);

    it('is the view with a quarter view around it, within the boxes’ bounds', () => {
      expect(view).toEqual({ x: 4000, y: 2000, width: 2000, height: 1000 });
      expect(regionFor(view, 0.5, bounds, null)).toEqual({
        x: 3500,
        y: 1750,
        width: 3000,
        height: 1500,
        scale: 0.5,
      });
      expect(regionFor({ ...view, x: -500 }, 0.5, bounds, null)).toMatchObject({ x: 0, width: 2000 });
    });

    it('stays while the view pans inside it, and moves when the view leaves it or the scale changes', () => {
      const held = regionFor(view, 0.5, bounds, null);
      expect(regionFor({ ...view, x: 4400, y: 2200 }, 0.5, bounds, held)).toBe(held);
      expect(regionFor({ ...view, x: 4600 }, 0.5, bounds, held)).toMatchObject({ x: 4100 });
      expect(regionFor(view, 0.25, bounds, held)).toMatchObject({ scale: 0.25 });
    });

    it('is nothing when no box is in view', () => {
      expect(regionFor({ ...view, x: 20_000 }, 0.5, bounds, null)).toBeNull();
      expect(boundsOf([])).toBeNull();
    });

    it('keeps a huge region within its pixel budget, drawn coarser', () => {
      expect(pixelsOf({ x: 0, y: 0, width: 600, height: 300, scale: 0.5 })).toEqual({
        width: 300,
        height: 150,
        scale: 0.5,
      });
      const huge = pixelsOf({ x: 0, y: 0, width: 20_000, height: 20_000, scale: 1 });
      expect(huge.width * huge.height).toBeLessThanOrEqual(6_000_000 + 2 * 2_500);
      expect(huge.scale).toBeCloseTo(Math.sqrt(6_000_000) / 20_000);
    });
  });
});

describe('drawing the overview', () => {
  /** A context that counts the shapes traced (nothing else is looked at). */
  const recorder = () => {
    const calls = { roundRect: 0, rect: 0 };
    const ctx = new Proxy(
      { canvas: { width: 800, height: 600 } },
      {
        get: (target, name) =>
          name === 'canvas'
            ? target.canvas
            : name === 'roundRect' || name === 'rect'
              ? () => void calls[name]++
              : () => undefined,
        set: () => true,
      },
    ) as unknown as CanvasRenderingContext2D;
    return { ctx, calls };
  };
  const pods = [
    { ...box('a/one', 20, 50), ingress: true },
    { ...box('a/two', 260, 50), egress: true },
  ];
  const frames = [frame('a', 0, 0, pods)];
  const region = { x: 0, y: 0, width: 2000, height: 2000 };

  it('rounds corners that are a pixel or more on screen', () => {
    const { ctx, calls } = recorder();
    drawOverview(ctx, pods, { region, scale: 0.5, named: false, theme: 'light', frames });
    // Two panels, a band each, the frame.
    expect(calls).toEqual({ roundRect: 5, rect: 0 });
  });

  it('draws corners under a pixel square (the same picture, a tenth of the cost)', () => {
    const { ctx, calls } = recorder();
    drawOverview(ctx, pods, { region, scale: 0.05, named: false, theme: 'light', frames });
    expect(calls).toEqual({ roundRect: 0, rect: 5 });
  });
});
