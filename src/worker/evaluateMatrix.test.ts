import { describe, expect, it } from 'vitest';
import { DEMO_WORKSPACE } from '../recipes/demoWorkspace';
import { cellAllowed, cellsToBytes, createEvaluator, openEndsOf } from '../engine';
import { analyzeText } from './analyzeText';
import { createAnalyzer } from './createAnalyzer';
import { evaluateMatrix } from './evaluateMatrix';
import type { AnalyzeRequest } from './protocol';

const request = (seq: number, text: string, port: AnalyzeRequest['port'] = 'any'): AnalyzeRequest => ({
  type: 'analyze',
  seq,
  text,
  options: {},
  port,
  enforced: true,
});

/** The peer of allow-api-from-web, as typed in the YAML pane. */
const PEER = 'matchLabels:\n              app: web';

/** Edits a person makes between keystrokes: a peer label typed and repaired, a policy removed, a port. */
const EDITS: ((text: string) => string)[] = [
  (t) => t,
  (t) => t.replace(PEER, `${PEER}x`),
  (t) => t,
  (t) =>
    t.replace(
      'kind: NetworkPolicy\nmetadata:\n  name: allow-api-from-web',
      'kind: ConfigMap\nmetadata:\n  name: x',
    ),
  (t) => t.replace('port: http-api', 'port: 9999'),
  (t) => `${t}---\napiVersion: v1\nkind: Pod\nmetadata: {name: extra, namespace: shop, labels: {app: web}}\n`,
  (t) => t,
];

describe('the edited text’s matrix', () => {
  it('equals the matrix of the same text analysed afresh, cell by cell and end by end, edit after edit', () => {
    const edited = createAnalyzer();
    let seq = 0;
    for (const port of ['any', { port: 8080, protocol: 'TCP' }] as const)
      for (const edit of EDITS) {
        const text = edit(DEMO_WORKSPACE);
        const kept = edited.analyze(request(++seq, text, port)).matrix;
        const fresh = createAnalyzer().analyze(request(1, text, port)).matrix;
        expect(kept.keys).toEqual(fresh.keys);
        expect(Array.from(cellsToBytes(kept.cells))).toEqual(Array.from(cellsToBytes(fresh.cells)));
        expect(kept.ends).toEqual(fresh.ends);
        expect(kept.ends).toEqual(openEndsOf(kept.keys.length, cellsToBytes(kept.cells)));
      }
  });

  it('is the engine’s table, cell by cell, in buffers of its own', () => {
    const workspace = analyzeText(DEMO_WORKSPACE, null).workspace;
    const engine = createEvaluator(workspace);
    const matrix = evaluateMatrix(engine, 'any', ['8.8.8.8']);
    const table = engine.table({ ports: ['any'], externals: ['8.8.8.8'] });
    const n = matrix.keys.length;
    expect(n).toBe(workspace.pods.length + 1);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) expect(cellAllowed(matrix.cells, i, j)).toBe(table.isAllowed(i, j, 0));
    // Sent by transfer: the engine's own arrays must stay where they are.
    expect(matrix.cells.bits).not.toBe(table.cells(0)?.bits);
    expect(matrix.cells.rowSelf).not.toBe(table.cells(0)?.rowSelf);
  });

  it('answers a changed peer by a changed cell', () => {
    const analyzer = createAnalyzer();
    const before = cellsToBytes(analyzer.analyze(request(1, DEMO_WORKSPACE)).matrix.cells);
    const after = cellsToBytes(
      analyzer.analyze(request(2, DEMO_WORKSPACE.replace(PEER, `${PEER}x`))).matrix.cells,
    );
    const differing = Array.from(after).filter((v, i) => v !== before[i]).length;
    expect(differing).toBeGreaterThan(0);
  });
});
