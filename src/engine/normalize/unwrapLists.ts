import type { ManifestObject } from '../model/manifest';
import { isRecord } from './fields';

/** True for a manifest wrapper: `List`, `NetworkPolicyList`, or any `*List` with `items`. */
export function isListObject(value: unknown): value is { kind: string; items: readonly unknown[] } {
  return (
    isRecord(value) &&
    typeof value['kind'] === 'string' &&
    value['kind'].endsWith('List') &&
    Array.isArray(value['items'])
  );
}

/**
 * Replaces every `*List` (as `kubectl get -o yaml` prints) by its items, recursively, each
 * item's `source.objectPath` pointing at `['items', i]` inside its document.
 */
export function unwrapLists(objects: readonly ManifestObject[]): ManifestObject[] {
  const out: ManifestObject[] = [];
  const visit = (m: ManifestObject): void => {
    if (!isListObject(m.object)) {
      out.push(m);
      return;
    }
    m.object.items.forEach((item, i) => {
      visit({
        ...m,
        object: item,
        source: { ...m.source, objectPath: [...(m.source.objectPath ?? []), 'items', i] },
      });
    });
  };
  objects.forEach(visit);
  return out;
}

/** Accepts bare objects or {@link ManifestObject}s; a bare object's array index is its document index. */
export function toManifestObjects(objects: readonly unknown[]): ManifestObject[] {
  return objects.map((o, i) => (isManifestObject(o) ? o : { object: o, source: { documentIndex: i } }));
}

function isManifestObject(value: unknown): value is ManifestObject {
  return (
    isRecord(value) &&
    'object' in value &&
    isRecord(value['source']) &&
    typeof value['source']['documentIndex'] === 'number' &&
    !('kind' in value) &&
    !('apiVersion' in value)
  );
}
