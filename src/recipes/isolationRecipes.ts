import type { Recipe } from './types';
import { connectivityTest, COREDNS, deployment, documents, namespace, pod } from './yamlParts';

const SHOP = [
  namespace('shop'),
  pod('shop', 'web', { app: 'web' }, { ports: ['80'] }),
  pod('shop', 'api', { app: 'api' }, { ports: ['8080'] }),
  namespace('other'),
  pod('other', 'client', { app: 'client' }, { ports: ['80'] }),
];

/** Default-deny and allow-all recipes: how a pod becomes isolated, per direction. */
export const ISOLATION_RECIPES: readonly Recipe[] = [
  {
    id: 'default-deny-ingress',
    title: 'Default deny all ingress',
    category: 'isolation',
    summary:
      'An empty podSelector selects every pod of the namespace; policyTypes [Ingress] with no rules isolates them for ingress.\nNothing can reach them any more, not even pods of the same namespace, while their outbound traffic is untouched.',
    yaml: documents(
      ...SHOP,
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: shop
spec:
  podSelector: {}
  policyTypes:
    - Ingress`,
      connectivityTest(
        'default-deny-ingress',
        `
    - description: other namespaces cannot reach shop
      from: other/client
      to: { namespace: shop }
      expect: blocked
    - description: not even pods of the same namespace
      from: shop/web
      to: shop/api
      port: 8080/TCP
      expect: blocked
    - description: egress is not affected
      from: shop/api
      to: other/client
      port: 80/TCP
      expect: allowed
    - from: shop/web
      to: { ip: 8.8.8.8 }
      port: 443/TCP
      expect: allowed`,
      ),
    ),
  },
  {
    id: 'default-deny-egress',
    title: 'Default deny all egress (and how it breaks DNS)',
    category: 'isolation',
    summary:
      'policyTypes [Egress] with no egress rules isolates every selected pod for egress: no connection may leave it.\nThat includes DNS lookups to kube-dns, so names stop resolving until you allow port 53 again.',
    yaml: documents(
      ...SHOP,
      namespace('kube-system'),
      COREDNS,
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-egress
  namespace: shop
spec:
  podSelector: {}
  policyTypes:
    - Egress`,
      connectivityTest(
        'default-deny-egress',
        `
    - description: shop pods cannot call each other
      from: shop/web
      to: shop/api
      port: 8080/TCP
      expect: blocked
    - description: DNS is broken too (UDP 53 to kube-dns)
      from: { namespace: shop }
      to: kube-system/coredns
      port: 53/UDP
      expect: blocked
    - description: no way out to the internet
      from: shop/web
      to: { ip: 8.8.8.8 }
      port: 443/TCP
      expect: blocked
    - description: ingress is not affected
      from: other/client
      to: shop/web
      port: 80/TCP
      expect: allowed`,
      ),
    ),
  },
  {
    id: 'default-deny-all',
    title: 'Default deny all ingress and egress',
    category: 'isolation',
    summary:
      "With both Ingress and Egress in policyTypes and no rules, the selected pods can neither receive nor send anything.\nThe course's best practice: start here, then allow each needed connection with additional policies.",
    yaml: documents(
      ...SHOP,
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-all
  namespace: shop
spec:
  podSelector: {}
  policyTypes:
    - Ingress
    - Egress`,
      connectivityTest(
        'default-deny-all',
        `
    - description: nothing moves inside shop
      from: { namespace: shop }
      to: { namespace: shop }
      expect: blocked
    - description: nothing comes in
      from: other/client
      to: { namespace: shop }
      expect: blocked
    - description: nothing goes out
      from: { namespace: shop }
      to: other/client
      expect: blocked
    - from: shop/web
      to: { ip: 8.8.8.8 }
      port: 443/TCP
      expect: blocked
    - description: namespaces without policies are untouched
      from: other/client
      to: { ip: 8.8.8.8 }
      port: 443/TCP
      expect: allowed`,
      ),
    ),
  },
  {
    id: 'allow-all-egress',
    title: 'Allow all egress',
    category: 'isolation',
    summary:
      'egress: [{}] is one rule with no "to" and no "ports": it admits every destination on every port.\nNext to a default deny it reopens outbound traffic only; the destination must still admit the connection on its side.',
    yaml: documents(
      namespace('shop'),
      deployment('shop', 'web', { app: 'web' }, 2, ['80']),
      pod('shop', 'api', { app: 'api' }, { ports: ['8080'] }),
      namespace('other'),
      pod('other', 'client', { app: 'client' }, { ports: ['80'] }),
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-all
  namespace: shop
spec:
  podSelector: {}
  policyTypes:
    - Ingress
    - Egress`,
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all-egress
  namespace: shop
spec:
  podSelector: {}
  egress:
    - {}
  policyTypes:
    - Egress`,
      connectivityTest(
        'allow-all-egress',
        `
    - description: shop reaches the internet again
      from: { namespace: shop }
      to: { ip: 8.8.8.8 }
      port: 443/TCP
      expect: allowed
    - description: and pods of other namespaces
      from: shop/web
      to: other/client
      port: 80/TCP
      expect: allowed
    - description: but inside shop, ingress is still denied at the destination
      from: shop/web
      to: shop/api
      port: 8080/TCP
      expect: blocked
    - from: other/client
      to: shop/web
      expect: blocked`,
      ),
    ),
  },
];
