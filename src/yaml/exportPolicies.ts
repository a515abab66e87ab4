/**
 * A clean, `kubectl apply -f`-ready file of the workspace's NetworkPolicies: every
 * other kind left out, and the fields the API server sets (`status`, `uid`,
 * `resourceVersion`, `managedFields`, ...) stripped. Policies that are documents of
 * their own keep their comments; policies inside a `List` are printed from data.
 */
import { Document, isMap, isSeq } from 'yaml';
import { objectKey } from '../engine';
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

export interface PolicyExport {
  /** The policies, as one multi-document YAML text ('' when none). */
  text: string;
  /** Policies left out, each named with why: invalid, or unreadable YAML. */
  leftOut: string[];
}

/**
 * The policies of `text`, leaving out those `invalid` names (by {@link objectKey}: the
 * API server would refuse them) and documents whose YAML cannot be read.
 */
export function exportPolicies(text: string, invalid: ReadonlySet<string> = new Set()): PolicyExport {
  const out: string[] = [];
  const leftOut: string[] = [];
  parseDocuments(text).forEach((doc, index) => {
    if (doc.errors.length > 0) {
      if (/kind:\s*NetworkPolicy\b/.test(text.slice(doc.range[0], doc.range[2])))
        leftOut.push(`document ${index + 1} (its YAML has errors)`);
      return;
    }
    const contents = doc.contents;
    if (!isMap(contents)) return;
    if (kindOf(contents) === 'NetworkPolicy') {
      if (invalid.has(objectKey({ documentIndex: index }))) leftOut.push(`${nameOf(contents)} (invalid)`);
      else out.push(clean(doc).toString(PRINT));
      return;
    }
    const items = contents.get('items');
    if (isSeq(items)) {
      items.items.forEach((item, i) => {
        if (!isMap(item) || kindOf(item) !== 'NetworkPolicy') return;
        if (invalid.has(objectKey({ documentIndex: index, objectPath: ['items', i] }))) {
          leftOut.push(`${nameOf(item)} (invalid)`);
          return;
        }
        // Aliases in the source resolve to shared objects: print them in full, not as `&a1`/`*a1`.
        const single = new Document(item.toJSON(), { aliasDuplicateObjects: false });
        out.push(clean(single).toString(PRINT));
      });
    }
  });
  return { text: out.map((d) => d.replace(/^---\n/, '')).join('---\n'), leftOut };
}

/** `namespace/name` of a policy as written (`default` when it names no namespace). */
function nameOf(map: { getIn(path: string[]): unknown }): string {
  const namespace = map.getIn(['metadata', 'namespace']);
  const name = map.getIn(['metadata', 'name']);
  return `${typeof namespace === 'string' ? namespace : 'default'}/${typeof name === 'string' ? name : '(no name)'}`;
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
