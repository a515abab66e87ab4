import { formatPortQuery } from '../explain/explainVerdict';
import type { LabelSelector } from '../model/policy';
import { formatLabelSelector } from '../selectors/matchesLabelSelector';
import {
  CONNECTIVITY_TEST_API_VERSION,
  CONNECTIVITY_TEST_KIND,
  type Expectation,
  type ExpectationSide,
} from './model';

/**
 * A side as short text: `shop/web`, `8.8.8.8`, `every pod in namespace dev`,
 * `pods app=db in namespace prod`, `pods app=db in namespaces env=prod`.
 */
export function formatSide(side: ExpectationSide): string {
  if (side.kind === 'pod') return side.key;
  if (side.kind === 'ip') return side.ip;
  const pods =
    side.podSelector && side.podSelector.requirements.length > 0
      ? `pods ${formatLabelSelector(side.podSelector)}`
      : 'every pod';
  if (side.namespace !== undefined) return `${pods} in namespace ${side.namespace}`;
  if (side.namespaceSelector && side.namespaceSelector.requirements.length > 0)
    return `${pods} in namespaces ${formatLabelSelector(side.namespaceSelector)}`;
  return `${pods} in every namespace`;
}

/** The title of an expectation: its description, or `A -> B on 80/TCP: allowed`. */
export function expectationTitle(e: Expectation): string {
  return (
    e.description ?? `${formatSide(e.from)} -> ${formatSide(e.to)} on ${formatPortQuery(e.port)}: ${e.expect}`
  );
}

/** A label selector in manifest form (`matchLabels` for single-value `In`, the rest as `matchExpressions`). */
export function selectorToObject(sel: LabelSelector): Record<string, unknown> {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Record<string, unknown>[] = [];
  for (const r of sel.requirements) {
    const [only] = r.values;
    if (r.operator === 'In' && r.values.length === 1 && only !== undefined && !(r.key in matchLabels))
      matchLabels[r.key] = only;
    else if (r.operator === 'Exists' || r.operator === 'DoesNotExist')
      matchExpressions.push({ key: r.key, operator: r.operator });
    else matchExpressions.push({ key: r.key, operator: r.operator, values: [...r.values] });
  }
  return {
    ...(Object.keys(matchLabels).length > 0 ? { matchLabels } : {}),
    ...(matchExpressions.length > 0 ? { matchExpressions } : {}),
  };
}

/** A side in manifest form: `NS/NAME`, `{ip}`, or `{namespace?, namespaceSelector?, podSelector?}`. */
export function sideToObject(side: ExpectationSide): string | Record<string, unknown> {
  if (side.kind === 'pod') return side.key;
  if (side.kind === 'ip') return { ip: side.ip };
  return {
    ...(side.namespace !== undefined ? { namespace: side.namespace } : {}),
    ...(side.namespaceSelector ? { namespaceSelector: selectorToObject(side.namespaceSelector) } : {}),
    ...(side.podSelector ? { podSelector: selectorToObject(side.podSelector) } : {}),
  };
}

/** An expectation in manifest form (an item of `spec.expectations`), ready to serialise as YAML. */
export function expectationToObject(e: Expectation): Record<string, unknown> {
  return {
    ...(e.description !== undefined ? { description: e.description } : {}),
    from: sideToObject(e.from),
    to: sideToObject(e.to),
    ...(e.port === 'any' ? {} : { port: `${e.port.port}/${e.port.protocol}` }),
    expect: e.expect,
  };
}

/** A whole `ConnectivityTest` document in manifest form, ready to serialise as YAML. */
export function connectivityTestToObject(
  name: string,
  expectations: readonly Expectation[],
): Record<string, unknown> {
  return {
    apiVersion: CONNECTIVITY_TEST_API_VERSION,
    kind: CONNECTIVITY_TEST_KIND,
    metadata: { name },
    spec: { expectations: expectations.map(expectationToObject) },
  };
}
