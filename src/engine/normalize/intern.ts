import type { ContainerPort, Labels } from '../model/resources';

/**
 * Shares equal values between the objects of one load: label maps (same entries in the same
 * order), container port lists and names (namespaces, nodes). Replicas of a workload then
 * share one labels object and one port list instead of a copy each (at 100,000 pods the copies
 * were most of the workspace), and the fast engine recognises them by identity.
 */
export class Interner {
  private readonly strings = new Map<string, string>();
  private readonly labelMaps = new Map<string, Labels>();
  private readonly portLists = new Map<string, readonly ContainerPort[]>();

  string(s: string): string {
    const hit = this.strings.get(s);
    if (hit !== undefined) return hit;
    this.strings.set(s, s);
    return s;
  }

  labels<T extends Labels>(labels: T): T {
    let key = '';
    for (const k in labels) key += `${k}\u0002${labels[k]}\u0001`;
    const hit = this.labelMaps.get(key);
    if (hit !== undefined) return hit as T;
    this.labelMaps.set(key, labels);
    return labels;
  }

  ports<T extends readonly ContainerPort[]>(ports: T): T {
    if (ports.length === 0) return ports;
    const key = portsKey(ports);
    const hit = this.portLists.get(key);
    if (hit !== undefined) return hit as T;
    this.portLists.set(key, ports);
    return ports;
  }
}

/** A list of container ports as text (equal lists, equal text). */
export function portsKey(ports: readonly ContainerPort[]): string {
  // One flat string (`+=` would keep a tree of partial strings, kept as a map key).
  return ports.map((p) => `${p.name ?? ''}/${p.port}/${p.protocol};`).join('');
}
