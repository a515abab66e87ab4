import { parseArgs } from 'node:util';
import { canonicalIp, podKey, readPortQuery } from '../engine';
import type { Endpoint, PortQuery } from '../engine';
import { CliError } from './io';

/** Option definitions in `node:util` parseArgs form. */
export type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

/** Parses a command's arguments; unknown options are a usage error. */
export function parseCommandArgs(
  args: readonly string[],
  options: OptionSpec,
): { positionals: string[]; values: Record<string, unknown> } {
  try {
    const { positionals, values } = parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { positionals, values };
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message : String(e));
  }
}

/** Parses `80`, `80/TCP`, `53/udp`, `http/TCP` or `any` (protocol defaults to TCP). */
export function parsePortArg(text: string): PortQuery {
  const reading = readPortQuery(text);
  if (!reading.ok) throw new CliError(`bad --port ${JSON.stringify(text)}: ${reading.reason}`);
  return reading.query;
}

/** Parses `NS/POD`, `POD` (namespace `default`) or an IPv4/IPv6 address. */
export function parseEndpointArg(text: string, flag: string): Endpoint {
  const ip = canonicalIp(text);
  if (ip !== undefined) return { kind: 'ip', ip };
  const parts = text.split('/');
  if (parts.length === 1 && parts[0]) return { kind: 'pod', key: podKey('default', parts[0]) };
  if (parts.length === 2 && parts[0] && parts[1]) return { kind: 'pod', key: podKey(parts[0], parts[1]) };
  throw new CliError(`bad ${flag} ${JSON.stringify(text)}: expected NAMESPACE/POD or an IP address`);
}
