/**
 * Turns the workspace model, the layout and the latest truth table into React Flow
 * nodes and edges. Namespaces are frames (parent nodes), pods and workloads their
 * children, outside addresses nodes of their own. Edge modes keep big graphs readable:
 * every pair, the selected pod's edges only, or namespace-to-namespace bundles.
 */
import { MarkerType } from '@xyflow/react';
import type { Edge, Node } from '@xyflow/react';
import { podsSelectedBy } from '../../engine';
import type { ExternalPeer, Workspace } from '../../engine';
import type { EdgeMode } from '../../store/viewSlice';
import type { MatrixResult } from '../../worker/protocol';
import { EXTERNAL_HEIGHT, EXTERNAL_WIDTH, POD_HEIGHT, POD_WIDTH } from './layout';
import type { Layout } from './layout';

/** Above this many pods, `auto` draws bundles (or the selected pod's edges), not every pair. */
export const ALL_EDGES_LIMIT = 16;

export type Verdict = 'allowed' | 'blocked';
export type Emphasis = 'normal' | 'target' | 'peer' | 'dimmed';

export interface PodNodeData extends Record<string, unknown> {
  key: string;
  name: string;
  kind: string;
  replicas: number | undefined;
  labels: Record<string, string>;
  ports: string[];
  /** Shown from the last good version of its document (the YAML has a syntax error there). */
  stale: boolean;
  isolation: { ingress: boolean; egress: boolean };
  emphasis: Emphasis;
}

export interface NamespaceNodeData extends Record<string, unknown> {
  name: string;
  podCount: number;
  collapsed: boolean;
  declared: boolean;
}

export interface ExternalNodeData extends Record<string, unknown> {
  label: string;
  address: string;
  emphasis: Emphasis;
}

export type FlowNode =
  Node<PodNodeData, 'pod'> | Node<NamespaceNodeData, 'namespace'> | Node<ExternalNodeData, 'external'>;

export interface NodeOptions {
  staleDocuments: readonly number[];
  selectedPod: string | null;
  selectedNamespace: string | null;
  collapsed: readonly string[];
  /** A selected policy: its target pods and the pods/addresses its rules admit. */
  highlight: { targets: ReadonlySet<string>; peers: ReadonlySet<string> } | null;
}

function emphasisOf(key: string, highlight: NodeOptions['highlight']): Emphasis {
  if (!highlight) return 'normal';
  if (highlight.targets.has(key)) return 'target';
  return highlight.peers.has(key) ? 'peer' : 'dimmed';
}

/** Which pods some policy isolates, per direction. */
export function isolationOf(workspace: Workspace): Map<string, { ingress: boolean; egress: boolean }> {
  const out = new Map<string, { ingress: boolean; egress: boolean }>();
  for (const policy of workspace.policies) {
    for (const key of podsSelectedBy(workspace, policy)) {
      const current = out.get(key) ?? { ingress: false, egress: false };
      out.set(key, {
        ingress: current.ingress || policy.policyTypes.includes('Ingress'),
        egress: current.egress || policy.policyTypes.includes('Egress'),
      });
    }
  }
  return out;
}

export function buildNodes(
  workspace: Workspace,
  externals: readonly ExternalPeer[],
  layout: Layout,
  options: NodeOptions,
): FlowNode[] {
  const stale = new Set(options.staleDocuments);
  const collapsed = new Set(options.collapsed);
  const isolation = isolationOf(workspace);
  const nodes: FlowNode[] = [];
  for (const ns of workspace.namespaces) {
    const frame = layout.frames[ns.name];
    if (!frame) continue;
    const id = `ns:${ns.name}`;
    const pods = workspace.pods.filter((p) => p.namespace === ns.name);
    nodes.push({
      id,
      type: 'namespace',
      position: { x: frame.x, y: frame.y },
      data: {
        name: ns.name,
        podCount: pods.length,
        collapsed: collapsed.has(ns.name),
        declared: ns.declared,
      },
      // Fixed sizes (not measured): the minimap and the layout both rely on them.
      width: frame.width,
      height: frame.height,
      selected: options.selectedNamespace === ns.name,
      domAttributes: { 'data-namespace': ns.name } as Record<string, string>,
      dragHandle: '.ns-title',
    });
    if (collapsed.has(ns.name)) continue;
    for (const pod of pods) {
      nodes.push({
        id: `pod:${pod.key}`,
        type: 'pod',
        parentId: id,
        extent: 'parent',
        position: layout.pods[pod.key] ?? { x: 0, y: 0 },
        width: POD_WIDTH,
        height: POD_HEIGHT,
        data: {
          key: pod.key,
          name: pod.name,
          kind: pod.kind,
          replicas: pod.replicas,
          labels: { ...pod.labels },
          ports: pod.ports.map((p) => `${p.name ? `${p.name}:` : ''}${p.port}/${p.protocol}`),
          stale: pod.source !== undefined && stale.has(pod.source.documentIndex),
          isolation: isolation.get(pod.key) ?? { ingress: false, egress: false },
          emphasis: emphasisOf(pod.key, options.highlight),
        },
        selected: pod.key === options.selectedPod,
        domAttributes: { 'data-pod': pod.key } as Record<string, string>,
      });
    }
  }
  for (const ext of externals) {
    nodes.push({
      id: `ext:${ext.address}`,
      type: 'external',
      position: layout.externals[ext.address] ?? { x: 0, y: 0 },
      width: EXTERNAL_WIDTH,
      height: EXTERNAL_HEIGHT,
      data: { label: ext.label, address: ext.address, emphasis: emphasisOf(ext.address, options.highlight) },
      domAttributes: { 'data-external': ext.address, 'data-cidr': ext.cidr ?? '' } as Record<string, string>,
    });
  }
  return nodes;
}

export interface EdgeOptions {
  mode: EdgeMode;
  selectedPod: string | null;
  selectedEdge: { from: string; to: string } | null;
  stale: boolean;
  collapsed: readonly string[];
  /** Namespace of each pod key (outside addresses have none). */
  namespaceOf: ReadonlyMap<string, string>;
  highlight: NodeOptions['highlight'];
  /** Connections gained and lost against a baseline, as `from->to` keys. */
  changes: { gained: ReadonlySet<string>; lost: ReadonlySet<string> } | null;
  /** Edges a learner marked as "will change" (lessons). */
  predictions: ReadonlySet<string>;
}

const COLOURS = { allowed: '#1f9d55', blocked: '#d64545', mixed: '#c98a14', stale: '#9aa3b2' } as const;

/** The mode actually drawn: `auto` picks every pair for small graphs, else focus or bundles. */
export function effectiveMode(
  mode: EdgeMode,
  podCount: number,
  selectedPod: string | null,
): Exclude<EdgeMode, 'auto'> {
  if (mode !== 'auto') return mode;
  if (podCount <= ALL_EDGES_LIMIT) return 'all';
  return selectedPod ? 'focus' : 'bundles';
}

export function buildEdges(result: MatrixResult | null, podCount: number, options: EdgeOptions): Edge[] {
  if (!result) return [];
  const mode = effectiveMode(options.mode, podCount, options.selectedPod);
  const { keys, allowed } = result;
  const n = keys.length;
  const collapsed = new Set(options.collapsed);
  // At scale, the focused pod's connections to other namespaces are bundled per namespace
  // (hundreds of single edges cost frames and say less than a count).
  const focusNamespace = options.selectedPod ? options.namespaceOf.get(options.selectedPod) : undefined;
  const bundleOtherNamespaces = mode === 'focus' && podCount > ALL_EDGES_LIMIT;
  const nodeOf = (key: string): string => {
    const ns = options.namespaceOf.get(key);
    if (ns === undefined) return `ext:${key}`;
    if (mode === 'bundles' || collapsed.has(ns)) return `ns:${ns}`;
    if (bundleOtherNamespaces && key !== options.selectedPod && ns !== focusNamespace) return `ns:${ns}`;
    return `pod:${key}`;
  };
  // Per endpoint, once: its node, a small group number for counting bundles, and whether it
  // is outside the cluster. The pair loop then only reads numbers (a million pairs at 1,000 pods).
  const nodes = keys.map(nodeOf);
  const groupOf = new Map<string, number>();
  const group = Int32Array.from(nodes, (id) => {
    if (!groupOf.has(id)) groupOf.set(id, groupOf.size);
    return groupOf.get(id) ?? 0;
  });
  const groupIds = [...groupOf.keys()];
  // Namespace nodes (bundles, collapsed frames) get counted edges; pods and outside nodes single ones.
  const isNamespace = groupIds.map((id) => id.startsWith('ns:'));
  const external = keys.map((k) => !options.namespaceOf.has(k));
  const g = groupIds.length;
  const counts = new Int32Array(g * g * 2);
  const edges: Edge[] = [];

  const visit = (i: number, j: number): void => {
    if (i === j || (external[i] && external[j])) return;
    const gi = group[i] ?? 0;
    const gj = group[j] ?? 0;
    const ok = allowed[i * n + j] === 1;
    if (isNamespace[gi] || isNamespace[gj]) {
      const at = (gi * g + gj) * 2 + (ok ? 0 : 1);
      if (gi !== gj) counts[at] = (counts[at] ?? 0) + 1;
      return;
    }
    edges.push(
      pairEdge(
        keys[i] ?? '',
        keys[j] ?? '',
        nodes[i] ?? '',
        nodes[j] ?? '',
        ok ? 'allowed' : 'blocked',
        options,
      ),
    );
  };
  const focus = options.selectedPod ? keys.indexOf(options.selectedPod) : -1;
  if (mode === 'focus') {
    // Only the focused pod's row and column.
    if (focus >= 0)
      for (let k = 0; k < n; k++) {
        visit(focus, k);
        visit(k, focus);
      }
  } else {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) visit(i, j);
  }

  for (let a = 0; a < g; a++) {
    for (let b = 0; b < g; b++) {
      const yes = counts[(a * g + b) * 2] ?? 0;
      const no = counts[(a * g + b) * 2 + 1] ?? 0;
      if (yes + no > 0) edges.push(bundleEdge(groupIds[a] ?? '', groupIds[b] ?? '', yes, no, options.stale));
    }
  }
  return edges;
}

function pairEdge(
  from: string,
  to: string,
  source: string,
  target: string,
  verdict: Verdict,
  options: EdgeOptions,
): Edge {
  const touchesFocus = !options.selectedPod || from === options.selectedPod || to === options.selectedPod;
  const highlighted = options.highlight
    ? options.highlight.targets.has(to) || options.highlight.targets.has(from)
    : true;
  const dim = (options.selectedPod && !touchesFocus) || !highlighted;
  const isSelected = options.selectedEdge?.from === from && options.selectedEdge.to === to;
  const pairKey = `${from}->${to}`;
  const change = options.changes?.gained.has(pairKey)
    ? 'gained'
    : options.changes?.lost.has(pairKey)
      ? 'lost'
      : null;
  return {
    id: pairKey,
    source,
    target,
    type: 'verdict',
    className: `verdict-${verdict}${options.stale ? ' verdict-stale' : ''}${dim && !change ? ' dimmed' : ''}${isSelected ? ' chosen' : ''}${change ? ` diff-${change}` : ''}${options.predictions.has(pairKey) ? ' predicted' : ''}`,
    markerEnd: {
      type: MarkerType.ArrowClosed,
      width: 14,
      height: 14,
      color: options.stale ? COLOURS.stale : COLOURS[verdict],
    },
    domAttributes: {
      'data-from': from,
      'data-to': to,
      'data-verdict': verdict,
      ...(change ? { 'data-change': change } : {}),
    } as Record<string, string>,
    selected: isSelected,
  };
}

function bundleEdge(
  source: string,
  target: string,
  allowedCount: number,
  blockedCount: number,
  stale: boolean,
): Edge {
  const verdict = blockedCount === 0 ? 'allowed' : allowedCount === 0 ? 'blocked' : 'mixed';
  return {
    id: `${source}->${target}`,
    source,
    target,
    type: 'bundle',
    className: `bundle bundle-${verdict}${stale ? ' verdict-stale' : ''}`,
    data: { allowed: allowedCount, blocked: blockedCount },
    markerEnd: {
      type: MarkerType.ArrowClosed,
      width: 14,
      height: 14,
      color: stale ? COLOURS.stale : COLOURS[verdict],
    },
    domAttributes: {
      'data-bundle-from': source.replace(/^(ns|ext|pod):/, ''),
      'data-bundle-to': target.replace(/^(ns|ext|pod):/, ''),
      'data-verdict': verdict,
      'data-allowed': String(allowedCount),
      'data-blocked': String(blockedCount),
    } as Record<string, string>,
  };
}
