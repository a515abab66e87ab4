import { describe, expect, it } from 'vitest';
import { generateWorkspace, toManifestText } from '../../../bench/generateWorkspace';
import { DEMO_WORKSPACE } from '../../recipes/demoWorkspace';
import { createAnalyzer } from '../../worker/createAnalyzer';
import { drawnPairs, unfocusedOptions } from './buildEdges';
import type { EdgeOptions } from './buildEdges';
import { isolationFrom } from './buildFlow';

/** The map's bundles counted from the worker's sums and from the cells must be the same. */
function bothWays(text: string, more: (ns: (key: string) => string | undefined) => Partial<EdgeOptions>[]) {
  const result = createAnalyzer().analyze({
    type: 'analyze',
    seq: 1,
    text,
    options: {},
    port: 'any',
    enforced: true,
  });
  const { workspace, matrix } = result;
  expect(matrix.bundles).toBeDefined();
  const namespaceOf = new Map(workspace.pods.map((p) => [p.key as string, p.namespace]));
  const isolation = isolationFrom(workspace.pods, result.podIsolation);
  const cells = { ...matrix, bundles: undefined };
  const podCount = workspace.pods.length;
  for (const extra of more((key) => namespaceOf.get(key))) {
    const options = { ...unfocusedOptions({ namespaceOf, isolation }), ...extra };
    const fromSums = drawnPairs(matrix, podCount, options).bundles;
    const fromCells = drawnPairs(cells, podCount, options).bundles;
    expect(fromSums.length).toBeGreaterThan(0);
    expect(fromSums).toEqual(fromCells);
  }
}

describe('bundle counts from the worker’s sums', () => {
  it('equal those counted from the cells: the map at scale, with blocked pairs, and chosen bundles', () => {
    const text = toManifestText(generateWorkspace({ pods: 400, policies: 200, replicas: 1 }).objects);
    bothWays(text, () => [
      {},
      { showBlocked: true },
      { mode: 'bundles' },
      { mode: 'bundles', showBlocked: true },
    ]);
  });

  it('with outside addresses, host-level pods and a focused namespace (the demo, as bundles)', () => {
    const hostPod = `---
apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: monitoring, labels: {app: agent}}
spec: {hostNetwork: true, nodeName: node-1, containers: [{name: c, image: x}]}
`;
    bothWays(`${DEMO_WORKSPACE}\n${hostPod}`, () => [
      { mode: 'bundles' },
      { mode: 'bundles', showBlocked: true },
      { mode: 'bundles', focusNamespace: 'shop' },
    ]);
  });
});
