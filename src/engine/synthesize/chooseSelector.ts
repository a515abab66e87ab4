import type { Labels, PodInfo } from '../model/resources';
import type { SelectorObject } from './model';

/**
 * Label keys in the order people select by: the app name first, then the component, then the
 * rest alphabetically; keys that change with every rollout or release come last.
 */
const PREFERRED = [
  'app',
  'app.kubernetes.io/name',
  'k8s-app',
  'name',
  'app.kubernetes.io/component',
  'component',
  'app.kubernetes.io/instance',
  'tier',
  'role',
];
const VOLATILE = [
  'pod-template-hash',
  'controller-revision-hash',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'version',
  'app.kubernetes.io/version',
  'helm.sh/chart',
];

/** Sort rank of a label key: preferred keys first, volatile ones last, others alphabetically between. */
function rank(key: string): [number, string] {
  const p = PREFERRED.indexOf(key);
  if (p >= 0) return [p, ''];
  const v = VOLATILE.indexOf(key);
  return v >= 0 ? [PREFERRED.length + 1 + v, ''] : [PREFERRED.length, key];
}

/** The keys of a label set in preference order. */
export function preferredKeys(labels: Labels): string[] {
  return Object.keys(labels).sort((a, b) => {
    const [ra, ka] = rank(a);
    const [rb, kb] = rank(b);
    return ra - rb || ka.localeCompare(kb);
  });
}

const MAX_KEYS_SEARCHED = 12;

/**
 * The selector for `target` (pods that share one label set) among `pods` (the namespace's pods
 * that pod selectors can select): the smallest set of its labels, preferred keys first, whose
 * `matchLabels` selects exactly the target; when no subset does (another pod carries the same
 * labels and more), all its labels plus `DoesNotExist` for a key of each such pod. With no
 * label at all and no other pod, `{}`. The target's pods must have identical labels.
 */
export function chooseSelector(target: readonly PodInfo[], pods: readonly PodInfo[]): SelectorObject {
  const labels = target[0]?.labels ?? {};
  const inTarget = new Set(target.map((p) => p.key));
  const keys = preferredKeys(labels).slice(0, MAX_KEYS_SEARCHED);
  const exact = (chosen: readonly string[]): boolean =>
    pods.every((p) => chosen.every((k) => p.labels[k] === labels[k]) === inTarget.has(p.key));
  for (let size = 1; size <= keys.length; size++) {
    const found = firstCombination(keys, size, exact);
    if (found) return { matchLabels: pick(labels, found) };
  }
  const all = preferredKeys(labels);
  if (all.length === 0 && pods.every((p) => inTarget.has(p.key))) return {};
  // Pods with every one of our labels and more: exclude each by a key it has and we lack.
  const extra = new Set<string>();
  for (const p of pods) {
    if (inTarget.has(p.key) || !all.every((k) => p.labels[k] === labels[k])) continue;
    const theirs = preferredKeys(p.labels).filter((k) => !(k in labels));
    if (theirs.some((k) => extra.has(k))) continue;
    const first = theirs[0];
    if (first !== undefined) extra.add(first);
  }
  return {
    ...(all.length > 0 ? { matchLabels: pick(labels, all) } : {}),
    ...(extra.size > 0
      ? { matchExpressions: [...extra].sort().map((key) => ({ key, operator: 'DoesNotExist' as const })) }
      : {}),
  };
}

/** Whether a manifest-form selector matches a label set. */
export function selectorMatches(sel: SelectorObject, labels: Labels): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = e.key in labels;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
    if (e.operator === 'In' && !(has && (e.values ?? []).includes(labels[e.key]!))) return false;
    if (e.operator === 'NotIn' && has && (e.values ?? []).includes(labels[e.key]!)) return false;
  }
  return true;
}

function pick(labels: Labels, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) out[k] = labels[k]!;
  return out;
}

/** The first combination of `size` keys (in preference order) that passes `test`. */
function firstCombination(
  keys: readonly string[],
  size: number,
  test: (chosen: readonly string[]) => boolean,
): string[] | undefined {
  const chosen: string[] = [];
  const walk = (start: number): string[] | undefined => {
    if (chosen.length === size) return test(chosen) ? [...chosen] : undefined;
    for (let i = start; i <= keys.length - (size - chosen.length); i++) {
      chosen.push(keys[i]!);
      const hit = walk(i + 1);
      chosen.pop();
      if (hit) return hit;
    }
    return undefined;
  };
  return walk(0);
}
