/**
 * Turns the workspace model and the latest truth table into React Flow nodes and
 * edges. Namespaces are frames (parent nodes), pods and workloads are their children.
 * The layout here is a plain grid; issue [4 of 6] replaces it with an automatic one.
 */
import { MarkerType } from '@xyflow/react';
import type { Edge, Node } from '@xyflow/react';
import type { Workspace } from '../../engine';
import type { MatrixResult } from '../../worker/protocol';

export const POD_WIDTH = 200;
export const POD_HEIGHT = 86;
const GAP = 24;
const HEADER = 36;
const FRAME_COLUMNS = 2;
const PODS_PER_ROW = 2;

export interface PodNodeData extends Record<string, unknown> {
  key: string;
  name: string;
  kind: string;
  replicas: number | undefined;
  labels: Record<string, string>;
  ports: string[];
  /** Shown from the last good version of its document (the YAML has a syntax error there). */
  stale: boolean;
}

export interface NamespaceNodeData extends Record<string, unknown> {
  name: string;
  podCount: number;
}

export type FlowNode = Node<PodNodeData, 'pod'> | Node<NamespaceNodeData, 'namespace'>;

export function buildNodes(
  workspace: Workspace,
  staleDocuments: readonly number[] = [],
  selectedPod: string | null = null,
): FlowNode[] {
  const stale = new Set(staleDocuments);
  const nodes: FlowNode[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  workspace.namespaces.forEach((ns, index) => {
    const pods = workspace.pods.filter((p) => p.namespace === ns.name);
    const cols = Math.max(1, Math.min(PODS_PER_ROW, pods.length));
    const rows = Math.max(1, Math.ceil(pods.length / PODS_PER_ROW));
    const width = cols * POD_WIDTH + (cols + 1) * GAP;
    const height = HEADER + rows * POD_HEIGHT + rows * GAP;
    if (index > 0 && index % FRAME_COLUMNS === 0) {
      x = 0;
      y += rowHeight + GAP * 2;
      rowHeight = 0;
    }
    const id = `ns:${ns.name}`;
    nodes.push({
      id,
      type: 'namespace',
      position: { x, y },
      data: { name: ns.name, podCount: pods.length },
      style: { width, height },
      domAttributes: { 'data-namespace': ns.name } as Record<string, string>,
      selectable: false,
    });
    pods.forEach((pod, i) => {
      nodes.push({
        id: `pod:${pod.key}`,
        type: 'pod',
        parentId: id,
        extent: 'parent',
        position: {
          x: GAP + (i % PODS_PER_ROW) * (POD_WIDTH + GAP),
          y: HEADER + Math.floor(i / PODS_PER_ROW) * (POD_HEIGHT + GAP),
        },
        data: {
          key: pod.key,
          name: pod.name,
          kind: pod.kind,
          replicas: pod.replicas,
          labels: pod.labels,
          ports: pod.ports.map((p) => `${p.name ? `${p.name}:` : ''}${p.port}/${p.protocol}`),
          stale: pod.source !== undefined && stale.has(pod.source.documentIndex),
        },
        selected: pod.key === selectedPod,
        domAttributes: { 'data-pod': pod.key } as Record<string, string>,
      });
    });
    x += width + GAP * 2;
    rowHeight = Math.max(rowHeight, height);
  });
  return nodes;
}

const COLOURS = { allowed: '#1f9d55', blocked: '#d64545' } as const;
const STALE = '#9aa3b2';

/** Above this many pods, only the selected pod's edges are drawn (SVG edges cost frames). */
export const ALL_EDGES_LIMIT = 16;

export interface EdgeOptions {
  /** Show only the edges touching this pod, when set. */
  focus: string | null;
  stale: boolean;
}

export function buildEdges(result: MatrixResult | null, { focus, stale }: EdgeOptions): Edge[] {
  if (!result) return [];
  const { keys, allowed } = result;
  const n = keys.length;
  const edges: Edge[] = [];
  if (!focus && n > ALL_EDGES_LIMIT) return edges;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const from = keys[i];
      const to = keys[j];
      if (i === j || from === undefined || to === undefined) continue;
      const touchesFocus = !focus || from === focus || to === focus;
      // Large graphs draw only the focused pod's edges; small ones dim the others.
      if (!touchesFocus && n > ALL_EDGES_LIMIT) continue;
      const verdict = allowed[i * n + j] ? 'allowed' : 'blocked';
      edges.push({
        id: `${from}->${to}`,
        source: `pod:${from}`,
        target: `pod:${to}`,
        type: 'verdict',
        className: `verdict-${verdict}${stale ? ' verdict-stale' : ''}${touchesFocus ? '' : ' dimmed'}`,
        markerEnd: {
          type: MarkerType.ArrowClosed,
          width: 14,
          height: 14,
          color: stale ? STALE : COLOURS[verdict],
        },
        domAttributes: { 'data-from': from, 'data-to': to, 'data-verdict': verdict } as Record<
          string,
          string
        >,
        selectable: true,
      });
    }
  }
  return edges;
}
