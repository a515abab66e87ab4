import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from './main';

const here = path.dirname(fileURLToPath(import.meta.url));
const demo = path.join(here, 'testdata/demo.yaml');
const caseFile = path.resolve(here, '../../conformance/cases/np-guard/minimal_test_in_ns.json');

async function run(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: () => Promise.resolve(stdin),
    readFile: (p) => Promise.resolve(readFileSync(p, 'utf8')),
  };
  const code = await main(args, io);
  return { code, out: out.join(''), err: err.join('') };
}

describe('netpol (global)', () => {
  it.each([[['--help']], [['-h']], [['help']]])('%j prints usage', async (args) => {
    const r = await run(args);
    expect([r.code, r.out]).toEqual([0, expect.stringContaining('Usage: netpol COMMAND')]);
  });

  it.each([['matrix'], ['explain'], ['lint'], ['case']])('%s --help prints its own usage', async (cmd) => {
    const r = await run([cmd, '--help']);
    expect([r.code, r.out]).toEqual([0, expect.stringContaining(`Usage: netpol ${cmd}`)]);
  });

  it.each([
    [[], 2, 'Usage'],
    [['frobnicate'], 2, 'unknown command'],
    [['matrix'], 2, 'no input files'],
    [['matrix', 'missing.yaml'], 2, 'cannot read missing.yaml: no such file'],
    [['matrix', demo, '--port', '99999'], 2, 'port must be 1-65535'],
    [['matrix', demo, '--port', '80/ICMP'], 2, 'bad --port'],
    [['matrix', demo, '--format', 'xml'], 2, 'bad --format'],
    [['matrix', demo, '--bogus'], 2, "Unknown option '--bogus'"],
    [['matrix', demo, '--external', 'nope'], 2, 'bad --external'],
    [['explain', demo, '--from', 'shop/web'], 2, 'needs --from and --to'],
    [['explain', demo, '--from', 'shop/ghost', '--to', 'shop/db'], 2, 'no pod or workload shop/ghost'],
    [['explain', demo, '--from', 'a/b/c', '--to', 'shop/db'], 2, 'bad --from'],
    [['matrix', '-', '-'], 2, 'only once'],
  ])('%j fails with exit %i and a clear message', async (args, code, message) => {
    const r = await run(args);
    expect(r.code).toBe(code);
    expect(r.err).toContain(message);
  });
});

describe('netpol matrix', () => {
  it('prints the text truth table over pods and externals', async () => {
    const r = await run(['matrix', demo, '--external', '8.8.8.8']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('any port (rows: from, columns: to)');
    expect(r.out).toMatch(/shop\/web\s+-\s+allow\s+-/);
  });

  it.each([
    ['csv', 'shop/web,shop/db,5432/TCP,true'],
    ['md', '| shop/web | - | allow |'],
    ['json', '"ports": [\n    "5432/TCP"'],
  ])('--format %s', async (format, expected) => {
    const r = await run(['matrix', demo, '--port', '5432/TCP', '--format', format]);
    expect(r.out).toContain(expected);
  });

  it('reads - as stdin and repeats --port', async () => {
    const r = await run(
      ['matrix', '-', '--port', '5432', '--port', '53/udp', '--format', 'csv'],
      readFileSync(demo, 'utf8'),
    );
    expect(r.out).toContain('shop/web,shop/db,5432/TCP,true');
    expect(r.out).toContain('shop/web,shop/db,53/UDP,false');
  });

  it('fails on YAML syntax errors with file, line and column', async () => {
    const r = await run(['matrix', '-'], 'kind: Pod\nmetadata: [\n');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/<stdin>:\d+:\d+: error yaml-syntax/);
  });

  it('reports invalid policies on stderr and evaluates the rest', async () => {
    const r = await run(
      ['matrix', '-'],
      'kind: Pod\nmetadata: {name: a}\n---\nkind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata: {name: p}\nspec: {podSelector: {}, ingress: [{ports: [{port: 0}]}]}\n',
    );
    expect(r.code).toBe(0);
    expect(r.err).toContain('spec.ingress[0].ports[0].port: error field-invalid');
    expect(r.err).toContain('(this policy is left out of the evaluation)');
  });

  it('says that invalid pods and namespaces are evaluated as written (they are in the matrix)', async () => {
    const r = await run(
      ['matrix', '-'],
      'kind: Namespace\napiVersion: v1\nmetadata: {name: UPPER}\n---\nkind: Pod\napiVersion: v1\nmetadata: {name: Bad_Name, namespace: a}\n',
    );
    expect(r.out).toContain('a/Bad_Name');
    expect(r.err).toContain('(Pod a/Bad_Name) metadata.name: error field-invalid');
    expect(r.err).toContain('it is evaluated as written');
    expect(r.err).not.toContain('left out');
  });

  it('never passes control characters to the terminal, and cuts huge values in messages', async () => {
    const r = await run(
      ['matrix', '-'],
      `kind: Pod\napiVersion: v1\nmetadata:\n  name: "evil\\e[2J\\e]0;owned\\u0007"\n  namespace: a\n  labels: {big: "${'v'.repeat(1_000_000)}"}\n`,
    );
    const all = r.out + r.err;
    expect(all).toContain('evil\\u001b[2J\\u001b]0;owned\\u0007');
    // eslint-disable-next-line no-control-regex
    expect(all).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(Math.max(...all.split('\n').map((line) => line.length))).toBeLessThan(1_000);
    expect(r.err).toContain('… (1000000 characters)');
  });
});

describe('netpol explain', () => {
  it('walks the admin tiers', async () => {
    const yaml = [
      'apiVersion: v1',
      'kind: Namespace',
      'metadata: {name: a, labels: {team: x}}',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: web, namespace: a}',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: cli, namespace: a}',
      '---',
      'apiVersion: policy.networking.k8s.io/v1alpha1',
      'kind: AdminNetworkPolicy',
      'metadata: {name: pass-team}',
      'spec:',
      '  priority: 5',
      '  subject: {namespaces: {matchLabels: {team: x}}}',
      '  ingress: [{name: hand-over, action: Pass, from: [{namespaces: {}}]}]',
      '---',
      'apiVersion: policy.networking.k8s.io/v1alpha1',
      'kind: BaselineAdminNetworkPolicy',
      'metadata: {name: default}',
      'spec:',
      '  subject: {namespaces: {}}',
      '  ingress: [{action: Deny, from: [{namespaces: {}}]}]',
    ].join('\n');
    const r = await run(['explain', '-', '--from', 'a/cli', '--to', 'a/web', '--port', '80/TCP'], yaml);
    expect(r.out).toContain('BLOCKED: a/cli -> a/web on 80/TCP');
    expect(r.out).toContain(
      'Admin tier: Pass at rule 0 of AdminNetworkPolicy/pass-team spec.ingress[0] "hand-over"',
    );
    expect(r.out).toContain('Baseline tier: rule 0 (Deny) of BaselineAdminNetworkPolicy/default');
  });

  it('explains an allowed connection', async () => {
    const r = await run(['explain', demo, '--from', 'shop/web', '--to', 'shop/db', '--port', '5432/TCP']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('ALLOWED: shop/web -> shop/db on 5432/TCP');
    expect(r.out).toContain('admitted by shop/db-from-web spec.ingress[0] from[0] ports[0]');
  });

  it('explains a blocked connection from an outside address, as JSON too', async () => {
    const r = await run(['explain', demo, '--from', '1.2.3.4', '--to', 'shop/db', '--port', '5432']);
    expect(r.out).toContain('BLOCKED');
    const j = await run(['explain', demo, '--from', '1.2.3.4', '--to', 'shop/db', '--json']);
    expect(JSON.parse(j.out)).toMatchObject({
      allowed: false,
      reason: 'ingress-blocked',
      egress: { exception: 'external' },
    });
  });
});

describe('netpol lint', () => {
  it('prints findings and exits 0 without errors', async () => {
    const r = await run(['lint', demo]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('warning NP004');
  });

  it('exits 1 on errors, with field paths', async () => {
    const r = await run(
      ['lint', '-'],
      'kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/16, except: [10.1.0.0/24]}}]}]\n',
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('spec.egress[0].to[0].ipBlock.except[0]: error field-invalid');
  });

  it('prints JSON with --json', async () => {
    const r = await run(['lint', demo, '--json']);
    expect(JSON.parse(r.out)).toContainEqual(expect.objectContaining({ code: 'NP004', severity: 'warning' }));
  });
});

describe('netpol case', () => {
  it('prints one object for one case', async () => {
    const r = await run(['case', '--quiet', caseFile]);
    const answer = JSON.parse(r.out) as { id: string; results: unknown[] };
    expect(r.code).toBe(0);
    expect(answer.id).toBe('np-guard/minimal_test_in_ns');
    expect(answer.results[0]).toEqual({
      from: 'hello-world/workload-a',
      to: 'hello-world/workload-b',
      port: 80,
      protocol: 'TCP',
      allowed: true,
    });
  });

  it('prints JSON Lines for several cases, stdin included', async () => {
    const r = await run(['case', '--quiet', caseFile, '-'], readFileSync(caseFile, 'utf8'));
    expect(r.out.trim().split('\n')).toHaveLength(2);
  });

  it('honours assumptions.ipBlockMatchesPodIPs', async () => {
    const base = {
      id: 't',
      namespaces: [{ name: 'n', labels: { 'kubernetes.io/metadata.name': 'n' } }],
      pods: [
        { namespace: 'n', name: 'a', labels: { app: 'a' }, ports: [], ip: '10.0.0.1' },
        { namespace: 'n', name: 'b', labels: {}, ports: [] },
      ],
      policies:
        'kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata: {name: p, namespace: n}\nspec:\n  podSelector: {}\n  ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/24}}]}]\n',
      expectations: [{ from: 'n/a', to: 'n/b', port: 80, protocol: 'TCP', allowed: true }],
    };
    for (const matches of [true, false]) {
      const r = await run(
        ['case', '-'],
        JSON.stringify({ ...base, assumptions: { ipBlockMatchesPodIPs: matches } }),
      );
      expect((JSON.parse(r.out) as { results: { allowed: boolean }[] }).results[0]?.allowed).toBe(matches);
    }
  });

  it('reads top-level nodes for nodes peers, and v1alpha2 ClusterNetworkPolicies', async () => {
    const text = JSON.stringify({
      id: 'tiers',
      namespaces: [{ name: 'n', labels: { 'kubernetes.io/metadata.name': 'n' } }],
      nodes: [
        { name: 'infra', labels: { role: 'infra' }, ips: ['192.168.0.1'] },
        { name: 'edge', labels: { role: 'edge' }, ips: ['192.168.0.2'] },
      ],
      pods: [{ namespace: 'n', name: 'a', labels: { app: 'a' }, ports: [] }],
      policies: [
        'apiVersion: policy.networking.k8s.io/v1alpha2',
        'kind: ClusterNetworkPolicy',
        'metadata: {name: no-infra}',
        'spec:',
        '  tier: Admin',
        '  priority: 10',
        '  subject: {namespaces: {}}',
        '  egress:',
        '  - action: Deny',
        '    to: [{nodes: {matchLabels: {role: infra}}}]',
        '    protocols: [{tcp: {destinationPort: {number: 10250}}}]',
      ].join('\n'),
      expectations: [
        { from: 'n/a', to: { ip: '192.168.0.1' }, port: 10250, protocol: 'TCP', allowed: false },
        { from: 'n/a', to: { ip: '192.168.0.1' }, port: 22, protocol: 'TCP', allowed: true },
        { from: 'n/a', to: { ip: '192.168.0.2' }, port: 10250, protocol: 'TCP', allowed: true },
      ],
    });
    const r = await run(['case', '--quiet', '-'], text);
    expect(r.err).toBe('');
    const answer = JSON.parse(r.out) as { results: { allowed: boolean }[] };
    expect(answer.results.map((x) => x.allowed)).toEqual([false, true, true]);
  });

  it.each([
    [
      'bad nodes',
      '{"id":"x","namespaces":[],"pods":[],"nodes":[{"ips":[]}],"policies":"","expectations":[]}',
      'nodes[0]',
    ],
    ['not JSON', '{', 'not valid JSON'],
    ['not a case', '{"id": 1}', 'not a valid conformance case'],
    [
      'bad expectation',
      '{"id":"x","namespaces":[],"pods":[],"policies":"","expectations":[{"from":"a/b"}]}',
      'expectations[0]',
    ],
  ])('rejects %s with exit 2', async (_d, text, message) => {
    const r = await run(['case', '-'], text);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });
});

describe('netpol synth and flows', () => {
  const shop = path.resolve(here, '../../examples/synth/shop.yaml');
  const intent = path.resolve(here, '../../examples/synth/intent.yaml');
  const flows = path.resolve(here, '../../examples/synth/flows.jsonl');

  it('synth prints verified policies as multi-document YAML', async () => {
    const r = await run(['synth', shop, intent]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# netpol synth: \d+ NetworkPolicies, \d+ rules for 21 expectation\(s\)/);
    expect(r.out).toContain('kind: NetworkPolicy');
    expect(r.out).toContain('  name: checkout-egress\n  namespace: shop\n');
    expect(r.out.split('\n---\n').length).toBeGreaterThan(20);
  });

  it('synth from flows: the forwarded connections are the intent', async () => {
    const r = await run(['synth', shop, '--flows', flows]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('cidr: 203.0.113.50/32');
    expect(r.err).toContain('flows.jsonl:21: error: not JSON');
  });

  it('synth says why it cannot, on stderr, with exit 1', async () => {
    const r = await run(
      ['synth', '-'],
      `${readFileSync(shop, 'utf8')}
---
apiVersion: netpolcanvas.io/v1alpha1
kind: ConnectivityTest
metadata: { name: t }
spec:
  expectations:
    - { from: shop/frontend, to: shop/cart, port: 7070/TCP, expect: allowed }
    - { from: shop/frontend, to: shop/cart, expect: blocked }
`,
    );
    expect([r.code, r.out]).toEqual([1, '']);
    expect(r.err).toContain('[contradiction] #1 (shop/frontend -> shop/cart on any port: blocked) wants');
  });

  it.each([
    [['synth', shop], 'no intent'],
    [['synth', shop, intent, '--replace', '--keep-existing'], 'cannot be combined'],
    [['flows', shop], 'needs --flows'],
    [['flows', shop, '--flows', flows, '--format', 'xml'], 'bad --format'],
  ])('%j is a usage error', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it('flows --format json has the documented shape', async () => {
    const r = await run(['flows', shop, '--flows', flows, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { flows: Record<string, unknown>[]; summary: Record<string, number> };
    expect(Object.keys(json)).toEqual(['flows', 'summary']);
    expect(json.flows).toContainEqual({
      from: 'shop/cart',
      to: 'data/postgres',
      port: 5432,
      protocol: 'TCP',
      observed: 'FORWARDED',
      policy: 'blocked',
    });
    expect(json.flows).toContainEqual({
      from: 'shop/payment',
      to: { ip: '203.0.113.50' },
      port: 443,
      protocol: 'TCP',
      observed: 'FORWARDED',
      policy: 'allowed',
    });
    expect(json.summary).toEqual({
      observedAllowed: 21,
      observedBlocked: 1,
      dropped: 2,
      allowedUnobserved: 279,
    });
    expect(r.err).toContain('flows.jsonl:46: warning: legacy/batch-report-28391-abcde: no pod or workload');
  });

  it('flows text lists each class and a summary; --exit-code fails on observed-but-blocked traffic', async () => {
    const r = await run(['flows', shop, '--flows', flows, '--exit-code']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Observed but BLOCKED by the workspace');
    expect(r.out).toContain('  shop/cart -> data/postgres on 5432/TCP (1 forwarded)');
    expect(r.out).toContain(
      '21 observed and allowed, 1 observed but blocked, 2 dropped, 279 allowed but unobserved',
    );
  });
});
