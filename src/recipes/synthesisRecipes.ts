import type { Lesson, Recipe } from './types';
import { connectivityTest, documents, namespace, pod } from './yamlParts';

/** One end of a Hubble flow: a pod (namespace, name, labels) or an outside address. */
type FlowEnd = { ns: string; pod: string; app: string; ip: string } | { ip: string };

/** One line of `hubble observe -o json`: a TCP flow to `port`, forwarded or dropped. */
function hubbleFlow(
  n: number,
  from: FlowEnd,
  to: FlowEnd,
  port: number,
  verdict: 'FORWARDED' | 'DROPPED',
): string {
  const end = (e: FlowEnd) =>
    'pod' in e
      ? {
          namespace: e.ns,
          pod_name: e.pod,
          labels: [`k8s:app=${e.app}`, `k8s:io.kubernetes.pod.namespace=${e.ns}`],
        }
      : { labels: ['reserved:world'] };
  return JSON.stringify({
    flow: {
      time: `2026-11-30T10:00:${String(n).padStart(2, '0')}.000Z`,
      verdict,
      IP: { source: from.ip, destination: to.ip, ipVersion: 'IPv4' },
      l4: { TCP: { source_port: 40000 + n, destination_port: port } },
      source: end(from),
      destination: end(to),
      Type: 'L3_L4',
      traffic_direction: 'INGRESS',
      is_reply: false,
    },
  });
}

const WEB = { ns: 'shop', pod: 'web', app: 'web', ip: '10.0.1.10' };
const API = { ns: 'shop', pod: 'api', app: 'api', ip: '10.0.1.11' };
const DB = { ns: 'shop', pod: 'db', app: 'db', ip: '10.0.1.12' };
const PROMETHEUS = { ns: 'monitoring', pod: 'prometheus', app: 'prometheus', ip: '10.0.2.10' };
const CUSTOMER = { ip: '203.0.113.7' };

/**
 * What an hour of `hubble observe -o json` showed in the shop: customers reach web, web calls
 * api, api reads db, prometheus scrapes api's metrics; one dropped attempt from outside to db.
 */
export const SHOP_FLOWS = [
  hubbleFlow(1, CUSTOMER, WEB, 80, 'FORWARDED'),
  hubbleFlow(2, WEB, API, 8080, 'FORWARDED'),
  hubbleFlow(3, WEB, API, 8080, 'FORWARDED'),
  hubbleFlow(4, API, DB, 5432, 'FORWARDED'),
  hubbleFlow(5, PROMETHEUS, API, 9090, 'FORWARDED'),
  hubbleFlow(6, CUSTOMER, DB, 5432, 'DROPPED'),
].join('\n');

const SHOP = [
  namespace('shop'),
  pod('shop', 'web', { app: 'web' }, { ports: ['80 http'], ip: WEB.ip }),
  pod('shop', 'api', { app: 'api' }, { ports: ['8080 http', '9090 metrics'], ip: API.ip }),
  pod('shop', 'db', { app: 'db' }, { ports: ['5432 postgres'], ip: DB.ip }),
  namespace('monitoring'),
  pod('monitoring', 'prometheus', { app: 'prometheus' }, { ip: PROMETHEUS.ip }),
  namespace('kube-system'),
  pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, { ports: ['53/UDP dns', '53/TCP dns-tcp'] }),
];

/**
 * What `netpol synth` (and _Generate policies from these flows_) writes for these flows:
 * a default deny per namespace and direction, DNS egress, and one policy per workload and
 * direction admitting exactly what was observed. Kept verbatim: `synthesisRecipes` tests
 * that synthesis still writes this.
 */
export const GENERATED_FROM_FLOWS: readonly string[] = [
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: monitoring
spec:
  podSelector: {}
  policyTypes:
    - Ingress`,
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-egress
  namespace: monitoring
spec:
  podSelector: {}
  policyTypes:
    - Egress`,
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-dns-egress
  namespace: monitoring
spec:
  podSelector: {}
  policyTypes:
    - Egress
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
          podSelector:
            matchLabels:
              k8s-app: kube-dns
      ports:
        - port: 53
          protocol: UDP
        - port: 53
          protocol: TCP`,
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: prometheus-egress
  namespace: monitoring
spec:
  podSelector:
    matchLabels:
      app: prometheus
  policyTypes:
    - Egress
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: shop
          podSelector:
            matchLabels:
              app: api
      ports:
        - port: metrics
          protocol: TCP`,
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: shop
spec:
  podSelector: {}
  policyTypes:
    - Ingress`,
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-egress
  namespace: shop
spec:
  podSelector: {}
  policyTypes:
    - Egress`,
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-dns-egress
  namespace: shop
spec:
  podSelector: {}
  policyTypes:
    - Egress
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
          podSelector:
            matchLabels:
              k8s-app: kube-dns
      ports:
        - port: 53
          protocol: UDP
        - port: 53
          protocol: TCP`,
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-egress
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: api
  policyTypes:
    - Egress
  egress:
    - to:
        - podSelector:
            matchLabels:
              app: db
      ports:
        - port: postgres
          protocol: TCP`,
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-ingress
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: api
  policyTypes:
    - Ingress
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: monitoring
          podSelector:
            matchLabels:
              app: prometheus
      ports:
        - port: metrics
          protocol: TCP
    - from:
        - podSelector:
            matchLabels:
              app: web
      ports:
        - port: http
          protocol: TCP`,
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db-ingress
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: db
  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: api
      ports:
        - port: postgres
          protocol: TCP`,
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-egress
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes:
    - Egress
  egress:
    - to:
        - podSelector:
            matchLabels:
              app: api
      ports:
        - port: http
          protocol: TCP`,
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-ingress
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes:
    - Ingress
  ingress:
    - from:
        - ipBlock:
            cidr: 203.0.113.7/32
      ports:
        - port: http
          protocol: TCP`,
];

/** The default denies and DNS egress alone (the lesson's middle step). */
const DENY_ONLY = GENERATED_FROM_FLOWS.filter((d) => /name: (default-deny|allow-dns)/.test(d));

const CHECKS = connectivityTest(
  'what-the-flows-showed',
  `
    - description: customers reach the web front end
      from: { ip: 203.0.113.7 }
      to: shop/web
      port: 80/TCP
      expect: allowed
    - description: web calls api
      from: shop/web
      to: shop/api
      port: 8080/TCP
      expect: allowed
    - description: api reads the database
      from: shop/api
      to: shop/db
      port: 5432/TCP
      expect: allowed
    - description: prometheus scrapes api's metrics
      from: monitoring/prometheus
      to: shop/api
      port: 9090/TCP
      expect: allowed
    - description: nothing the flows did not show, such as web to the database
      from: shop/web
      to: shop/db
      expect: blocked
    - description: nor prometheus to the database
      from: monitoring/prometheus
      to: shop/db
      expect: blocked`,
);

/** Synthesis: from observed traffic to the policies that allow exactly it. */
export const SYNTHESIS_RECIPES: readonly Recipe[] = [
  {
    id: 'lock-down-from-traffic',
    title: 'Lock down a namespace from its traffic',
    category: 'synthesis',
    summary:
      'Hubble flows show what really talks to what; Generate policies from these flows writes a default deny, DNS, and one policy per workload allowing exactly that, checked by the engine.\nThe flows are loaded with the recipe: every observed connection stays allowed, and nothing else is.',
    yaml: documents(...SHOP, ...GENERATED_FROM_FLOWS, CHECKS),
    flows: SHOP_FLOWS,
  },
];

/** The same journey as a lesson: open, then denied, then exactly what the flows showed. */
export const SYNTHESIS_LESSON: Lesson = {
  id: 'lock-down-from-traffic',
  title: 'From observed traffic to least privilege',
  recipe: 'lock-down-from-traffic',
  flows: SHOP_FLOWS,
  steps: [
    {
      title: 'No policy: everything is allowed',
      explanation:
        'The flows overlay shows what an hour of traffic used (blue), and the dashed purple lines what is allowed but was never used: with no policy, that is everything else.',
      yaml: documents(...SHOP),
    },
    {
      title: 'Deny by default (and allow DNS)',
      explanation:
        'A default deny per namespace and direction, and DNS egress to kube-dns. Which connections does it close? After the reveal, the overlay shows in orange the four observed ones it would break.',
      yaml: documents(...SHOP, ...DENY_ONLY),
    },
    {
      title: 'Generated from the flows',
      explanation:
        'One policy per workload and direction, admitting exactly the observed connections on their named ports: everything the flows showed is allowed again, and nothing else is.',
      yaml: documents(...SHOP, ...GENERATED_FROM_FLOWS),
    },
  ],
};
