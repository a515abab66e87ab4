import { describe, expect, it } from 'vitest';
import { emptyAnalysis, steadyKeys, steadyModel } from './workspaceAnalysis';

describe('an answer keeps the parts equal to the one before', () => {
  const before = {
    ...emptyAnalysis(),
    externals: [{ label: 'outside', address: '0.0.0.0/0', cidr: '0.0.0.0/0' }],
    staleDocuments: [3],
    podIsolation: Uint8Array.of(0, 1, 3),
  };

  it('keeps equal outside peers, stale documents and isolation bits as the same objects', () => {
    const next = {
      ...emptyAnalysis(),
      externals: [{ label: 'outside', address: '0.0.0.0/0', cidr: '0.0.0.0/0' }],
      staleDocuments: [3],
      podIsolation: Uint8Array.of(0, 1, 3),
    };
    const kept = steadyModel(before, next);
    expect(kept.externals).toBe(before.externals);
    expect(kept.staleDocuments).toBe(before.staleDocuments);
    expect(kept.podIsolation).toBe(before.podIsolation);
    expect(kept.workspace).toBe(next.workspace);
  });

  it('takes each part that changed', () => {
    const next = {
      ...emptyAnalysis(),
      externals: [{ label: 'outside', address: '10.0.0.0/8', cidr: '10.0.0.0/8' }],
      staleDocuments: [],
      podIsolation: Uint8Array.of(0, 1, 2),
    };
    const kept = steadyModel(before, next);
    expect(kept.externals).toBe(next.externals);
    expect(kept.staleDocuments).toBe(next.staleDocuments);
    expect(kept.podIsolation).toBe(next.podIsolation);
  });

  it('keeps the table keys when they are the same, in the same order', () => {
    const old = { keys: ['a/x', 'a/y'] };
    const same = { keys: ['a/x', 'a/y'], allowed: Uint8Array.of(1, 0, 0, 1) };
    expect(steadyKeys(old, same).keys).toBe(old.keys);
    expect(steadyKeys(old, same).allowed).toBe(same.allowed);
    const swapped = { keys: ['a/y', 'a/x'] };
    expect(steadyKeys(old, swapped).keys).toBe(swapped.keys);
    expect(steadyKeys(null, same)).toBe(same);
  });
});
