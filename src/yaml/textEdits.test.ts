import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  appendDocument,
  appendIn,
  applyChange,
  deleteIn,
  parseDocuments,
  removeDocument,
  setIn,
} from './textEdits';
import type { TextChange } from './textEdits';

const WORKSPACE = `# Workspace header: kept.
apiVersion: v1
kind: Pod
metadata:
  name: api   # the api server
  namespace: shop
  labels:
    app: api     # selected by allow-api
    tier: "backend"
spec:
  containers:
  - name: api
    ports:
    - containerPort: 8080

---
# The database namespace.
apiVersion: v1
kind: Namespace
metadata:
  name: 'data'
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny
spec:
  podSelector: {}
`;

function apply(change: TextChange | null, text = WORKSPACE): string {
  expect(change).not.toBeNull();
  return applyChange(text, change as TextChange);
}

function docJson(text: string, index: number): unknown {
  return parseDocuments(text)[index]?.toJS();
}

/** Every line of `before` that does not mention one of `touched` survives unchanged in `after`. */
function expectUntouchedLinesKept(before: string, after: string, touched: RegExp): void {
  const afterLines = new Set(after.split('\n'));
  for (const line of before.split('\n')) {
    if (!touched.test(line)) expect(afterLines, `line lost: ${JSON.stringify(line)}`).toContain(line);
  }
}

describe('setIn', () => {
  it('changes a scalar and keeps its trailing comment', () => {
    const out = apply(setIn(WORKSPACE, 0, ['metadata', 'labels', 'app'], 'api-v2'));
    expect(out).toContain('    app: api-v2     # selected by allow-api\n');
    expect(out.replace('api-v2', 'api')).toBe(WORKSPACE);
  });

  it('keeps the quoting style of the value it replaces', () => {
    expect(apply(setIn(WORKSPACE, 0, ['metadata', 'labels', 'tier'], 'db'))).toContain('    tier: "db"\n');
    expect(apply(setIn(WORKSPACE, 1, ['metadata', 'name'], 'db'))).toContain("  name: 'db'\n");
  });

  it('quotes strings that would otherwise read as another type', () => {
    const out = apply(setIn(WORKSPACE, 0, ['metadata', 'labels', 'app'], 'true'));
    expect((docJson(out, 0) as { metadata: { labels: Record<string, unknown> } }).metadata.labels.app).toBe(
      'true',
    );
  });

  it('adds a missing key at the end of a block map with its indentation', () => {
    const out = apply(setIn(WORKSPACE, 0, ['metadata', 'labels', 'team'], 'shop'));
    expect(out).toContain('    tier: "backend"\n    team: shop\nspec:');
    expectUntouchedLinesKept(WORKSPACE, out, /^$/);
  });

  it('replaces a whole labels map, re-printing only that node', () => {
    const out = apply(setIn(WORKSPACE, 0, ['metadata', 'labels'], { app: 'web', role: 'edge' }));
    expect(out).toContain('  labels:\n    app: web\n    role: edge\nspec:');
    expectUntouchedLinesKept(WORKSPACE, out, /app: api|tier:|labels:/);
  });

  it('adds a key after a last pair whose value is a block', () => {
    const text = `metadata:\n  labels:\n    app: a\nspec: {}\n`;
    expect(apply(setIn(text, 0, ['metadata', 'namespace'], 'x'), text)).toBe(
      `metadata:\n  labels:\n    app: a\n  namespace: x\nspec: {}\n`,
    );
  });

  it('turns an empty flow map into a block map', () => {
    const out = apply(setIn(WORKSPACE, 2, ['spec', 'podSelector', 'matchLabels'], { app: 'web' }));
    expect(out.endsWith('spec:\n  podSelector:\n    matchLabels:\n      app: web\n')).toBe(true);
  });

  it('follows the document sequence style (not indented here)', () => {
    const out = apply(
      setIn(WORKSPACE, 0, ['spec', 'containers', 0, 'ports'], [{ containerPort: 80, name: 'http' }]),
    );
    expect(out).toContain('    ports:\n    - containerPort: 80\n      name: http\n');
  });

  it('creates missing intermediate maps', () => {
    const out = apply(setIn(WORKSPACE, 1, ['metadata', 'annotations', 'owner'], 'team-a'));
    expect((docJson(out, 1) as { metadata: Record<string, unknown> }).metadata.annotations).toEqual({
      owner: 'team-a',
    });
    expect(out).toContain("  name: 'data'\n  annotations:\n    owner: team-a\n");
  });

  it('returns null for a missing document', () => {
    expect(setIn(WORKSPACE, 9, ['metadata', 'name'], 'x')).toBeNull();
  });
});

describe('setIn under a key with a tag', () => {
  it('adds the new key at the column of the tagged key, not after its tag', () => {
    // Found by the fuzz test: the key node's range starts after its `!!str` tag.
    const text = `spec:\n  !!str name: x\n`;
    const out = apply(setIn(text, 0, ['spec', 'expectations'], [{ to: 'a' }]), text);
    expect(out).toBe(`spec:\n  !!str name: x\n  expectations:\n    - to: a\n`);
  });
});

describe('appendIn', () => {
  const POLICY = `spec:\n  ingress:\n    - from:\n        - podSelector: {}   # same namespace\n  egress: []\n`;

  it('appends at the column of the last item’s dash when the dash stands alone on its line', () => {
    // Found by the fuzz test: the content's column was taken for the dash's.
    const text = `spec:\n  expectations:\n    - to: a\n    -\n      to: b\n      expect: blocked\n`;
    const out = apply(appendIn(text, 0, ['spec', 'expectations'], { to: 'c' }), text);
    expect(out).toBe(`${text}    - to: c\n`);
  });

  it('appends a map item after the last one, at its indentation', () => {
    const out = apply(
      appendIn(POLICY, 0, ['spec', 'ingress'], {
        from: [{ podSelector: { matchLabels: { app: 'web' } } }],
        ports: [{ port: 80 }],
      }),
      POLICY,
    );
    expect(out).toBe(
      `spec:\n  ingress:\n    - from:\n        - podSelector: {}   # same namespace\n    - from:\n        - podSelector:\n            matchLabels:\n              app: web\n      ports:\n        - port: 80\n  egress: []\n`,
    );
  });

  it('fills an empty flow sequence', () => {
    const out = apply(
      appendIn(POLICY, 0, ['spec', 'egress'], { to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }),
      POLICY,
    );
    expect((parseDocuments(out)[0]?.toJS() as { spec: { egress: unknown } }).spec.egress).toEqual([
      { to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] },
    ]);
  });

  it('creates a missing sequence', () => {
    const text = 'spec:\n  podSelector: {}\n';
    expect(apply(appendIn(text, 0, ['spec', 'ingress'], { from: [] }), text)).toBe(
      'spec:\n  podSelector: {}\n  ingress:\n    - from: []\n',
    );
  });
});

describe('deleteIn', () => {
  it('removes a pair with its line and comment', () => {
    const out = apply(deleteIn(WORKSPACE, 0, ['metadata', 'labels', 'app']));
    expect(out).not.toContain('app: api');
    expect(out).toContain('  labels:\n    tier: "backend"\n');
    expectUntouchedLinesKept(WORKSPACE, out, /app: api/);
  });

  it('removes one item of an indented block sequence of maps', () => {
    const text = `spec:\n  ports:\n    - port: 80\n      protocol: TCP\n    - port: 443\n`;
    expect(apply(deleteIn(text, 0, ['spec', 'ports', 0]), text)).toBe(`spec:\n  ports:\n    - port: 443\n`);
    expect(apply(deleteIn(text, 0, ['spec', 'ports', 1]), text)).toBe(
      `spec:\n  ports:\n    - port: 80\n      protocol: TCP\n`,
    );
  });

  it('turns an emptied map into {}', () => {
    const once = apply(deleteIn(WORKSPACE, 0, ['metadata', 'labels', 'app']));
    const twice = apply(deleteIn(once, 0, ['metadata', 'labels', 'tier']), once);
    expect((docJson(twice, 0) as { metadata: Record<string, unknown> }).metadata.labels).toEqual({});
  });
});

describe('documents', () => {
  it('appends a document after a separator', () => {
    const out = apply(
      appendDocument(WORKSPACE, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } }),
    );
    expect(out.startsWith(WORKSPACE)).toBe(true);
    expect(parseDocuments(out)).toHaveLength(4);
    expect(docJson(out, 3)).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } });
  });

  it('prints an object used twice in full, never as an anchor and an alias', () => {
    const labels = { app: 'web' };
    const value = { selector: { matchLabels: labels }, template: { metadata: { labels } } };
    const out = apply(appendDocument(WORKSPACE, value));
    expect(out.slice(WORKSPACE.length)).not.toMatch(/[&*]a\d/);
    expect(docJson(out, 3)).toEqual(value);
    const inserted = apply(appendIn(WORKSPACE, 0, ['spec', 'containers'], { a: labels, b: labels }));
    expect(inserted).not.toMatch(/[&*]a\d/);
  });

  it('appends into an empty text without a separator', () => {
    const out = apply(appendDocument('', { kind: 'Namespace' }), '');
    expect(out).toBe('kind: Namespace\n');
  });

  it.each([0, 1, 2])('removes document %i and keeps the others byte for byte', (index) => {
    const out = apply(removeDocument(WORKSPACE, index));
    const before = parseDocuments(WORKSPACE).map((d) => d.toJS() as unknown);
    const after = parseDocuments(out).map((d) => d.toJS() as unknown);
    expect(after).toEqual(before.filter((_, i) => i !== index));
    expect(out).toContain('# Workspace header: kept.');
    if (index !== 1) expect(out).toContain('# The database namespace.');
  });

  it('parses the result of every edit as valid YAML', () => {
    const out = apply(setIn(WORKSPACE, 0, ['metadata', 'labels'], { a: 'b' }));
    expect(() => parseDocuments(out).forEach((d) => void parse(String(d)))).not.toThrow();
    expect(parseDocuments(out).every((d) => d.errors.length === 0)).toBe(true);
  });
});
