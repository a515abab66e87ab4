import { evaluateCase } from '../conformanceCase';
import { CliError, EXIT, readInputs, type CliIo } from '../io';
import { formatDiagnostic } from '../loadInputs';
import { parseCommandArgs } from '../parseArguments';

/** `netpol case --help`. */
export const CASE_HELP = `Usage: netpol case FILE... [--quiet]

Evaluates conformance cases (the JSON format of shared/conformance/README.md) and prints the
answers: for one file one JSON object, for several one JSON object per line (JSON Lines),
each {"id": ..., "results": [{"from","to","port","protocol","allowed"}]}.
The case's assumptions.ipBlockMatchesPodIPs sets the engine option of that name. Policies
may include AdminNetworkPolicy / BaselineAdminNetworkPolicy / ClusterNetworkPolicy; a
top-level "nodes" list ({name, labels, ips}) declares nodes for their nodes peers.
FILE may be - for standard input.

Options:
  --quiet     do not print diagnostics about the case's policies on stderr
  -h, --help  show this help
Exit code: 0 when every case was evaluated, 2 when a file is not a valid case.
`;

/** Runs `netpol case`. */
export async function runCase(args: readonly string[], io: CliIo): Promise<number> {
  const { positionals, values } = parseCommandArgs(args, { quiet: { type: 'boolean' } });
  if (values['help']) {
    io.stdout(CASE_HELP);
    return EXIT.ok;
  }
  const inputs = await readInputs(positionals, io);
  let failed = false;
  for (const { name, text } of inputs) {
    try {
      const { id, results, diagnostics } = evaluateCase(text, name);
      if (!values['quiet']) {
        for (const d of diagnostics) if (d.severity === 'error') io.stderr(`${formatDiagnostic(d)}\n`);
      }
      io.stdout(`${JSON.stringify({ id, results })}\n`);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      io.stderr(`netpol case: ${e.message}\n`);
      failed = true;
    }
  }
  return failed ? EXIT.usage : EXIT.ok;
}
