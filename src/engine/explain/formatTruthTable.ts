import { assertNever } from '../model/ids';
import type { TruthTable } from '../evaluate/computeTruthTable';
import { formatPortQuery } from './explainVerdict';

/** Output formats of a truth table. */
export type TableFormat = 'text' | 'json' | 'csv' | 'md';

/**
 * Renders a truth table: `text` (aligned grid, one per port, rows = from, columns = to),
 * `csv` (one line per from,to,port), `md` (Markdown grid) or `json` (endpoints, ports, cells).
 */
export function formatTruthTable(t: TruthTable, format: TableFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(toJson(t), null, 2)}\n`;
    case 'csv':
      return csv(t);
    case 'md':
      return t.ports.map((q, k) => `### ${formatPortQuery(q)}\n\n${grid(t, k, 'md')}`).join('\n');
    case 'text':
      return t.ports
        .map((q, k) => `${formatPortQuery(q)} (rows: from, columns: to)\n${grid(t, k, 'text')}`)
        .join('\n');
    default:
      return assertNever(format);
  }
}

/** The table as plain JSON data: `allowed[portIndex][from][to]`. */
export function toJson(t: TruthTable): { endpoints: string[]; ports: string[]; allowed: boolean[][][] } {
  const n = t.rows.length;
  const allowed = t.ports.map((_, k) =>
    Array.from({ length: n }, (__, i) => Array.from({ length: n }, (___, j) => t.isAllowed(i, j, k))),
  );
  return { endpoints: t.rows.map((r) => r.key), ports: t.ports.map(formatPortQuery), allowed };
}

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(t: TruthTable): string {
  const lines = ['from,to,port,allowed'];
  t.ports.forEach((q, k) => {
    t.rows.forEach((from, i) => {
      t.rows.forEach((to, j) => {
        lines.push(
          [from.key, to.key, formatPortQuery(q), String(t.isAllowed(i, j, k))].map(csvField).join(','),
        );
      });
    });
  });
  return `${lines.join('\n')}\n`;
}

function grid(t: TruthTable, k: number, style: 'text' | 'md'): string {
  const labels = t.rows.map((e) => e.key);
  const cells = t.rows.map((_, i) => t.rows.map((__, j) => (t.isAllowed(i, j, k) ? 'allow' : '-')));
  if (style === 'md') {
    const esc = (s: string): string => s.replace(/\|/g, '\\|');
    const head = `| from \\ to | ${labels.map(esc).join(' | ')} |`;
    const sep = `|---|${labels.map(() => '---').join('|')}|`;
    const body = cells.map((row, i) => `| ${esc(labels[i] ?? '')} | ${row.join(' | ')} |`);
    return `${[head, sep, ...body].join('\n')}\n`;
  }
  const width = Math.max(4, ...labels.map((l) => l.length));
  const colWidths = labels.map((l) => Math.max(5, l.length));
  const header = `${''.padEnd(width)}  ${labels.map((l, j) => l.padEnd(colWidths[j] ?? 5)).join('  ')}`;
  const body = cells.map(
    (row, i) =>
      `${(labels[i] ?? '').padEnd(width)}  ${row.map((c, j) => c.padEnd(colWidths[j] ?? 5)).join('  ')}`,
  );
  return `${[header, ...body].map((l) => l.trimEnd()).join('\n')}\n`;
}
