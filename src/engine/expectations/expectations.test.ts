import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../normalize/loadWorkspace';
import { ns, netpol, pod } from '../testing/builders';
import { connectivityTestToObject, expectationToObject, formatSide } from './formatExpectation';
import { expectationTemplates } from './expectationTemplates';
import { runExpectation, runExpectations } from './runExpectations';
import type { Expectation } from './model';

const test = (expectations: unknown, name = 't'): object => ({
  apiVersion: 'netpolcanvas.io/v1alpha1',
  kind: 'ConnectivityTest',
  metadata: { name },
  spec: { expectations },
});

const CLUSTER = [
  ns('shop'),
  ns('dev', { env: 'dev' }),
  ns('prod', { env: 'prod' }),
  pod('shop', 'web', { app: 'web' }),
  pod('shop', 'api', { app: 'api' }, { ports: [{ name: 'http', port: 8080 }] }),
  pod('dev', 'a', { app: 'a' }),
  pod('dev', 'b', { app: 'b' }),
  pod('prod', 'db', { app: 'db' }),
  netpol('prod', 'deny', { podSelector: {}, policyTypes: ['Ingress'] }),
  netpol('shop', 'api', {
    podSelector: { matchLabels: { app: 'api' } },
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 'http' }] }],
  }),
];

function load(expectations: unknown) {
  return loadWorkspace([...CLUSTER, test(expectations)]);
}

describe('ConnectivityTest loading', () => {
  it('keeps tests in the workspace without reporting an unknown kind, and evaluates no policy from them', () => {
    const { workspace, diagnostics } = load([
      { from: 'shop/web', to: 'shop/api', port: '8080/TCP', expect: 'allowed' },
    ]);
    expect(diagnostics).toEqual([]);
    expect(workspace.policies).toHaveLength(2);
    expect(workspace.tests).toHaveLength(1);
    expect(workspace.tests[0]?.expectations[0]).toMatchObject({
      from: { kind: 'pod', key: 'shop/web' },
      port: { port: 8080, protocol: 'TCP' },
      expect: 'allowed',
      index: 0,
    });
  });

  it.each([
    [{ from: 'shop/web', to: 'shop/api' }, ['spec', 'expectations', 0, 'expect'], 'field-required'],
    [
      { from: 'shop/web', to: 'shop/api', expect: 'maybe' },
      ['spec', 'expectations', 0, 'expect'],
      'field-not-supported',
    ],
    [{ to: 'shop/api', expect: 'allowed' }, ['spec', 'expectations', 0, 'from'], 'field-required'],
    [
      { from: 'web', to: 'shop/api', expect: 'allowed' },
      ['spec', 'expectations', 0, 'from'],
      'field-invalid',
    ],
    [
      { from: 'shop/web', to: { ip: 'x' }, expect: 'allowed' },
      ['spec', 'expectations', 0, 'to', 'ip'],
      'field-invalid',
    ],
    [
      { from: 'shop/web', to: 'shop/api', port: '80/ICMP', expect: 'allowed' },
      ['spec', 'expectations', 0, 'port'],
      'field-invalid',
    ],
    [
      { from: 'shop/web', to: 'shop/api', port: 70000, expect: 'allowed' },
      ['spec', 'expectations', 0, 'port'],
      'field-invalid',
    ],
    [{ from: {}, to: 'shop/api', expect: 'allowed' }, ['spec', 'expectations', 0, 'from'], 'field-required'],
    [
      { from: { namespace: 'a', namespaceSelector: {} }, to: 'shop/api', expect: 'allowed' },
      ['spec', 'expectations', 0, 'from'],
      'field-invalid',
    ],
    [
      { from: { podSelector: { matchLabels: { 'bad key!': 'x' } } }, to: 'shop/api', expect: 'allowed' },
      ['spec', 'expectations', 0, 'from', 'podSelector', 'matchLabels', 'bad key!'],
      'field-invalid',
    ],
    ['nope', ['spec', 'expectations', 0], 'field-type'],
  ])('reports %j at its field path and leaves it out', (raw, path, code) => {
    const { workspace, diagnostics } = load([raw]);
    expect(diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', path, code }));
    expect(workspace.tests[0]?.expectations).toEqual([]);
  });

  it('never throws on malformed documents', () => {
    for (const spec of [undefined, null, 3, { expectations: 'x' }, { expectations: [null, [], {}] }]) {
      const r = loadWorkspace([{ apiVersion: 'x/v1', kind: 'ConnectivityTest', spec }]);
      expect(r.workspace.tests).toHaveLength(1);
      expect(r.diagnostics.length).toBeGreaterThan(0);
    }
  });

  it('warns about unknown fields and reads every side and port form', () => {
    const { workspace, diagnostics } = load([
      {
        from: { namespace: 'dev', podSelector: { matchLabels: { app: 'a' } } },
        to: '8.8.8.8',
        port: 'http/udp',
        expect: 'blocked',
        note: 1,
      },
      {
        from: { pod: 'web', namespace: 'shop' },
        to: { namespaceSelector: { matchLabels: { env: 'prod' } } },
        port: 443,
        expect: 'blocked',
      },
    ]);
    expect(diagnostics.map((d) => d.path)).toEqual([['spec', 'expectations', 0, 'note']]);
    const [a, b] = workspace.tests[0]?.expectations ?? [];
    expect(a?.to).toEqual({ kind: 'ip', ip: '8.8.8.8' });
    expect(a?.port).toEqual({ port: 'http', protocol: 'UDP' });
    expect(b?.from).toEqual({ kind: 'pod', key: 'shop/web' });
    expect(b && formatSide(b.to)).toBe('every pod in namespaces env=prod');
  });
});

describe('runExpectations', () => {
  const run = (expectations: unknown) => {
    const { workspace } = load(expectations);
    return runExpectations(workspace, workspace.tests)[0]?.results ?? [];
  };

  it('passes when every pair matches, with counts', () => {
    const [r] = run([{ from: { namespace: 'dev' }, to: { namespace: 'prod' }, expect: 'blocked' }]);
    expect(r).toMatchObject({ passed: true, pairs: 2, failing: 0, message: 'ok' });
  });

  it('fails with the first failing pair, its verdict and explanation', () => {
    const [r] = run([
      {
        description: 'api is open',
        from: { namespaceSelector: {} },
        to: 'shop/api',
        port: '8080/TCP',
        expect: 'allowed',
      },
    ]);
    expect(r?.passed).toBe(false);
    expect(r?.title).toBe('api is open');
    expect(r?.failing).toBe(3); // dev/a, dev/b, prod/db; web is allowed, api->api is skipped
    expect(r?.pairs).toBe(4);
    expect(r?.firstFailure?.verdict.reason).toBe('ingress-blocked');
    expect(r?.firstFailure?.explanation).toContain('BLOCKED: dev/a -> shop/api on 8080/TCP');
    expect(r?.message).toBe(
      'expected allowed, but dev/a -> shop/api on 8080/TCP is BLOCKED (3 of 4 pairs fail)',
    );
  });

  it('fails when a side selects no pod or names an unknown pod', () => {
    const [a, b] = run([
      { from: { namespace: 'ghost' }, to: 'shop/api', expect: 'blocked' },
      { from: 'shop/web', to: 'shop/nope', expect: 'blocked' },
    ]);
    expect(a).toMatchObject({ passed: false, problem: 'from: every pod in namespace ghost selects no pod' });
    expect(b?.problem).toBe('to: no pod or workload shop/nope in the workspace');
  });

  it('handles outside addresses on either side and named ports', () => {
    const results = run([
      { from: { ip: '203.0.113.1' }, to: 'prod/db', expect: 'blocked' },
      { from: 'prod/db', to: { ip: '8.8.8.8' }, port: '443/TCP', expect: 'allowed' },
      { from: 'shop/web', to: 'shop/api', port: 'http/TCP', expect: 'allowed' },
      { from: 'shop/web', to: 'shop/api', port: '9090/TCP', expect: 'blocked' },
    ]);
    expect(results.map((r) => r.passed)).toEqual([true, true, true, true]);
  });

  it('reports a selection whose only pairs are a pod with itself', () => {
    const [r] = run([{ from: { namespace: 'prod' }, to: { namespace: 'prod' }, expect: 'blocked' }]);
    expect(r?.problem).toMatch(/only pairs are pods with themselves/);
  });
});

describe('expectation templates', () => {
  it('proposes per-namespace best-practice checks with their current state', () => {
    const { workspace } = loadWorkspace(CLUSTER);
    const templates = expectationTemplates(workspace);
    const byId = new Map(templates.map((t) => [t.id, t]));
    expect(byId.get('intra-namespace:dev')?.passesNow).toBe(true);
    expect(byId.get('default-deny-ingress:prod')?.passesNow).toBe(true);
    expect(byId.get('isolated-from-other-namespaces:prod')?.passesNow).toBe(true);
    expect(byId.get('internet-blocked:shop')?.passesNow).toBe(false);
    expect(byId.has('intra-namespace:prod')).toBe(false); // one pod: nothing to check
    expect(byId.has('dns:shop')).toBe(false); // no kube-dns pod
    for (const t of templates) {
      expect(t.title.length).toBeGreaterThan(0);
      expect(runExpectation(workspace, t.expectation).passed).toBe(t.passesNow);
    }
  });

  it('round-trips through the manifest form', () => {
    const { workspace } = loadWorkspace(CLUSTER);
    const expectations: Expectation[] = expectationTemplates(workspace).map((t) => t.expectation);
    const doc = connectivityTestToObject('templates', expectations);
    const again = loadWorkspace([doc]);
    expect(again.diagnostics).toEqual([]);
    expect(again.workspace.tests[0]?.expectations.map(expectationToObject)).toEqual(
      expectations.map(expectationToObject),
    );
  });
});
