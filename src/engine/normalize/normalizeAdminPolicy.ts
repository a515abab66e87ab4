import { ValidationCode as V, DiagnosticSink, type Result } from '../model/diagnostics';
import {
  adminPolicyKey,
  type AdminPolicyKind,
  type AdminRule,
  type AdminSubject,
  type AdminTier,
  type CompiledAdminPolicy,
} from '../model/adminPolicy';
import type { ObjectOrigin } from '../model/resources';
import { describeType, isInteger, isRecord, quote, type RawRecord } from './fields';
import { normalizeAdminRule, normalizeNamespacedPod, type AdminRuleDialect } from './normalizeAdminRule';
import { normalizeMetadata } from './normalizeMetadata';
import { normalizeSelector } from './normalizeSelector';
import { warnUnknownFields } from './warnUnknownFields';

/** The kinds {@link normalizeAdminPolicy} reads. */
export const ADMIN_POLICY_KINDS: readonly AdminPolicyKind[] = [
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
  'ClusterNetworkPolicy',
];

const V1ALPHA1: AdminRuleDialect = { version: 'v1alpha1', actions: ['Allow', 'Deny', 'Pass'], maxRules: 100 };
const V1ALPHA1_BASELINE: AdminRuleDialect = { ...V1ALPHA1, actions: ['Allow', 'Deny'] };
const V1ALPHA2: AdminRuleDialect = { version: 'v1alpha2', actions: ['Accept', 'Deny', 'Pass'], maxRules: 25 };

/**
 * Validates and compiles an admin policy of the Network Policy API:
 * `AdminNetworkPolicy` (v1alpha1: admin tier, `priority` 0-1000), `BaselineAdminNetworkPolicy`
 * (v1alpha1: baseline tier, a singleton that must be named `default`, actions Allow/Deny) and
 * `ClusterNetworkPolicy` (v1alpha2: `tier` Admin|Baseline, `priority` 0-1000, actions
 * Accept/Deny/Pass, `protocols`). `subject` selects pods by `namespaces` or `pods`
 * {namespaceSelector, podSelector}. Returns undefined with error diagnostics when the API
 * server would reject the object; never throws.
 */
export function normalizeAdminPolicy(
  obj: RawRecord,
  kind: AdminPolicyKind,
  origin: ObjectOrigin,
): Result<CompiledAdminPolicy | undefined> {
  const sink = new DiagnosticSink(origin);
  const version = kind === 'ClusterNetworkPolicy' ? 'v1alpha2' : 'v1alpha1';
  const expected = `policy.networking.k8s.io/${version}`;
  if (obj['apiVersion'] !== expected) {
    sink.warning(
      V.invalid,
      ['apiVersion'],
      `expected apiVersion ${expected} for ${kind}, got ${quote(obj['apiVersion'])}; evaluated as ${expected}`,
    );
  }
  const meta = normalizeMetadata(obj, 'cluster', 'subdomain', sink);
  const fail = (): Result<undefined> => ({ value: undefined, diagnostics: sink.diagnostics });
  if (kind === 'BaselineAdminNetworkPolicy' && meta.valid && meta.name !== 'default') {
    sink.error(
      V.invalid,
      ['metadata', 'name'],
      `${quote(meta.name)}: a BaselineAdminNetworkPolicy is a singleton and must be named "default"`,
    );
    return fail();
  }
  const spec = obj['spec'];
  if (!isRecord(spec)) {
    sink.error(
      spec === undefined ? V.required : V.type,
      ['spec'],
      `spec must be a mapping, not ${describeType(spec)}`,
    );
    return fail();
  }
  const known =
    kind === 'ClusterNetworkPolicy'
      ? ['tier', 'priority', 'subject', 'ingress', 'egress']
      : kind === 'AdminNetworkPolicy'
        ? ['priority', 'subject', 'ingress', 'egress']
        : ['subject', 'ingress', 'egress'];
  warnUnknownFields(spec, known, ['spec'], sink);
  const tier = tierOf(kind, spec, sink);
  const priority = kind === 'BaselineAdminNetworkPolicy' ? 0 : priorityOf(spec, sink);
  const subject = subjectOf(spec['subject'], sink);
  const dialect =
    version === 'v1alpha2' ? V1ALPHA2 : kind === 'AdminNetworkPolicy' ? V1ALPHA1 : V1ALPHA1_BASELINE;
  const ingress = rulesOf(spec, 'ingress', dialect, sink);
  const egress = rulesOf(spec, 'egress', dialect, sink);
  const hasErrors = sink.diagnostics.some((d) => d.severity === 'error' && d.path[0] !== 'metadata');
  if (hasErrors || !meta.valid || !tier || priority === undefined || !subject || !ingress || !egress)
    return fail();
  const value: CompiledAdminPolicy = {
    key: adminPolicyKey(kind, meta.name),
    kind,
    apiVersion: version,
    name: meta.name,
    tier,
    priority,
    subject,
    ingress,
    egress,
    source: origin,
  };
  return { value, diagnostics: sink.diagnostics };
}

function tierOf(kind: AdminPolicyKind, spec: RawRecord, sink: DiagnosticSink): AdminTier | undefined {
  if (kind === 'AdminNetworkPolicy') return 'admin';
  if (kind === 'BaselineAdminNetworkPolicy') return 'baseline';
  const tier = spec['tier'];
  if (tier === 'Admin') return 'admin';
  if (tier === 'Baseline') return 'baseline';
  if (tier === undefined || tier === null)
    sink.error(V.required, ['spec', 'tier'], 'tier is required ("Admin" or "Baseline")');
  else
    sink.error(
      V.notSupported,
      ['spec', 'tier'],
      `unsupported tier ${quote(tier)}: supported values are "Admin", "Baseline"`,
    );
  return undefined;
}

function priorityOf(spec: RawRecord, sink: DiagnosticSink): number | undefined {
  const p = spec['priority'];
  if (p === undefined || p === null) {
    sink.error(V.required, ['spec', 'priority'], 'priority is required (0-1000, lower is evaluated first)');
    return undefined;
  }
  if (!isInteger(p)) {
    sink.error(V.type, ['spec', 'priority'], `must be an integer, not ${describeType(p)}`);
    return undefined;
  }
  if (p < 0 || p > 1000) {
    sink.error(V.invalid, ['spec', 'priority'], `${p}: must be between 0 and 1000 inclusive`);
    return undefined;
  }
  return p;
}

/** `subject`: exactly one of `namespaces` (a namespace selector) or `pods` (a NamespacedPod). */
function subjectOf(raw: unknown, sink: DiagnosticSink): AdminSubject | undefined {
  const path = ['spec', 'subject'];
  if (raw === undefined || raw === null) {
    sink.error(V.required, path, 'subject is required (namespaces or pods)');
    return undefined;
  }
  if (!isRecord(raw)) {
    sink.error(V.type, path, `must be a mapping (namespaces or pods), not ${describeType(raw)}`);
    return undefined;
  }
  warnUnknownFields(raw, ['namespaces', 'pods'], path, sink);
  const present = ['namespaces', 'pods'].filter((k) => raw[k] !== undefined && raw[k] !== null);
  if (present.length !== 1) {
    sink.error(
      present.length === 0 ? V.required : V.invalid,
      path,
      'must specify exactly one of namespaces, pods',
    );
    return undefined;
  }
  if (present[0] === 'namespaces') {
    const namespaces = normalizeSelector(raw['namespaces'], [...path, 'namespaces'], sink);
    return namespaces && { namespaces, pods: { requirements: [] }, shape: 'namespaces' };
  }
  const np = normalizeNamespacedPod(raw['pods'], [...path, 'pods'], sink);
  return np && { ...np, shape: 'pods' };
}

function rulesOf(
  spec: RawRecord,
  key: 'ingress' | 'egress',
  dialect: AdminRuleDialect,
  sink: DiagnosticSink,
): AdminRule[] | undefined {
  const raw = spec[key];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    sink.error(V.type, ['spec', key], `must be a list of rules, not ${describeType(raw)}`);
    return undefined;
  }
  if (raw.length > dialect.maxRules)
    sink.error(V.invalid, ['spec', key], `may not have more than ${dialect.maxRules} rules`);
  const rules: AdminRule[] = [];
  let ok = true;
  raw.forEach((r, i) => {
    const rule = normalizeAdminRule(r, i, ['spec', key, i], key, dialect, sink);
    if (rule) rules.push(rule);
    else ok = false;
  });
  return ok ? rules : undefined;
}
