/**
 * The YAML pane's schema for the cluster-scoped policies of the Network Policy API
 * (policy.networking.k8s.io): AdminNetworkPolicy and BaselineAdminNetworkPolicy (v1alpha1),
 * ClusterNetworkPolicy (v1alpha2). Written in our own words, like `workspaceSchema.ts`.
 */
import type { JSONSchema } from 'monaco-yaml';

const str = (description: string): JSONSchema => ({ type: 'string', description });

/** The `spec` schema of each admin-tier kind, built on the workspace schema's label selector. */
export function adminPolicySpecs(labelSelector: JSONSchema): Record<string, JSONSchema> {
  const adminPodsSelector: JSONSchema = {
    type: 'object',
    description: 'Pods matching podSelector in namespaces matching namespaceSelector (both must hold).',
    properties: { namespaceSelector: labelSelector, podSelector: labelSelector },
    additionalProperties: false,
  };
  const adminSubject: JSONSchema = {
    type: 'object',
    description:
      'The pods this policy applies to: every pod of the namespaces selected by `namespaces`, or the pods selected by `pods`. Exactly one of them.',
    properties: {
      namespaces: { ...labelSelector, description: 'Every pod of the namespaces matching this selector.' },
      pods: adminPodsSelector,
    },
    additionalProperties: false,
  };
  const adminPeerProperties = (direction: 'from' | 'to'): Record<string, JSONSchema> => ({
    namespaces: { ...labelSelector, description: 'Every pod of the namespaces matching this selector.' },
    pods: adminPodsSelector,
    ...(direction === 'to'
      ? {
          networks: {
            type: 'array',
            items: { type: 'string' },
            description:
              'CIDRs (egress only): addresses outside the cluster, and pods and nodes by their IPs.',
          },
          nodes: { ...labelSelector, description: 'Nodes (egress only), by their labels.' },
        }
      : {}),
  });
  const portNumber: JSONSchema = {
    type: 'object',
    required: ['port'],
    properties: {
      protocol: { enum: ['TCP', 'UDP', 'SCTP'], description: 'Missing means TCP.' },
      port: { type: 'integer', minimum: 1, maximum: 65535 },
    },
    additionalProperties: false,
  };
  const v1alpha1Ports: JSONSchema = {
    type: 'array',
    description:
      'Destination ports; missing means every port. One of portNumber, portRange or namedPort per entry.',
    items: {
      type: 'object',
      properties: {
        portNumber,
        portRange: {
          type: 'object',
          required: ['start', 'end'],
          properties: {
            protocol: { enum: ['TCP', 'UDP', 'SCTP'], description: 'Missing means TCP.' },
            start: { type: 'integer', minimum: 1, maximum: 65535 },
            end: { type: 'integer', minimum: 1, maximum: 65535 },
          },
          additionalProperties: false,
        },
        namedPort: str("A container port name, resolved on the destination pod (with that port's protocol)."),
      },
      additionalProperties: false,
    },
  };
  const destinationPort: JSONSchema = {
    type: 'object',
    description: 'One port (`number`) or a range (`range: {start, end}`).',
    properties: {
      number: { type: 'integer', minimum: 1, maximum: 65535 },
      range: {
        type: 'object',
        properties: { start: { type: 'integer' }, end: { type: 'integer' } },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  };
  const v1alpha2Protocols: JSONSchema = {
    type: 'array',
    description: 'Destination protocols and ports; missing means every port.',
    items: {
      type: 'object',
      properties: {
        tcp: { type: 'object', properties: { destinationPort }, additionalProperties: false },
        udp: { type: 'object', properties: { destinationPort }, additionalProperties: false },
        sctp: { type: 'object', properties: { destinationPort }, additionalProperties: false },
        destinationNamedPort: str('A container port name, resolved on the destination pod.'),
      },
      additionalProperties: false,
    },
  };
  const adminRule = (
    direction: 'from' | 'to',
    actions: readonly string[],
    ports: Record<string, JSONSchema>,
  ): JSONSchema => ({
    type: 'object',
    required: ['action', direction],
    properties: {
      name: str('A name for the rule (shown in explanations).'),
      action: {
        enum: [...actions],
        description:
          'Allow/Accept admits the traffic, Deny blocks it, Pass hands it to the next tier. The first matching rule decides.',
      },
      [direction]: {
        type: 'array',
        description:
          direction === 'from'
            ? 'Where the traffic comes from: any peer matches.'
            : 'Where it goes: any peer matches.',
        items: { type: 'object', properties: adminPeerProperties(direction), additionalProperties: false },
      },
      ...ports,
    },
    additionalProperties: false,
  });
  const adminSpec = (options: {
    priority: boolean;
    tier: boolean;
    actions: readonly string[];
    ports: Record<string, JSONSchema>;
  }): JSONSchema => ({
    type: 'object',
    required: ['subject', ...(options.priority ? ['priority'] : []), ...(options.tier ? ['tier'] : [])],
    properties: {
      ...(options.tier
        ? {
            tier: {
              enum: ['Admin', 'Baseline'],
              description: 'Admin: before NetworkPolicies; Baseline: after them.',
            },
          }
        : {}),
      ...(options.priority
        ? {
            priority: {
              type: 'integer',
              minimum: 0,
              maximum: 1000,
              description:
                'Lower numbers are decided first. Two policies with the same priority have no defined order.',
            },
          }
        : {}),
      subject: adminSubject,
      ingress: {
        type: 'array',
        description: 'Rules for traffic into the subject pods, in order: the first match decides.',
        items: adminRule('from', options.actions, options.ports),
      },
      egress: {
        type: 'array',
        description: 'Rules for traffic out of the subject pods, in order: the first match decides.',
        items: adminRule('to', options.actions, options.ports),
      },
    },
    additionalProperties: false,
  });

  return {
    AdminNetworkPolicy: adminSpec({
      priority: true,
      tier: false,
      actions: ['Allow', 'Deny', 'Pass'],
      ports: { ports: v1alpha1Ports },
    }),
    BaselineAdminNetworkPolicy: adminSpec({
      priority: false,
      tier: false,
      actions: ['Allow', 'Deny'],
      ports: { ports: v1alpha1Ports },
    }),
    ClusterNetworkPolicy: adminSpec({
      priority: true,
      tier: true,
      actions: ['Accept', 'Deny', 'Pass'],
      ports: { protocols: v1alpha2Protocols },
    }),
  };
}
