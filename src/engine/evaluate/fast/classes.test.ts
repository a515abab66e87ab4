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

  it('make a pod in a new class rebuild', () => {
    const ws = loadWorkspace(objects()).workspace;
    const evaluator = createEvaluator(ws);
    const next = loadWorkspace(objects([pod('a', 'p5', { app: 'cache' })])).workspace;
    expect(evaluator.update(next).mode).toBe('rebuild');
  });
});
