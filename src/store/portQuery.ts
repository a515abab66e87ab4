import type { PortQuery, Protocol } from '../engine';

/** Reads `80/TCP`, `http/TCP`, `53/udp`, `8080` (TCP) or `any`; null when it is none of these. */
export function parsePortQuery(text: string): PortQuery | null {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.toLowerCase() === 'any') return 'any';
  const match = /^([A-Za-z0-9-]+)(?:\/(tcp|udp|sctp))?$/i.exec(trimmed);
  if (!match?.[1]) return null;
  const protocol = (match[2]?.toUpperCase() ?? 'TCP') as Protocol;
  if (!/^\d+$/.test(match[1]))
    return /^[a-z0-9-]{1,15}$/.test(match[1]) ? { port: match[1], protocol } : null;
  const port = Number(match[1]);
  return port >= 1 && port <= 65535 ? { port, protocol } : null;
}

/** The text `parsePortQuery` reads back. */
export function formatPortQueryText(query: PortQuery): string {
  return query === 'any' ? 'any' : `${query.port}/${query.protocol}`;
}
