import { ADMIN_TIER_LESSON } from './adminTierRecipes';
import { SYNTHESIS_LESSON } from './synthesisRecipes';
import type { Lesson } from './types';
import { COREDNS, documents, namespace, networkPolicy, pod } from './yamlParts';

const policy = networkPolicy;

// Lesson 1: the on-ramp of the Cilium editor, in the course's best-practice order.
const ONRAMP_BASE = [
  namespace('shop'),
  pod('shop', 'web', { app: 'web' }, { ports: ['80'] }),
  pod('shop', 'api', { app: 'api' }, { ports: ['8080'] }),
  namespace('other'),
  pod('other', 'client', { app: 'client' }),
  namespace('kube-system'),
  COREDNS,
];
const DENY_ALL = policy(
  'default-deny-all',
  'shop',
  `
  podSelector: {}
  policyTypes:
    - Ingress
    - Egress`,
);
const ALLOW_DNS = policy(
  'allow-dns',
  'shop',
  `
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
        - protocol: UDP
          port: 53
        - protocol: TCP
          port: 53`,
);
const SAME_NAMESPACE = policy(
  'allow-same-namespace',
  'shop',
  `
  podSelector: {}
  policyTypes:
    - Ingress
    - Egress
  ingress:
    - from:
        - podSelector: {}
  egress:
    - to:
        - podSelector: {}`,
);

// Lesson 2: AND vs OR peers.
const PEERS_BASE = [
  namespace('shop'),
  pod('shop', 'db', { app: 'db' }, { ports: ['5432'] }),
  pod('shop', 'prometheus', { app: 'prometheus' }),
  pod('shop', 'web', { app: 'web' }),
  namespace('monitoring', { team: 'ops' }),
  pod('monitoring', 'prometheus', { app: 'prometheus' }),
  pod('monitoring', 'debug', { app: 'debug' }),
];
const peersPolicy = (peers: string): string =>
  policy(
    'db-ingress',
    'shop',
    `
  podSelector:
    matchLabels:
      app: db
  ingress:
    - from:
${peers.replace(/^\n+|\s+$/g, '')}`,
  );
const OR_PEERS = peersPolicy(`
        - namespaceSelector:
            matchLabels:
              team: ops
        - podSelector:
            matchLabels:
              app: prometheus`);
const AND_PEER = peersPolicy(`
        - namespaceSelector:
            matchLabels:
              team: ops
          podSelector:
            matchLabels:
              app: prometheus`);

// Lesson 3: policies only add.
const ADD_BASE = [
  namespace('shop'),
  pod('shop', 'api', { app: 'api' }, { ports: ['8080'] }),
  pod('shop', 'web', { app: 'web' }),
  pod('shop', 'admin', { app: 'admin' }),
  pod('shop', 'batch', { app: 'batch' }),
];
const apiFrom = (name: string, app: string): string =>
  policy(
    name,
    'shop',
    `
  podSelector:
    matchLabels:
      app: api
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: ${app}`,
  );

// Lesson 4: policyTypes decides what is enforced.
const TYPES_BASE = [
  namespace('shop'),
  pod('shop', 'web', { app: 'web' }, { ports: ['80'] }),
  pod('shop', 'lb', { app: 'lb' }),
  pod('shop', 'db', { app: 'db' }, { ports: ['5432'] }),
];
const webPolicy = (types: string): string =>
  policy(
    'web',
    'shop',
    `
  podSelector:
    matchLabels:
      app: web
  policyTypes:
${types}
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: lb
  egress:
    - to:
        - podSelector:
            matchLabels:
              app: db
      ports:
        - port: 5432`,
  );

/** The guided lessons, in menu order. */
export const LESSONS: readonly Lesson[] = [
  {
    id: 'deny-then-allow',
    title: 'Default deny, then allow DNS, then allow the same namespace',
    recipe: 'default-deny-all',
    steps: [
      {
        title: 'No policy: everything is allowed',
        explanation:
          'Without any NetworkPolicy, pods are not isolated: every pod reaches every pod and the outside world, in both directions.',
        yaml: documents(...ONRAMP_BASE),
      },
      {
        title: 'Deny all ingress and egress in shop',
        explanation:
          'An empty podSelector with both policyTypes and no rules isolates every shop pod both ways. Nothing enters or leaves shop, and DNS lookups fail too. Pods of other namespaces are untouched.',
        yaml: documents(...ONRAMP_BASE, DENY_ALL),
      },
      {
        title: 'Allow DNS',
        explanation:
          'A second policy adds one egress rule: UDP and TCP 53 to the kube-dns pods of kube-system. Policies add up, so this reopens exactly DNS. coredns itself is not isolated, so its ingress admits the queries.',
        yaml: documents(...ONRAMP_BASE, DENY_ALL, ALLOW_DNS),
      },
      {
        title: 'Allow traffic within the namespace',
        explanation:
          "podSelector: {} as a peer means every pod of the policy's own namespace. Allowing it for ingress AND egress lets web and api talk; the other namespace stays shut out.",
        yaml: documents(...ONRAMP_BASE, DENY_ALL, ALLOW_DNS, SAME_NAMESPACE),
      },
    ],
  },
  {
    id: 'and-vs-or-peers',
    title: 'AND vs OR: one peer or two',
    recipe: 'and-vs-or-peers',
    steps: [
      {
        title: 'An open database',
        explanation: 'No policy selects shop/db yet: every pod reaches it.',
        yaml: documents(...PEERS_BASE),
      },
      {
        title: 'Two peers: OR',
        explanation:
          'Two list items under "from" are two peers, OR\'ed: any pod of a team=ops namespace, or a prometheus pod of shop (a podSelector alone means the policy\'s namespace). shop/web loses access.',
        yaml: documents(...PEERS_BASE, OR_PEERS),
      },
      {
        title: 'Remove one dash: AND',
        explanation:
          'Without the second dash, both selectors are in ONE peer and must both match: prometheus pods in team=ops namespaces. monitoring/debug and shop/prometheus lose access.',
        yaml: documents(...PEERS_BASE, AND_PEER),
      },
      {
        title: 'Label the shop namespace team=ops',
        explanation:
          'Selectors are evaluated against live labels: once shop carries team=ops, shop/prometheus satisfies both halves of the AND and gets in again, without touching the policy.',
        yaml: documents(...PEERS_BASE.slice(1), namespace('shop', { team: 'ops' }), AND_PEER),
      },
    ],
  },
  {
    id: 'policies-only-add',
    title: 'Policies only add',
    recipe: 'policies-add-up',
    steps: [
      {
        title: 'An unprotected api',
        explanation: 'No policy selects shop/api: web, admin and batch all reach it.',
        yaml: documents(...ADD_BASE),
      },
      {
        title: 'Allow web',
        explanation:
          'A policy selecting the api with one ingress rule isolates it: now only web gets in. admin and batch are blocked.',
        yaml: documents(...ADD_BASE, apiFrom('api-from-web', 'web')),
      },
      {
        title: 'Add an "admin only" policy',
        explanation:
          'Meant to restrict the api to admin, it only ADDS admin: a connection is allowed when any policy allows it. web keeps its access.',
        yaml: documents(...ADD_BASE, apiFrom('api-from-web', 'web'), apiFrom('api-admin-only', 'admin')),
      },
      {
        title: 'Delete the web policy',
        explanation:
          'The only way to take an allow away is to remove (or narrow) the rule that grants it. Now only admin reaches the api.',
        yaml: documents(...ADD_BASE, apiFrom('api-admin-only', 'admin')),
      },
    ],
  },
  {
    id: 'policy-types',
    title: 'policyTypes decides what is enforced',
    recipe: 'policy-types-egress-not-enforced',
    steps: [
      {
        title: 'No policy',
        explanation: 'web is not isolated: it reaches everything and everything reaches it.',
        yaml: documents(...TYPES_BASE),
      },
      {
        title: 'Ingress and egress rules, policyTypes [Ingress]',
        explanation:
          'Only Ingress is listed, so only the ingress rules are enforced: lb alone reaches web. The egress section is ignored: web still reaches anything.',
        yaml: documents(...TYPES_BASE, webPolicy('    - Ingress')),
      },
      {
        title: 'Add Egress to policyTypes',
        explanation:
          'Now the egress rules apply too: web may open connections to db on 5432 only. Its other outbound connections (lb, the internet) are blocked.',
        yaml: documents(...TYPES_BASE, webPolicy('    - Ingress\n    - Egress')),
      },
    ],
  },
  ADMIN_TIER_LESSON,
  SYNTHESIS_LESSON,
];

/** The lesson with this id, or undefined. */
export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
