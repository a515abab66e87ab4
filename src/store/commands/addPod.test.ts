import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../worker/analyzeText';
import { addPod } from './addPod';
import { textAfter } from './command';

const BASE = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`;

describe('addPod', () => {
  it('writes a Deployment without YAML anchors or aliases', () => {
    const outcome = addPod.perform(
      { text: BASE, workspace: analyzeText(BASE, null).workspace },
      { namespace: 'shop', name: 'web', labels: { app: 'web' }, kind: 'Deployment', replicas: 3 },
    );
    const out = textAfter(BASE, outcome);
    if (out === null) throw new Error(JSON.stringify(outcome));
    expect(out).not.toMatch(/[&*]a\d/);
    expect(out).toContain('matchLabels:\n      app: web');
    expect(out).toContain('labels:\n        app: web');
    const { workspace } = analyzeText(out, null);
    expect(workspace.pods.map((p) => [p.key, p.labels])).toEqual([['shop/web', { app: 'web' }]]);
  });
});
