import { lintWorkspace } from '../../engine';
import type { Diagnostic } from '../../engine';
import { EXIT, type CliIo } from '../io';
import { formatDiagnostic, loadInputs } from '../loadInputs';
import { parseCommandArgs } from '../parseArguments';

/** `netpol lint --help`. */
export const LINT_HELP = `Usage: netpol lint FILE... [--json] [--no-ipblock-pod-ips]

Reports syntax and validation errors (what the API server would reject, with field paths)
and the usual NetworkPolicy gotchas (codes NP001... , see docs/lint-codes.md).

Options:
  --json               print the diagnostics as a JSON array
  --no-ipblock-pod-ips ipBlock peers do not match pod IPs (plugin-dependent; default: they do)
  -h, --help           show this help
FILE may be - for standard input. Exit code 1 when there are errors, 2 on bad usage.
`;

/** Runs `netpol lint`. */
export async function runLint(args: readonly string[], io: CliIo): Promise<number> {
  const { positionals, values } = parseCommandArgs(args, {
    json: { type: 'boolean' },
    'no-ipblock-pod-ips': { type: 'boolean' },
  });
  if (values['help']) {
    io.stdout(LINT_HELP);
    return EXIT.ok;
  }
  const options = values['no-ipblock-pod-ips'] ? { ipBlockMatchesPodIPs: false } : {};
  const { workspace, diagnostics } = await loadInputs(positionals, io, options);
  const all: Diagnostic[] = [...diagnostics, ...lintWorkspace(workspace)];
  if (values['json']) io.stdout(`${JSON.stringify(all, null, 2)}\n`);
  else {
    for (const d of all) io.stdout(`${formatDiagnostic(d)}\n`);
    const count = (s: string): number => all.filter((d) => d.severity === s).length;
    io.stdout(`${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info\n`);
  }
  return all.some((d) => d.severity === 'error') ? EXIT.findings : EXIT.ok;
}
