import { describe, expect, it } from 'vitest';
import { SourceMap } from './sourceMap';

const TEXT = `kind: Namespace
metadata:
  name: a
---
kind: NetworkPolicy
metadata:
  name: p
spec:
  podSelector: {}
  ingress:
    - from:
        - ipBlock:
            cidr: 10.0.0.0/8
            except:
              - 11.0.0.0/8
`;

const slice = (r: { start: number; end: number } | null) => (r ? TEXT.slice(r.start, r.end) : null);

describe('SourceMap', () => {
  const map = new SourceMap(TEXT);

  it('counts documents and finds the document at an offset', () => {
    expect(map.documentCount).toBe(2);
    expect(map.documentAt(TEXT.indexOf('name: a'))).toBe(0);
    expect(map.documentAt(TEXT.indexOf('podSelector'))).toBe(1);
  });

  it.each([
    [0, ['metadata', 'name'], 'name: a'],
    [1, ['spec', 'podSelector'], 'podSelector: {}'],
    [1, ['spec', 'ingress', 0, 'from', 0, 'ipBlock', 'except', 0], '11.0.0.0/8'],
    [1, ['spec', 'ingress', 0, 'from', 0, 'ipBlock', 'cidr'], 'cidr: 10.0.0.0/8'],
  ] as const)('locates doc %i path %j exactly', (doc, path, expected) => {
    const located = map.locate(doc, path);
    expect(located?.exact).toBe(true);
    expect(slice(located)).toBe(expected);
  });

  it('falls back to the deepest existing key for a missing field', () => {
    const located = map.locate(1, ['spec', 'egress', 0]);
    expect(located?.exact).toBe(false);
    expect(slice(located)).toBe('spec');
  });

  it('returns null for a missing document', () => {
    expect(map.locate(5, ['metadata'])).toBeNull();
  });

  it.each([
    ['name: a', 0, ['metadata', 'name']],
    ['11.0.0.0/8', 1, ['spec', 'ingress', 0, 'from', 0, 'ipBlock', 'except', 0]],
    ['podSelector', 1, ['spec', 'podSelector']],
  ] as const)('finds the path of the field at %j', (needle, documentIndex, path) => {
    expect(map.pathAt(TEXT.indexOf(needle) + 1)).toEqual({ documentIndex, path });
  });
});
