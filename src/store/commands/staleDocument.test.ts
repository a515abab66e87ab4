import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../worker/createAnalyzer';
import { textAfter } from './command';
import { setContainerPorts } from './setContainerPorts';
import { setPodLabels } from './setPodLabels';

const GOOD = `apiVersion: v1
kind: Pod
metadata:
  name: api
  namespace: shop
  labels: { app: api }
spec:
  containers:
    - name: api
      image: nginx
`;

describe('a pod whose document has a YAML error', () => {
  it('is still shown (its last good version) but never edited: the command says why', () => {
    // Found by the fuzz test: the canvas still shows the last good version of a document
    // being typed, and a gesture on it edited text whose nodes had moved.
    const analyzer = createAnalyzer();
    const analyze = (text: string, seq: number) =>
      analyzer.analyze({ type: 'analyze', seq, text, options: {}, port: 'any', enforced: true });
    analyze(GOOD, 1);
    const broken = GOOD.replace('metadata:\n', 'metadata:!\n');
    const { workspace, staleDocuments } = analyze(broken, 2);
    expect(staleDocuments).toEqual([0]);
    expect(workspace.pods.map((p) => p.key)).toEqual(['shop/api']);
    for (const outcome of [
      setPodLabels.perform({ text: broken, workspace }, { podKey: 'shop/api', labels: { app: 'web' } }),
      setContainerPorts.perform(
        { text: broken, workspace },
        { podKey: 'shop/api', ports: [{ containerPort: 81 }] },
      ),
    ]) {
      expect(outcome).toEqual({
        kind: 'error',
        message: expect.stringMatching(
          /^the YAML of shop\/api has an error \(line \d+: .+\): fix it in the YAML pane first$/,
        ) as unknown,
      });
    }
    // Once fixed, the same gesture edits it.
    const fixed = setPodLabels.perform(
      { text: GOOD, workspace: analyze(GOOD, 3).workspace },
      { podKey: 'shop/api', labels: { app: 'web' } },
    );
    expect(textAfter(GOOD, fixed)).toContain('    app: web\n');
  });
});
