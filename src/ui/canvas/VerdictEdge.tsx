import { BaseEdge, useInternalNode } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { internalBox } from './internalBox';
import { floatingCurve, routeCurve } from './edgeGeometry';
import type { Point } from './edgeGeometry';
import { EdgeLabel } from './labelLayer';

/** What the edge builder attaches: one edge for both directions, and ELK's route when it is current. */
export interface VerdictEdgeData {
  both?: boolean;
  route?: Point[];
  /** An admin or baseline rule decided this connection (not the namespaces' NetworkPolicies). */
  tier?: 'admin' | 'baseline';
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
  const { both, route, tier } = (data ?? {}) as VerdictEdgeData;
  const { path, middle } = route
    ? routeCurve(route)
    : floatingCurve(internalBox(from), internalBox(to), both ? 0 : 1);
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        markerStart={markerStart}
        style={style}
        interactionWidth={10}
      />
      {tier && (
        <EdgeLabel>
          <div
            className={`tier-label tier-${tier}`}
            data-tier-label={id}
            title={
              tier === 'admin'
                ? 'Decided by an AdminNetworkPolicy: the namespace’s own NetworkPolicies were not consulted'
                : 'Decided by the BaselineAdminNetworkPolicy: no NetworkPolicy isolates this pod'
            }
            style={{ transform: `translate(-50%, -50%) translate(${middle.x}px, ${middle.y}px)` }}
          >
            {tier}
          </div>
        </EdgeLabel>
      )}
    </>
  );
}

export const VerdictEdge = memo(VerdictEdgeView);
