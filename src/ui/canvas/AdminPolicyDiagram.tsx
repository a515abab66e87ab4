import { MarkerType } from '@xyflow/react';
import type { Edge, Node } from '@xyflow/react';
import { useMemo } from 'react';
import { summariseAdminPolicy } from '../../engine';
import type { AdminRuleSummary, CompiledAdminPolicy } from '../../engine';
import { plural } from '../app/plural';
import { useAppStore } from '../app/storeContext';
import { EDGE_COLOURS } from './edgeGeometry';
import { COLUMN, DiagramFrame, ROW } from './PolicyDiagram';
import type { BoxData } from './PolicyDiagram';

const ACTION_STYLE: Record<string, { className: string; colour: string }> = {
  Allow: { className: 'verdict-allowed', colour: EDGE_COLOURS.allowed },
  Accept: { className: 'verdict-allowed', colour: EDGE_COLOURS.allowed },
  Deny: { className: 'verdict-blocked', colour: EDGE_COLOURS.blocked },
  Pass: { className: 'verdict-pass', colour: EDGE_COLOURS.stale },
};

function ruleBox(rule: AdminRuleSummary): BoxData {
  const pods = [...new Set(rule.peers.flatMap((p) => p.pods))];
  return {
    title: `${rule.ruleIndex}. ${rule.action}${rule.name ? ` “${rule.name}”` : ''}`,
    lines: [
      ...rule.peers.map((p) => p.label),
      rule.ports,
      ...(pods.length > 0 ? [`now: ${pods.slice(0, 4).join(', ')}${pods.length > 4 ? ', …' : ''}`] : []),
    ],
    tone: rule.action === 'Deny' ? 'denied' : rule.action === 'Pass' ? 'pass' : 'peer',
  };
}

/**
 * An admin-tier policy as a diagram: its ingress rules on the left and egress rules on the
 * right, top to bottom in the order they are tried (the first match decides), coloured by
 * action (Allow green, Deny red, Pass grey), around the pods its subject selects.
 */
export function AdminPolicyDiagram({ policy }: { policy: CompiledAdminPolicy }) {
  const workspace = useAppStore((s) => s.parsed.workspace);
  const { nodes, edges } = useMemo(() => {
    const summary = summariseAdminPolicy(workspace, policy);
    const nodes: Node<BoxData, 'box'>[] = [];
    const edges: Edge[] = [];
    const middleY = Math.max(summary.ingress.length, summary.egress.length, 1) * ROW * 0.5 - ROW / 2;
    nodes.push({
      id: 'target',
      type: 'box',
      position: { x: COLUMN, y: middleY },
      data: {
        title: `${policy.tier === 'admin' ? `priority ${policy.priority}` : 'baseline'}: ${plural(summary.selects.length, 'selected pod')}`,
        lines: summary.selects.slice(0, 8),
        tone: 'target',
      },
    });
    const column = (rules: readonly AdminRuleSummary[], direction: 'ingress' | 'egress') =>
      rules.forEach((rule, i) => {
        const id = `${direction}-${rule.ruleIndex}`;
        const style = ACTION_STYLE[rule.action] ?? ACTION_STYLE.Pass!;
        nodes.push({
          id,
          type: 'box',
          position: { x: direction === 'ingress' ? 0 : COLUMN * 2, y: i * ROW },
          data: ruleBox(rule),
        });
        edges.push({
          id: `e-${id}`,
          source: direction === 'ingress' ? id : 'target',
          target: direction === 'ingress' ? 'target' : id,
          className: style.className,
          markerEnd: { type: MarkerType.ArrowClosed, color: style.colour },
          domAttributes: { 'data-action': rule.action } as Record<string, string>,
        });
      });
    column(summary.ingress, 'ingress');
    column(summary.egress, 'egress');
    return { nodes, edges };
  }, [policy, workspace]);

  return (
    <DiagramFrame
      nodes={nodes}
      edges={edges}
      title={policy.key}
      note="ingress rules ← selected pods → egress rules, first match decides"
    />
  );
}
