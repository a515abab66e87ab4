import { runExpectations } from '../../engine';
import type { ConnectivityTestResult } from '../../engine';
import { CliError, EXIT, type CliIo } from '../io';
import { toJunitXml } from '../junit';
import { loadWithTests } from './shared';
import { parseCommandArgs } from '../parseArguments';

/** `netpol test --help`. */
export const TEST_HELP = `Usage: netpol test FILE... [--junit OUT.xml] [--quiet] [--no-ipblock-pod-ips]

Runs every ConnectivityTest document (apiVersion netpolcanvas.io/v1alpha1, see
docs/connectivity-tests.md) in the files against the workspace made of the same files, and
prints pass/fail per expectation, with the reason for each failure.

Options:
  --junit OUT.xml      also write a JUnit XML report (a testsuite per ConnectivityTest)
  --quiet              print only failures and the summary
  --no-ipblock-pod-ips ipBlock peers do not match pod IPs (plugin-dependent; default: they do)
  -h, --help           show this help
FILE may be - for standard input. Exit code 0 when every expectation passes, 1 when one
fails, 2 on bad usage or bad input (unreadable file, invalid ConnectivityTest, no test found).
`;

/** Runs `netpol test`. */
export async function runTest(args: readonly string[], io: CliIo): Promise<number> {
  const { positionals, values } = parseCommandArgs(args, {
    junit: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    'no-ipblock-pod-ips': { type: 'boolean' },
  });
  if (values['help']) {
    io.stdout(TEST_HELP);
    return EXIT.ok;
  }
  const workspace = await loadWithTests(positionals, io, values);
  if (workspace.tests.length === 0)
    throw new CliError('no ConnectivityTest document in the input (see docs/connectivity-tests.md)');
  const results = runExpectations(workspace, workspace.tests);
  io.stdout(formatResults(results, values['quiet'] === true));
  const junit = values['junit'];
  if (typeof junit === 'string') {
    if (!io.writeFile) throw new CliError('cannot write files here');
    try {
      await io.writeFile(junit, toJunitXml(results));
    } catch (e) {
      throw new CliError(`cannot write ${junit}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return results.some((r) => r.failed > 0) ? EXIT.findings : EXIT.ok;
}

/** Results as text: a line per expectation (`PASS`/`FAIL`), the reason and explanation of failures, a summary. */
export function formatResults(results: readonly ConnectivityTestResult[], quiet = false): string {
  const lines: string[] = [];
  for (const suite of results) {
    if (!quiet) lines.push(`${suite.name}:`);
    for (const r of suite.results) {
      if (r.passed) {
        if (!quiet) lines.push(`  PASS ${r.title}`);
        continue;
      }
      lines.push(`  FAIL ${quiet ? `${suite.name}: ` : ''}${r.title}`, `       ${r.message}`);
      if (r.firstFailure) lines.push(...r.firstFailure.explanation.split('\n').map((l) => `       ${l}`));
    }
  }
  const total = results.reduce((n, r) => n + r.results.length, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  lines.push(
    `${total - failed} passed, ${failed} failed (${total} expectation(s) in ${results.length} ConnectivityTest(s))`,
  );
  return `${lines.join('\n')}\n`;
}
