/**
 * `n` and the noun agreeing with it: `plural(1, 'pod')` is "1 pod", `plural(2, 'pod')`
 * "2 pods"; irregular nouns give their plural: `plural(2, 'policy', 'policies')`.
 */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}
