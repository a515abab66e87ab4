/**
 * A workspace loader that remembers its last load. When the only manifest that changed is a
 * NetworkPolicy edited in place (the same namespace and name, at the same place, valid before
 * and after), the last workspace is patched: that policy replaced, its diagnostics replaced,
 * everything else kept as it was (the same objects and lists). Any other change loads every
 * manifest again with {@link loadManifests}. The result is what `loadWorkspace` returns for
 * the same objects (`workspaceLoader.test.ts` compares them over edits of every kind).
 *
 * Typing in a policy of a 5,000-pod workspace is such an edit at every key: loading every
 * manifest took ~8 ms of the worker's ~30 ms a key (Node).
 */
import type { Diagnostic } from '../model/diagnostics';
import type { ManifestObject } from '../model/manifest';
import type { ObjectOrigin } from '../model/resources';
import type { EngineOptions } from '../model/workspace';
import { loadManifests, loadPolicy, sameOrigin } from './loadWorkspace';
import type { LoadedEntry, LoadedWorkspace } from './loadWorkspace';
import { toManifestObjects, unwrapLists } from './unwrapLists';

export type WorkspaceLoader = (
  objects: readonly unknown[],
  options?: Partial<EngineOptions>,
) => LoadedWorkspace;

interface LastLoad {
  options: string;
  entries: LoadedEntry[];
  loaded: LoadedWorkspace;
}

export function createWorkspaceLoader(): WorkspaceLoader {
  let last: LastLoad | null = null;
  return (objects, options) => {
    const manifests = unwrapLists(toManifestObjects(objects));
    const optionsKey = JSON.stringify(options ?? {});
    const patched = last?.options === optionsKey ? patchPolicy(last, manifests) : null;
    if (patched) return patched;
    const entries: LoadedEntry[] = [];
    const loaded = loadManifests(manifests, options, entries);
    last = { options: optionsKey, entries, loaded };
    return loaded;
  };
}

/**
 * The last load with one policy edited in place, or null when the manifests differ in any
 * other way. Updates `last` when it patches.
 */
function patchPolicy(last: LastLoad, manifests: readonly ManifestObject[]): LoadedWorkspace | null {
  const { entries } = last;
  if (manifests.length !== entries.length) return null;
  let at = -1;
  for (let i = 0; i < manifests.length; i++) {
    const m = manifests[i]!;
    const entry = entries[i]!;
    if (m.object === entry.object && sameSource(m.source, entry.source)) continue;
    if (at !== -1) return null;
    at = i;
  }
  if (at === -1) return last.loaded;
  const before = entries[at]!;
  if (!before.policy) return null;
  const after = loadPolicy(manifests[at]!);
  if (!after || after.policy.key !== before.policy.key) return null;
  const { workspace, diagnostics } = last.loaded;
  const place = workspace.policies.indexOf(before.policy);
  if (place === -1) return null;
  const policies = workspace.policies.slice();
  policies[place] = after.policy;
  const shift = after.diagnostics.length - (before.diagEnd - before.diagStart);
  const patched: LoadedWorkspace = {
    workspace: { ...workspace, policies },
    diagnostics: spliced(diagnostics, before.diagStart, before.diagEnd, after.diagnostics),
  };
  entries[at] = {
    object: manifests[at]!.object,
    source: manifests[at]!.source,
    diagStart: before.diagStart,
    diagEnd: before.diagStart + after.diagnostics.length,
    policy: after.policy,
  };
  if (shift !== 0)
    for (let i = at + 1; i < entries.length; i++) {
      entries[i]!.diagStart += shift;
      entries[i]!.diagEnd += shift;
    }
  last.loaded = patched;
  return patched;
}

function spliced(
  list: readonly Diagnostic[],
  start: number,
  end: number,
  replacement: readonly Diagnostic[],
): Diagnostic[] {
  return [...list.slice(0, start), ...replacement, ...list.slice(end)];
}

/** The same place (document, file and path inside the document) and the same object named there. */
function sameSource(a: ObjectOrigin, b: ObjectOrigin): boolean {
  return a === b || sameOrigin(a, b, b.kind, b.namespace, b.name);
}
