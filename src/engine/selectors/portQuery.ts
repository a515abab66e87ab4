/**
 * Port questions as people type them (`80/TCP`, `53/udp`, `http/TCP`, `8080`, `any`): read
 * by the CLI's `--port`, the canvas's port picker and the connect dialog alike.
 */
import type { PortQuery, PortSpec } from '../model/verdict';
import { PROTOCOLS, type Protocol } from '../model/resources';

/** A port question read from text, or why the text is not one. */
export type PortQueryReading =
  { readonly ok: true; readonly query: PortQuery } | { readonly ok: false; readonly reason: string };

/**
 * Reads `80`, `80/TCP`, `53/udp`, `http/TCP` or `any` (the protocol defaults to TCP; an
 * empty text is `any`). A name is a container port name (an IANA_SVC_NAME: 1-15
 * lower-case letters, digits and inner hyphens).
 */
export function readPortQuery(text: string): PortQueryReading {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.toLowerCase() === 'any') return { ok: true, query: 'any' };
  const [portText = '', protoText = 'TCP', extra] = trimmed.split('/');
  const protocol = protoText.toUpperCase() as Protocol;
  if (extra !== undefined || !PROTOCOLS.includes(protocol)) {
    return { ok: false, reason: 'expected PORT[/TCP|UDP|SCTP] or any, e.g. 80/TCP, 53/UDP, http/TCP' };
  }
  if (/^\d+$/.test(portText)) {
    const port = Number(portText);
    if (port < 1 || port > 65535) return { ok: false, reason: 'port must be 1-65535' };
    return { ok: true, query: { port, protocol } satisfies PortSpec };
  }
  if (!/^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/.test(portText)) {
    return { ok: false, reason: 'expected a number 1-65535 or a container port name' };
  }
  return { ok: true, query: { port: portText, protocol } };
}

/** {@link readPortQuery}'s question, or null when the text is not one. */
export function parsePortQuery(text: string): PortQuery | null {
  const reading = readPortQuery(text);
  return reading.ok ? reading.query : null;
}

/** The text {@link readPortQuery} reads back: `80/TCP`, `http/TCP`, `any`. */
export function formatPortQueryText(query: PortQuery): string {
  return query === 'any' ? 'any' : `${query.port}/${query.protocol}`;
}
