/**
 * The workspace as it crosses between the worker and the main thread: each list against the
 * workspace sent before it, unchanged objects as their index there. The engine keeps the
 * objects of unchanged documents (`loadWorkspace` caches them by raw object), so after a
 * keystroke only the edited document's objects are cloned: at 1,000 pods the message went
 * from ~640 KB to a few KB, and the main thread keeps unchanged objects' identity too.
 */
import { buildWorkspace } from '../engine';
import type { Workspace } from '../engine';
import type { WorkspaceWire } from './protocol';

type Lists = Pick<Workspace, 'namespaces' | 'pods' | 'nodes' | 'policies' | 'adminPolicies' | 'tests'>;

/** An item, or the index of the same object in the list sent before. */
type Reused<T> = T | number;

function encodeList<T extends object>(items: readonly T[], before: readonly T[] | undefined): Reused<T>[] {
  if (!before || before.length === 0) return [...items];
  const index = new Map<T, number>();
  before.forEach((item, i) => index.set(item, i));
  return items.map((item) => index.get(item) ?? item);
}

function decodeList<T extends object>(items: readonly Reused<T>[], before: readonly T[] | undefined): T[] {
  return items.map((item) => {
    if (typeof item !== 'number') return item;
    const kept = before?.[item];
    if (kept === undefined) throw new Error(`the worker referred to item ${item} of a list it never sent`);
    return kept;
  });
}

/**
 * The worker's side. `remember: false` (a baseline, analysed apart from the edited text) is
 * sent whole and is not the base of the next message.
 */
export function createWorkspaceEncoder(): (workspace: Workspace, remember: boolean) => WorkspaceWire {
  let previous: Lists | null = null;
  return (workspace, remember) => {
    const base = remember ? previous : null;
    const wire: WorkspaceWire = {
      delta: base !== null,
      remember,
      namespaces: encodeList(workspace.namespaces, base?.namespaces),
      pods: encodeList(workspace.pods, base?.pods),
      nodes: encodeList(workspace.nodes, base?.nodes),
      policies: encodeList(workspace.policies, base?.policies),
      adminPolicies: encodeList(workspace.adminPolicies, base?.adminPolicies),
      tests: encodeList(workspace.tests, base?.tests),
      options: workspace.options,
    };
    if (remember) previous = workspace;
    return wire;
  };
}

/** The main thread's side: one per worker (a new worker starts from whole messages). */
export function createWorkspaceDecoder(): (wire: WorkspaceWire) => Workspace {
  let previous: Lists | null = null;
  return (wire) => {
    if (wire.delta && !previous) throw new Error('the worker sent changes to a workspace it never sent');
    const base = wire.delta ? previous : null;
    const workspace: Workspace = {
      // The indexes are rebuilt here rather than cloned (a map per pod, twice).
      ...buildWorkspace(
        decodeList(wire.namespaces, base?.namespaces),
        decodeList(wire.pods, base?.pods),
        decodeList(wire.nodes, base?.nodes),
        decodeList(wire.policies, base?.policies),
        wire.options,
      ),
      adminPolicies: decodeList(wire.adminPolicies, base?.adminPolicies),
      tests: decodeList(wire.tests, base?.tests),
    };
    if (wire.remember) previous = workspace;
    return workspace;
  };
}
