/**
 * `npm run fuzz [-- RUNS [SEED]]`: the fuzz property of `fuzzWorkspace.ts` over many inputs
 * (100,000 by default), with its figures. Exit 1 with the shrunk counterexample on failure.
 */
import fc from 'fast-check';
import { fuzzProperty } from './fuzzWorkspace';
import type { FuzzStats } from './fuzzWorkspace';

const runs = Number(process.argv[2] ?? 100_000);
const seed = process.argv[3] === undefined ? Date.now() % 2 ** 31 : Number(process.argv[3]);
const stats: FuzzStats = { inputs: 0, commandsRun: 0, commandsRefused: 0, textsWithYamlErrors: 0 };
const started = performance.now();
const result = fc.check(fuzzProperty(stats), { numRuns: runs, seed });
const seconds = (performance.now() - started) / 1000;
console.log(
  `fuzz: ${runs.toLocaleString('en')} inputs (seed ${seed}) in ${seconds.toFixed(0)} s: ` +
    `${stats.inputs.toLocaleString('en')} texts analysed (${stats.textsWithYamlErrors.toLocaleString('en')} with YAML errors), ` +
    `${stats.commandsRun.toLocaleString('en')} commands applied and analysed, ${stats.commandsRefused.toLocaleString('en')} refused with a message.`,
);
if (result.failed) {
  console.error(fc.defaultReportMessage(result));
  process.exit(1);
}
console.log('No input threw, and no command made clean text unreadable.');
