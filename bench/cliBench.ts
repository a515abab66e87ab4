/**
 * CLI benchmark: the whole `netpol matrix` process on the demo workspace (Node start-up, the
 * bundled CLI, parse, evaluation, output), as a user or a CI step pays it. Median of 11 runs
 * after one warm-up (the file cache). Needs the bundle: `npm run build:cli`.
 *
 *   node --import tsx bench/cliBench.ts      table + bench/results-cli.json
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DEMO_WORKSPACE } from '../src/recipes/demoWorkspace';

const RUNS = 11;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'netpol-cli-bench-')), 'demo.yaml');
writeFileSync(file, DEMO_WORKSPACE);

function run(): number {
  const start = performance.now();
  const child = spawnSync(process.execPath, [path.join(root, 'bin/netpol.mjs'), 'matrix', file], {
    encoding: 'utf8',
  });
  const ms = performance.now() - start;
  if (child.status !== 0) throw new Error(`netpol matrix failed (${child.status}):\n${child.stderr}`);
  return ms;
}

run();
const samples = Array.from({ length: RUNS }, run).sort((a, b) => a - b);
const result = {
  command: 'netpol matrix demo.yaml',
  runs: RUNS,
  medianMs: Math.round(samples[RUNS >> 1]!),
  minMs: Math.round(samples[0]!),
  maxMs: Math.round(samples.at(-1)!),
  date: new Date().toISOString(),
};
console.log(`netpol matrix on the demo workspace, whole process: median ${result.medianMs} ms`);
writeFileSync(path.join(root, 'bench/results-cli.json'), `${JSON.stringify(result, null, 2)}\n`);
