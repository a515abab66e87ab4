import { checkPortName } from '../../engine';
import type { ContainerPort, Protocol } from '../../engine';

/** A container port as written in a pod spec. */
export interface ContainerPortSpec {
  containerPort: number;
  name?: string;
  protocol?: Protocol;
}

/** Ports as the inspector shows them: `http:80/TCP, 9090, dns:53/UDP`. */
export function formatContainerPorts(ports: readonly ContainerPort[]): string {
  return ports.map((p) => `${p.name ? `${p.name}:` : ''}${p.port}/${p.protocol}`).join(', ');
}

/** Reads `[name:]port[/protocol]` items separated by commas or spaces. */
export function parseContainerPorts(text: string): { ports: ContainerPortSpec[] } | { error: string } {
  const ports: ContainerPortSpec[] = [];
  for (const item of text.split(/[,\s]+/).filter((p) => p !== '')) {
    const match = /^(?:([a-z0-9-]+):)?(\d+)(?:\/(tcp|udp|sctp))?$/i.exec(item);
    const number = Number(match?.[2]);
    if (!match || number < 1 || number > 65535)
      return { error: `"${item}" is not [name:]port[/TCP|UDP|SCTP]` };
    const name = match[1];
    const problem = name ? checkPortName(name)[0] : undefined;
    if (problem) return { error: `${item}: ${problem}` };
    ports.push({
      ...(name ? { name } : {}),
      containerPort: number,
      ...(match[3] ? { protocol: match[3].toUpperCase() as Protocol } : {}),
    });
  }
  return { ports };
}
