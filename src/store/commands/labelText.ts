import { checkLabelValue, checkQualifiedName } from '../../engine';

/** Labels as `kubectl label` writes them: `app=web, tier=frontend`. */
export function formatLabels(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

/** Parses `key=value` pairs separated by commas or spaces, with the API server's label rules. */
export function parseLabels(text: string): { labels: Record<string, string> } | { error: string } {
  const labels: Record<string, string> = {};
  for (const part of text.split(/[,\s]+/).filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { error: `"${part}" is not key=value` };
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    const problem = [...checkQualifiedName(key), ...checkLabelValue(value)][0];
    if (problem) return { error: `${part}: ${problem}` };
    labels[key] = value;
  }
  return { labels };
}
