/**
 * A clean, `kubectl apply -f`-ready file of the workspace's NetworkPolicies: every
 * other kind left out, and the fields the API server sets (`status`, `uid`,
 * `resourceVersion`, `managedFields`, ...) stripped. Policies that are documents of
 * their own keep their comments; policies inside a `List` are printed from data.
 */
import { Document, isMap, isSeq } from 'yaml';
import { parseDocuments } from './textEdits';

const SERVER_FIELDS: readonly (readonly string[])[] = [
  ['status'],
  ['metadata', 'uid'],
  ['metadata', 'resourceVersion'],
  ['metadata', 'generation'],
  ['metadata', 'creationTimestamp'],
  ['metadata', 'deletionTimestamp'],
  ['metadata', 'managedFields'],
  ['metadata', 'selfLink'],
  ['metadata', 'ownerReferences'],
  ['metadata', 'annotations', 'kubectl.kubernetes.io/last-applied-configuration'],
];

const PRINT = { lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false } as const;

export function exportPolicies(text: string): string {
  const out: string[] = [];
  for (const doc of parseDocuments(text)) {
    if (doc.errors.length > 0) continue;
    const contents = doc.contents;
    if (!isMap(contents)) continue;
    if (kindOf(contents) === 'NetworkPolicy') {
      out.push(clean(doc).toString(PRINT));
      continue;
    }
    const items = contents.get('items');
    if (isSeq(items)) {
      for (const item of items.items) {
        if (isMap(item) && kindOf(item) === 'NetworkPolicy') {
          // Aliases in the source resolve to shared objects: print them in full, not as `&a1`/`*a1`.
          const single = new Document(item.toJSON(), { aliasDuplicateObjects: false });
          out.push(clean(single).toString(PRINT));
        }
      }
    }
  }
  return out.map((d) => d.replace(/^---\n/, '')).join('---\n');
}

function clean(doc: Document): Document {
  for (const path of SERVER_FIELDS) {
    // `deleteIn` throws when an ancestor is missing or not a map: only delete what is there.
    const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1));
    if (isMap(parent) && parent.has(path[path.length - 1])) doc.deleteIn(path);
  }
  const annotations = doc.getIn(['metadata', 'annotations']);
  if (isMap(annotations) && annotations.items.length === 0) doc.deleteIn(['metadata', 'annotations']);
  if (!doc.hasIn(['apiVersion'])) doc.set('apiVersion', 'networking.k8s.io/v1');
  return doc;
}

function kindOf(map: { get(key: string): unknown }): unknown {
  return map.get('kind');
}
