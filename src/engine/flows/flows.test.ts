import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../normalize/loadWorkspace';
import { synthesizePolicies } from '../synthesize/synthesizePolicies';
import { netpol, ns, pod } from '../testing/builders';
import { analyzeFlows, flowsToIntent, matchFlowEndpoint, matchFlows } from './analyzeFlows';
import { parseHubbleFlows } from './parseHubbleFlows';

type End = {
  namespace?: string;
  pod_name?: string;
  labels?: string[];
  workloads?: { name: string; kind: string }[];
};
function flow(
  source: End,
  destination: End,
  port: number,
  opts: {
    verdict?: string;
    dir?: string;
    proto?: string;
    ips?: [string, string];
    reply?: boolean;
    wrap?: boolean;
  } = {},
): string {
  const f = {
    time: '2026-11-30T10:00:00Z',
    verdict: opts.verdict ?? 'FORWARDED',
    IP: { source: opts.ips?.[0] ?? '10.0.0.1', destination: opts.ips?.[1] ?? '10.0.0.2', ipVersion: 'IPv4' },
    l4: { [opts.proto ?? 'TCP']: { source_port: 40000, destination_port: port } },
    source,
    destination,
    Type: 'L3_L4',
    is_reply: opts.reply ?? false,
    traffic_direction: opts.dir ?? 'EGRESS',
  };
  return JSON.stringify(opts.wrap === false ? f : { flow: f, node_name: 'n1', time: f.time });
}

const deployment = (
  namespace: string,
  name: string,
  labels: Record<string, string>,
  ports: object[] = [],
) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: {
    replicas: 2,
    selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: { containers: [{ name: 'c', ports }] } },
  },
});
const ws = loadWorkspace([
  ns('shop'),
  deployment('shop', 'web', { app: 'web' }, [{ containerPort: 8080, name: 'http' }]),
  deployment('shop', 'api', { app: 'api' }, [{ containerPort: 9000 }]),
  deployment('shop', 'api-admin', { app: 'api-admin' }, [{ containerPort: 9001 }]),
  pod('shop', 'db', { app: 'db' }, { ports: [{ port: 5432 }], ip: '10.0.0.9' }),
  netpol('shop', 'db-ingress', {
    podSelector: { matchLabels: { app: 'db' } },
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 5432 }] }],
  }),
]).workspace;

describe('parseHubbleFlows', () => {
  it('reads wrapped and bare flows, ports, verdicts, labels and IPs', () => {
    const text = [
      flow(
        {
          namespace: 'shop',
          pod_name: 'web-7d9f8c-abcde',
          labels: [
            'k8s:app=web',
            'k8s:io.kubernetes.pod.namespace=shop',
            'k8s:io.cilium.k8s.policy.cluster=default',
          ],
        },
        { namespace: 'shop', pod_name: 'api-5c-xyz12' },
        9000,
      ),
      flow({ labels: ['reserved:world'] }, { namespace: 'shop', pod_name: 'db' }, 5432, {
        verdict: 'DROPPED',
        dir: 'INGRESS',
        wrap: false,
        ips: ['203.0.113.5', '10.0.0.9'],
      }),
      flow(
        { namespace: 'shop', pod_name: 'web-1' },
        { namespace: 'kube-system', pod_name: 'coredns-1' },
        53,
        { proto: 'UDP' },
      ),
    ].join('\n');
    const r = parseHubbleFlows(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.flows).toHaveLength(3);
    expect(r.flows[0]).toMatchObject({
      line: 1,
      port: 9000,
      protocol: 'TCP',
      verdict: 'FORWARDED',
      direction: 'EGRESS',
    });
    expect(r.flows[0]?.source).toEqual({
      namespace: 'shop',
      podName: 'web-7d9f8c-abcde',
      labels: { app: 'web' },
      workloads: [],
      ip: '10.0.0.1',
      world: false,
    });
    expect(r.flows[1]).toMatchObject({
      verdict: 'DROPPED',
      direction: 'INGRESS',
      source: { world: true, ip: '203.0.113.5' },
    });
    expect(r.flows[2]?.protocol).toBe('UDP');
  });

  it('reports bad lines with their number and skips replies, other verdicts and ICMP, never throwing', () => {
    const ok = flow({ namespace: 'shop', pod_name: 'db' }, { namespace: 'shop', pod_name: 'db' }, 1);
    const text = [
      ok,
      '{"flow": {"verdict": "FORWARDED", "l4"', // truncated
      '',
      '[1, 2]',
      flow({ namespace: 'shop' }, { namespace: 'shop' }, 80, { reply: true }),
      flow({ namespace: 'shop' }, { namespace: 'shop' }, 80, { verdict: 'AUDIT' }),
      JSON.stringify({
        flow: { verdict: 'FORWARDED', source: {}, destination: {}, l4: { ICMPv4: { type: 8 } } },
      }),
      JSON.stringify({ flow: { verdict: 'DROPPED', source: 'x', destination: {} } }),
      JSON.stringify({
        flow: {
          verdict: 'FORWARDED',
          source: {},
          destination: {},
          l4: { TCP: { destination_port: 'http' } },
        },
      }),
      '{"node_status": {"state": "ok"}}',
    ].join('\n');
    const r = parseHubbleFlows(text);
    expect(r.flows).toHaveLength(1);
    expect(r.diagnostics).toEqual([
      { line: 2, severity: 'error', message: expect.stringMatching(/^not JSON/) as string },
      { line: 4, severity: 'error', message: 'not a JSON object' },
      { line: 8, severity: 'error', message: 'a flow needs source and destination objects' },
      { line: 9, severity: 'error', message: 'l4 destination_port must be a number 1-65535' },
      { line: 5, severity: 'info', message: '1 line(s) skipped: replies (first on line 5)' },
      { line: 6, severity: 'info', message: '1 line(s) skipped: verdict AUDIT (first on line 6)' },
      {
        line: 7,
        severity: 'info',
        message: '1 line(s) skipped: no TCP/UDP/SCTP port (ICMPv4) (first on line 7)',
      },
      { line: 10, severity: 'info', message: '1 line(s) skipped: not a flow (first on line 10)' },
    ]);
  });
});

describe('matchFlowEndpoint', () => {
  const end = (e: Partial<Parameters<typeof matchFlowEndpoint>[1]>) =>
    matchFlowEndpoint(ws, { labels: {}, workloads: [], world: false, ...e });
  it.each([
    ['a bare pod by name', { namespace: 'shop', podName: 'db' }, 'shop/db'],
    [
      "a Deployment's pod by generated prefix",
      { namespace: 'shop', podName: 'api-7d9f8c-abcde' },
      'shop/api',
    ],
    ['the longest prefix', { namespace: 'shop', podName: 'api-admin-7d9f8c-abcde' }, 'shop/api-admin'],
    ['a workload Hubble names', { namespace: 'shop', podName: 'x', workloads: ['web'] }, 'shop/web'],
    ['labels', { namespace: 'shop', labels: { app: 'web', extra: '1' } }, 'shop/web'],
    ['a pod IP', { ip: '10.0.0.9' }, 'shop/db'],
  ])('%s', (_what, e, key) => {
    expect(end(e)).toEqual({ kind: 'pod', key });
  });
  it('an outside address is an ip endpoint; an unknown pod is unmatched', () => {
    expect(end({ ip: '8.8.8.8', world: true })).toEqual({ kind: 'ip', ip: '8.8.8.8' });
    expect(end({ namespace: 'other', podName: 'ghost-1', ip: '10.9.9.9' })).toBe(
      'other/ghost-1: no pod or workload of the workspace matches it',
    );
  });
});

describe('analyzeFlows', () => {
  const web = { namespace: 'shop', pod_name: 'web-7d9f8c-aaaaa' };
  const api = { namespace: 'shop', pod_name: 'api-5c6d7e-bbbbb' };
  const db = { namespace: 'shop', pod_name: 'db' };
  const text = [
    flow(web, api, 9000), // observed, allowed (api not isolated)
    flow(web, api, 9000, { dir: 'INGRESS' }),
    flow(api, db, 5432), // allowed by db-ingress
    flow(web, db, 5432), // forwarded, but db-ingress blocks it: this policy would break it
    flow(web, db, 5432, { verdict: 'DROPPED', dir: 'INGRESS' }),
    flow(web, db, 22, { verdict: 'DROPPED', dir: 'INGRESS' }),
    flow(web, { namespace: 'kube-system', pod_name: 'coredns-abc' }, 53, { proto: 'UDP' }),
    flow(api, { labels: ['reserved:world'] }, 443, { ips: ['10.0.0.3', '93.184.216.34'] }),
    'garbage',
  ].join('\n');
  const r = analyzeFlows(ws, text);

  it('deduplicates flows into connections with counts, and classes them against the workspace', () => {
    const rows = r.flows.map((f) => [
      f.from.kind === 'pod' ? f.from.key : f.from.ip,
      f.to.kind === 'pod' ? f.to.key : f.to.ip,
      f.port,
      f.observed,
      f.policy,
      f.class,
      f.forwarded,
      f.dropped,
    ]);
    expect(rows).toEqual([
      ['shop/web', 'shop/api', 9000, 'FORWARDED', 'allowed', 'observedAllowed', 2, 0],
      ['shop/api', 'shop/db', 5432, 'FORWARDED', 'allowed', 'observedAllowed', 1, 0],
      ['shop/web', 'shop/db', 5432, 'DROPPED', 'blocked', 'dropped', 1, 1],
      ['shop/web', 'shop/db', 22, 'DROPPED', 'blocked', 'dropped', 0, 1],
      ['shop/api', '93.184.216.34', 443, 'FORWARDED', 'allowed', 'observedAllowed', 1, 0],
    ]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ line: 9, severity: 'error' }),
      {
        line: 7,
        severity: 'warning',
        message: 'kube-system/coredns-abc: no pod or workload of the workspace matches it; 1 flow(s) skipped',
      },
    ]);
  });

  it('observed but blocked: forwarded traffic the workspace would block', () => {
    const strict = loadWorkspace([
      ...[ns('shop')],
      deployment('shop', 'web', { app: 'web' }),
      deployment('shop', 'api', { app: 'api' }),
      netpol('shop', 'deny', { podSelector: {} }),
    ]).workspace;
    const s = analyzeFlows(strict, flow(web, api, 9000));
    expect(s.flows[0]).toMatchObject({ observed: 'FORWARDED', policy: 'blocked', class: 'observedBlocked' });
    expect(s.summary).toEqual({ observedAllowed: 0, observedBlocked: 1, dropped: 0, allowedUnobserved: 0 });
  });

  it('lists allowed connections on declared ports that no flow used', () => {
    const keys = r.allowedUnobserved.map(
      (u) => `${u.from.kind === 'pod' ? u.from.key : ''}>${u.to.kind === 'pod' ? u.to.key : ''} ${u.port}`,
    );
    expect(keys).toContain('shop/api>shop/web 8080');
    expect(keys).toContain('shop/web>shop/web 8080'); // two replicas
    expect(keys).not.toContain('shop/web>shop/api 9000'); // observed
    expect(keys).not.toContain('shop/web>shop/db 5432'); // blocked
    expect(r.summary).toEqual({
      observedAllowed: 3,
      observedBlocked: 0,
      dropped: 2,
      allowedUnobserved: keys.length,
    });
    expect(r.truncated).toBe(false);
  });

  it('flowsToIntent: the forwarded connections as allowed expectations, which synthesis turns into policies', () => {
    const intent = flowsToIntent(matchFlows(ws, parseHubbleFlows(text).flows).connections);
    expect(intent.map((e) => e.description)).toEqual([
      'observed shop/web -> shop/api on 9000/TCP (2 flow(s))',
      'observed shop/api -> shop/db on 5432/TCP (1 flow(s))',
      'observed shop/api -> 93.184.216.34 on 443/TCP (1 flow(s))',
    ]);
    expect(intent[2]).toMatchObject({
      to: { kind: 'ip', ip: '93.184.216.34' },
      port: { port: 443, protocol: 'TCP' },
      expect: 'allowed',
    });
    const s = synthesizePolicies(ws, intent);
    expect(s.problems).toEqual([]);
    expect(s.policies.find((p) => p.metadata.name === 'api-egress')?.spec.egress).toContainEqual({
      to: [{ ipBlock: { cidr: '93.184.216.34/32' } }],
      ports: [{ port: 443, protocol: 'TCP' }],
    });
  });
});
