import type { Lesson, Recipe } from './types';
import { connectivityTest, documents, namespace, networkPolicy, pod } from './yamlParts';

/** A cluster-scoped policy of the Network Policy API (v1alpha1), `spec` indented by two spaces. */
export function adminPolicy(
  kind: 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy',
  name: string,
  spec: string,
): string {
  return `apiVersion: policy.networking.k8s.io/v1alpha1
kind: ${kind}
metadata:
  name: ${name}
spec:
${spec.replace(/^\n+|\s+$/g, '')}`;
}

// A shop with one NetworkPolicy, and the baseline default deny (a recipe and the lesson).
const TIERS_BASE = [
  namespace('shop'),
  pod('shop', 'web', { app: 'web' }),
  pod('shop', 'api', { app: 'api' }, { ports: ['8080'] }),
  pod('shop', 'db', { app: 'db' }, { ports: ['5432'] }),
  networkPolicy(
    'api-from-web',
    'shop',
    `
  podSelector:
    matchLabels:
      app: api
  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: web
      ports:
        - port: 8080`,
  ),
];
const BASELINE_DENY = adminPolicy(
  'BaselineAdminNetworkPolicy',
  'default',
  `
  subject:
    namespaces: {}
  ingress:
    - name: default-deny
      action: Deny
      from:
        - namespaces: {}`,
);
/**
 * Recipes about the admin tiers: AdminNetworkPolicy (decided before NetworkPolicies, by
 * priority, first matching rule wins) and the BaselineAdminNetworkPolicy `default` (decided
 * after them, for whatever no NetworkPolicy isolates).
 */
export const ADMIN_TIER_RECIPES: readonly Recipe[] = [
  {
    id: 'admin-deny-namespace-cannot-override',
    title: 'An admin Deny that a namespace cannot override',
    category: 'admin',
    summary:
      'An AdminNetworkPolicy is decided before any NetworkPolicy: its first matching rule (Allow, Deny or Pass) settles the direction.\nHere only monitoring may reach the sensitive namespace; its owner\u2019s allow-all NetworkPolicy changes nothing.',
    yaml: documents(
      namespace('sensitive'),
      pod('sensitive', 'vault', { app: 'vault' }, { ports: ['8200'] }),
      namespace('monitoring'),
      pod('monitoring', 'prometheus', { app: 'prometheus' }),
      namespace('shop'),
      pod('shop', 'web', { app: 'web' }),
      adminPolicy(
        'AdminNetworkPolicy',
        'sensitive-only-from-monitoring',
        `
  priority: 10
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: sensitive
  ingress:
    - name: allow-monitoring
      action: Allow
      from:
        - namespaces:
            matchLabels:
              kubernetes.io/metadata.name: monitoring
    - name: deny-everyone-else
      action: Deny
      from:
        - namespaces: {}`,
      ),
      networkPolicy(
        'allow-all-ingress',
        'sensitive',
        `
  podSelector: {}
  policyTypes:
    - Ingress
  ingress:
    - {}`,
      ),
      connectivityTest(
        'admin-deny-namespace-cannot-override',
        `
    - description: the admin Allow rule admits monitoring
      from: monitoring/prometheus
      to: sensitive/vault
      port: 8200/TCP
      expect: allowed
    - description: the admin Deny rule decides before the namespace's allow-all
      from: shop/web
      to: sensitive/vault
      port: 8200/TCP
      expect: blocked
    - description: the admin policy selects only the sensitive namespace
      from: sensitive/vault
      to: shop/web
      expect: allowed`,
      ),
    ),
  },
  {
    id: 'admin-pass-delegates-to-namespace',
    title: 'Pass: the admin delegates to the namespace owners',
    category: 'admin',
    summary:
      'A Pass rule ends the admin tier for that traffic: the namespace\u2019s NetworkPolicies decide it, as if no admin policy were there.\nHere traffic inside team-a is passed to its owners, and traffic from other namespaces is denied whatever they allow.',
    yaml: documents(
      namespace('team-a'),
      pod('team-a', 'web', { app: 'web' }),
      pod('team-a', 'api', { app: 'api' }, { ports: ['8080'] }),
      pod('team-a', 'db', { app: 'db' }, { ports: ['5432'] }),
      namespace('team-b'),
      pod('team-b', 'client', { app: 'client' }),
      adminPolicy(
        'AdminNetworkPolicy',
        'team-a-decides-inside',
        `
  priority: 20
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: team-a
  ingress:
    - name: pass-same-namespace
      action: Pass
      from:
        - namespaces:
            matchLabels:
              kubernetes.io/metadata.name: team-a
    - name: deny-other-namespaces
      action: Deny
      from:
        - namespaces: {}`,
      ),
      networkPolicy(
        'default-deny-ingress',
        'team-a',
        `
  podSelector: {}
  policyTypes:
    - Ingress`,
      ),
      networkPolicy(
        'api-from-web-and-team-b',
        'team-a',
        `
  podSelector:
    matchLabels:
      app: api
  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: web
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: team-b`,
      ),
      connectivityTest(
        'admin-pass-delegates-to-namespace',
        `
    - description: passed to team-a, whose NetworkPolicy admits web
      from: team-a/web
      to: team-a/api
      port: 8080/TCP
      expect: allowed
    - description: passed to team-a, whose default deny blocks it
      from: team-a/web
      to: team-a/db
      port: 5432/TCP
      expect: blocked
    - description: denied by the admin before team-a's rule for team-b is read
      from: team-b/client
      to: team-a/api
      port: 8080/TCP
      expect: blocked`,
      ),
    ),
  },
  {
    id: 'baseline-default-deny',
    title: 'A baseline default deny that NetworkPolicies open',
    category: 'admin',
    summary:
      'The BaselineAdminNetworkPolicy (always named default) is decided last: only for traffic that no NetworkPolicy isolates.\nHere it denies all ingress cluster-wide; a namespace opens what it needs with ordinary NetworkPolicies.',
    yaml: documents(
      ...TIERS_BASE,
      BASELINE_DENY,
      connectivityTest(
        'baseline-default-deny',
        `
    - description: a NetworkPolicy isolates api and admits web, so the baseline is not consulted
      from: shop/web
      to: shop/api
      port: 8080/TCP
      expect: allowed
    - description: no NetworkPolicy isolates db, so the baseline denies it
      from: shop/api
      to: shop/db
      port: 5432/TCP
      expect: blocked
    - description: the baseline denies ingress only; egress stays open
      from: shop/db
      to: { ip: 8.8.8.8 }
      port: 443/TCP
      expect: allowed`,
      ),
    ),
  },
  {
    id: 'admin-egress-networks',
    title: 'Admin egress by CIDR (the networks peer)',
    category: 'admin',
    summary:
      'An egress rule may name networks: CIDRs, matching addresses outside the cluster and pods by their IPs.\nHere the shop may reach the private 10/8 range (its own pods included) and nothing else.',
    yaml: documents(
      namespace('shop'),
      pod('shop', 'web', { app: 'web' }, { ip: '10.0.1.10' }),
      pod('shop', 'db', { app: 'db' }, { ports: ['5432'], ip: '10.0.1.20' }),
      adminPolicy(
        'AdminNetworkPolicy',
        'shop-egress-private-only',
        `
  priority: 30
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: shop
  egress:
    - name: allow-private
      action: Allow
      to:
        - networks:
            - 10.0.0.0/8
    - name: deny-the-rest
      action: Deny
      to:
        - networks:
            - 0.0.0.0/0`,
      ),
      connectivityTest(
        'admin-egress-networks',
        `
    - description: an address in 10/8 is allowed
      from: shop/web
      to: { ip: 10.20.30.40 }
      port: 443/TCP
      expect: allowed
    - description: a pod whose IP is in 10/8 is allowed too
      from: shop/web
      to: shop/db
      port: 5432/TCP
      expect: allowed
    - description: the internet is denied
      from: shop/web
      to: { ip: 8.8.8.8 }
      port: 443/TCP
      expect: blocked`,
      ),
    ),
  },
];

const adminOnApi = (action: 'Deny' | 'Pass'): string =>
  adminPolicy(
    'AdminNetworkPolicy',
    'api-guard',
    `
  priority: 10
  subject:
    pods:
      namespaceSelector: {}
      podSelector:
        matchLabels:
          app: api
  ingress:
    - name: from-web
      action: ${action}
      from:
        - pods:
            namespaceSelector: {}
            podSelector:
              matchLabels:
                app: web`,
  );

export const ADMIN_TIER_LESSON: Lesson = {
  id: 'admin-tiers',
  title: 'Admin, NetworkPolicy, baseline: who decides?',
  recipe: 'baseline-default-deny',
  steps: [
    {
      title: 'One NetworkPolicy',
      explanation:
        'api-from-web isolates the api for ingress and admits web. Every other pod is not isolated: everything reaches web and db.',
      yaml: documents(...TIERS_BASE),
    },
    {
      title: 'Add a baseline default deny',
      explanation:
        'The BaselineAdminNetworkPolicy is consulted only where no NetworkPolicy isolates the pod: web and db now refuse all ingress. The api keeps its NetworkPolicy, so web still reaches it.',
      yaml: documents(...TIERS_BASE, BASELINE_DENY),
    },
    {
      title: 'An admin denies web to api',
      explanation:
        'An AdminNetworkPolicy is decided before any NetworkPolicy: its Deny rule blocks web to api, although api-from-web admits it.',
      yaml: documents(...TIERS_BASE, BASELINE_DENY, adminOnApi('Deny')),
    },
    {
      title: 'Turn the Deny into a Pass',
      explanation:
        'Pass ends the admin tier for this traffic and hands it to the NetworkPolicies: api-from-web admits web again.',
      yaml: documents(...TIERS_BASE, BASELINE_DENY, adminOnApi('Pass')),
    },
  ],
};
