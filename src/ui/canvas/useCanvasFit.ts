import { isStale } from '../../store/appStore';
import { getViewportForBounds, useReactFlow, useStoreApi } from '@xyflow/react';
import type { FitViewOptions } from '@xyflow/react';
import { useCallback, useEffect, useRef } from 'react';
import { isTypingTarget } from '../app/keyTarget';
import { useAppStore } from '../app/storeContext';
import type { FlowNode } from './buildFlow';
import type { Rect } from './overviewBoxes';

// Room at the top for the legend and the toolbar.
const PADDING = { top: '96px', left: '24px', right: '24px', bottom: '24px' } as const;

/**
 * Fit the frames (the pods) and the outside nodes laid out beside them, never zooming in
 * past 1.2 (1.6 when presenting: large type for the back of the room), so a lone
 * "outside the cluster" node never fills the screen.
 */
function fitOptions(duration = 0, presenting = false): FitViewOptions {
  return { padding: PADDING, maxZoom: presenting ? 1.6 : 1.2, duration };
}

/**
 * When the canvas fits its content into view: after another workspace, an import or a
 * paste, a lesson step or _Auto layout_ (the store's `fitRequest`), once the layout has
 * settled; when presentation mode changes the canvas's size; on F; and when a pod chosen
 * in the YAML must be brought into view. `onFitted` hears which `fitRequest` was served.
 * `large`: the canvas holds a large workspace (the view then jumps where it would glide).
 */
export function useCanvasFit(
  nodes: readonly FlowNode[],
  layoutPending: boolean,
  onFitted: (request: number) => void,
  bounds: Rect | null = null,
  large = false,
): void {
  const flow = useReactFlow();
  const store = useStoreApi();
  // The far overview's frames are not nodes (farFrames.ts): fit what the layout placed.
  const boundsNow = useRef(bounds);
  useEffect(() => {
    boundsNow.current = bounds;
  }, [bounds]);
  // A large workspace's view jumps where a small one's glides: every frame of the glide
  // draws the canvas again (70-110 ms a frame at 1,000 pods, as the frames in view change).
  const glide = useCallback((ms: number) => (large ? 0 : ms), [large]);
  const fit = useCallback(
    (duration: number, presenting: boolean): Promise<boolean> => {
      const placed = boundsNow.current;
      if (!placed) return flow.fitView(fitOptions(duration, presenting));
      const { width, height, minZoom } = store.getState();
      const { maxZoom, padding } = fitOptions(duration, presenting);
      const viewport = getViewportForBounds(placed, width, height, minZoom, maxZoom ?? 1.2, padding ?? 0);
      return flow.setViewport(viewport, { duration });
    },
    [flow, store],
  );
  const fitRequest = useAppStore((s) => s.fitRequest);
  const ready = useAppStore((s) => s.parsed.text === s.text && !isStale(s.evaluation));
  const presenting = useAppStore((s) => s.presenting);
  const canvasOnly = useAppStore((s) => s.canvasOnly);

  const fitted = useRef<number | null>(null);
  const settled = ready && !layoutPending && (nodes.length > 0 || bounds !== null);
  useEffect(() => {
    if (!settled || fitted.current === fitRequest) return undefined;
    // One frame later: React Flow has measured the nodes it was just given. Marked as done
    // only then: a re-render in between cancels the frame, and the next one fits.
    const frame = requestAnimationFrame(() => {
      fitted.current = fitRequest;
      void fit(0, presenting).then(() => onFitted(fitRequest));
    });
    return () => cancelAnimationFrame(frame);
  }, [fit, settled, fitRequest, presenting, onFitted]);

  // Presentation mode and canvas-only change the canvas's size: fit again once it has its new size.
  const shape = `${presenting}/${canvasOnly}`;
  const lastShape = useRef(shape);
  useEffect(() => {
    if (lastShape.current === shape) return undefined;
    lastShape.current = shape;
    const frame = requestAnimationFrame(() => requestAnimationFrame(() => void fit(glide(200), presenting)));
    return () => cancelAnimationFrame(frame);
  }, [fit, shape, presenting, glide]);

  // A pod selected from the YAML is brought into view (large workspaces do not fit).
  const revealPod = useAppStore((s) => s.revealPod);
  useEffect(() => {
    if (!revealPod) return undefined;
    const frame = requestAnimationFrame(
      () =>
        void flow.fitView({
          nodes: [{ id: `pod:${revealPod}` }],
          duration: glide(200),
          maxZoom: 1.1,
          padding: 0.5,
        }),
    );
    return () => cancelAnimationFrame(frame);
  }, [flow, revealPod, glide]);

  // Something new on the canvas (a gesture, a typed namespace or pod, a merge) must be in
  // view: fit again when a node appears outside it. Not while a requested fit is to come (a
  // file opened: everything is new, and that fit shows it all at once; animated as well, the
  // canvas was drawn again at every frame of the animation, 30-90 ms each at 1,000 pods).
  // The nodes drawn last, with their ids once asked for: a file opened (its fit to come)
  // compares nothing, and the ids of 10,000 pods took ~25 ms of the task that draws them.
  const last = useRef<{ nodes: readonly FlowNode[]; ids?: Set<string> }>({ nodes: [] });
  useEffect(() => {
    const before = last.current;
    last.current = { nodes };
    if (before.nodes.length === 0 || layoutPending || fitted.current !== fitRequest) return undefined;
    const beforeIds = (before.ids ??= drawnIds(before.nodes));
    last.current.ids = drawnIds(nodes);
    const added = nodes.filter((n) => !beforeIds.has(n.id)).map((n) => n.id);
    if (added.length === 0) return undefined;
    const frame = requestAnimationFrame(() => {
      const { x, y, zoom } = flow.getViewport();
      const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
      if (!pane) return;
      const visible = { x: -x / zoom, y: -y / zoom, width: pane.width / zoom, height: pane.height / zoom };
      const outside = added.some((id) => {
        const node = flow.getInternalNode(id);
        if (!node) return false;
        const { x: nx, y: ny } = node.internals.positionAbsolute;
        const w = node.measured.width ?? 0;
        const h = node.measured.height ?? 0;
        return (
          nx < visible.x ||
          ny < visible.y ||
          nx + w > visible.x + visible.width ||
          ny + h > visible.y + visible.height
        );
      });
      if (outside) void fit(glide(150), presenting);
    });
    return () => cancelAnimationFrame(frame);
  }, [flow, fit, nodes, layoutPending, presenting, fitRequest, glide]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTypingTarget(event.target)) return;
      if ((event.key === 'f' || event.key === 'F') && !event.ctrlKey && !event.metaKey && !event.altKey)
        void fit(glide(200), presenting);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [fit, presenting, glide]);
}

/**
 * Every pod, namespace and outside address drawn: nodes, and the pods an overview frame
 * draws as boxes (zooming in turns those into nodes, which is nothing new to fit).
 */
function drawnIds(nodes: readonly FlowNode[]): Set<string> {
  const ids = new Set<string>();
  for (const node of nodes) {
    ids.add(node.id);
    if (node.type === 'namespace') for (const pod of node.data.overview ?? []) ids.add(`pod:${pod.key}`);
  }
  return ids;
}
