import { computeTruthTable, formatTruthTable } from '../../engine';
import type { PortQuery, TableFormat } from '../../engine';
import { CliError, EXIT, type CliIo } from '../io';
import { parseCommandArgs, parsePortArg } from '../parseArguments';
import { loadForEvaluation } from './shared';

/** `netpol matrix --help`. */
export const MATRIX_HELP = `Usage: netpol matrix FILE... [--port PORT[/PROTO]]... [--format text|json|csv|md]
                     [--external IP]... [--no-ipblock-pod-ips]

Prints the truth table over every pod and workload (rows: from, columns: to), plus the
outside addresses given with --external. Without --port, a cell says whether SOME port and
protocol is allowed both ways (--port any).

Options:
  --port P             80/TCP, 53/UDP, http/TCP (a named container port), or any; repeatable
  --format F           text (default), json, csv or md
  --external IP        add an outside IPv4/IPv6 address as a row and column; repeatable
  --no-ipblock-pod-ips ipBlock peers do not match pod IPs (plugin-dependent; default: they do)
  -h, --help           show this help
FILE may be - for standard input.
`;

const FORMATS: readonly TableFormat[] = ['text', 'json', 'csv', 'md'];

/** Runs `netpol matrix`. */
export async function runMatrix(args: readonly string[], io: CliIo): Promise<number> {
  const { positionals, values } = parseCommandArgs(args, {
    port: { type: 'string', multiple: true, short: 'p' },
    format: { type: 'string', short: 'f' },
    external: { type: 'string', multiple: true },
    'no-ipblock-pod-ips': { type: 'boolean' },
  });
  if (values['help']) {
    io.stdout(MATRIX_HELP);
    return EXIT.ok;
  }
  const format = (values['format'] ?? 'text') as TableFormat;
  if (!FORMATS.includes(format))
    throw new CliError(`bad --format ${JSON.stringify(format)}: expected text, json, csv or md`);
  const ports: PortQuery[] = ((values['port'] as string[] | undefined) ?? ['any']).map(parsePortArg);
  const { workspace } = await loadForEvaluation(positionals, io, values);
  const table = computeTruthTable(workspace, {
    ports,
    externals: (values['external'] as string[] | undefined) ?? [],
  });
  if (table.problems.length > 0)
    throw new CliError(table.problems.map((p) => `bad --external: ${p}`).join('\n'));
  io.stdout(formatTruthTable(table, format));
  return EXIT.ok;
}
