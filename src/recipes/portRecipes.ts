import type { Recipe } from './types';
import { connectivityTest, documents, namespace, pod } from './yamlParts';

/** Recipes about the `ports` of a rule. */
export const PORT_RECIPES: readonly Recipe[] = [
  {
    id: 'named-ports',
    title: 'Named ports',
    category: 'ports',
    summary:
      'A rule can name a container port (port: http) instead of a number; it resolves per destination pod.\nTwo pods may serve "http" on different numbers: each is reachable on its own number, and only there.',
    yaml: documents(
      namespace('shop'),
      pod('shop', 'web', { app: 'web' }),
      pod('shop', 'api', { app: 'api' }, { ports: ['8080 http', '9090 metrics'] }),
      pod('shop', 'api-v2', { app: 'api' }, { ports: ['8081 http', '9090 metrics'] }),
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-http-from-web
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
        - protocol: TCP
          port: http`,
      connectivityTest(
        'named-ports',
        `
    - description: http is 8080 on api
      from: shop/web
      to: shop/api
      port: 8080/TCP
      expect: allowed
    - description: the metrics port is not named in the rule
      from: shop/web
      to: shop/api
      port: 9090/TCP
      expect: blocked
    - description: http is 8081 on api-v2
      from: shop/web
      to: shop/api-v2
      port: 8081/TCP
      expect: allowed
    - description: so 8080 is closed there
      from: shop/web
      to: shop/api-v2
      port: 8080/TCP
      expect: blocked
    - description: asking by name works for both
      from: shop/web
      to: { namespace: shop, podSelector: { matchLabels: { app: api } } }
      port: http/TCP
      expect: allowed`,
      ),
    ),
  },
  {
    id: 'port-range-endport',
    title: 'Port ranges with endPort',
    category: 'ports',
    summary:
      'port with endPort admits a whole range, both ends included (here 32000-32768/TCP).\nendPort needs a numeric port, and the protocol still counts: the same numbers over UDP stay closed.',
    yaml: documents(
      namespace('media'),
      pod('media', 'client', { app: 'client' }),
      pod('media', 'streamer', { app: 'streamer' }, { ports: ['32000'] }),
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: streamer-port-range
  namespace: media
spec:
  podSelector:
    matchLabels:
      app: streamer
  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: client
      ports:
        - protocol: TCP
          port: 32000
          endPort: 32768`,
      connectivityTest(
        'port-range-endport',
        `
    - description: the first port of the range
      from: media/client
      to: media/streamer
      port: 32000/TCP
      expect: allowed
    - description: the last port is included
      from: media/client
      to: media/streamer
      port: 32768/TCP
      expect: allowed
    - description: one past the end
      from: media/client
      to: media/streamer
      port: 32769/TCP
      expect: blocked
    - description: one before the start
      from: media/client
      to: media/streamer
      port: 31999/TCP
      expect: blocked
    - description: same numbers, other protocol
      from: media/client
      to: media/streamer
      port: 32100/UDP
      expect: blocked`,
      ),
    ),
  },
];
