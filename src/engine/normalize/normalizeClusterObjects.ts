import { ValidationCode as V, DiagnosticSink, type Result } from '../model/diagnostics';
import type { NamespaceInfo, NodeInfo, ObjectOrigin } from '../model/resources';
import { canonicalIp } from '../selectors/cidr';
import { isRecord, listField, quote, recordField, type RawRecord } from './fields';
import { normalizeMetadata } from './normalizeMetadata';

/** The label the API server puts on every namespace (immutable, equal to the name). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Reads a Namespace: a DNS-1123 label name, its labels, plus `kubernetes.io/metadata.name`
 * set to its name (the API server overwrites any other value).
 */
export function normalizeNamespace(obj: RawRecord, origin: ObjectOrigin): Result<NamespaceInfo | undefined> {
  const sink = new DiagnosticSink(origin);
  const meta = normalizeMetadata(obj, 'cluster', 'label', sink);
  if (!meta.valid) return { value: undefined, diagnostics: sink.diagnostics };
  const given = meta.labels[NAMESPACE_NAME_LABEL];
  if (given !== undefined && given !== meta.name) {
    sink.warning(
      V.invalid,
      ['metadata', 'labels', NAMESPACE_NAME_LABEL],
      `the API server sets this label to the namespace name ${quote(meta.name)}, not ${quote(given)}`,
    );
  }
  const labels = { ...meta.labels, [NAMESPACE_NAME_LABEL]: meta.name };
  return {
    value: { name: meta.name, labels, declared: true, source: origin },
    diagnostics: sink.diagnostics,
  };
}

/**
 * Namespaces that exist in every cluster, whether or not a Namespace object declares them:
 * a pod or a policy in one of them is not waiting for its namespace to be created.
 */
export const BUILT_IN_NAMESPACES: readonly string[] = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
];

/**
 * A namespace that something referenced but no Namespace object declared. It counts as
 * declared when it is built in (see {@link BUILT_IN_NAMESPACES}); its labels are the same
 * either way (only `kubernetes.io/metadata.name`), so evaluation does not depend on it.
 */
export function implicitNamespace(name: string): NamespaceInfo {
  return {
    name,
    labels: { [NAMESPACE_NAME_LABEL]: name },
    declared: BUILT_IN_NAMESPACES.includes(name),
  };
}

/** Reads a Node: its name, labels and `status.addresses` of type InternalIP. */
export function normalizeNode(obj: RawRecord, origin: ObjectOrigin): Result<NodeInfo | undefined> {
  const sink = new DiagnosticSink(origin);
  const meta = normalizeMetadata(obj, 'cluster', 'subdomain', sink);
  if (!meta.valid) return { value: undefined, diagnostics: sink.diagnostics };
  const ips: string[] = [];
  (listField(recordField(obj, 'status'), 'addresses') ?? []).forEach((a, i) => {
    if (!isRecord(a) || a['type'] !== 'InternalIP') return;
    const ip = typeof a['address'] === 'string' ? canonicalIp(a['address']) : undefined;
    if (ip === undefined)
      sink.warning(
        V.invalid,
        ['status', 'addresses', i, 'address'],
        `${quote(a['address'])} is not an IP address; ignored`,
      );
    else if (!ips.includes(ip)) ips.push(ip);
  });
  return {
    value: { name: meta.name, labels: meta.labels, ips, source: origin },
    diagnostics: sink.diagnostics,
  };
}
