import { ValidationCode as V, type DiagnosticSink } from '../model/diagnostics';
import { isRecord, quote, type RawRecord } from './fields';
import { normalizeLabels } from './normalizeSelector';
import { checkDns1123Label, checkDns1123Subdomain } from './validateNames';

/** The identity and labels of an object, defaulted as the API server does. */
export type NormalizedMetadata = {
  readonly name: string;
  /** `metadata.namespace`, defaulting to `default` for namespaced kinds; '' for cluster-scoped ones. */
  readonly namespace: string;
  readonly labels: Record<string, string>;
  /** False when the object has no usable identity (no name): it cannot be evaluated. */
  readonly valid: boolean;
};

/**
 * Reads `metadata`: `name` is required (a DNS-1123 label for Namespaces, a DNS-1123 subdomain
 * otherwise; Nodes too); `namespace` defaults to `default` and must be a DNS-1123 label;
 * labels must be valid (invalid ones are reported and dropped). A malformed name is an error
 * (the API server would reject the object) but a name carries no semantics, so the object
 * stays usable; only a missing name makes it unusable.
 */
export function normalizeMetadata(
  obj: RawRecord,
  scope: 'namespaced' | 'cluster',
  nameRule: 'label' | 'subdomain',
  sink: DiagnosticSink,
): NormalizedMetadata {
  const meta = obj['metadata'];
  if (!isRecord(meta)) {
    sink.error(V.required, ['metadata'], 'metadata with a name is required');
    return { name: '', namespace: scope === 'namespaced' ? 'default' : '', labels: {}, valid: false };
  }
  const name = typeof meta['name'] === 'string' ? meta['name'] : '';
  if (name === '') sink.error(V.required, ['metadata', 'name'], 'name is required');
  else {
    const errs = nameRule === 'label' ? checkDns1123Label(name) : checkDns1123Subdomain(name);
    for (const e of errs) sink.error(V.invalid, ['metadata', 'name'], `${quote(name)}: ${e}`);
  }
  let namespace = '';
  if (scope === 'namespaced') {
    const ns = meta['namespace'];
    namespace = typeof ns === 'string' && ns !== '' ? ns : 'default';
    if (ns !== undefined && ns !== null && typeof ns !== 'string') {
      sink.error(V.type, ['metadata', 'namespace'], 'must be a string');
    }
    for (const e of checkDns1123Label(namespace))
      sink.error(V.invalid, ['metadata', 'namespace'], `${quote(namespace)}: ${e}`);
  }
  const labels = normalizeLabels(meta['labels'], ['metadata', 'labels'], sink);
  return { name, namespace, labels, valid: name !== '' };
}
