import { Background, Controls, Handle, MarkerType, Panel, Position, ReactFlow } from '@xyflow/react';
import type { Edge, Node, NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { summarisePolicy } from '../../engine';
import type { PeerSummary } from '../../engine';
import { plural } from '../app/plural';
import { useAppStore } from '../app/storeContext';

export interface BoxData extends Record<string, unknown> {
  title: string;
  lines: string[];
  tone: 'peer' | 'target' | 'denied' | 'pass';
}

function BoxView({ data }: NodeProps<Node<BoxData, 'box'>>) {
  return (
    <div className={`diagram-box tone-${data.tone}`}>
      <Handle type="target" position={Position.Left} className="pod-handle" />
      <div className="diagram-title">{data.title}</div>
      {data.lines.map((l) => (
        <div key={l} className="diagram-line">
          {l}
        </div>
      ))}
      <Handle type="source" position={Position.Right} className="pod-handle" />
    </div>
  );
}

export const nodeTypes = { box: memo(BoxView) };
export const COLUMN = 340;
export const ROW = 120;

function peerBox(p: PeerSummary): BoxData {
  const now =
    p.kind === 'pods'
      ? [
          p.pods.length > 0
            ? `now: ${p.pods.slice(0, 4).join(', ')}${p.pods.length > 4 ? ', …' : ''}`
            : 'now: no pod',
        ]
      : [];
  return { title: p.label, lines: [p.ports, ...now], tone: 'peer' };
}

/**
 * One policy as people know it from the hosted editors, driven by the real evaluation:
 * ingress peers on the left, the pods it selects in the middle, egress peers on the right.
 */
export function PolicyDiagram({ policyKey }: { policyKey: string }) {
  const workspace = useAppStore((s) => s.parsed.workspace);
  const policy = workspace.policies.find((p) => p.key === policyKey);
  const { nodes, edges } = useMemo(() => {
    const nodes: Node<BoxData, 'box'>[] = [];
    const edges: Edge[] = [];
    if (!policy) return { nodes, edges };
    const summary = summarisePolicy(workspace, policy);
    const middleY = Math.max(summary.ingress.length, summary.egress.length, 1) * ROW * 0.5 - ROW / 2;
    nodes.push({
      id: 'target',
      type: 'box',
      position: { x: COLUMN, y: middleY },
      data: {
        title: `${policy.namespace}: ${plural(summary.selects.length, 'selected pod')}`,
        lines: summary.selects.slice(0, 8),
        tone: 'target',
      },
    });
    const column = (peers: readonly PeerSummary[], direction: 'Ingress' | 'Egress') => {
      if (!summary.isolates.includes(direction)) return;
      const x = direction === 'Ingress' ? 0 : COLUMN * 2;
      const list = peers.length > 0 ? peers : null;
      if (!list) {
        nodes.push({
          id: `${direction}-none`,
          type: 'box',
          position: { x, y: middleY },
          data: {
            title: `no ${direction.toLowerCase()} allowed`,
            lines: ['this direction is denied'],
            tone: 'denied',
          },
        });
        return;
      }
      list.forEach((peer, i) => {
        const id = `${direction}-${peer.ruleIndex}-${peer.peerIndex ?? 'all'}`;
        nodes.push({ id, type: 'box', position: { x, y: i * ROW }, data: peerBox(peer) });
        edges.push({
          id: `e-${id}`,
          source: direction === 'Ingress' ? id : 'target',
          target: direction === 'Ingress' ? 'target' : id,
          className: 'verdict-allowed',
          markerEnd: { type: MarkerType.ArrowClosed, color: '#1f9d55' },
        });
      });
    };
    column(summary.ingress, 'Ingress');
    column(summary.egress, 'Egress');
    return { nodes, edges };
  }, [policy, workspace]);

  if (!policy) return <p className="side-hint">{policyKey} is no longer in the workspace.</p>;
  return (
    <DiagramFrame
      nodes={nodes}
      edges={edges}
      title={policy.key}
      note="ingress from ← selected pods → egress to"
    />
  );
}

/** A policy diagram's canvas: its boxes and arrows, fitted, with its title and the way back. */
export function DiagramFrame({
  nodes,
  edges,
  title,
  note,
}: {
  nodes: Node<BoxData, 'box'>[];
  edges: Edge[];
  title: string;
  note: string;
}) {
  const theme = useAppStore((s) => s.theme);
  const setPolicyView = useAppStore((s) => s.setPolicyView);
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      fitView
      colorMode={theme}
      proOptions={{ hideAttribution: true }}
      nodesConnectable={false}
      data-testid="policy-diagram"
    >
      <Background gap={24} />
      <Controls />
      <Panel position="top-left" className="legend">
        <b>{title}</b>
        <div className="legend-note">{note}</div>
        <button
          type="button"
          className="link"
          onClick={() => setPolicyView(false)}
          data-testid="policy-diagram.back"
        >
          Back to the cluster
        </button>
      </Panel>
    </ReactFlow>
  );
}
