import { describe, expect, it } from 'vitest';
import type { Workspace } from '../engine';
import { DEMO_WORKSPACE } from '../recipes/demoWorkspace';
import { createAnalyzer } from './createAnalyzer';
import type { AnalyzeRequest, WorkerResponse, WorkspaceWire } from './protocol';
import { createWorkerQueue } from './workerQueue';
import { createWorkspaceDecoder } from './workspaceWire';

function request(seq: number, text: string, ephemeral = false): AnalyzeRequest {
  return { type: 'analyze', seq, text, options: {}, port: 'any', enforced: true, ephemeral };
}

/** The real queue and analyzer; each result's wire form, decoded in order as the client does. */
async function run(requests: AnalyzeRequest[]) {
  const wires: WorkspaceWire[] = [];
  const queue = createWorkerQueue({
    analyzer: createAnalyzer(),
    post: (response: WorkerResponse) => {
      if (response.type === 'result') wires.push(structuredClone(response.result.workspace));
    },
    nextTask: () => new Promise((resolve) => setTimeout(resolve, 0)),
  });
  const direct = createAnalyzer();
  const expected = requests.map((r) => direct.analyze(r).workspace);
  for (const r of requests) {
    queue.receive(r);
    await queue.idle();
  }
  const decode = createWorkspaceDecoder();
  return { wires, decoded: wires.map(decode), expected };
}

const comparable = (ws: Workspace) =>
  JSON.parse(
    JSON.stringify([ws.namespaces, ws.pods, ws.nodes, ws.policies, ws.adminPolicies, ws.tests]),
  ) as unknown;

describe('the workspace on the wire', () => {
  it('sends only what an edit changed, and the main thread rebuilds the same workspace', async () => {
    const edited = DEMO_WORKSPACE.replace('name: web', 'name: web2');
    expect(edited).not.toBe(DEMO_WORKSPACE);
    const { wires, decoded, expected } = await run([request(1, DEMO_WORKSPACE), request(2, edited)]);
    expect(wires[0]?.delta).toBe(false);
    expect(wires[1]?.delta).toBe(true);
    // One pod (web) changed: every other pod is sent as the index of the same object before.
    const sentAgain = wires[1]!.pods.filter((p) => typeof p !== 'number');
    expect(sentAgain.length).toBeGreaterThan(0);
    expect(sentAgain.length).toBeLessThan(wires[1]!.pods.length);
    expect(wires[1]!.policies.every((p) => typeof p === 'number')).toBe(true);
    decoded.forEach((ws, i) => expect(comparable(ws)).toEqual(comparable(expected[i]!)));
    // Unchanged objects keep their identity on the main thread too, and the indexes are rebuilt.
    expect(decoded[1]!.policies[0]).toBe(decoded[0]!.policies[0]);
    const web2 = decoded[1]!.pods.find((p) => p.name === 'web2');
    expect(web2 && decoded[1]!.podByKey.get(web2.key)).toBe(web2);
  });

  it('sends a baseline whole, and the next edit is still sent against the edited text', async () => {
    const baseline = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: elsewhere\n';
    const edited = `${DEMO_WORKSPACE}# a comment\n`;
    const { wires, decoded, expected } = await run([
      request(1, DEMO_WORKSPACE),
      request(-1, baseline, true),
      request(2, edited),
    ]);
    expect(wires.map((w) => [w.delta, w.remember])).toEqual([
      [false, true],
      [false, false],
      [true, true],
    ]);
    decoded.forEach((ws, i) => expect(comparable(ws)).toEqual(comparable(expected[i]!)));
  });

  it('keeps the lists an edit left unchanged, and their indexes, as the same objects', async () => {
    const policyEdited = DEMO_WORKSPACE.replace('name: allow-web-from-anywhere', 'name: allow-web-from-all');
    const podEdited = policyEdited.replace('name: web', 'name: web2');
    expect(podEdited).not.toBe(policyEdited);
    const { decoded } = await run([
      request(1, DEMO_WORKSPACE),
      request(2, policyEdited),
      request(3, podEdited),
    ]);
    const [first, second, third] = decoded as [Workspace, Workspace, Workspace];
    // A policy edit: new policies, the same pods and namespaces (the canvas tells by identity).
    expect(second.policies).not.toBe(first.policies);
    expect(second.policies.map((p) => p.name)).toContain('allow-web-from-all');
    expect(second.pods).toBe(first.pods);
    expect(second.namespaces).toBe(first.namespaces);
    expect(second.podByKey).toBe(first.podByKey);
    expect(second.ipOwners).toBe(first.ipOwners);
    // A pod edit: a new pod list and new indexes that hold the new pod.
    expect(third.pods).not.toBe(second.pods);
    expect(third.podByKey).not.toBe(second.podByKey);
    expect([...third.podByKey.values()].map((p) => p.name)).toContain('web2');
    expect(third.namespaces).toBe(second.namespaces);
  });

  it('refuses a change to a workspace it never received (a new worker starts whole)', () => {
    const decode = createWorkspaceDecoder();
    const wire: WorkspaceWire = {
      delta: true,
      remember: true,
      namespaces: [0],
      pods: [],
      nodes: [],
      policies: [],
      adminPolicies: [],
      tests: [],
      options: { ipBlockMatchesPodIPs: true },
    };
    expect(() => decode(wire)).toThrow(/never sent/);
  });
});
