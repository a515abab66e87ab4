#!/usr/bin/env node
// Runs the bundled CLI (dist-cli/netpol.mjs), built on install by `prepare` and by
// `npm run build:cli`: plain JavaScript, so a call costs Node's start-up and no compiler.
let cli;
try {
  cli = await import('../dist-cli/netpol.mjs');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist-cli')) throw e;
  process.stderr.write(
    'netpol: the CLI is not built yet; run `npm run build:cli` (or `npm install`) first.\n',
  );
  process.exit(70);
}
process.exitCode = await cli.runCli(process.argv.slice(2));
