/**
 * The picture of what React Flow shows now: its nodes at their absolute positions and
 * sizes, and its edges with the verdicts, directions and emphasis the canvas gives them.
 * Reads only node data and edge attributes that `buildFlow` writes, so the picture
 * follows the canvas without knowing how it is built.
 */
import type { Edge, InternalNode, Node, ReactFlowInstance } from '@xyflow/react';
import { formatPortQueryText, type PortQuery } from '../../../engine';
import type { ExternalNodeData, NamespaceNodeData, PodNodeData } from '../buildFlow';
import { POD_HEIGHT, POD_WIDTH } from '../layout';
import type { Box, Picture, PictureEdge, PictureVerdict } from './picture';

interface OpenFlags {
  in?: boolean;
  out?: boolean;
}

/** What is read from the React Flow instance (`useReactFlow()`). */
export type FlowReader = Pick<ReactFlowInstance, 'getNodes' | 'getEdges' | 'getInternalNode'>;

/** What the picture says about itself: the workspace name, the port, the theme. */
export interface PictureHeading {
  title: string;
  subtitle?: string;
  dark: boolean;
}

/** "port 80/TCP", or "any port". */
export function portSubtitle(port: PortQuery): string {
  return port === 'any' ? 'any port' : `port ${formatPortQueryText(port)}`;
}

/** Where React Flow has the node now (absolute: pods are positioned in their frame). */
function boxOf(node: Node, internal: InternalNode | undefined): Box | null {
  const at = internal?.internals.positionAbsolute ?? node.position;
  const width = internal?.measured.width ?? node.width ?? node.measured?.width ?? node.initialWidth;
  const height = internal?.measured.height ?? node.height ?? node.measured?.height ?? node.initialHeight;
  // A node never measured has no size yet: nothing sensible to draw.
  if (!width || !height) return null;
  return { x: at.x, y: at.y, width, height };
}

/** The badges PodNode shows, in its order: isolation, then "open to / reaching everything". */
function badgesOf(data: PodNodeData): string[] {
  // `open` is newer than `isolation`: read loosely so either shape of the data works.
  const { isolation, open } = data as { isolation?: Partial<PodNodeData['isolation']>; open?: OpenFlags };
  return [
    isolation?.ingress && '⇥ in',
    isolation?.egress && '↦ out',
    open?.in && '◎ open',
    open?.out && '→ all',
  ].filter((badge): badge is string => typeof badge === 'string');
}

function verdictOf(attrs: Record<string, unknown>, classes: Set<string>): PictureVerdict {
  if (classes.has('verdict-stale')) return 'stale';
  const verdict = attrs['data-verdict'];
  if (verdict === 'allowed' || verdict === 'blocked' || verdict === 'mixed') return verdict;
  // Older edges carried the verdict only in their class name.
  if (classes.has('verdict-blocked') || classes.has('bundle-blocked')) return 'blocked';
  return classes.has('bundle-mixed') ? 'mixed' : 'allowed';
}

function countsOf(data: unknown): PictureEdge['counts'] {
  const counts = data as { allowed?: unknown; blocked?: unknown } | undefined;
  const allowed = typeof counts?.allowed === 'number' ? counts.allowed : 0;
  const blocked = typeof counts?.blocked === 'number' ? counts.blocked : 0;
  return { allowed, blocked };
}

/** The canvas's route for the edge, when it draws one (see `VerdictEdgeData`). */
function routeOf(data: unknown): Pick<PictureEdge, 'route'> {
  const route = (data as { route?: unknown } | undefined)?.route;
  return Array.isArray(route) && route.length >= 2 ? { route: route as { x: number; y: number }[] } : {};
}

function edgeOf(edge: Edge, source: Box, target: Box): PictureEdge {
  const attrs = (edge.domAttributes ?? {}) as Record<string, unknown>;
  const classes = new Set((edge.className ?? '').split(/\s+/));
  return {
    source,
    target,
    verdict: verdictOf(attrs, classes),
    both: attrs['data-both'] === 'true',
    ...routeOf(edge.data),
    // Gained and lost connections (compare, lessons, presentation) are drawn thick on screen.
    thick: classes.has('diff-gained') || classes.has('diff-lost'),
    dimmed: classes.has('dimmed'),
    ...(edge.type === 'bundle' ? { counts: countsOf(edge.data) } : {}),
  };
}

/** The `Picture` of the canvas as React Flow holds it now; hidden nodes and edges are left out. */
export function pictureFromFlow(flow: FlowReader, heading: PictureHeading): Picture {
  const picture: Picture = { ...heading, frames: [], pods: [], externals: [], edges: [] };
  const boxes = new Map<string, Box>();
  for (const node of flow.getNodes()) {
    if (node.hidden) continue;
    const box = boxOf(node, flow.getInternalNode(node.id));
    if (!box) continue;
    boxes.set(node.id, box);
    if (node.type === 'namespace') {
      const data = node.data as NamespaceNodeData;
      picture.frames.push({ box, name: data.name, podCount: data.podCount, collapsed: data.collapsed });
      // The overview: the frame draws its pods as named boxes, and so does the picture.
      for (const pod of data.overview ?? []) {
        picture.pods.push({
          box: { x: box.x + pod.x, y: box.y + pod.y, width: POD_WIDTH, height: POD_HEIGHT },
          name: pod.name,
          kind: 'Pod',
          labels: [],
          ports: [],
          badges: [pod.ingress && '⇥ in', pod.egress && '↦ out'].filter((b): b is string => !!b),
          dimmed: pod.emphasis === 'dimmed',
        });
      }
    } else if (node.type === 'pod') {
      const data = node.data as PodNodeData;
      picture.pods.push({
        box,
        name: data.name,
        kind: data.kind,
        ...(data.replicas === undefined ? {} : { replicas: data.replicas }),
        // The canvas hides the hash Kubernetes adds to every ReplicaSet's pods; so does the picture.
        labels: Object.entries(data.labels).filter(([key]) => key !== 'pod-template-hash'),
        ports: data.ports,
        badges: badgesOf(data),
        dimmed: data.emphasis === 'dimmed',
      });
    } else if (node.type === 'external') {
      const data = node.data as ExternalNodeData;
      picture.externals.push({
        box,
        label: data.label,
        address: data.address,
        dimmed: data.emphasis === 'dimmed',
      });
    }
  }
  for (const edge of flow.getEdges()) {
    const source = boxes.get(edge.source);
    const target = boxes.get(edge.target);
    // An edge to a node that is not drawn is not drawn either. The overview's bundles are
    // hidden from React Flow (a canvas layer draws them) but belong in the picture.
    const onLayer = (edge.data as { layer?: boolean } | undefined)?.layer === true;
    if ((edge.hidden && !onLayer) || !source || !target) continue;
    picture.edges.push(edgeOf(edge, source, target));
  }
  return picture;
}
