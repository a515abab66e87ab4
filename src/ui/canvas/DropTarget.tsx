import { Handle, Position, useNodeId, useUpdateNodeInternals } from '@xyflow/react';
import { useEffect } from 'react';

/**
 * While a connection is being drawn, the whole node (pod, namespace frame, outside node)
 * is a drop target: React Flow connects to the handle under the pointer, so this handle
 * covers the node. It exists only during a drag, so it never takes clicks or node drags;
 * React Flow is told about it when it appears, so it can highlight it as the target.
 */
export function DropTarget() {
  const nodeId = useNodeId();
  const updateNodeInternals = useUpdateNodeInternals();
  useEffect(() => {
    if (nodeId) updateNodeInternals(nodeId);
  }, [nodeId, updateNodeInternals]);
  return <Handle type="target" id="drop" position={Position.Left} className="drop-target" />;
}
