/**
 * Generated workspaces with a realistic shape, for benchmarks: namespaces of services
 * (labels app / tier / team), Deployments with replicas standing for their pods, a
 * default-deny per namespace, allow rules by label and by namespace, some ipBlocks and
 * named ports. Deterministic for a given size.
 */
export interface WorkspaceSize {
  /** Pods in total (the sum of the replicas). */
  pods: number;
  policies: number;
  /** Pods per Deployment (one label class each). */
  replicas?: number;
  /**
   * Emit every replica as its own Pod (with a pod IP, a node and the template's labels plus a
   * `pod-template-hash`), and the Nodes, instead of one Deployment per service: the engine then
   * sees `pods` rows that fall into `pods / replicas` label classes.
   */
  asPods?: boolean;
}

const TIERS = ['frontend', 'backend', 'data'] as const;
const TEAMS = ['red', 'blue', 'green', 'gold'] as const;
const PODS_PER_NODE = 110;

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedWorkspace {
  objects: unknown[];
  namespaces: number;
  workloads: number;
}

export function generateWorkspace({
  pods,
  policies,
  replicas = 5,
  asPods = false,
}: WorkspaceSize): GeneratedWorkspace {
  const rnd = random(pods * 31 + policies);
  const workloads = Math.max(1, Math.round(pods / replicas));
  const servicesPerNamespace = 10;
  const namespaceCount = Math.max(1, Math.ceil(workloads / servicesPerNamespace));
  const objects: unknown[] = [];
  const ns = (i: number) => `ns-${i}`;
  for (let i = 0; i < namespaceCount; i++) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns(i), labels: { team: TEAMS[i % TEAMS.length], env: i % 5 === 0 ? 'prod' : 'dev' } },
    });
  }
  let remaining = pods;
  for (let w = 0; w < workloads; w++) {
    const count = w === workloads - 1 ? remaining : Math.min(replicas, remaining);
    remaining -= count;
    const tier = TIERS[w % TIERS.length] ?? 'backend';
    const labels = { app: `svc-${w}`, tier, team: TEAMS[w % TEAMS.length] };
    const ports = [
      { containerPort: 8080, name: 'http' },
      { containerPort: 9090, name: 'metrics' },
    ];
    const containers = [{ name: 'main', image: 'example/app:1', ports }];
    const namespace = ns(Math.floor(w / servicesPerNamespace));
    if (asPods) {
      for (let r = 0; r < count; r++) {
        const i = pods - remaining - count + r;
        const node = Math.floor(i / PODS_PER_NODE);
        objects.push({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: `svc-${w}-${r}`,
            namespace,
            labels: { ...labels, 'pod-template-hash': `h${w}` },
          },
          spec: { nodeName: `node-${node}`, containers },
          status: { podIP: `10.${128 + (node >> 8)}.${node & 255}.${(i % PODS_PER_NODE) + 2}` },
        });
      }
      continue;
    }
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `svc-${w}`, namespace },
      spec: {
        replicas: count,
        selector: { matchLabels: { app: `svc-${w}` } },
        template: { metadata: { labels }, spec: { containers } },
      },
    });
  }
  if (asPods) {
    for (let n = 0; n * PODS_PER_NODE < pods; n++) {
      objects.push({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: `node-${n}` },
        status: { addresses: [{ type: 'InternalIP', address: `172.16.${n >> 8}.${n & 255}` }] },
      });
    }
  }
  for (let p = 0; p < policies; p++) {
    const n = p % namespaceCount;
    const namespace = ns(n);
    if (p < namespaceCount) {
      objects.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'default-deny', namespace },
        spec: { podSelector: {}, policyTypes: ['Ingress'] },
      });
      continue;
    }
    const target = Math.floor(rnd() * servicesPerNamespace) + n * servicesPerNamespace;
    const source = Math.floor(rnd() * workloads);
    const kind = p % 4;
    const from =
      kind === 0
        ? [{ podSelector: { matchLabels: { tier: TIERS[source % TIERS.length] } } }]
        : kind === 1
          ? [
              {
                namespaceSelector: { matchLabels: { team: TEAMS[source % TEAMS.length] } },
                podSelector: { matchLabels: { app: `svc-${source}` } },
              },
            ]
          : kind === 2
            ? [
                {
                  namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] },
                },
              ]
            : [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }];
    const ports = p % 3 === 0 ? [{ port: 'http' }] : [{ port: 8000, endPort: 8100, protocol: 'TCP' }];
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `allow-${p}`, namespace },
      spec: { podSelector: { matchLabels: { app: `svc-${target}` } }, ingress: [{ from, ports }] },
    });
  }
  return { objects, namespaces: namespaceCount, workloads };
}

/** The objects as multi-document YAML-compatible JSON lines (JSON is valid YAML). */
export function toManifestText(objects: readonly unknown[]): string {
  return objects.map((o) => `---\n${JSON.stringify(o)}\n`).join('');
}
