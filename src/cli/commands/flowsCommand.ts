import { analyzeFlows, MAX_UNOBSERVED } from '../../engine';
import type { Endpoint, FlowAnalysis } from '../../engine';
import { CliError, EXIT, readInputs, type CliIo } from '../io';
import { parseCommandArgs } from '../parseArguments';
import { loadForEvaluation } from './shared';
import { printFlowDiagnostics } from './synthCommand';

/** `netpol flows --help`. */
export const FLOWS_HELP = `Usage: netpol flows FILE... --flows FLOWS [--format text|json] [--exit-code]
                    [--no-ipblock-pod-ips]

Reads Hubble flows (hubble observe -o json: one JSON flow per line), matches their ends to the
pods and workloads of the files (namespace and pod name, a workload's generated-name prefix,
labels, pod IP; other addresses are outside), deduplicates them into connections and classes
each against the policies of the files:
  observed allowed   forwarded, and the workspace allows it
  observed blocked   forwarded, but the workspace would block it: applying it breaks this traffic
  dropped            the network dropped it
  allowed unobserved the workspace allows it on a port the destination declares, and no flow
                     used it (pod pairs with an end in a namespace the flows show): tighten?
Bad flow lines and unmatched endpoints are reported on stderr with their line numbers.

Options:
  --flows FLOWS        the Hubble flows file (- for standard input); required
  --format F           text (default) or json: {"flows":[{"from","to","port","protocol",
                       "observed","policy"}],"summary":{...}}; an outside end is {"ip":"..."},
                       an allowed but unobserved connection has "observed":"NONE"
  --exit-code          exit 1 when observed traffic would be blocked
  --no-ipblock-pod-ips ipBlock peers do not match pod IPs (plugin-dependent; default: they do)
  -h, --help           show this help
Exit code 0 (1 with --exit-code and observed-but-blocked traffic), 2 on bad usage or input.
`;

/** Runs `netpol flows`. */
export async function runFlows(args: readonly string[], io: CliIo): Promise<number> {
  const { positionals, values } = parseCommandArgs(args, {
    flows: { type: 'string' },
    format: { type: 'string', short: 'f' },
    'exit-code': { type: 'boolean' },
    'no-ipblock-pod-ips': { type: 'boolean' },
  });
  if (values['help']) {
    io.stdout(FLOWS_HELP);
    return EXIT.ok;
  }
  const format = values['format'] ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new CliError(`bad --format ${JSON.stringify(format)}: expected text or json`);
  const flowsFile = values['flows'];
  if (typeof flowsFile !== 'string') throw new CliError('flows needs --flows FLOWS (a Hubble flows file)');
  if (flowsFile === '-' && positionals.includes('-'))
    throw new CliError('standard input (-) can be read only once');
  const { workspace } = await loadForEvaluation(positionals, io, values);
  const [input] = await readInputs([flowsFile], io);
  const analysis = analyzeFlows(workspace, input?.text ?? '');
  printFlowDiagnostics(input?.name ?? flowsFile, analysis.diagnostics, io);
  io.stdout(
    format === 'json' ? `${JSON.stringify(flowsToJson(analysis), null, 2)}\n` : formatFlows(analysis),
  );
  return values['exit-code'] && analysis.summary.observedBlocked > 0 ? EXIT.findings : EXIT.ok;
}

const end = (e: Endpoint): string | { ip: string } => (e.kind === 'pod' ? e.key : { ip: e.ip });
const text = (e: Endpoint): string => (e.kind === 'pod' ? e.key : e.ip);

/** The analysis as the `--format json` object: observed connections, then the unobserved ones. */
export function flowsToJson(a: FlowAnalysis): Record<string, unknown> {
  return {
    flows: [
      ...a.flows.map((f) => ({
        from: end(f.from),
        to: end(f.to),
        port: f.port,
        protocol: f.protocol,
        observed: f.observed,
        policy: f.policy,
      })),
      ...a.allowedUnobserved.map((u) => ({
        from: end(u.from),
        to: end(u.to),
        port: u.port,
        protocol: u.protocol,
        observed: 'NONE',
        policy: u.policy,
      })),
    ],
    summary: a.summary,
  };
}

/** Allowed-but-unobserved connections listed in text form. */
const TEXT_UNOBSERVED = 20;

const HEADINGS = {
  observedBlocked: 'Observed but BLOCKED by the workspace (applying it would break this traffic):',
  dropped: 'Dropped by the network:',
  observedAllowed: 'Observed and allowed:',
} as const;

/** The analysis as text: a section per class, then the summary. */
export function formatFlows(a: FlowAnalysis): string {
  const lines: string[] = [];
  for (const cls of ['observedBlocked', 'dropped', 'observedAllowed'] as const) {
    const list = a.flows.filter((f) => f.class === cls);
    if (list.length === 0) continue;
    lines.push(HEADINGS[cls]);
    for (const f of list) {
      const counts = [
        f.forwarded > 0 ? `${f.forwarded} forwarded` : '',
        f.dropped > 0 ? `${f.dropped} dropped` : '',
      ]
        .filter((s) => s !== '')
        .join(', ');
      const policy = cls === 'dropped' ? `; the workspace: ${f.policy}` : '';
      lines.push(`  ${text(f.from)} -> ${text(f.to)} on ${f.port}/${f.protocol} (${counts}${policy})`);
    }
  }
  if (a.allowedUnobserved.length > 0) {
    lines.push('Allowed but never observed (candidates to tighten):');
    for (const u of a.allowedUnobserved.slice(0, TEXT_UNOBSERVED))
      lines.push(`  ${text(u.from)} -> ${text(u.to)} on ${u.port}/${u.protocol}`);
    const rest = a.summary.allowedUnobserved - Math.min(TEXT_UNOBSERVED, a.allowedUnobserved.length);
    if (rest > 0) lines.push(`  ... and ${rest} more (--format json lists up to ${MAX_UNOBSERVED})`);
  }
  const s = a.summary;
  lines.push(
    `${s.observedAllowed} observed and allowed, ${s.observedBlocked} observed but blocked, ${s.dropped} dropped, ${s.allowedUnobserved} allowed but unobserved`,
  );
  return `${lines.join('\n')}\n`;
}
