import type { InternalNode } from '@xyflow/react';
import type { Box } from './edgeGeometry';

/** A node's box on the canvas (absolute position, measured size), for edge geometry. */
export function internalBox(node: InternalNode): Box {
  return {
    x: node.internals.positionAbsolute.x,
    y: node.internals.positionAbsolute.y,
    width: node.measured.width ?? node.width ?? 0,
    height: node.measured.height ?? node.height ?? 0,
  };
}
