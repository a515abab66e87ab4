/**
 * The flows overlay: observed connections (and those allowed but never observed) as edges
 * on top of the verdicts, one per pair of drawn nodes and class, labelled with their ports.
 */
import { MarkerType } from '@xyflow/react';
import type { Edge } from '@xyflow/react';
import { OUTSIDE_ADDRESS } from '../../engine';
import type { Endpoint, ExternalPeer, FlowAnalysis, FlowClass, PodKey } from '../../engine';

/** How each class is said in the legend and on an edge's title. */
export const FLOW_CLASS_WORDS: Record<FlowClass, string> = {
  observedAllowed: 'observed, allowed',
  observedBlocked: 'observed, would be blocked',
  dropped: 'dropped',
  allowedUnobserved: 'allowed, never observed',
};

/** The order classes are listed and stacked in (the ones to act on first). */
export const FLOW_CLASSES: readonly FlowClass[] = [
  'observedBlocked',
  'dropped',
  'observedAllowed',
  'allowedUnobserved',
];

export interface FlowEdgeContext {
  namespaceOf: ReadonlyMap<string, string>;
  collapsed: readonly string[];
  externals: readonly ExternalPeer[];
  filter: Readonly<Record<FlowClass, boolean>>;
}

/** What an overlay edge stands for: a class of flows, or a connection marked "should be allowed". */
export type OverlayKind = FlowClass | 'marked';

export type FlowEdgeData = {
  flowClass: OverlayKind;
  ports: string[];
};

/** The arrowheads' colours (SVG markers take a colour, not a CSS variable): as in app.css. */
const ARROW: Record<OverlayKind, string> = {
  observedAllowed: '#1c7ed6',
  observedBlocked: '#e8590c',
  dropped: '#868e96',
  allowedUnobserved: '#ae3ec9',
  marked: '#f59f00',
};

const arrow = (kind: OverlayKind) => ({
  type: MarkerType.ArrowClosed,
  width: 14,
  height: 14,
  color: ARROW[kind],
  markerUnits: 'userSpaceOnUse' as const,
});

/** Node ids of endpoint keys, as the canvas draws them (null: not drawn). */
function nodeResolver(context: Omit<FlowEdgeContext, 'filter'>): (e: Endpoint) => string | null {
  const collapsed = new Set(context.collapsed);
  const addresses = new Set(context.externals.map((e) => e.address));
  return (e) => {
    if (e.kind === 'pod') {
      const ns = context.namespaceOf.get(e.key);
      if (ns === undefined) return null;
      return collapsed.has(ns) ? `ns:${ns}` : `pod:${e.key}`;
    }
    if (addresses.has(e.ip)) return `ext:${e.ip}`;
    return addresses.has(OUTSIDE_ADDRESS) ? `ext:${OUTSIDE_ADDRESS}` : null;
  };
}

/** The connections marked "should be allowed", drawn so that the user sees what they asked for. */
export function markedEdges(
  marked: readonly { from: string; to: string }[],
  context: Omit<FlowEdgeContext, 'filter'>,
): Edge[] {
  const nodeOf = nodeResolver(context);
  const endpoint = (key: string): Endpoint =>
    key.includes('/') ? { kind: 'pod', key: key as PodKey } : { kind: 'ip', ip: key };
  return marked.flatMap((m): Edge[] => {
    const source = nodeOf(endpoint(m.from));
    const target = nodeOf(endpoint(m.to));
    if (!source || !target || source === target) return [];
    return [
      {
        id: `marked:${m.from}->${m.to}`,
        source,
        target,
        type: 'flow',
        className: 'flow flow-marked',
        selectable: false,
        focusable: false,
        zIndex: 3,
        markerEnd: arrow('marked'),
        data: { flowClass: 'marked', ports: [] } satisfies FlowEdgeData,
        domAttributes: { 'data-marked-from': m.from, 'data-marked-to': m.to } as Record<string, string>,
      },
    ];
  });
}

export function flowEdges(analysis: FlowAnalysis, context: FlowEdgeContext): Edge[] {
  const nodeOf = nodeResolver(context);
  const keyOf = (e: Endpoint) => (e.kind === 'pod' ? e.key : e.ip);
  const grouped = new Map<
    string,
    { source: string; target: string; from: string; to: string; cls: FlowClass; ports: Set<string> }
  >();
  const add = (from: Endpoint, to: Endpoint, cls: FlowClass, port: string) => {
    if (!context.filter[cls]) return;
    const source = nodeOf(from);
    const target = nodeOf(to);
    if (!source || !target || source === target) return;
    const id = `flow:${cls}:${source}->${target}`;
    const entry = grouped.get(id) ?? {
      source,
      target,
      from: keyOf(from),
      to: keyOf(to),
      cls,
      ports: new Set<string>(),
    };
    entry.ports.add(port);
    grouped.set(id, entry);
  };
  for (const f of analysis.flows) add(f.from, f.to, f.class, `${f.port}/${f.protocol}`);
  for (const u of analysis.allowedUnobserved)
    add(u.from, u.to, 'allowedUnobserved', `${u.port}/${u.protocol}`);
  return [...grouped].map(([id, g]): Edge => {
    const ports = [...g.ports].sort();
    return {
      id,
      source: g.source,
      target: g.target,
      type: 'flow',
      className: `flow flow-${g.cls}`,
      selectable: false,
      focusable: false,
      zIndex: 3,
      markerEnd: arrow(g.cls),
      data: { flowClass: g.cls, ports } satisfies FlowEdgeData,
      domAttributes: {
        'data-flow-class': g.cls,
        'data-flow-from': g.from,
        'data-flow-to': g.to,
        'data-flow-ports': ports.join(' '),
      } as Record<string, string>,
    };
  });
}
