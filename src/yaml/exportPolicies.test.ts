import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { objectKey } from '../engine';
import { exportPolicies } from './exportPolicies';

const KUBECTL_LIST = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Namespace
    metadata:
      name: shop
  - apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: deny
      namespace: shop
      uid: 0b6f-11
      resourceVersion: "4242"
      generation: 1
      creationTimestamp: "2026-01-01T00:00:00Z"
      managedFields:
        - manager: kubectl
      annotations:
        kubectl.kubernetes.io/last-applied-configuration: "{}"
    spec:
      podSelector: {}
    status: {}
`;

const WORKSPACE = `# my policies
apiVersion: v1
kind: Pod
metadata:
  name: a
---
# Keep this comment.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow
  namespace: shop
  uid: abc
spec:
  podSelector:
    matchLabels:
      app: api # the api
  ingress:
    - {}
`;

const docs = (text: string) => parseAllDocuments(text) as unknown as { toJS(): unknown }[];

describe('exportPolicies', () => {
  it('keeps only NetworkPolicies, with server-set fields stripped, from a kubectl List', () => {
    const out = exportPolicies(KUBECTL_LIST).text;
    expect(docs(out).map((d) => d.toJS())).toEqual([
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'deny', namespace: 'shop' },
        spec: { podSelector: {} },
      },
    ]);
  });

  it('keeps the comments of policies written as documents', () => {
    const out = exportPolicies(WORKSPACE).text;
    expect(out).toContain('# Keep this comment.');
    expect(out).toContain('app: api # the api');
    expect(out).not.toContain('uid');
    expect(out).not.toContain('kind: Pod');
  });

  it('exports several policies as one multi-document file', () => {
    const out = exportPolicies(`${WORKSPACE}---\n${KUBECTL_LIST}`).text;
    expect(docs(out).map((d) => (d.toJS() as { metadata: { name: string } }).metadata.name)).toEqual([
      'allow',
      'deny',
    ]);
  });

  it('returns an empty text when there is no policy', () => {
    expect(exportPolicies('kind: Namespace\nmetadata:\n  name: a\n')).toEqual({ text: '', leftOut: [] });
  });

  it('leaves out invalid policies and unreadable ones, and names them', () => {
    const text = `${WORKSPACE}---\n${KUBECTL_LIST}---\nkind: NetworkPolicy\nmetadata: {name: broken\n`;
    // WORKSPACE holds 2 documents (the policy is the second); the List is the third.
    const out = exportPolicies(
      text,
      new Set([objectKey({ documentIndex: 1 }), objectKey({ documentIndex: 2, objectPath: ['items', 1] })]),
    );
    expect(out.text).toBe('');
    expect(out.leftOut).toEqual([
      'shop/allow (invalid)',
      'shop/deny (invalid)',
      'document 4 (its YAML has errors)',
    ]);
    expect(exportPolicies(text, new Set([objectKey({ documentIndex: 1 })])).text).toContain('name: deny');
  });
});
