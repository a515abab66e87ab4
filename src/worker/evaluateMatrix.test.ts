import { describe, expect, it } from 'vitest';
import { DEMO_WORKSPACE } from '../recipes/demoWorkspace';
import { createEvaluator } from '../engine';
import { analyzeText } from './analyzeText';
import { createAnalyzer } from './createAnalyzer';
import { createMatrixBuilder } from './evaluateMatrix';
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

describe('the edited text’s matrix, patched from the last one', () => {
  it('equals the matrix built whole, cell by cell and end by end, edit after edit', () => {
    const edited = createAnalyzer();
    let seq = 0;
    for (const port of ['any', { port: 8080, protocol: 'TCP' }] as const)
      for (const edit of EDITS) {
        const text = edit(DEMO_WORKSPACE);
        const patched = edited.analyze(request(++seq, text, port)).matrix;
        const whole = createAnalyzer().analyze(request(1, text, port)).matrix;
        expect(patched.keys).toEqual(whole.keys);
        expect(Array.from(patched.allowed)).toEqual(Array.from(whole.allowed));
        expect(patched.ends).toEqual(whole.ends);
      }
  });

  it('patches after a policy edit, and builds whole after a pod is added', () => {
    const how: string[] = [];
    const build = createMatrixBuilder((h) => how.push(h));
    const first = analyzeText(DEMO_WORKSPACE, null).workspace;
    const engine = createEvaluator(first);
    build(engine, 'any');
    engine.update(analyzeText(DEMO_WORKSPACE.replace(PEER, `${PEER}x`), null).workspace);
    build(engine, 'any');
    engine.update(analyzeText(EDITS[5]!(DEMO_WORKSPACE), null).workspace);
    build(engine, 'any');
    expect(how).toEqual(['whole', 'patched', 'whole']);
  });

  it('answers a changed peer by a changed cell (the patch is not a stale copy)', () => {
    const analyzer = createAnalyzer();
    const before = analyzer.analyze(request(1, DEMO_WORKSPACE)).matrix;
    const after = analyzer.analyze(request(2, DEMO_WORKSPACE.replace(PEER, `${PEER}x`))).matrix;
    const differing = Array.from(after.allowed).filter((v, i) => v !== before.allowed[i]).length;
    expect(differing).toBeGreaterThan(0);
  });
});
