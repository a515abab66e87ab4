/**
 * The JSON schema the YAML pane validates against, written by us in our own words.
 * One schema covers every document of the workspace: the `kind` of each document
 * picks the branch (`if`/`then`), and unknown kinds are accepted as they are.
 * `additionalProperties: false` on the objects we understand turns a misspelt field
 * into a marker, which is the most common typing mistake.
 */
import type { JSONSchema } from 'monaco-yaml';
import { adminPolicySpecs } from './adminPolicySchema';

const str = (description: string): JSONSchema => ({ type: 'string', description });
const labels = (description: string): JSONSchema => ({
  type: 'object',
  description,
  additionalProperties: { type: 'string' },
});

const objectMeta: JSONSchema = {
  type: 'object',
  description: 'Name, namespace and labels of the object.',
  properties: {
    name: str('Object name: lower-case letters, digits and "-", at most 63 characters for most kinds.'),
    namespace: str('Namespace of the object. Missing means "default".'),
    labels: labels('Key/value labels that selectors match against.'),
    annotations: labels('Free-form notes; never used for selection.'),
    generateName: str('Prefix for a server-generated name.'),
    uid: str('Set by the API server; stripped on export.'),
    resourceVersion: str('Set by the API server; stripped on export.'),
    generation: { type: 'integer' },
    creationTimestamp: { description: 'Set by the API server; stripped on export.' },
    managedFields: { type: 'array', description: 'Set by the API server; stripped on export.' },
    ownerReferences: { type: 'array' },
    finalizers: { type: 'array', items: { type: 'string' } },
  },
  additionalProperties: false,
};

const labelSelector: JSONSchema = {
  type: 'object',
  description:
    'Selects objects by label. `{}` selects everything; matchLabels and matchExpressions must all hold.',
  properties: {
    matchLabels: labels('Every key must be present with exactly this value.'),
    matchExpressions: {
      type: 'array',
      description: 'Every expression must hold.',
      items: {
        type: 'object',
        required: ['key', 'operator'],
        properties: {
          key: str('Label key the expression tests.'),
          operator: {
            enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'],
            description:
              'In / NotIn test the value against `values` (a missing key matches NotIn); Exists / DoesNotExist test the key only.',
          },
          values: {
            type: 'array',
            items: { type: 'string' },
            description: 'Required for In and NotIn; must be empty for Exists and DoesNotExist.',
          },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
};

const protocol: JSONSchema = {
  enum: ['TCP', 'UDP', 'SCTP'],
  description: 'Transport protocol. Missing means TCP.',
};

const policyPort: JSONSchema = {
  type: 'object',
  properties: {
    protocol,
    port: {
      type: ['integer', 'string'],
      description: 'A port number, or the name of a container port on the destination pod.',
    },
    endPort: {
      type: 'integer',
      description: 'Last port of a range that starts at `port` (which must be a number).',
    },
  },
  additionalProperties: false,
};

const peer: JSONSchema = {
  type: 'object',
  description:
    'One peer. podSelector and namespaceSelector in the SAME item must both match (AND); separate items are alternatives (OR).',
  properties: {
    podSelector: {
      ...labelSelector,
      description: 'Pods, in the policy namespace unless namespaceSelector is also given.',
    },
    namespaceSelector: {
      ...labelSelector,
      description: 'Namespaces whose pods are peers. `{}` means every namespace.',
    },
    ipBlock: {
      type: 'object',
      required: ['cidr'],
      properties: {
        cidr: str('An IPv4 or IPv6 range, e.g. 10.0.0.0/16.'),
        except: {
          type: 'array',
          items: { type: 'string' },
          description: 'Ranges inside `cidr` that are left out.',
        },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

const rule = (peersKey: 'from' | 'to'): JSONSchema => ({
  type: 'object',
  description:
    'Traffic admitted when it matches one of the peers AND one of the ports. A missing list means "all".',
  properties: {
    [peersKey]: {
      type: 'array',
      items: peer,
      description: 'Missing or empty: every peer, inside or outside the cluster.',
    },
    ports: { type: 'array', items: policyPort, description: 'Missing or empty: every port and protocol.' },
  },
  additionalProperties: false,
});

const networkPolicySpec: JSONSchema = {
  type: 'object',
  required: ['podSelector'],
  properties: {
    podSelector: {
      ...labelSelector,
      description: 'The pods of this namespace the policy applies to. `{}` selects all of them.',
    },
    policyTypes: {
      type: 'array',
      items: { enum: ['Ingress', 'Egress'] },
      description:
        'Directions this policy isolates. Missing: Ingress, plus Egress when an egress list is given.',
    },
    ingress: {
      type: 'array',
      items: rule('from'),
      description: 'Allowed incoming traffic. `[]` allows none.',
    },
    egress: { type: 'array', items: rule('to'), description: 'Allowed outgoing traffic. `[]` allows none.' },
  },
  additionalProperties: false,
};

const containerPort: JSONSchema = {
  type: 'object',
  required: ['containerPort'],
  properties: {
    containerPort: { type: 'integer', minimum: 1, maximum: 65535 },
    name: str('Port name that policies can refer to (at most 15 characters).'),
    protocol,
    hostPort: { type: 'integer' },
    hostIP: { type: 'string' },
  },
  additionalProperties: false,
};

const podSpec: JSONSchema = {
  type: 'object',
  description: 'What the pod runs. Only the fields that matter for network policy are checked closely.',
  properties: {
    nodeName: str('Node the pod runs on; traffic between a pod and its node is always allowed.'),
    hostNetwork: { type: 'boolean', description: 'Uses the node network: not selectable by pod selectors.' },
    containers: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          image: { type: 'string' },
          ports: { type: 'array', items: containerPort },
        },
      },
    },
  },
};

const podTemplate: JSONSchema = {
  type: 'object',
  description: 'Template of the pods this workload creates; its labels are what policies select.',
  properties: { metadata: objectMeta, spec: podSpec },
};

const workloadSpec: JSONSchema = {
  type: 'object',
  properties: {
    replicas: { type: 'integer', minimum: 0 },
    selector: labelSelector,
    template: podTemplate,
  },
};

const side: JSONSchema = {
  description:
    'A pod or workload (NAMESPACE/NAME), {ip: ADDRESS}, or {namespace, namespaceSelector, podSelector} (all must hold).',
  anyOf: [
    { type: 'string' },
    {
      type: 'object',
      properties: {
        ip: str('An address outside the cluster.'),
        pod: str('A pod or workload name (with `namespace`) or NAMESPACE/NAME.'),
        namespace: str('Every pod of this namespace.'),
        namespaceSelector: labelSelector,
        podSelector: labelSelector,
      },
      additionalProperties: false,
    },
  ],
};

const connectivityTestSpec: JSONSchema = {
  type: 'object',
  description:
    'Connectivity checks of NetPol Canvas: run live on the canvas and by `netpol test`; kubectl does not know this kind.',
  properties: {
    expectations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['from', 'to', 'expect'],
        properties: {
          description: str('What this check is about.'),
          from: side,
          to: side,
          port: {
            type: ['string', 'integer'],
            description: 'PORT/PROTOCOL (80/TCP), NAME/PROTOCOL (http/TCP), or any (the default).',
          },
          expect: {
            enum: ['allowed', 'blocked'],
            description: 'Every pair the two sides select must be so.',
          },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
};

const kindBranch = (
  kind: string,
  spec: JSONSchema | undefined,
  extra: Record<string, JSONSchema> = {},
): JSONSchema => ({
  if: { properties: { kind: { const: kind } }, required: ['kind'] },
  then: {
    properties: {
      apiVersion: { type: 'string' },
      kind: { const: kind },
      metadata: objectMeta,
      ...(spec ? { spec } : {}),
      status: { description: 'Set by the cluster; ignored and stripped on export.' },
      ...extra,
    },
    additionalProperties: false,
  },
});

export const workspaceSchema: JSONSchema = {
  type: 'object',
  title: 'Kubernetes object',
  properties: {
    apiVersion: str('API group and version, e.g. networking.k8s.io/v1.'),
    kind: str(
      'Object kind: NetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy, Namespace, Pod, Deployment, Node, List...',
    ),
  },
  allOf: [
    kindBranch('NetworkPolicy', networkPolicySpec),
    kindBranch('Namespace', { type: 'object' }),
    kindBranch('Pod', podSpec),
    ...['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job'].map((k) =>
      kindBranch(k, workloadSpec),
    ),
    kindBranch('CronJob', {
      type: 'object',
      properties: {
        schedule: { type: 'string' },
        jobTemplate: { type: 'object', properties: { spec: workloadSpec } },
      },
    }),
    kindBranch('Node', { type: 'object' }),
    kindBranch('List', undefined, { items: { type: 'array', items: { type: 'object' } } }),
    kindBranch('ConnectivityTest', connectivityTestSpec),
    ...Object.entries(adminPolicySpecs(labelSelector)).map(([kind, spec]) => kindBranch(kind, spec)),
  ],
};
