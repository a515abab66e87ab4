/**
 * Turns the workspace model and the layout into React Flow nodes: namespaces are
 * frames (parent nodes), pods and workloads their children, outside addresses nodes of
 * their own. Edges are built by `buildEdges.ts`.
 */
import type { Node } from '@xyflow/react';
import { ISOLATED_EGRESS, ISOLATED_INGRESS } from '../../engine';
import type { ExternalPeer, Workspace } from '../../engine';
import type { Isolation } from './buildEdges';
import { EXTERNAL_HEIGHT, EXTERNAL_WIDTH, POD_HEIGHT, POD_WIDTH } from '../../store/layout/computeLayout';
import type { Layout } from '../../store/layout/computeLayout';

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
  isolation: Isolation;
  /** Every other pod and address may reach it (`in`), or it may reach every one (`out`). */
  open: { in: boolean; out: boolean };
  emphasis: Emphasis;
}

/** A pod drawn inside its frame in the overview (a large workspace zoomed out): no node of its own. */
export interface OverviewPod {
  key: string;
  name: string;
  /** Top-left corner, relative to the frame. */
  x: number;
  y: number;
  ingress: boolean;
  egress: boolean;
  selected: boolean;
  emphasis: Emphasis;
}

export interface NamespaceNodeData extends Record<string, unknown> {
  name: string;
  podCount: number;
  collapsed: boolean;
  declared: boolean;
  /** Overview: the frame draws its pods itself (absent: they are nodes, or it is collapsed). */
  overview?: OverviewPod[];
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
  isolation: ReadonlyMap<string, Isolation>;
  /** Pods open to everyone (`in`) or reaching everyone (`out`), from the truth table. */
  open: { in: ReadonlySet<string>; out: ReadonlySet<string> };
  /**
   * A large workspace: frames draw their pods as plain boxes, except these namespaces (the
   * selected pod's, whose pods stay nodes so that its edges have ends, and, zoomed in, those
   * in view), whose pods are nodes. `undefined`: every pod is a node.
   */
  overview?: { detailed: ReadonlySet<string> };
}

function emphasisOf(key: string, highlight: NodeOptions['highlight']): Emphasis {
  if (!highlight) return 'normal';
  if (highlight.targets.has(key)) return 'target';
  return highlight.peers.has(key) ? 'peer' : 'dimmed';
}

/** Which pods some policy isolates, per direction, from the worker's bits (`podIsolation`). */
export function isolationFrom(pods: Workspace['pods'], bits: Uint8Array): Map<string, Isolation> {
  const out = new Map<string, Isolation>();
  pods.forEach((pod, i) => {
    const b = bits[i] ?? 0;
    if (b !== 0)
      out.set(pod.key, { ingress: (b & ISOLATED_INGRESS) !== 0, egress: (b & ISOLATED_EGRESS) !== 0 });
  });
  return out;
}

export function buildNodes(
  workspace: Pick<Workspace, 'pods' | 'namespaces'>,
  externals: readonly ExternalPeer[],
  layout: Layout,
  options: NodeOptions,
): FlowNode[] {
  const stale = new Set(options.staleDocuments);
  const collapsed = new Set(options.collapsed);
  const { isolation } = options;
  const nodes: FlowNode[] = [];
  const podsOf = new Map<string, Workspace['pods'][number][]>();
  for (const pod of workspace.pods) {
    const list = podsOf.get(pod.namespace);
    if (list) list.push(pod);
    else podsOf.set(pod.namespace, [pod]);
  }
  for (const ns of workspace.namespaces) {
    const frame = layout.frames[ns.name];
    if (!frame) continue;
    const id = `ns:${ns.name}`;
    const pods = podsOf.get(ns.name) ?? [];
    const drawn = options.overview && !options.overview.detailed.has(ns.name) && !collapsed.has(ns.name);
    const overview = drawn
      ? pods.map((pod): OverviewPod => {
          const at = layout.pods[pod.key] ?? { x: 0, y: 0 };
          const iso = isolation.get(pod.key);
          return {
            key: pod.key,
            name: pod.name,
            x: at.x,
            y: at.y,
            ingress: iso?.ingress ?? false,
            egress: iso?.egress ?? false,
            selected: pod.key === options.selectedPod,
            emphasis: emphasisOf(pod.key, options.highlight),
          };
        })
      : undefined;
    nodes.push({
      id,
      type: 'namespace',
      position: { x: frame.x, y: frame.y },
      data: {
        name: ns.name,
        podCount: pods.length,
        collapsed: collapsed.has(ns.name),
        declared: ns.declared,
        ...(overview ? { overview } : {}),
      },
      // Fixed sizes (not measured): the minimap and the layout both rely on them.
      width: frame.width,
      height: frame.height,
      selected: options.selectedNamespace === ns.name,
      // Layers (zIndexMode manual): edges 0, frames 1 (their titles over the edges), pods 2.
      zIndex: 1,
      domAttributes: { 'data-namespace': ns.name } as Record<string, string>,
      dragHandle: '.ns-title',
    });
    if (collapsed.has(ns.name) || overview) continue;
    for (const pod of pods) {
      nodes.push({
        id: `pod:${pod.key}`,
        type: 'pod',
        parentId: id,
        // Not held inside the frame while dragged: on release the frame grows (or moves) to wrap it.
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
          open: { in: options.open.in.has(pod.key), out: options.open.out.has(pod.key) },
          emphasis: emphasisOf(pod.key, options.highlight),
        },
        selected: pod.key === options.selectedPod,
        zIndex: 2,
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
      zIndex: 2,
      domAttributes: { 'data-external': ext.address, 'data-cidr': ext.cidr ?? '' } as Record<string, string>,
    });
  }
  return nodes;
}
