import { describe, expect, it } from 'vitest';
import { createEvaluator, externalPeers, loadWorkspace } from '../../engine';
import { netpol, ns, pod } from '../../engine/testing/builders';
import { buildNodes, isolationFrom } from './buildFlow';
import type { FlowNode, NodeOptions } from './buildFlow';
import type { Layout } from '../../store/layout/computeLayout';

const { workspace } = loadWorkspace([
  ns('shop'),
  ns('data'),
  pod('shop', 'web', { app: 'web' }, { ports: [{ port: 80, name: 'http' }] }),
  pod('shop', 'api', { app: 'api' }),
  pod('data', 'db', { app: 'db' }),
  netpol('shop', 'deny', { podSelector: {}, policyTypes: ['Ingress'] }),
  netpol('data', 'out', {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [{ to: [{ ipBlock: { cidr: '8.8.8.8/32' } }] }],
  }),
]);
const externals = externalPeers(workspace);

const layout: Layout = {
  frames: { shop: { x: 0, y: 0, width: 400, height: 200 }, data: { x: 500, y: 0, width: 220, height: 200 } },
  pods: { 'shop/web': { x: 10, y: 40 }, 'shop/api': { x: 200, y: 40 }, 'data/db': { x: 10, y: 40 } },
  externals: { '8.8.8.8': { x: 0, y: 300 } },
  placed: {},
  fresh: false,
};

function options(extra: Partial<NodeOptions> = {}): NodeOptions {
  return {
    staleDocuments: [],
    selectedPod: null,
    selectedNamespace: null,
    collapsed: [],
    highlight: null,
    isolation: isolationFrom(workspace.pods, createEvaluator(workspace).podIsolation()),
    open: { in: new Set(), out: new Set() },
    ...extra,
  };
}

const byId = (nodes: FlowNode[]) => new Map(nodes.map((n) => [n.id, n]));

describe('buildNodes', () => {
  it('draws namespaces as frames holding their pods, and outside addresses as nodes', () => {
    const nodes = byId(buildNodes(workspace, externals, layout, options()));
    expect([...nodes.keys()].sort()).toEqual(
      [
        'ext:198.51.100.10',
        'ext:8.8.8.8',
        'ns:data',
        'ns:shop',
        'pod:data/db',
        'pod:shop/api',
        'pod:shop/web',
      ].sort(),
    );
    const web = nodes.get('pod:shop/web');
    expect(web?.parentId).toBe('ns:shop');
    expect(web?.position).toEqual({ x: 10, y: 40 });
    expect(web?.data).toMatchObject({ ports: ['http:80/TCP'], isolation: { ingress: true, egress: false } });
    expect(nodes.get('pod:data/db')?.data).toMatchObject({ isolation: { ingress: false, egress: true } });
    expect(nodes.get('ns:shop')).toMatchObject({ width: 400, height: 200, data: { podCount: 2 } });
  });

  it('hides the pods of a collapsed namespace and marks pods of a stale document', () => {
    const staleDoc = workspace.pods.find((p) => p.key === 'shop/web')?.source?.documentIndex ?? -1;
    const nodes = byId(
      buildNodes(workspace, externals, layout, options({ collapsed: ['data'], staleDocuments: [staleDoc] })),
    );
    expect(nodes.has('pod:data/db')).toBe(false);
    expect(nodes.get('ns:data')?.data).toMatchObject({ collapsed: true, podCount: 1 });
    expect(nodes.get('pod:shop/web')?.data).toMatchObject({ stale: true });
    expect(nodes.get('pod:shop/api')?.data).toMatchObject({ stale: false });
  });

  it('in the overview, frames draw their pods as boxes, except the selected pod’s namespace', () => {
    const nodes = byId(
      buildNodes(
        workspace,
        externals,
        layout,
        options({ overview: { detailed: new Set(['shop']) }, selectedPod: 'shop/web' }),
      ),
    );
    expect(nodes.has('pod:shop/web')).toBe(true);
    expect(nodes.has('pod:data/db')).toBe(false);
    expect(nodes.get('ns:data')?.data).toMatchObject({
      overview: [{ key: 'data/db', x: 10, y: 40, ingress: false, egress: true, selected: false }],
    });
  });

  it('emphasises a selected policy’s targets and peers and dims the rest', () => {
    const highlight = { targets: new Set(['shop/api']), peers: new Set(['shop/web']) };
    const nodes = byId(buildNodes(workspace, externals, layout, options({ highlight })));
    expect(nodes.get('pod:shop/api')?.data).toMatchObject({ emphasis: 'target' });
    expect(nodes.get('pod:shop/web')?.data).toMatchObject({ emphasis: 'peer' });
    expect(nodes.get('pod:data/db')?.data).toMatchObject({ emphasis: 'dimmed' });
  });
});
