/**
 * The workspace as it crosses between the worker and the main thread: each list against the
 * workspace sent before it, unchanged objects as their index there. The engine keeps the
 * objects of unchanged documents (`loadWorkspace` caches them by raw object), so after a
 * keystroke only the edited document's objects are cloned: at 1,000 pods the message went
 * from ~640 KB to a few KB, and the main thread keeps unchanged objects' identity too.
 */
import { buildWorkspace, DEFAULT_ENGINE_OPTIONS } from '../engine';
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

/** The list; the one before itself when every item is the same object in the same place. */
function decodeList<T extends object>(
  items: readonly Reused<T>[],
  before: readonly T[] | undefined,
): readonly T[] {
  let same = before !== undefined && items.length === before.length;
  const list = items.map((item, i) => {
    if (typeof item !== 'number') {
      same = false;
      return item;
    }
    const kept = before?.[item];
    if (kept === undefined) throw new Error(`the worker referred to item ${item} of a list it never sent`);
    if (item !== i) same = false;
    return kept;
  });
  return same && before ? before : list;
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

/**
 * The main thread's side: one per worker (a new worker starts from whole messages). A list
 * whose objects are all unchanged is the list before itself, so the canvas can tell by identity
 * that a keystroke in a policy left every pod and namespace as it was.
 */
export function createWorkspaceDecoder(): (wire: WorkspaceWire) => Workspace {
  let previous: Workspace | null = null;
  return (wire) => {
    if (wire.delta && !previous) throw new Error('the worker sent changes to a workspace it never sent');
    const base = wire.delta ? previous : null;
    const namespaces = decodeList(wire.namespaces, base?.namespaces);
    const pods = decodeList(wire.pods, base?.pods);
    const nodes = decodeList(wire.nodes, base?.nodes);
    const policies = decodeList(wire.policies, base?.policies);
    // The indexes are rebuilt here rather than cloned (a map per pod, twice), and kept when
    // the lists they index are the same.
    const indexed =
      base && base.namespaces === namespaces && base.pods === pods && base.nodes === nodes
        ? { ...base, policies, options: { ...DEFAULT_ENGINE_OPTIONS, ...wire.options } }
        : buildWorkspace(namespaces, pods, nodes, policies, wire.options);
    const workspace: Workspace = {
      ...indexed,
      adminPolicies: decodeList(wire.adminPolicies, base?.adminPolicies),
      tests: decodeList(wire.tests, base?.tests),
    };
    if (wire.remember) previous = workspace;
    return workspace;
  };
}
