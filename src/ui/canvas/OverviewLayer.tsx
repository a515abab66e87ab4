import { useStore, useStoreApi, ViewportPortal } from '@xyflow/react';
import type { ReactFlowState } from '@xyflow/react';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useAppStore } from '../app/storeContext';
import type { OverviewPod } from './buildFlow';
import type { FarFrame } from './farFrames';
import {
  boundsOf,
  drawOverview,
  NAME_ZOOM,
  pixelScale,
  pixelsOf,
  regionFor,
  viewRect,
} from './overviewBoxes';
import type { Region } from './overviewBoxes';

const namesReadable = (s: ReactFlowState) => s.transform[2] >= NAME_ZOOM;

/**
 * The overview's pod boxes (`boxes`, flow coordinates) on one canvas inside the viewport
 * (see overviewBoxes.ts). It holds the region around the view and follows the view only
 * when it leaves that region or the zoom passes a step; `drawable` is false until the view
 * is fitted (drawn at the old zoom, the boxes would be drawn again a moment later). The
 * canvas takes no pointer events: the pane's click finds the box (`podBoxAt`).
 */
function OverviewLayerView({
  boxes,
  frames,
  drawable,
}: {
  boxes: readonly OverviewPod[];
  /** Frames drawn here too (the far overview, see farFrames.ts). */
  frames: readonly FarFrame[];
  drawable: boolean;
}) {
  const theme = useAppStore((s) => s.theme);
  const named = useStore(namesReadable);
  const store = useStoreApi();
  const bounds = useMemo(() => boundsOf(boxes, frames), [boxes, frames]);
  const [region, setRegion] = useState<Region | null>(null);
  const held = useRef<Region | null>(null);
  useEffect(() => {
    const follow = (s: ReactFlowState) => {
      const scale = pixelScale(s.transform[2], window.devicePixelRatio || 1);
      const next =
        drawable && bounds
          ? regionFor(viewRect(s.transform, s.width, s.height), scale, bounds, held.current)
          : null;
      if (next === held.current) return;
      held.current = next;
      setRegion(next);
    };
    follow(store.getState());
    return store.subscribe(follow);
  }, [store, bounds, drawable]);
  const pixels = useMemo(() => (region ? pixelsOf(region) : null), [region]);
  const canvas = useRef<OverviewCanvas>(null);
  useLayoutEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (ctx && region && pixels)
      drawOverview(ctx, boxes, { region, scale: pixels.scale, named, theme, frames });
  }, [boxes, frames, region, pixels, named, theme]);
  // Where each box and frame is (flow coordinates), for tests and tools that aim at one: made
  // when asked for, not written into the DOM (at 10,000 pods a 300 KB attribute, ~14 ms of
  // the task that draws a file opened).
  useLayoutEffect(() => {
    if (canvas.current) canvas.current.overviewListing = () => listingOf(boxes, frames);
  }, [boxes, frames]);
  return (
    <ViewportPortal>
      <canvas
        ref={canvas}
        className="overview-pods"
        data-testid="canvas.overview"
        width={pixels?.width ?? 1}
        height={pixels?.height ?? 1}
        style={
          region
            ? { left: region.x, top: region.y, width: region.width, height: region.height }
            : { display: 'none' }
        }
        role="img"
        aria-label={`Overview: ${boxes.length} pods drawn as boxes; zoom in to see them as nodes`}
        data-pod-count={boxes.length}
        data-frame-count={frames.length}
      />
    </ViewportPortal>
  );
}

export const OverviewLayer = memo(OverviewLayerView);

/**
 * The overview canvas element, with where it draws each pod box (`key x y`) and far frame
 * (`name x y width height`), one per line, in flow coordinates.
 */
export interface OverviewCanvas extends HTMLCanvasElement {
  overviewListing?: () => { boxes: string; frames: string };
}

function listingOf(boxes: readonly OverviewPod[], frames: readonly FarFrame[]) {
  return {
    boxes: boxes.map((b) => `${b.key} ${b.x} ${b.y}`).join('\n'),
    frames: frames
      .map((f) => `${f.data.name} ${f.position.x} ${f.position.y} ${f.width} ${f.height}`)
      .join('\n'),
  };
}
