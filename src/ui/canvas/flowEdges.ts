/**
 * The flows overlay: observed connections (and those allowed but never observed) as edges
 * on top of the verdicts, one per pair of drawn nodes and class, labelled with their ports.
 */
import type { Edge } from '@xyflow/react';
import { OUTSIDE_ADDRESS } from '../../engine';
import type { Endpoint, ExternalPeer, FlowAnalysis, FlowClass } from '../../engine';

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

export type FlowEdgeData = {
  flowClass: FlowClass;
  ports: string[];
};

export function flowEdges(analysis: FlowAnalysis, context: FlowEdgeContext): Edge[] {
  const collapsed = new Set(context.collapsed);
  const addresses = new Set(context.externals.map((e) => e.address));
  const nodeOf = (e: Endpoint): string | null => {
    if (e.kind === 'pod') {
      const ns = context.namespaceOf.get(e.key);
      if (ns === undefined) return null;
      return collapsed.has(ns) ? `ns:${ns}` : `pod:${e.key}`;
    }
    if (addresses.has(e.ip)) return `ext:${e.ip}`;
    return addresses.has(OUTSIDE_ADDRESS) ? `ext:${OUTSIDE_ADDRESS}` : null;
  };
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
