import { useEffect, useMemo, useState } from 'react';
import type { NodeChange } from '@xyflow/react';
import { summarisePolicy } from '../../engine';
import { diffMatrices } from '../../store/compare';
import { useAppStore } from '../app/storeContext';
import { buildEdges, buildNodes } from './buildFlow';
import type { FlowNode } from './buildFlow';
import { computeLayout } from './layout';
import type { Point } from './layout';

/**
 * Everything the cluster canvas draws, derived from the store: the layout (placing
 * only what is new, and saving it), the nodes with their emphasis, the edges for the
 * current mode, and the drag handling that keeps dragged positions as view state.
 */
export function useClusterGraph() {
  const workspace = useAppStore((s) => s.parsed.workspace);
  const externals = useAppStore((s) => s.parsed.externals);
  const staleDocuments = useAppStore((s) => s.parsed.staleDocuments);
  const result = useAppStore((s) => s.evaluation.result);
  const stale = useAppStore((s) => s.evaluation.stale);
  const selectedPod = useAppStore((s) => s.selectedPod);
  const selectedEdge = useAppStore((s) => s.selectedEdge);
  const selectedPolicy = useAppStore((s) => s.selectedPolicy);
  const selectedNamespace = useAppStore((s) => s.selectedNamespace);
  const edgeMode = useAppStore((s) => s.edgeMode);
  const positions = useAppStore((s) => s.positions);
  const collapsed = useAppStore((s) => s.collapsed);
  const mergePositions = useAppStore((s) => s.mergePositions);
  const baseline = useAppStore((s) => s.baseline);
  const lessonPredictions = useAppStore((s) => s.lesson?.predictions);
  const predictions = useMemo(() => new Set(lessonPredictions ?? []), [lessonPredictions]);
  const changes = useMemo(() => {
    if (!baseline?.matrix || !result) return null;
    const diff = diffMatrices(baseline.matrix, result);
    const keyOf = (e: { from: string; to: string }) => `${e.from}->${e.to}`;
    return { gained: new Set(diff.gained.map(keyOf)), lost: new Set(diff.lost.map(keyOf)) };
  }, [baseline, result]);

  const layout = useMemo(() => {
    const namespaces = workspace.namespaces.map((ns) => ({
      name: ns.name,
      pods: workspace.pods.filter((p) => p.namespace === ns.name).map((p) => p.key as string),
      collapsed: collapsed.includes(ns.name),
    }));
    // Namespace-level links for dagre: only needed when something has no position yet.
    const links = (): [string, string][] => {
      if (!result) return [];
      const podNs = new Map(workspace.pods.map((p) => [p.key as string, p.namespace]));
      const ids = result.keys.map((key) => (podNs.has(key) ? `ns:${podNs.get(key)}` : `ext:${key}`));
      const seen = new Set<string>();
      const n = result.keys.length;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          const a = ids[i] ?? '';
          const b = ids[j] ?? '';
          if (a !== b && result.allowed[i * n + j] === 1) seen.add(`${a}\n${b}`);
        }
      return [...seen].map((pair) => pair.split('\n') as [string, string]);
    };
    return computeLayout({ namespaces, externals: externals.map((e) => e.address), links }, positions);
  }, [workspace, externals, collapsed, positions, result]);

  // Save what was placed now, so the next edit does not move it.
  useEffect(() => {
    if (Object.keys(layout.placed).length > 0) mergePositions(layout.placed);
  }, [layout, mergePositions]);

  const highlight = useMemo(() => {
    const policy = selectedPolicy ? workspace.policies.find((p) => p.key === selectedPolicy) : undefined;
    if (!policy) return null;
    const summary = summarisePolicy(workspace, policy);
    const peers = new Set<string>();
    for (const peer of [...summary.ingress, ...summary.egress]) {
      peer.pods.forEach((k) => peers.add(k));
      if (peer.kind !== 'pods') externals.forEach((e) => peers.add(e.address));
    }
    return { targets: new Set(summary.selects), peers };
  }, [selectedPolicy, workspace, externals]);

  // Keep each node object when nothing about it changed, so React Flow (and its minimap)
  // only touch what an edit really changed: at 1,000 pods most of a keystroke's main-thread
  // time went into re-rendering identical nodes.
  const stabilise = useMemo(() => createNodeStabiliser(), []);
  const freshNodes = useMemo(
    () =>
      buildNodes(workspace, externals, layout, {
        staleDocuments,
        selectedPod,
        selectedNamespace,
        collapsed,
        highlight,
      }),
    [workspace, externals, layout, staleDocuments, selectedPod, selectedNamespace, collapsed, highlight],
  );
  const baseNodes = useMemo(() => stabilise(freshNodes), [freshNodes, stabilise]);
  const namespaceOf = useMemo(
    () => new Map(workspace.pods.map((p) => [p.key as string, p.namespace])),
    [workspace],
  );
  const edges = useMemo(
    () =>
      buildEdges(result, workspace.pods.length, {
        mode: edgeMode,
        selectedPod,
        selectedEdge,
        stale,
        collapsed,
        namespaceOf,
        highlight,
        changes,
        predictions,
      }),
    [
      changes,
      predictions,
      result,
      workspace.pods.length,
      edgeMode,
      selectedPod,
      selectedEdge,
      stale,
      collapsed,
      namespaceOf,
      highlight,
    ],
  );

  // While a node is dragged its position lives here; on release it is saved as view state.
  const [dragging, setDragging] = useState<Record<string, Point>>({});
  const nodes: FlowNode[] = useMemo(
    () =>
      baseNodes.map((n) => {
        const position = dragging[n.id];
        return position ? { ...n, position } : n;
      }),
    [baseNodes, dragging],
  );
  const onNodesChange = (changes: NodeChange<FlowNode>[]) => {
    for (const change of changes) {
      if (change.type !== 'position' || !change.position) continue;
      const { id, position } = change;
      if (change.dragging) setDragging((d) => ({ ...d, [id]: position }));
      else {
        mergePositions({ [id]: position });
        setDragging((d) => {
          const rest = { ...d };
          delete rest[id];
          return rest;
        });
      }
    }
  };
  const onNodeDragStop = (_event: unknown, node: FlowNode) => {
    const position = dragging[node.id] ?? node.position;
    mergePositions({ [node.id]: position });
    setDragging({});
  };

  return { nodes, edges, onNodesChange, onNodeDragStop, podCount: workspace.pods.length };
}

/** Returns each node's previous object when its content is unchanged (identity = "no re-render"). */
function createNodeStabiliser(): (nodes: FlowNode[]) => FlowNode[] {
  let previous = new Map<string, { signature: string; node: FlowNode }>();
  return (nodes) => {
    const next = new Map<string, { signature: string; node: FlowNode }>();
    const out = nodes.map((node) => {
      const signature = JSON.stringify(node);
      const kept = previous.get(node.id);
      const chosen = kept && kept.signature === signature ? kept.node : node;
      next.set(node.id, { signature, node: chosen });
      return chosen;
    });
    previous = next;
    return out;
  };
}
