import { useReactFlow } from '@xyflow/react';
import type { FitViewOptions } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { isTypingTarget } from '../app/keyTarget';
import { useAppStore } from '../app/storeContext';
import type { FlowNode } from './buildFlow';

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
 * in the YAML must be brought into view.
 */
export function useCanvasFit(nodes: readonly FlowNode[], layoutPending: boolean): void {
  const flow = useReactFlow();
  const fitRequest = useAppStore((s) => s.fitRequest);
  const ready = useAppStore((s) => s.parsed.text === s.text && !s.evaluation.stale);
  const presenting = useAppStore((s) => s.presenting);
  const canvasOnly = useAppStore((s) => s.canvasOnly);

  const fitted = useRef<number | null>(null);
  const settled = ready && !layoutPending && nodes.length > 0;
  useEffect(() => {
    if (!settled || fitted.current === fitRequest) return undefined;
    fitted.current = fitRequest;
    // One frame later: React Flow has measured the nodes it was just given.
    const frame = requestAnimationFrame(() => void flow.fitView(fitOptions(0, presenting)));
    return () => cancelAnimationFrame(frame);
  }, [flow, settled, fitRequest, presenting]);

  // Presentation mode and canvas-only change the canvas's size: fit again once it has its new size.
  const shape = `${presenting}/${canvasOnly}`;
  const lastShape = useRef(shape);
  useEffect(() => {
    if (lastShape.current === shape) return undefined;
    lastShape.current = shape;
    const frame = requestAnimationFrame(() =>
      requestAnimationFrame(() => void flow.fitView(fitOptions(200, presenting))),
    );
    return () => cancelAnimationFrame(frame);
  }, [flow, shape, presenting]);

  // A pod selected from the YAML is brought into view (large workspaces do not fit).
  const revealPod = useAppStore((s) => s.revealPod);
  useEffect(() => {
    if (!revealPod) return undefined;
    const frame = requestAnimationFrame(
      () =>
        void flow.fitView({ nodes: [{ id: `pod:${revealPod}` }], duration: 200, maxZoom: 1.1, padding: 0.5 }),
    );
    return () => cancelAnimationFrame(frame);
  }, [flow, revealPod]);

  // A gesture that adds a node must show it: fit again when the canvas grows from the canvas.
  const origin = useAppStore((s) => s.origin);
  const lastCount = useRef(nodes.length);
  useEffect(() => {
    const grew = nodes.length > lastCount.current && origin === 'canvas';
    lastCount.current = nodes.length;
    if (grew) void flow.fitView(fitOptions(150, presenting));
  }, [flow, nodes.length, origin, presenting]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTypingTarget(event.target)) return;
      if ((event.key === 'f' || event.key === 'F') && !event.ctrlKey && !event.metaKey && !event.altKey)
        void flow.fitView(fitOptions(200, presenting));
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [flow, presenting]);
}
