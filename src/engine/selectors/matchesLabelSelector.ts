import type { LabelRequirement, LabelSelector } from '../model/policy';
import type { Labels } from '../model/resources';
import { assertNever } from '../model/ids';

/**
 * Label selector matching with apimachinery semantics (`labels.Selector.Matches`):
 *
 * | requirement              | key present, value in set | key present, not in set | key missing |
 * |--------------------------|---------------------------|-------------------------|-------------|
 * | `matchLabels` k: v / In  | match                     | no match                | no match    |
 * | NotIn                    | no match                  | match                   | **match**   |
 * | Exists                   | match                     | match                   | no match    |
 * | DoesNotExist             | no match                  | no match                | match       |
 *
 * All requirements must hold (matchLabels AND matchExpressions); no requirement (`{}`) matches
 * every object. Whether a *missing* selector means "all" or "none" is decided by the caller
 * (NetworkPolicy: a missing namespaceSelector means the policy's own namespace).
 */
export function matchesLabelSelector(selector: LabelSelector, labels: Labels): boolean {
  return selector.requirements.every((r) => matchesRequirement(r, labels));
}

/** One requirement of a selector (see the table on {@link matchesLabelSelector}). */
export function matchesRequirement(r: LabelRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.operator) {
    case 'In':
      return has && r.values.includes(labels[r.key] ?? '');
    case 'NotIn':
      return !has || !r.values.includes(labels[r.key] ?? '');
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return assertNever(r.operator);
  }
}

/** Renders a selector as kubectl does (`app=web,tier in (a,b),!debug`); `{}` renders as `<all>`. */
export function formatLabelSelector(selector: LabelSelector): string {
  if (selector.requirements.length === 0) return '<all>';
  return selector.requirements
    .map((r) => {
      switch (r.operator) {
        case 'In':
          return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${r.values.join(',')})`;
        case 'NotIn':
          return `${r.key} notin (${r.values.join(',')})`;
        case 'Exists':
          return r.key;
        case 'DoesNotExist':
          return `!${r.key}`;
        default:
          return assertNever(r.operator);
      }
    })
    .join(',');
}
