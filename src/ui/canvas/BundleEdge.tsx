import { BaseEdge, useInternalNode } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { internalBox } from './internalBox';
import { floatingCurve } from './edgeGeometry';
import { textWidth } from './picture/svgText';

/**
 * Namespace-to-namespace connections, counted: how many pod pairs are allowed and
 * blocked. Drawn between the two frames' borders (not from side handles, which sent
 * lines across the frames), with the counts at the middle. The counts are SVG in the
 * edge itself: an `EdgeLabelRenderer` portal per edge queries the DOM on every React
 * Flow store update, seconds per keystroke with hundreds of bundles.
 */
function BundleEdgeView({ id, source, target, markerEnd, data }: EdgeProps) {
  const from = useInternalNode(source);
  const to = useInternalNode(target);
  if (!from || !to) return null;
  const { path, middle } = floatingCurve(internalBox(from), internalBox(to));
  const counts = data as { allowed: number; blocked: number } | undefined;
  const allowed = `${counts?.allowed ?? 0} ✓`;
  const blocked = `${counts?.blocked ?? 0} ✗`;
  const width = textWidth(`${allowed} ${blocked}`, 11) + 14;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} />
      <g className="bundle-label" transform={`translate(${middle.x} ${middle.y})`}>
        <rect x={-width / 2} y={-9} width={width} height={18} rx={9} />
        <text textAnchor="middle" dominantBaseline="central">
          <tspan className="allowed">{allowed}</tspan> <tspan className="blocked">{blocked}</tspan>
        </text>
      </g>
    </>
  );
}

export const BundleEdge = memo(BundleEdgeView);
