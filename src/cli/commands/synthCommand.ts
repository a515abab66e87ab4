import { flowsToIntent, matchFlows, parseHubbleFlows, synthesizePolicies } from '../../engine';
import type { Expectation, FlowDiagnostic, SynthesisResult, Workspace } from '../../engine';
import { printManifests } from '../../yaml/printManifests';
import { CliError, EXIT, readInputs, type CliIo } from '../io';
import { parseCommandArgs } from '../parseArguments';
import { loadWithTests } from './shared';

/** `netpol synth --help`. */
export const SYNTH_HELP = `Usage: netpol synth FILE... [--flows FLOWS] [--keep-existing|--replace]
                    [--no-least-privilege] [--no-dns] [--no-ipblock-pod-ips]

Writes the NetworkPolicies that meet an intent, verified by the engine: the expectations of
the ConnectivityTest documents in the files and/or the connections forwarded in a Hubble flows
file (hubble observe -o json), as allowed expectations. By default (least privilege) every
namespace the intent names gets a default deny per direction and DNS egress to kube-dns, and
every pod-to-pod connection there that no allowed expectation asks for is blocked, on every
port. Prints the policies as multi-document YAML (ready for kubectl apply -f), or why it
cannot (on stderr). See docs/synthesis.md.

Options:
  --flows FLOWS        also allow the connections forwarded in this Hubble flows file (- for stdin)
  --keep-existing      add to the existing NetworkPolicies (default); they only add, so one
                       that allows what must be blocked makes synthesis refuse
  --replace            write policies that stand in for the existing NetworkPolicies
  --no-least-privilege only isolate the workloads the intent names (no default deny)
  --no-dns             no DNS egress rules
  --no-ipblock-pod-ips ipBlock peers do not match pod IPs (plugin-dependent; default: they do)
  -h, --help           show this help
Exit code 0 with the policies, 1 when the intent cannot be met (the reasons on stderr), 2 on
bad usage or bad input (unreadable file, invalid ConnectivityTest, no intent).
`;

/** Runs `netpol synth`. */
export async function runSynth(args: readonly string[], io: CliIo): Promise<number> {
  const { positionals, values } = parseCommandArgs(args, {
    flows: { type: 'string' },
    'keep-existing': { type: 'boolean' },
    replace: { type: 'boolean' },
    'no-least-privilege': { type: 'boolean' },
    'no-dns': { type: 'boolean' },
    'no-ipblock-pod-ips': { type: 'boolean' },
  });
  if (values['help']) {
    io.stdout(SYNTH_HELP);
    return EXIT.ok;
  }
  if (values['keep-existing'] && values['replace'])
    throw new CliError('--keep-existing and --replace cannot be combined');
  const flowsFile = values['flows'] as string | undefined;
  if (flowsFile === '-' && positionals.includes('-'))
    throw new CliError('standard input (-) can be read only once');
  const workspace = await loadWithTests(positionals, io, values);
  const intent: Expectation[] = workspace.tests.flatMap((t) => t.expectations);
  if (flowsFile !== undefined) intent.push(...(await readFlowsIntent(workspace, flowsFile, io)));
  if (intent.length === 0)
    throw new CliError(
      'no intent: no ConnectivityTest expectation in the files (docs/connectivity-tests.md) and no --flows',
    );
  const result = synthesizePolicies(workspace, intent, {
    mode: values['replace'] ? 'replace' : 'keepExisting',
    leastPrivilege: !values['no-least-privilege'],
    dns: !values['no-dns'],
  });
  if (result.problems.length > 0) {
    io.stderr(`netpol synth: cannot meet the intent (${intent.length} expectation(s)); nothing generated:\n`);
    for (const p of result.problems) io.stderr(`  [${p.kind}] ${p.message.replaceAll('\n', '\n    ')}\n`);
    return EXIT.findings;
  }
  io.stdout(`${summaryComment(result, intent.length)}${printManifests(result.policies)}`);
  return EXIT.ok;
}

/** The YAML header: what was generated and what it changes, as comments. */
function summaryComment(r: SynthesisResult, expectations: number): string {
  const specific = (list: SynthesisResult['opened']) => list.filter((c) => c.port !== 'any').length;
  return [
    `# netpol synth: ${r.policies.length} NetworkPolicies, ${r.ruleCount} rules for ${expectations} expectation(s)`,
    `# namespaces: ${r.namespaces.join(', ')}; verified by the engine (every expectation, least privilege)`,
    `# versus the current workspace: opens ${specific(r.opened)}, closes ${specific(r.closed)} pod-pair ports`,
    '',
  ].join('\n');
}

/** Reads a flows file and returns its forwarded connections as allowed expectations. */
async function readFlowsIntent(ws: Workspace, file: string, io: CliIo): Promise<Expectation[]> {
  const [input] = await readInputs([file], io);
  const parsed = parseHubbleFlows(input?.text ?? '');
  const matched = matchFlows(ws, parsed.flows);
  printFlowDiagnostics(input?.name ?? file, [...parsed.diagnostics, ...matched.diagnostics], io);
  return flowsToIntent(matched.connections);
}

/** Flow diagnostics on stderr, `FILE:LINE: severity: message` (info left out). */
export function printFlowDiagnostics(name: string, diagnostics: readonly FlowDiagnostic[], io: CliIo): void {
  for (const d of diagnostics)
    if (d.severity !== 'info') io.stderr(`${name}:${d.line}: ${d.severity}: ${d.message}\n`);
}
