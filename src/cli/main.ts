import { CASE_HELP, runCase } from './commands/caseCommand';
import { DIFF_HELP, runDiff } from './commands/diffCommand';
import { EXPLAIN_HELP, runExplain } from './commands/explainCommand';
import { FLOWS_HELP, runFlows } from './commands/flowsCommand';
import { LINT_HELP, runLint } from './commands/lintCommand';
import { MATRIX_HELP, runMatrix } from './commands/matrixCommand';
import { SYNTH_HELP, runSynth } from './commands/synthCommand';
import { TEST_HELP, runTest } from './commands/testCommand';
import { CliError, EXIT, nodeIo, type CliIo } from './io';

export type { CliIo } from './io';

/** `netpol --help`. */
export const GLOBAL_HELP = `Usage: netpol COMMAND FILE... [options]

Evaluates Kubernetes NetworkPolicies over the pods, workloads, namespaces and nodes of
manifest files (multi-document YAML or JSON; List wrappers accepted; - reads stdin).

Commands:
  matrix   the truth table over all pods/workloads (and --external addresses)
  explain  whether one connection is allowed, and why
  lint     validation errors and NetworkPolicy gotchas (exit 1 on errors)
  test     run the ConnectivityTest expectations in the files (exit 1 on failures)
  diff     connections gained and lost between two versions (OLD NEW)
  synth    write the NetworkPolicies that meet the ConnectivityTests and/or Hubble flows
  flows    Hubble flows against the policies: observed, would be blocked, dropped, unused
  case     evaluate conformance-case JSON files

Run netpol COMMAND --help for a command's options.
`;

const COMMANDS: Record<
  string,
  { run: (args: readonly string[], io: CliIo) => Promise<number>; help: string }
> = {
  matrix: { run: runMatrix, help: MATRIX_HELP },
  explain: { run: runExplain, help: EXPLAIN_HELP },
  lint: { run: runLint, help: LINT_HELP },
  test: { run: runTest, help: TEST_HELP },
  diff: { run: runDiff, help: DIFF_HELP },
  synth: { run: runSynth, help: SYNTH_HELP },
  flows: { run: runFlows, help: FLOWS_HELP },
  case: { run: runCase, help: CASE_HELP },
};

/**
 * Control characters (an ANSI escape sequence in a pod name can rewrite the terminal) and
 * bidirectional overrides are printed as `\u` escapes; newlines and tabs pass.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Runs the CLI with explicit arguments and I/O (testable in-process); returns the exit code. */
export async function main(argv: readonly string[], rawIo: CliIo): Promise<number> {
  const io: CliIo = {
    ...rawIo,
    stdout: (text) => rawIo.stdout(terminalSafe(text)),
    stderr: (text) => rawIo.stderr(terminalSafe(text)),
  };
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' ? COMMANDS[rest[0] ?? ''] : undefined;
    if (command === undefined) io.stderr(GLOBAL_HELP);
    else io.stdout(topic ? topic.help : GLOBAL_HELP);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  const entry = COMMANDS[command];
  if (!entry) {
    io.stderr(`netpol: unknown command ${JSON.stringify(command)}\n\n${GLOBAL_HELP}`);
    return EXIT.usage;
  }
  try {
    return await entry.run(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`netpol ${command}: ${e.message}\n`);
      return e.exitCode;
    }
    io.stderr(
      `netpol ${command}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    return 70;
  }
}

/** Runs the CLI on the real process streams (the `bin/netpol.mjs` entry). */
export function runCli(args: string[]): Promise<number> {
  return main(args, nodeIo());
}
