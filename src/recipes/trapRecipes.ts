import type { Recipe } from './types';
import { connectivityTest, documents, namespace, pod } from './yamlParts';

/** Recipes about the classic misreadings: policies only add, and policyTypes decides. */
export const TRAP_RECIPES: readonly Recipe[] = [
  {
    id: 'policies-add-up',
    title: "Multiple policies add up (rules are OR'ed)",
    category: 'traps',
    summary:
      'Policies never conflict and never subtract: a connection is allowed when ANY policy selecting the pod allows it.\nThe "admin only" policy below restricts nothing: web and monitoring keep the access the other policies give them.',
    yaml: documents(
      namespace('shop'),
      pod('shop', 'api', { app: 'api' }, { ports: ['8080'] }),
      pod('shop', 'web', { app: 'web' }),
      pod('shop', 'admin', { app: 'admin' }),
      pod('shop', 'batch', { app: 'batch' }),
      namespace('monitoring', { team: 'ops' }),
      pod('monitoring', 'prometheus', { app: 'prometheus' }),
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-from-web
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: api
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: web
      ports:
        - port: 8080`,
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-from-monitoring
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: api
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              team: ops`,
      `# Meant as "only admin may reach the api": it only ADDS admin.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-admin-only
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: api
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: admin`,
      connectivityTest(
        'policies-add-up',
        `
    - description: web keeps its access despite "admin only"
      from: shop/web
      to: shop/api
      port: 8080/TCP
      expect: allowed
    - description: monitoring too
      from: monitoring/prometheus
      to: shop/api
      port: 8080/TCP
      expect: allowed
    - description: admin is added
      from: shop/admin
      to: shop/api
      port: 8080/TCP
      expect: allowed
    - description: a pod no policy mentions is blocked (the api is isolated)
      from: shop/batch
      to: shop/api
      expect: blocked
    - description: web only on the port of its rule
      from: shop/web
      to: shop/api
      port: 22/TCP
      expect: blocked`,
      ),
    ),
  },
  {
    id: 'policy-types-egress-not-enforced',
    title: 'policyTypes trap: an egress section that is not enforced',
    category: 'traps',
    summary:
      'When policyTypes is written out, only the listed directions are enforced: with [Ingress], the egress rules are ignored.\nThe web pod below still reaches the internet, although its egress section lists the database only.',
    yaml: documents(
      namespace('shop'),
      pod('shop', 'web', { app: 'web' }, { ports: ['80'] }),
      pod('shop', 'lb', { app: 'lb' }),
      pod('shop', 'db', { app: 'db' }, { ports: ['5432'] }),
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes:
    - Ingress          # Egress is missing: the egress section below does nothing
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
      connectivityTest(
        'policy-types-egress-not-enforced',
        `
    - description: ingress is enforced (lb gets in)
      from: shop/lb
      to: shop/web
      port: 80/TCP
      expect: allowed
    - description: ingress is enforced (db does not)
      from: shop/db
      to: shop/web
      port: 80/TCP
      expect: blocked
    - description: egress is NOT enforced, the internet is reachable
      from: shop/web
      to: { ip: 8.8.8.8 }
      port: 443/TCP
      expect: allowed
    - description: and so is any pod on any port
      from: shop/web
      to: shop/lb
      port: 9999/TCP
      expect: allowed`,
      ),
    ),
  },
  {
    id: 'policy-types-egress-without-rules',
    title: 'policyTypes trap: Egress listed with no egress rules',
    category: 'traps',
    summary:
      'Listing Egress in policyTypes without any egress rule isolates the pod for egress and admits nothing: all egress is denied.\nThe api below was meant to get an ingress allow-list; it lost every outbound connection, DNS included.',
    yaml: documents(
      namespace('shop'),
      pod('shop', 'web', { app: 'web' }),
      pod('shop', 'api', { app: 'api' }, { ports: ['8080'] }),
      pod('shop', 'db', { app: 'db' }, { ports: ['5432'] }),
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: api
  policyTypes:
    - Ingress
    - Egress           # no egress rules follow: every egress is denied
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: web
      ports:
        - port: 8080`,
      connectivityTest(
        'policy-types-egress-without-rules',
        `
    - description: the ingress allow-list works
      from: shop/web
      to: shop/api
      port: 8080/TCP
      expect: allowed
    - description: but the api cannot reach its database
      from: shop/api
      to: shop/db
      port: 5432/TCP
      expect: blocked
    - description: nor anything else
      from: shop/api
      to: { ip: 8.8.8.8 }
      port: 443/TCP
      expect: blocked
    - description: other pods are not selected
      from: shop/web
      to: shop/db
      port: 5432/TCP
      expect: allowed`,
      ),
    ),
  },
  {
    id: 'empty-rule-vs-empty-list',
    title: 'ingress: [{}] allows everything, ingress: [] allows nothing',
    category: 'traps',
    summary:
      'A list with one empty rule, [{}], is a rule with no "from" and no "ports": it admits everyone on every port.\nAn empty list, [], has no rule at all: the pod is isolated and admits nothing. Two characters apart, opposite meanings.',
    yaml: documents(
      namespace('demo'),
      pod('demo', 'open', { app: 'open' }, { ports: ['80'] }),
      pod('demo', 'closed', { app: 'closed' }, { ports: ['80'] }),
      pod('demo', 'client', { app: 'client' }),
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: open
  namespace: demo
spec:
  podSelector:
    matchLabels:
      app: open
  policyTypes:
    - Ingress
  ingress:
    - {}`,
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: closed
  namespace: demo
spec:
  podSelector:
    matchLabels:
      app: closed
  policyTypes:
    - Ingress
  ingress: []`,
      connectivityTest(
        'empty-rule-vs-empty-list',
        `
    - description: "[{}] admits every pod"
      from: demo/client
      to: demo/open
      port: 80/TCP
      expect: allowed
    - description: "[{}] admits outside clients too"
      from: { ip: 203.0.113.10 }
      to: demo/open
      port: 80/TCP
      expect: allowed
    - description: "[] admits nothing"
      from: demo/client
      to: demo/closed
      port: 80/TCP
      expect: blocked`,
      ),
    ),
  },
];
