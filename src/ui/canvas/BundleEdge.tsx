import { BaseEdge, useInternalNode } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { internalBox } from './internalBox';
import { floatingCurve } from './edgeGeometry';
import { EdgeLabel } from './labelLayer';

/**
 * Namespace-to-namespace connections, counted: how many pod pairs are allowed and
 * blocked. Drawn between the two frames' borders (not from side handles, which sent
 * lines across the frames), with the counts at the middle.
 */
function BundleEdgeView({ id, source, target, markerEnd, data }: EdgeProps) {
  const from = useInternalNode(source);
  const to = useInternalNode(target);
  if (!from || !to) return null;
  const { path, middle } = floatingCurve(internalBox(from), internalBox(to));
  const counts = data as { allowed: number; blocked: number } | undefined;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} />
      <EdgeLabel>
        <div
          className="bundle-label"
          style={{ transform: `translate(-50%, -50%) translate(${middle.x}px, ${middle.y}px)` }}
        >
          <span className="allowed">{counts?.allowed ?? 0} ✓</span>{' '}
          <span className="blocked">{counts?.blocked ?? 0} ✗</span>
        </div>
      </EdgeLabel>
    </>
  );
}

export const BundleEdge = memo(BundleEdgeView);
