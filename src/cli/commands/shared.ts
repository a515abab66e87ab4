import type { Workspace } from '../../engine';
import { CliError, type CliIo } from '../io';
import { formatDiagnostic, loadInputs, UNREADABLE_CODES } from '../loadInputs';

/**
 * Loads the inputs of matrix/explain: unreadable text is fatal (exit 2); validation errors are
 * printed on stderr, each saying what the evaluation does with its object, and evaluation goes on.
 */
export async function loadForEvaluation(
  files: readonly string[],
  io: CliIo,
  values: Record<string, unknown>,
): Promise<{ workspace: Workspace }> {
  const options = values['no-ipblock-pod-ips'] ? { ipBlockMatchesPodIPs: false } : {};
  const { workspace, diagnostics } = await loadInputs(files, io, options);
  const fatal = diagnostics.filter((d) => UNREADABLE_CODES.includes(d.code));
  if (fatal.length > 0) throw new CliError(fatal.map(formatDiagnostic).join('\n'));
  for (const d of diagnostics) {
    if (d.severity === 'error') io.stderr(`${formatDiagnostic(d)} (${consequence(d.source?.kind)})\n`);
  }
  return { workspace };
}

/** What the evaluation does with an object that has a validation error (see `loadWorkspace`). */
function consequence(kind: string | undefined): string {
  if (kind === 'NetworkPolicy') return 'this policy is left out of the evaluation';
  if (kind === 'ConnectivityTest') return 'this expectation is left out';
  return 'the API server would refuse this object; it is evaluated as written';
}

/**
 * Loads the inputs of test/synth, whose expectations are the point: unreadable text is fatal
 * (exit 2); validation errors are printed on stderr, and an error in a ConnectivityTest
 * document is fatal too (an expectation left out would pass unseen).
 */
export async function loadWithTests(
  files: readonly string[],
  io: CliIo,
  values: Record<string, unknown>,
): Promise<Workspace> {
  const options = values['no-ipblock-pod-ips'] ? { ipBlockMatchesPodIPs: false } : {};
  const { workspace, diagnostics } = await loadInputs(files, io, options);
  const fatal = diagnostics.filter((d) => UNREADABLE_CODES.includes(d.code));
  if (fatal.length > 0) throw new CliError(fatal.map(formatDiagnostic).join('\n'));
  const testErrors = diagnostics.filter(
    (d) => d.severity === 'error' && d.source?.kind === 'ConnectivityTest',
  );
  for (const d of diagnostics) {
    if (d.severity !== 'error') continue;
    const note = d.source?.kind === 'ConnectivityTest' ? '' : ' (left out of the evaluation)';
    io.stderr(`${formatDiagnostic(d)}${note}\n`);
  }
  if (testErrors.length > 0)
    throw new CliError(`${testErrors.length} error(s) in ConnectivityTest documents`);
  return workspace;
}
