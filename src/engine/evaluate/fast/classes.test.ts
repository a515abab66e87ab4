import { describe, expect, it } from 'vitest';
import { ns, netpol, pod } from '../../testing/builders';
import { loadWorkspace } from '../../normalize/loadWorkspace';
import { podKey } from '../../model/ids';
import type { PodInfo } from '../../model/resources';
import { buildClasses } from './classes';
import { buildIpSignatures } from './ipSignatures';
import { createEvaluator } from './createEvaluator';

const objects = (extra: object[] = []): object[] => [
  ns('a'),
  pod('a', 'p1', { app: 'web', tier: 'fe' }, { ports: [{ name: 'http', port: 80 }], ip: '10.0.0.1' }),
  pod('a', 'p2', { tier: 'fe', app: 'web' }, { ports: [{ name: 'http', port: 80 }], ip: '10.0.0.2' }),
  pod('a', 'p3', { app: 'db' }, { ip: '10.0.0.3' }),
  netpol('a', 'deny', { podSelector: {}, policyTypes: ['Ingress'] }),
  ...extra,
];

describe('endpoint classes', () => {
  it('put pods with equal labels (in any order) and ports in one class, whatever their objects', () => {
    const ws = loadWorkspace(objects()).workspace;
    const c = buildClasses(ws, buildIpSignatures([]));
    expect(c.podClass[0]).toBe(c.podClass[1]);
    expect(c.podClass[2]).not.toBe(c.podClass[0]);
    // Equal content in new objects (as after reading the text again) finds the same classes.
    const again = loadWorkspace(objects()).workspace;
    const evaluator = createEvaluator(ws);
    const p4: PodInfo = { ...again.pods[0]!, key: podKey('a', 'p4'), name: 'p4', ips: [] };
    const pods = [...again.pods, p4];
    const update = evaluator.update({ ...again, pods, podByKey: new Map(pods.map((p) => [p.key, p])) });
    expect(update.mode).not.toBe('rebuild');
    expect(evaluator.classCount).toBe(createEvaluator(ws).classCount);
    const fresh = createEvaluator(evaluator.workspace).table({ ports: [{ port: 80, protocol: 'TCP' }] });
    const table = evaluator.table({ ports: [{ port: 80, protocol: 'TCP' }] });
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) expect(table.isAllowed(i, j, 0)).toBe(fresh.isAllowed(i, j, 0));
    expect(table.rows.map((r) => r.key)).toEqual(['a/p1', 'a/p2', 'a/p3', 'a/p4']);
  });

  it('add the class of a pod in a new class, and group all pods again once many are empty', () => {
    const ws = loadWorkspace(objects()).workspace;
    const evaluator = createEvaluator(ws);
    const next = loadWorkspace(objects([pod('a', 'p5', { app: 'cache' })])).workspace;
    const update = evaluator.update(next);
    expect(update.mode).toBe('rebuild');
    expect(update.reason).toBe('pods in new classes');
    // A label typed a character at a time: each text a new class, the one before left empty.
    const reasons: (string | undefined)[] = [];
    const query = { ports: [{ port: 80, protocol: 'TCP' as const }] };
    for (let i = 1; i <= 20; i++) {
      const typed = loadWorkspace(objects([pod('a', 'p5', { app: `cache${'x'.repeat(i)}` })])).workspace;
      reasons.push(evaluator.update(typed).reason);
      const fresh = createEvaluator(typed).table(query);
      const table = evaluator.table(query);
      for (let r = 0; r < 4; r++)
        for (let c = 0; c < 4; c++) expect(table.isAllowed(r, c, 0)).toBe(fresh.isAllowed(r, c, 0));
    }
    expect(reasons.filter((r) => r === 'many empty classes')).toHaveLength(1);
    expect(evaluator.classCount).toBeLessThan(createEvaluator(ws).classCount + 18);
  });
});
