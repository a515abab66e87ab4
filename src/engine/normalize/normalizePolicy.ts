import { ValidationCode as V, DiagnosticSink, type Result } from '../model/diagnostics';
import type { Direction, LabelSelector } from '../model/policy';
import type { NormalizedPolicy, NormalizedRule } from '../model/normalized';
import type { ObjectOrigin } from '../model/resources';
import { describeType, isRecord, quote, type RawRecord } from './fields';
import { normalizeMetadata } from './normalizeMetadata';
import { normalizeRule } from './normalizeRule';
import { normalizeSelector } from './normalizeSelector';
import { warnUnknownFields } from './warnUnknownFields';

const SPEC_FIELDS = ['podSelector', 'policyTypes', 'ingress', 'egress'];

/**
 * Validates a `networking.k8s.io/v1` NetworkPolicy and applies the API server's defaults:
 * namespace `default`; a missing `podSelector` is `{}` (the field is required but a non-pointer
 * struct, so it decodes as empty: all pods of the namespace); `policyTypes` missing or empty
 * becomes `[Ingress]`, plus `Egress` when `spec.egress` is non-empty (so `egress: []` alone does
 * NOT isolate egress). Returns undefined with error diagnostics when the API server would reject it.
 */
export function normalizePolicy(obj: RawRecord, origin: ObjectOrigin): Result<NormalizedPolicy | undefined> {
  const sink = new DiagnosticSink(origin);
  const apiVersion = obj['apiVersion'];
  if (apiVersion !== 'networking.k8s.io/v1') {
    sink.warning(
      V.invalid,
      ['apiVersion'],
      `expected apiVersion networking.k8s.io/v1, got ${quote(apiVersion)}; evaluated as networking.k8s.io/v1`,
    );
  }
  const meta = normalizeMetadata(obj, 'namespaced', 'subdomain', sink);
  const spec = obj['spec'] ?? {};
  if (!isRecord(spec)) {
    sink.error(V.type, ['spec'], `must be a mapping, not ${describeType(spec)}`);
    return { value: undefined, diagnostics: sink.diagnostics };
  }
  warnUnknownFields(spec, SPEC_FIELDS, ['spec'], sink);
  let podSelector: LabelSelector | undefined = { requirements: [] };
  if (spec['podSelector'] === undefined) {
    sink.info(
      V.defaulted,
      ['spec', 'podSelector'],
      'podSelector is missing: treated as {} (all pods in the namespace)',
    );
  } else {
    podSelector = normalizeSelector(spec['podSelector'], ['spec', 'podSelector'], sink);
  }
  const ingress = normalizeRules(spec, 'ingress', sink);
  const egress = normalizeRules(spec, 'egress', sink);
  const policyTypes = normalizePolicyTypes(spec, sink);
  // Errors in metadata (a malformed name, bad labels) do not change what the policy means.
  const hasErrors = sink.diagnostics.some((d) => d.severity === 'error' && d.path[0] !== 'metadata');
  if (hasErrors || !meta.valid || !podSelector || !ingress || !egress || !policyTypes) {
    return { value: undefined, diagnostics: sink.diagnostics };
  }
  const value: NormalizedPolicy = {
    namespace: meta.namespace,
    name: meta.name,
    podSelector,
    policyTypes,
    ingress,
    egress,
    source: origin,
  };
  return { value, diagnostics: sink.diagnostics };
}

function normalizeRules(
  spec: RawRecord,
  key: 'ingress' | 'egress',
  sink: DiagnosticSink,
): NormalizedRule[] | undefined {
  const raw = spec[key];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    sink.error(V.type, ['spec', key], `must be a list of rules, not ${describeType(raw)}`);
    return undefined;
  }
  const rules: NormalizedRule[] = [];
  let ok = true;
  raw.forEach((r, i) => {
    const rule = normalizeRule(r, ['spec', key, i], key === 'ingress' ? 'from' : 'to', sink);
    if (rule) rules.push(rule);
    else ok = false;
  });
  return ok ? rules : undefined;
}

/** `SetDefaults_NetworkPolicy` + `ValidateNetworkPolicySpec` for `policyTypes`. */
function normalizePolicyTypes(spec: RawRecord, sink: DiagnosticSink): Direction[] | undefined {
  const raw = spec['policyTypes'];
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
    const egress = spec['egress'];
    return Array.isArray(egress) && egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
  if (!Array.isArray(raw)) {
    sink.error(
      V.type,
      ['spec', 'policyTypes'],
      `must be a list ("Ingress", "Egress"), not ${describeType(raw)}`,
    );
    return undefined;
  }
  const out: Direction[] = [];
  let ok = true;
  raw.forEach((t: unknown, i) => {
    if (t === 'Ingress' || t === 'Egress') {
      if (!out.includes(t)) out.push(t);
    } else {
      sink.error(
        V.notSupported,
        ['spec', 'policyTypes', i],
        `unsupported value ${quote(t)}: supported values are "Ingress", "Egress"`,
      );
      ok = false;
    }
  });
  if (raw.length > 2) {
    sink.error(V.invalid, ['spec', 'policyTypes'], 'may not specify more than two policyTypes');
    ok = false;
  }
  return ok ? out : undefined;
}
