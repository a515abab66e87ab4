import type { Recipe } from './types';
import { connectivityTest, documents, namespace, pod } from './yamlParts';

/** Recipes about where traffic may come from or go to: namespaces and pod selectors. */
export const NAMESPACE_RECIPES: readonly Recipe[] = [
  {
    id: 'allow-same-namespace',
    title: 'Allow traffic from the same namespace only',
    category: 'namespaces',
    summary:
      "A peer with only a podSelector ranges over the policy's own namespace; podSelector: {} means every pod there.\nPods of the namespace talk freely, every other namespace is shut out.",
    yaml: documents(
      namespace('shop'),
      pod('shop', 'web', { app: 'web' }, { ports: ['80'] }),
      pod('shop', 'api', { app: 'api' }, { ports: ['8080'] }),
      namespace('other'),
      pod('other', 'client', { app: 'client' }),
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-same-namespace
  namespace: shop
spec:
  podSelector: {}
  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector: {}`,
      connectivityTest(
        'allow-same-namespace',
        `
    - description: shop pods reach each other
      from: { namespace: shop }
      to: { namespace: shop }
      expect: allowed
    - description: other namespaces are shut out
      from: other/client
      to: { namespace: shop }
      expect: blocked
    - from: { ip: 203.0.113.10 }
      to: shop/web
      port: 80/TCP
      expect: blocked`,
      ),
    ),
  },
  {
    id: 'allow-from-all-namespaces',
    title: 'Allow traffic from all namespaces',
    category: 'namespaces',
    summary:
      'namespaceSelector: {} selects every namespace, so the peer admits every pod of the cluster.\nIt is about pods only: clients outside the cluster still need an ipBlock.',
    yaml: documents(
      namespace('shop'),
      pod('shop', 'api', { app: 'api' }, { ports: ['8080'] }),
      namespace('team-a'),
      pod('team-a', 'client', { app: 'client' }),
      namespace('team-b'),
      pod('team-b', 'client', { app: 'client' }),
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-from-all-namespaces
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: api
  policyTypes:
    - Ingress
  ingress:
    - from:
        - namespaceSelector: {}`,
      connectivityTest(
        'allow-from-all-namespaces',
        `
    - description: every pod of every namespace reaches the api
      from: { namespaceSelector: {} }
      to: shop/api
      port: 8080/TCP
      expect: allowed
    - description: clients outside the cluster do not
      from: { ip: 203.0.113.10 }
      to: shop/api
      port: 8080/TCP
      expect: blocked`,
      ),
    ),
  },
  {
    id: 'allow-from-namespace-by-label',
    title: 'Allow traffic from one namespace, chosen by label',
    category: 'namespaces',
    summary:
      "A namespaceSelector matches namespace labels, not names: here every namespace labelled team=ops.\nEven the policy's own namespace is shut out when it does not carry the label.",
    yaml: documents(
      namespace('shop'),
      pod('shop', 'api', { app: 'api' }, { ports: ['8080'] }),
      pod('shop', 'web', { app: 'web' }),
      namespace('monitoring', { team: 'ops' }),
      pod('monitoring', 'prometheus', { app: 'prometheus' }),
      namespace('dev'),
      pod('dev', 'client', { app: 'client' }),
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-from-ops
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
      connectivityTest(
        'allow-from-namespace-by-label',
        `
    - description: pods of team=ops namespaces reach the api
      from: { namespaceSelector: { matchLabels: { team: ops } } }
      to: shop/api
      port: 8080/TCP
      expect: allowed
    - description: dev is not labelled team=ops
      from: dev/client
      to: shop/api
      expect: blocked
    - description: nor is shop itself
      from: shop/web
      to: shop/api
      expect: blocked`,
      ),
    ),
  },
  {
    id: 'and-vs-or-peers',
    title: 'namespaceSelector AND podSelector (one peer) vs OR (two peers)',
    category: 'namespaces',
    summary:
      'One peer with namespaceSelector and podSelector means AND: those pods in those namespaces. Two peers mean OR.\norders-db admits only prometheus from team=ops namespaces; users-db, one dash away, admits every pod there plus prometheus of shop.',
    yaml: documents(
      namespace('shop'),
      pod('shop', 'orders-db', { app: 'orders-db' }, { ports: ['5432'] }),
      pod('shop', 'users-db', { app: 'users-db' }, { ports: ['5432'] }),
      pod('shop', 'prometheus', { app: 'prometheus' }),
      namespace('monitoring', { team: 'ops' }),
      pod('monitoring', 'prometheus', { app: 'prometheus' }),
      pod('monitoring', 'debug', { app: 'debug' }),
      `# AND: one peer (one dash) with both selectors
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: orders-db-and
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: orders-db
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              team: ops
          podSelector:
            matchLabels:
              app: prometheus`,
      `# OR: two peers (two dashes)
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: users-db-or
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: users-db
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              team: ops
        - podSelector:
            matchLabels:
              app: prometheus`,
      connectivityTest(
        'and-vs-or-peers',
        `
    - description: "AND: prometheus in a team=ops namespace gets in"
      from: monitoring/prometheus
      to: shop/orders-db
      port: 5432/TCP
      expect: allowed
    - description: "AND: another pod of the same namespace does not"
      from: monitoring/debug
      to: shop/orders-db
      port: 5432/TCP
      expect: blocked
    - description: "AND: prometheus of shop (no team=ops label) does not"
      from: shop/prometheus
      to: shop/orders-db
      port: 5432/TCP
      expect: blocked
    - description: "OR: every pod of a team=ops namespace gets in"
      from: { namespace: monitoring }
      to: shop/users-db
      port: 5432/TCP
      expect: allowed
    - description: "OR: so does prometheus of shop (second peer)"
      from: shop/prometheus
      to: shop/users-db
      port: 5432/TCP
      expect: allowed`,
      ),
    ),
  },
  {
    id: 'egress-to-namespace-by-expression',
    title: 'Egress to a namespace chosen with matchExpressions (In)',
    category: 'namespaces',
    summary:
      'matchExpressions with operator In admits a namespace whose label has one of the listed values (the course sample: namespace in [backend]).\nPods labelled app=myapp may open connections to pods there and nowhere else; other pods are not selected and stay free.',
    yaml: documents(
      namespace('backend', { namespace: 'backend' }),
      pod('backend', 'api', { app: 'api' }, { ports: ['8080'] }),
      namespace('payments', { namespace: 'payments' }),
      pod('payments', 'gateway', { app: 'gateway' }, { ports: ['8443'] }),
      pod('default', 'myapp', { app: 'myapp' }),
      pod('default', 'tools', { app: 'tools' }),
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: egress-namespaces
  namespace: default
spec:
  podSelector:
    matchLabels:
      app: myapp
  policyTypes:
    - Egress
  egress:
    - to:
        - namespaceSelector:
            matchExpressions:
              - key: namespace
                operator: In
                values: ["backend"]`,
      connectivityTest(
        'egress-to-namespace-by-expression',
        `
    - description: myapp reaches the backend namespace
      from: default/myapp
      to: { namespace: backend }
      port: 8080/TCP
      expect: allowed
    - description: and no other namespace
      from: default/myapp
      to: payments/gateway
      port: 8443/TCP
      expect: blocked
    - description: nor the internet
      from: default/myapp
      to: { ip: 8.8.8.8 }
      port: 443/TCP
      expect: blocked
    - description: pods without app=myapp are not selected
      from: default/tools
      to: payments/gateway
      port: 8443/TCP
      expect: allowed`,
      ),
    ),
  },
];
