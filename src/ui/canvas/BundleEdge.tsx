import { BaseEdge, EdgeLabelRenderer, getBezierPath } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { memo } from 'react';

/** Namespace-to-namespace connections, counted: how many pod pairs are allowed and blocked. */
function BundleEdgeView({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  markerEnd,
  data,
}: EdgeProps) {
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  const counts = data as { allowed: number; blocked: number } | undefined;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} />
      <EdgeLabelRenderer>
        <div
          className="bundle-label"
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
        >
          <span className="allowed">{counts?.allowed ?? 0} ✓</span>{' '}
          <span className="blocked">{counts?.blocked ?? 0} ✗</span>
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const BundleEdge = memo(BundleEdgeView);
