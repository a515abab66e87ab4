import { BaseEdge, useInternalNode } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { floatingCurve } from './edgeGeometry';
import { FLOW_CLASS_WORDS } from './flowEdges';
import type { FlowEdgeData } from './flowEdges';
import { internalBox } from './internalBox';
import { EdgeLabel } from './labelLayer';

/**
 * An observed connection over the verdicts: a wide translucent band bent to the left of
 * the verdict edge between the same nodes (which bends right), with its ports and class.
 */
function FlowEdgeView({ id, source, target, data, markerEnd }: EdgeProps) {
  const from = useInternalNode(source);
  const to = useInternalNode(target);
  if (!from || !to) return null;
  const { flowClass, ports } = data as unknown as FlowEdgeData;
  const { path, middle } = floatingCurve(internalBox(from), internalBox(to), -1.4);
  const shown = ports.length > 2 ? `${ports.slice(0, 2).join(', ')} +${ports.length - 2}` : ports.join(', ');
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} interactionWidth={0} />
      {/* Ports are written on what needs acting on; the others are many, and say so on hover. */}
      {(flowClass === 'observedBlocked' || flowClass === 'dropped' || flowClass === 'marked') && (
        <EdgeLabel>
          <div
            className={`flow-label flow-${flowClass}`}
            data-flow-label={id}
            title={
              flowClass === 'marked'
                ? 'Marked: should be allowed (Generate policies)'
                : `${FLOW_CLASS_WORDS[flowClass]}: ${ports.join(', ')}`
            }
            style={{ transform: `translate(-50%, -50%) translate(${middle.x}px, ${middle.y}px)` }}
          >
            {flowClass === 'marked' ? 'should be allowed' : shown}
          </div>
        </EdgeLabel>
      )}
    </>
  );
}

export const FlowEdge = memo(FlowEdgeView);
