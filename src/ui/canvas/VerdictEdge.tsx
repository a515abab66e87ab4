import { BaseEdge, useInternalNode } from '@xyflow/react';
import type { EdgeProps, InternalNode } from '@xyflow/react';
import { memo } from 'react';

/** Where the line from a node's centre towards `toward` leaves the node's box. */
function borderPoint(node: InternalNode, toward: { x: number; y: number }): { x: number; y: number } {
  const w = (node.measured.width ?? 0) / 2;
  const h = (node.measured.height ?? 0) / 2;
  const cx = node.internals.positionAbsolute.x + w;
  const cy = node.internals.positionAbsolute.y + h;
  const dx = toward.x - cx;
  const dy = toward.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const scale = Math.min(w / Math.abs(dx || 1e-9), h / Math.abs(dy || 1e-9));
  return { x: cx + dx * scale, y: cy + dy * scale };
}

function centre(node: InternalNode): { x: number; y: number } {
  return {
    x: node.internals.positionAbsolute.x + (node.measured.width ?? 0) / 2,
    y: node.internals.positionAbsolute.y + (node.measured.height ?? 0) / 2,
  };
}

/**
 * A "floating" edge between two pod boxes: it leaves each box where the line between
 * their centres crosses its border and bends to its right, so A->B and B->A stay apart.
 */
function VerdictEdgeView({ id, source, target, markerEnd, style }: EdgeProps) {
  const from = useInternalNode(source);
  const to = useInternalNode(target);
  if (!from || !to) return null;
  const start = borderPoint(from, centre(to));
  const end = borderPoint(to, centre(from));
  const dx = end.x - start.x;
  const dy = end.y - start.y;
  const length = Math.hypot(dx, dy) || 1;
  const bend = Math.min(40, length * 0.15);
  const control = {
    x: (start.x + end.x) / 2 + (dy / length) * bend,
    y: (start.y + end.y) / 2 - (dx / length) * bend,
  };
  const path = `M ${start.x} ${start.y} Q ${control.x} ${control.y} ${end.x} ${end.y}`;
  return <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={12} />;
}

export const VerdictEdge = memo(VerdictEdgeView);
