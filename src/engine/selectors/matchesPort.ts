import type { PortMatcher } from '../model/policy';
import type { ContainerPort, Protocol } from '../model/resources';
import { assertNever } from '../model/ids';
import { EMPTY_PORT_SET, MAX_PORT, MIN_PORT, portSetOf, unionPortSets, type PortSet } from './portSet';

/**
 * A concrete connection port. `port` is undefined when the question named a port that the
 * destination pod does not define: only port-agnostic entries can admit it.
 */
export type ConcretePort = { readonly protocol: Protocol; readonly port: number | undefined };

/**
 * Whether one `NetworkPolicyPort` admits a connection port (NetworkPolicy `ports` semantics):
 * the protocol must match (a UDP or SCTP entry never admits TCP); no `port` admits every port of
 * the protocol; `endPort` makes an inclusive range; a named port is resolved against the
 * **destination** pod's container ports, and admits only when a container port has that name
 * AND that protocol AND the connection's port number.
 */
export function matchesPort(
  m: PortMatcher,
  q: ConcretePort,
  destinationPorts: readonly ContainerPort[],
): boolean {
  if (m.protocol !== q.protocol) return false;
  switch (m.kind) {
    case 'protocol':
      return true;
    case 'number':
      return q.port === m.port;
    case 'range':
      return q.port !== undefined && q.port >= m.port && q.port <= m.endPort;
    case 'named':
      return (
        q.port !== undefined &&
        destinationPorts.some((c) => c.name === m.name && c.protocol === m.protocol && c.port === q.port)
      );
    default:
      return assertNever(m);
  }
}

/** The set of ports one entry admits toward a destination (named ports resolved there). */
export function portSetOfMatcher(m: PortMatcher, destinationPorts: readonly ContainerPort[]): PortSet {
  switch (m.kind) {
    case 'protocol':
      return portSetOf(m.protocol, MIN_PORT, MAX_PORT);
    case 'number':
      return portSetOf(m.protocol, m.port, m.port);
    case 'range':
      return portSetOf(m.protocol, m.port, m.endPort);
    case 'named':
      return destinationPorts
        .filter((c) => c.name === m.name && c.protocol === m.protocol)
        .reduce((acc, c) => unionPortSets(acc, portSetOf(c.protocol, c.port, c.port)), EMPTY_PORT_SET);
    default:
      return assertNever(m);
  }
}

/**
 * Resolves a question's port against the destination's container ports: a number stays, a
 * name becomes the number of the container port with that name and protocol (or undefined).
 */
export function resolveQueryPort(
  port: number | string,
  protocol: Protocol,
  destinationPorts: readonly ContainerPort[],
): ConcretePort {
  if (typeof port === 'number') return { protocol, port };
  const hit = destinationPorts.find((c) => c.name === port && c.protocol === protocol);
  return { protocol, port: hit?.port };
}
