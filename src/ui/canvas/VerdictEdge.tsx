import { BaseEdge, useInternalNode } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { internalBox } from './internalBox';
import { floatingCurve, routeCurve } from './edgeGeometry';
import type { Point } from './edgeGeometry';

/** What the edge builder attaches: one edge for both directions, and ELK's route when it is current. */
export interface VerdictEdgeData {
  both?: boolean;
  route?: Point[];
}

/**
 * An edge between two pods (or a pod and an outside node): along ELK's route while the
 * layout it was computed for is unchanged (around nodes, at right angles), else a
 * "floating" curve between the two boxes (see `edgeGeometry.ts`): straight with two
 * arrowheads when it stands for both directions, else bent to its right so that A->B
 * and B->A stay apart. The picture export draws the same path.
 */
function VerdictEdgeView({ id, source, target, markerEnd, markerStart, style, data }: EdgeProps) {
  const from = useInternalNode(source);
  const to = useInternalNode(target);
  if (!from || !to) return null;
  const { both, route } = (data ?? {}) as VerdictEdgeData;
  const { path } = route
    ? routeCurve(route)
    : floatingCurve(internalBox(from), internalBox(to), both ? 0 : 1);
  return (
    <BaseEdge
      id={id}
      path={path}
      markerEnd={markerEnd}
      markerStart={markerStart}
      style={style}
      interactionWidth={10}
    />
  );
}

export const VerdictEdge = memo(VerdictEdgeView);
