import { stringify } from 'yaml';

const PRINT = { lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false } as const;

/**
 * Manifest objects as one multi-document YAML text (`---` between documents), unfolded lines,
 * ready for `kubectl apply -f` ('' when there are none).
 */
export function printManifests(objects: readonly object[]): string {
  return objects.map((o) => stringify(o, PRINT)).join('---\n');
}
