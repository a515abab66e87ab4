import { diffConnectivity, formatConnectivityDiff, formatPortQuery } from '../../engine';
import type { ConnectivityDiff, PortQuery } from '../../engine';
import { CliError, EXIT, type CliIo } from '../io';
import { parseCommandArgs, parsePortArg } from '../parseArguments';
import { loadForEvaluation } from './shared';

/** `netpol diff --help`. */
export const DIFF_HELP = `Usage: netpol diff OLD NEW [--port PORT[/PROTO]]... [--external IP]... [--format text|json]
                  [--exit-code] [--no-ipblock-pod-ips]

Semantic diff of two versions of a workspace: the connections gained (blocked in OLD,
allowed in NEW) and lost (allowed in OLD, blocked in NEW) between the pods and workloads
present in both, per port question, and the pods present in only one version.
Without --port, a connection means SOME port and protocol is allowed both ways (--port any).

Options:
  --port P             80/TCP, 53/UDP, http/TCP, or any; repeatable
  --external IP        also compare connections to and from an outside address; repeatable
  --format F           text (default) or json
  --exit-code          exit 1 when a connection was gained or lost, or a pod or workload
                       was added or removed
  --no-ipblock-pod-ips ipBlock peers do not match pod IPs (plugin-dependent; default: they do)
  -h, --help           show this help
OLD or NEW (not both) may be - for standard input. Exit code 0 (1 with --exit-code and
changes); 2 on bad input.
`;

/** Runs `netpol diff`. */
export async function runDiff(args: readonly string[], io: CliIo): Promise<number> {
  const { positionals, values } = parseCommandArgs(args, {
    port: { type: 'string', multiple: true, short: 'p' },
    external: { type: 'string', multiple: true },
    format: { type: 'string', short: 'f' },
    'exit-code': { type: 'boolean' },
    'no-ipblock-pod-ips': { type: 'boolean' },
  });
  if (values['help']) {
    io.stdout(DIFF_HELP);
    return EXIT.ok;
  }
  const format = values['format'] ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new CliError(`bad --format ${JSON.stringify(format)}: expected text or json`);
  const [oldFile, newFile, ...extra] = positionals;
  if (oldFile === undefined || newFile === undefined || extra.length > 0)
    throw new CliError('diff needs exactly two files: OLD NEW');
  if (oldFile === '-' && newFile === '-')
    throw new CliError('standard input (-) can be read only once: give OLD or NEW as a file');
  const ports: PortQuery[] = ((values['port'] as string[] | undefined) ?? ['any']).map(parsePortArg);
  const externals = (values['external'] as string[] | undefined) ?? [];
  const before = await loadForEvaluation([oldFile], io, values);
  const after = await loadForEvaluation([newFile], io, values);
  const diff = diffConnectivity(before.workspace, after.workspace, ports, externals);
  if (diff.problems.length > 0)
    throw new CliError(diff.problems.map((p) => `bad --external: ${p}`).join('\n'));
  io.stdout(
    format === 'json' ? `${JSON.stringify(diffToJson(diff), null, 2)}\n` : formatConnectivityDiff(diff),
  );
  const changed =
    diff.gained.length > 0 || diff.lost.length > 0 || diff.onlyInOld.length > 0 || diff.onlyInNew.length > 0;
  return values['exit-code'] && changed ? EXIT.findings : EXIT.ok;
}

/** The diff as plain JSON: ports as text, changes as `{from, to, port}`. */
export function diffToJson(d: ConnectivityDiff): Record<string, unknown> {
  const change = (c: ConnectivityDiff['gained'][number]): Record<string, string> => ({
    from: c.from,
    to: c.to,
    port: formatPortQuery(c.port),
  });
  return {
    ports: d.ports.map(formatPortQuery),
    gained: d.gained.map(change),
    lost: d.lost.map(change),
    onlyInOld: d.onlyInOld,
    onlyInNew: d.onlyInNew,
    unchanged: d.unchanged,
  };
}
