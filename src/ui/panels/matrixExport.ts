import { cellAllowed, formatTruthTable } from '../../engine';
import type { PodKey, PortQuery, TableFormat, TruthTable } from '../../engine';
import type { MatrixResult } from '../../store/analysisTypes';

/**
 * The canvas truth table (pods only, as `netpol matrix` prints it without `--external`)
 * in the CLI's own formats, so the two can be compared byte for byte.
 */
export function exportMatrix(
  result: MatrixResult,
  podKeys: readonly string[],
  port: PortQuery,
  format: TableFormat,
): string {
  const index = new Map(result.keys.map((k, i) => [k, i]));
  const rows = podKeys.filter((k) => index.has(k));
  const table: TruthTable = {
    rows: rows.map((key) => ({ key, endpoint: { kind: 'pod', key: key as PodKey } })),
    ports: [port],
    problems: [],
    isAllowed: (i, j) =>
      cellAllowed(result.cells, index.get(rows[i] ?? '') ?? 0, index.get(rows[j] ?? '') ?? 0),
  };
  return formatTruthTable(table, format);
}
