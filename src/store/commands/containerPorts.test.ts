import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../worker/analyzeText';
import { addPod } from './addPod';
import { textAfter } from './command';
import { parseContainerPorts } from './containerPortsText';
import { setContainerPorts } from './setContainerPorts';

describe('container ports', () => {
  it.each([
    ['http:80/TCP, 9090', [{ name: 'http', containerPort: 80, protocol: 'TCP' }, { containerPort: 9090 }]],
    ['dns:53/udp', [{ name: 'dns', containerPort: 53, protocol: 'UDP' }]],
    ['', []],
  ])('parses %j', (text, ports) => {
    expect(parseContainerPorts(text)).toEqual({ ports });
  });

  it.each(['80/ICMP', 'http:', 'x:99999', 'Bad_Name:80'])('refuses %j', (text) => {
    expect(parseContainerPorts(text)).toEqual({ error: expect.any(String) as unknown });
  });

  it('sets the ports of a Deployment template, and the engine sees them', () => {
    const start = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';
    const added = addPod.perform(
      { text: start, workspace: analyzeText(start, null).workspace },
      { namespace: 'shop', name: 'web', labels: { app: 'web' }, kind: 'Deployment', replicas: 3 },
    );
    const text = textAfter(start, added) ?? start;
    const change = setContainerPorts.perform(
      { text, workspace: analyzeText(text, null).workspace },
      { podKey: 'shop/web', ports: [{ name: 'http', containerPort: 8080 }] },
    );
    const out = textAfter(text, change) ?? text;
    const pod = analyzeText(out, null).workspace.pods.find((p) => p.key === 'shop/web');
    expect(pod?.kind).toBe('Deployment');
    expect(pod?.replicas).toBe(3);
    expect(pod?.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });
});
