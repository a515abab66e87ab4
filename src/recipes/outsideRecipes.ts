import type { Recipe } from './types';
import { connectivityTest, COREDNS, documents, namespace, pod } from './yamlParts';

const DENY_EGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-egress
  namespace: shop
spec:
  podSelector: {}
  policyTypes:
    - Egress`;

/** Recipes about the world outside the cluster and cluster services like DNS. */
export const OUTSIDE_RECIPES: readonly Recipe[] = [
  {
    id: 'egress-public-ipblock-except',
    title: 'Egress to public addresses only (ipBlock with except)',
    category: 'outside',
    summary:
      'ipBlock 0.0.0.0/0 with except carves the private ranges (10/8, 172.16/12, 192.168/16) out of "everywhere".\nThe pod reaches the internet but not private addresses, and so not the other pods, whose IPs are private.',
    yaml: documents(
      namespace('shop'),
      pod('shop', 'web', { app: 'web' }, { ip: '10.0.1.10' }),
      pod('shop', 'db', { app: 'db' }, { ports: ['5432'], ip: '10.0.1.20' }),
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-egress-public-only
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes:
    - Egress
  egress:
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except:
              - 10.0.0.0/8
              - 172.16.0.0/12
              - 192.168.0.0/16`,
      connectivityTest(
        'egress-public-ipblock-except',
        `
    - description: a public address is allowed
      from: shop/web
      to: { ip: 8.8.8.8 }
      port: 443/TCP
      expect: allowed
    - description: private ranges are excepted
      from: shop/web
      to: { ip: 192.168.1.10 }
      port: 443/TCP
      expect: blocked
    - from: shop/web
      to: { ip: 172.20.0.1 }
      port: 443/TCP
      expect: blocked
    - description: pods have private IPs, so they are out of reach too
      from: shop/web
      to: shop/db
      port: 5432/TCP
      expect: blocked`,
      ),
    ),
  },
  {
    id: 'allow-from-outside',
    title: 'Allow traffic from outside the cluster',
    category: 'outside',
    summary:
      'Outside clients are not pods, so pod and namespace selectors never match them: an ipBlock must name their addresses.\nHere 0.0.0.0/0 on port 80 opens the web frontend to the world, while the database stays closed.',
    yaml: documents(
      namespace('shop'),
      pod('shop', 'web', { app: 'web' }, { ports: ['80', '22'] }),
      pod('shop', 'db', { app: 'db' }, { ports: ['5432'] }),
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
  name: web-from-anywhere
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
    - from:
        - ipBlock:
            cidr: 0.0.0.0/0
      ports:
        - port: 80`,
      connectivityTest(
        'allow-from-outside',
        `
    - description: an outside client reaches the frontend on 80
      from: { ip: 203.0.113.10 }
      to: shop/web
      port: 80/TCP
      expect: allowed
    - description: only on 80
      from: { ip: 203.0.113.10 }
      to: shop/web
      port: 22/TCP
      expect: blocked
    - description: the database stays closed
      from: { ip: 203.0.113.10 }
      to: shop/db
      port: 5432/TCP
      expect: blocked`,
      ),
    ),
  },
  {
    id: 'allow-dns-egress',
    title: 'Allow DNS egress',
    category: 'outside',
    summary:
      'After a default deny of egress, allow UDP and TCP 53 to the kube-dns pods in kube-system, and names resolve again.\nThe peer combines namespaceSelector AND podSelector, so only the cluster DNS is opened, not port 53 everywhere.',
    yaml: documents(
      namespace('shop'),
      pod('shop', 'web', { app: 'web' }),
      pod('shop', 'api', { app: 'api' }, { ports: ['8080'] }),
      namespace('kube-system'),
      COREDNS,
      DENY_EGRESS,
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-dns
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
        - protocol: UDP
          port: 53
        - protocol: TCP
          port: 53`,
      connectivityTest(
        'allow-dns-egress',
        `
    - description: DNS over UDP works again
      from: { namespace: shop }
      to: kube-system/coredns
      port: 53/UDP
      expect: allowed
    - description: and over TCP (large answers)
      from: { namespace: shop }
      to: kube-system/coredns
      port: 53/TCP
      expect: allowed
    - description: only the cluster DNS, not an outside resolver
      from: shop/web
      to: { ip: 8.8.8.8 }
      port: 53/UDP
      expect: blocked
    - description: everything else is still denied
      from: shop/web
      to: shop/api
      port: 8080/TCP
      expect: blocked`,
      ),
    ),
  },
];
