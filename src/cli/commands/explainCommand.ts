import { evaluateConnection, explainVerdict } from '../../engine';
import { CliError, EXIT, type CliIo } from '../io';
import { parseCommandArgs, parseEndpointArg, parsePortArg } from '../parseArguments';
import { loadForEvaluation } from './shared';

/** `netpol explain --help`. */
export const EXPLAIN_HELP = `Usage: netpol explain FILE... --from NS/POD|IP --to NS/POD|IP [--port PORT[/PROTO]]
                      [--json] [--no-ipblock-pod-ips]

Says whether one connection is allowed and why: for egress at the source and ingress at the
destination, which policies isolate the side and which rule (policy, rule, peer and port
entry) admits the connection, or that none does.

Options:
  --from E             source: NAMESPACE/POD (or workload name), or an IP address
  --to E               destination: NAMESPACE/POD, or an IP address
  --port P             80/TCP, 53/UDP, http/TCP, or any (default: any)
  --json               print the verdict as JSON instead of text
  --no-ipblock-pod-ips ipBlock peers do not match pod IPs (plugin-dependent; default: they do)
  -h, --help           show this help
FILE may be - for standard input. Exit code 0 whether allowed or blocked; 2 on bad input.
`;

/** Runs `netpol explain`. */
export async function runExplain(args: readonly string[], io: CliIo): Promise<number> {
  const { positionals, values } = parseCommandArgs(args, {
    from: { type: 'string' },
    to: { type: 'string' },
    port: { type: 'string', short: 'p' },
    json: { type: 'boolean' },
    'no-ipblock-pod-ips': { type: 'boolean' },
  });
  if (values['help']) {
    io.stdout(EXPLAIN_HELP);
    return EXIT.ok;
  }
  if (typeof values['from'] !== 'string' || typeof values['to'] !== 'string') {
    throw new CliError('explain needs --from and --to (NAMESPACE/POD or an IP address)');
  }
  const from = parseEndpointArg(values['from'], '--from');
  const to = parseEndpointArg(values['to'], '--to');
  const port = parsePortArg(typeof values['port'] === 'string' ? values['port'] : 'any');
  const { workspace } = await loadForEvaluation(positionals, io, values);
  const verdict = evaluateConnection(workspace, from, to, port);
  if (verdict.reason === 'unknown-endpoint') {
    const known = workspace.pods.map((p) => p.key).join(', ') || '(none)';
    throw new CliError(`${verdict.problems.join('; ')}\nknown pods and workloads: ${known}`);
  }
  io.stdout(values['json'] ? `${JSON.stringify(verdict, null, 2)}\n` : `${explainVerdict(verdict)}\n`);
  return EXIT.ok;
}
