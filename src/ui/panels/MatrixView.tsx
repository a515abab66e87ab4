import { useMemo, useState } from 'react';
import { cellAllowed, formatPortQuery } from '../../engine';
import type { TableFormat } from '../../engine';
import { downloadText } from '../app/download';
import { useAppStore } from '../app/storeContext';
import { exportMatrix } from './matrixExport';

type Order = 'workspace' | 'namespace';

const FORMATS: { format: TableFormat; label: string; file: string; type: string }[] = [
  { format: 'csv', label: 'CSV', file: 'matrix.csv', type: 'text/csv' },
  { format: 'md', label: 'Markdown', file: 'matrix.md', type: 'text/markdown' },
  { format: 'json', label: 'JSON', file: 'matrix.json', type: 'application/json' },
];

/** The truth table: rows are sources, columns destinations, for the chosen port. Click a cell to ask why. */
export function MatrixView() {
  const result = useAppStore((s) => s.evaluation.result);
  const pods = useAppStore((s) => s.parsed.workspace.pods);
  const port = useAppStore((s) => s.port);
  const selectEdge = useAppStore((s) => s.selectEdge);
  const selected = useAppStore((s) => s.selectedEdge);
  const [order, setOrder] = useState<Order>('workspace');
  const keys = useMemo(() => {
    const list = pods.map((p) => ({ key: p.key, ns: p.namespace, name: p.name }));
    if (order === 'namespace') list.sort((a, b) => a.ns.localeCompare(b.ns) || a.name.localeCompare(b.name));
    return list.map((p) => p.key);
  }, [pods, order]);
  if (!result) return <p className="side-hint">Evaluating…</p>;
  const index = new Map(result.keys.map((k, i) => [k, i]));
  const allowed = (from: string, to: string) =>
    cellAllowed(result.cells, index.get(from) ?? 0, index.get(to) ?? 0);
  return (
    <div className="matrix" data-testid="matrix">
      <div className="matrix-bar">
        <span>
          Rows: from · columns: to · port <b>{formatPortQuery(port)}</b>
        </span>
        <label>
          Order{' '}
          <select
            value={order}
            onChange={(e) => setOrder(e.target.value as Order)}
            data-testid="matrix.order"
          >
            <option value="workspace">as in the YAML</option>
            <option value="namespace">by namespace, then name</option>
          </select>
        </label>
        {FORMATS.map((f) => (
          <button
            key={f.format}
            type="button"
            data-testid={`matrix.export.${f.format}`}
            onClick={() => downloadText(f.file, exportMatrix(result, keys, port, f.format), f.type)}
          >
            {f.label}
          </button>
        ))}
      </div>
      <div className="matrix-scroll">
        <table>
          <thead>
            <tr>
              <th className="corner">from \ to</th>
              {keys.map((k) => (
                <th key={k} className="col">
                  <span>{k}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {keys.map((from) => (
              <tr key={from}>
                <th className="row">{from}</th>
                {keys.map((to) => {
                  const ok = allowed(from, to);
                  const isSelected = selected?.from === from && selected.to === to;
                  return (
                    <td
                      key={to}
                      className={`${ok ? 'allowed' : 'blocked'}${isSelected ? ' chosen' : ''}`}
                      title={`${from} → ${to}: ${ok ? 'allowed' : 'blocked'} (click to see why)`}
                      data-cell-from={from}
                      data-cell-to={to}
                      data-verdict={ok ? 'allowed' : 'blocked'}
                      onClick={() => selectEdge({ from, to })}
                    >
                      {ok ? '✓' : '✗'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
