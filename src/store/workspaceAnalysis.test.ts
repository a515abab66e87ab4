import { describe, expect, it } from 'vitest';
import { cellsFromBytes } from '../engine';
import { emptyAnalysis, steadyMatrix, steadyModel } from './workspaceAnalysis';

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

  it('keeps the table before when no verdict changed, else its keys when they are the same', () => {
    const table = (keys: string[], bytes: number[]) => ({
      keys,
      cells: cellsFromBytes(keys.length, Uint8Array.from(bytes)),
    });
    const old = table(['a/x', 'a/y'], [1, 0, 0, 1]);
    // Typing a comment: the worker sends an equal table; the old one stays (nothing is redrawn).
    expect(steadyMatrix(old, table(['a/x', 'a/y'], [1, 0, 0, 1]))).toBe(old);
    // A verdict changed: the new table, with the old keys.
    const changed = table(['a/x', 'a/y'], [1, 1, 0, 1]);
    const kept = steadyMatrix(old, changed);
    expect(kept).not.toBe(old);
    expect(kept.cells).toBe(changed.cells);
    expect(kept.keys).toBe(old.keys);
    // Other rows: the new table as it is.
    const swapped = table(['a/y', 'a/x'], [1, 0, 0, 1]);
    expect(steadyMatrix(old, swapped)).toBe(swapped);
    expect(steadyMatrix(null, old)).toBe(old);
    // Same cells, other open ends: new.
    const withEnds = { ...old, ends: { openIn: Uint8Array.of(1, 0), openOut: Uint8Array.of(0, 0) } };
    const sameEnds = {
      ...table(['a/x', 'a/y'], [1, 0, 0, 1]),
      ends: { openIn: Uint8Array.of(1, 0), openOut: Uint8Array.of(0, 0) },
    };
    expect(steadyMatrix(withEnds, sameEnds)).toBe(withEnds);
    const otherEnds = { ...sameEnds, ends: { openIn: Uint8Array.of(0, 0), openOut: Uint8Array.of(0, 0) } };
    expect(steadyMatrix(withEnds, otherEnds)).not.toBe(withEnds);
  });
});
