import type { ReactFlowState } from '@xyflow/react';

/** React Flow store selectors shared by the layers drawn on one canvas (bundles, minimap). */
export const viewOf = (s: ReactFlowState) => s.transform;
export const sizeOf = (s: ReactFlowState) => `${s.width}x${s.height}`;
export const lookupOf = (s: ReactFlowState) => s.nodeLookup;
/** React Flow updates `nodeLookup` in place: its node list says when the boxes changed. */
export const nodesOf = (s: ReactFlowState) => s.nodes;
