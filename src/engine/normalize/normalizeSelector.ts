import { ValidationCode as V, type DiagnosticSink, type FieldPath } from '../model/diagnostics';
import type { LabelRequirement, LabelSelector, SelectorOperator } from '../model/policy';
import { describeType, isRecord, quote } from './fields';
import { checkLabelValue, checkQualifiedName } from './validateNames';

const OPERATORS: readonly SelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/**
 * Validates a `metav1.LabelSelector` as the API server does (`ValidateLabelSelector`) and
 * turns it into requirements: `matchLabels` keys are qualified names and values label values;
 * `matchExpressions` operators are In/NotIn (non-empty `values`) or Exists/DoesNotExist (no
 * `values`). `null` is treated as `{}`. Returns undefined when invalid (diagnostics recorded).
 */
export function normalizeSelector(
  raw: unknown,
  path: FieldPath,
  sink: DiagnosticSink,
): LabelSelector | undefined {
  if (raw === null || raw === undefined) return { requirements: [] };
  if (!isRecord(raw)) {
    sink.error(V.type, path, `must be a label selector mapping, not ${describeType(raw)}`);
    return undefined;
  }
  const mark = sink.diagnostics.length;
  const requirements: LabelRequirement[] = [];
  const matchLabels = raw['matchLabels'];
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isRecord(matchLabels)) {
      sink.error(
        V.type,
        [...path, 'matchLabels'],
        `must be a mapping of label keys to values, not ${describeType(matchLabels)}`,
      );
    } else {
      for (const [key, value] of Object.entries(matchLabels)) {
        const p = [...path, 'matchLabels', key];
        for (const e of checkQualifiedName(key)) sink.error(V.invalid, p, `label key ${quote(key)}: ${e}`);
        if (typeof value !== 'string') {
          sink.error(
            V.type,
            p,
            `label value must be a string, not ${describeType(value)} (quote it: "${String(value)}")`,
          );
          continue;
        }
        for (const e of checkLabelValue(value)) sink.error(V.invalid, p, `label value ${quote(value)}: ${e}`);
        requirements.push({ key, operator: 'In', values: [value] });
      }
    }
  }
  const exprs = raw['matchExpressions'];
  if (exprs !== undefined && exprs !== null) {
    if (!Array.isArray(exprs)) {
      sink.error(V.type, [...path, 'matchExpressions'], `must be a list, not ${describeType(exprs)}`);
    } else {
      exprs.forEach((expr, i) => {
        const r = normalizeRequirement(expr, [...path, 'matchExpressions', i], sink);
        if (r) requirements.push(r);
      });
    }
  }
  return sink.hasErrorsSince(mark) ? undefined : { requirements };
}

function normalizeRequirement(
  raw: unknown,
  path: FieldPath,
  sink: DiagnosticSink,
): LabelRequirement | undefined {
  if (!isRecord(raw)) {
    sink.error(V.type, path, `must be a mapping with key, operator and values, not ${describeType(raw)}`);
    return undefined;
  }
  const mark = sink.diagnostics.length;
  const { key, operator, values } = raw;
  if (typeof key !== 'string' || key === '') sink.error(V.required, [...path, 'key'], 'key is required');
  else
    for (const e of checkQualifiedName(key)) sink.error(V.invalid, [...path, 'key'], `${quote(key)}: ${e}`);
  const list = values === undefined || values === null ? [] : values;
  if (!Array.isArray(list)) {
    sink.error(V.type, [...path, 'values'], `must be a list of strings, not ${describeType(list)}`);
    return undefined;
  }
  list.forEach((v, i) => {
    if (typeof v !== 'string')
      sink.error(V.type, [...path, 'values', i], `must be a string, not ${describeType(v)}`);
    else
      for (const e of checkLabelValue(v)) sink.error(V.invalid, [...path, 'values', i], `${quote(v)}: ${e}`);
  });
  if (typeof operator !== 'string' || !OPERATORS.includes(operator as SelectorOperator)) {
    sink.error(
      V.notSupported,
      [...path, 'operator'],
      `unsupported operator ${quote(operator)}: supported values are "In", "NotIn", "Exists", "DoesNotExist"`,
    );
    return undefined;
  }
  const op = operator as SelectorOperator;
  if ((op === 'In' || op === 'NotIn') && list.length === 0) {
    sink.error(V.required, [...path, 'values'], `must be specified when \`operator\` is 'In' or 'NotIn'`);
  }
  if ((op === 'Exists' || op === 'DoesNotExist') && list.length > 0) {
    sink.error(
      V.invalid,
      [...path, 'values'],
      `may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`,
    );
  }
  if (sink.hasErrorsSince(mark)) return undefined;
  return { key: key as string, operator: op, values: list as string[] };
}

/**
 * Validates object labels (`metadata.labels`): keys qualified names, values label values.
 * Invalid entries are reported and dropped (the loader stays forgiving for pods).
 */
export function normalizeLabels(raw: unknown, path: FieldPath, sink: DiagnosticSink): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw === undefined || raw === null) return out;
  if (!isRecord(raw)) {
    sink.error(V.type, path, `must be a mapping of label keys to values, not ${describeType(raw)}`);
    return out;
  }
  for (const [key, value] of Object.entries(raw)) {
    const p = [...path, key];
    const keyErrs = checkQualifiedName(key);
    for (const e of keyErrs) sink.error(V.invalid, p, `label key ${quote(key)}: ${e}`);
    if (typeof value !== 'string') {
      sink.error(
        V.type,
        p,
        `label value must be a string, not ${describeType(value)} (quote it: "${String(value)}")`,
      );
      continue;
    }
    const valueErrs = checkLabelValue(value);
    for (const e of valueErrs) sink.error(V.invalid, p, `label value ${quote(value)}: ${e}`);
    if (keyErrs.length === 0 && valueErrs.length === 0) out[key] = value;
  }
  return out;
}
