import { describe, expect, it } from 'vitest';
import { generateWorkspace, toManifestText } from '../../bench/generateWorkspace';
import { createAnalyzer } from './createAnalyzer';
import { bundlesTransfer, createBundlesDecoder, createBundlesEncoder } from './bundlesWire';
import type { AnalyzeRequest } from './protocol';

const request = (seq: number, text: string, ephemeral = false): AnalyzeRequest => ({
  type: 'analyze',
  seq,
  text,
  options: {},
  port: 'any',
  enforced: true,
  ...(ephemeral ? { ephemeral } : {}),
});

describe('bundle sums on the wire', () => {
  it('arrive as the worker summed them, edit after edit, from the sums it writes over in turn', () => {
    const base = toManifestText(generateWorkspace({ pods: 300, policies: 60, replicas: 1 }).objects);
    const policy = (ns: number, from: string) => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: wire-test, namespace: ns-${ns}}
spec:
  podSelector: {}
  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ${from}}}}]}]
`;
    // Edits that change a few bundles, none, many, and add a namespace (other block count).
    const texts = [
      base,
      base + policy(1, 'ns-2'),
      base + policy(1, 'ns-3'),
      base + policy(1, 'ns-3') + '# a comment\n',
      base + policy(2, 'ns-1') + policy(3, 'ns-1'),
      base + 'apiVersion: v1\nkind: Namespace\nmetadata: {name: extra}\n',
      base,
    ];
    const worker = createAnalyzer({ reuseSums: true });
    const fresh = createAnalyzer();
    const encode = createBundlesEncoder();
    const decode = createBundlesDecoder();
    let deltas = 0;
    texts.forEach((text, i) => {
      const sent = worker.analyze(request(i + 1, text)).matrix.bundles!;
      const expected = fresh.analyze(request(i + 1, text)).matrix.bundles!;
      const wire = encode(sent, true);
      if (wire.delta) deltas++;
      // What crosses is never the worker's own arrays (they are written over later).
      const own = [sent.allowed.buffer, sent.fromShaped.buffer, sent.toShaped.buffer];
      for (const buffer of bundlesTransfer(wire)) expect(own).not.toContain(buffer);
      const got = decode(wire);
      expect(got.blocks).toBe(expected.blocks);
      expect([...got.allowed]).toEqual([...expected.allowed]);
      expect([...got.fromShaped]).toEqual([...expected.fromShaped]);
      expect([...got.toShaped]).toEqual([...expected.toShaped]);
      expect([...got.shaped]).toEqual([...expected.shaped]);
      // A baseline in between goes whole and is not the base of the next delta.
      const baseline = worker.analyze(request(100 + i, base, true)).matrix.bundles!;
      const decoded = decode(encode(baseline, false));
      expect([...decoded.allowed]).toEqual([...baseline.allowed]);
    });
    expect(deltas).toBeGreaterThan(2);
  });

  it('write over a set only once it holds the sums of two changes ago (an answer kept as unchanged stays whole)', () => {
    const encode = createBundlesEncoder();
    const decode = createBundlesDecoder();
    const sums = (x: number) => ({
      blockOf: new Int32Array([0, 1]),
      blocks: 2,
      shaped: new Int32Array([1]),
      allowed: new Float64Array([x, 1, 2, 3]),
      fromShaped: new Float64Array(4),
      toShaped: new Float64Array([0, x, 0, 0]),
    });
    const kept = decode(encode(sums(5), true));
    // The same sums (the store keeps the answer before), then a change, then another.
    const same = decode(encode(sums(5), true));
    expect(same.allowed).toBe(kept.allowed);
    const changed = decode(encode(sums(6), true));
    expect([...kept.allowed]).toEqual([5, 1, 2, 3]);
    expect([...changed.allowed]).toEqual([6, 1, 2, 3]);
    const again = decode(encode(sums(7), true));
    expect([...changed.allowed]).toEqual([6, 1, 2, 3]);
    expect([...again.toShaped]).toEqual([0, 7, 0, 0]);
  });

  it('refuses a delta with no sums before it', () => {
    const decode = createBundlesDecoder();
    const blockOf = new Int32Array(1);
    const delta = { at: new Int32Array([0]), values: new Float64Array(3) };
    const shaped = new Int32Array(0);
    expect(() => decode({ blockOf, shaped, blocks: 1, remember: true, whole: null, delta })).toThrow(
      /never sent/,
    );
  });
});
