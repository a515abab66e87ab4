import { describe, expect, it } from 'vitest';
import { parseWorkspace } from '../parseWorkspace';
import { addPod } from './addPod';

const BASE = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`;

describe('addPod', () => {
  it('writes a Deployment without YAML anchors or aliases', () => {
    const outcome = addPod.perform(
      { text: BASE, workspace: parseWorkspace(BASE).workspace },
      { namespace: 'shop', name: 'web', labels: { app: 'web' }, kind: 'Deployment', replicas: 3 },
    );
    if (!('start' in outcome)) throw new Error(JSON.stringify(outcome));
    expect(outcome.text).not.toMatch(/[&*]a\d/);
    expect(outcome.text).toContain('matchLabels:\n      app: web');
    expect(outcome.text).toContain('labels:\n        app: web');
    const out = BASE.slice(0, outcome.start) + outcome.text + BASE.slice(outcome.end);
    const { workspace } = parseWorkspace(out);
    expect(workspace.pods.map((p) => [p.key, p.labels])).toEqual([['shop/web', { app: 'web' }]]);
  });
});
