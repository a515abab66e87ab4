/**
 * Layout benchmark: ELK's full layout of the canvas (layered, compound frames, orthogonal
 * routes), in Node with elkjs's bundled build, on the workspaces the browser tests use and
 * on generated ones. It shows why the canvas runs ELK only up to 100 pods and 200
 * connections (`useClusterGraph.ts`): routing cost grows with the connections.
 *
 *   node --import tsx bench/layoutBench.ts     table + bench/results-layout.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import ELK from 'elkjs/lib/elk.bundled.js';
import { serviceMapLinks } from '../src/ui/canvas/buildEdges';
import { isolationFrom } from '../src/ui/canvas/buildFlow';
import { layoutWithElk, tiedTogether } from '../src/ui/canvas/elkLayout';
import type { ElkInput } from '../src/ui/canvas/elkLayout';
import { createAnalyzer } from '../src/worker/createAnalyzer';
import { generateWorkspace, toManifestText } from './generateWorkspace';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The canvas's ELK input for a text: its service-map connections, as the app builds them. */
function inputFor(text: string): { input: ElkInput; pods: number } {
  const result = createAnalyzer().analyze({
    type: 'analyze',
    text,
    port: 'any',
    enforced: true,
    options: {},
    seq: 1,
  });
  const { workspace, matrix, podIsolation } = result;
  const namespaceOf = new Map(workspace.pods.map((p) => [p.key as string, p.namespace]));
  const links = serviceMapLinks(matrix, {
    isolation: isolationFrom(workspace.pods, podIsolation),
    namespaceOf,
    collapsed: [],
  });
  const all = {
    namespaces: workspace.namespaces.map((ns) => ({
      name: ns.name,
      pods: workspace.pods.filter((p) => p.namespace === ns.name).map((p) => p.key as string),
      collapsed: false,
    })),
    externals: result.externals.map((e) => e.address),
  };
  return { pods: workspace.pods.length, input: tiedTogether(all, links) };
}

const generated = (pods: number) =>
  toManifestText(
    generateWorkspace({ pods, policies: Math.round(pods / 5), replicas: 1, asPods: true }).objects,
  );

const CASES: { name: string; text: () => string }[] = [
  {
    name: '12-service shop (e2e fixture)',
    text: () => readFileSync(path.join(root, 'e2e/fixtures/microservices.yaml'), 'utf8'),
  },
  { name: 'generated, 30 pods', text: () => generated(30) },
  { name: 'generated, 60 pods', text: () => generated(60) },
  { name: 'generated, 100 pods', text: () => generated(100) },
];

const elk = new ELK();
// The first layout pays for compiling ELK: warm up as the page does.
await layoutWithElk(elk, inputFor(generated(10)).input);
const results = [];
for (const c of CASES) {
  const { input, pods } = inputFor(c.text());
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    await layoutWithElk(elk, input);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const row = {
    case: c.name,
    pods,
    connections: input.links.length,
    medianMs: Math.round(times[1] ?? 0),
    runsInApp: pods <= 100 && input.links.length <= 200,
  };
  results.push(row);
  console.log(
    `${row.case.padEnd(42)} ${String(row.pods).padStart(4)} pods ${String(row.connections).padStart(5)} connections ${String(row.medianMs).padStart(7)} ms${row.runsInApp ? '' : '  (the app uses the grid)'}`,
  );
}
const machine = { cpus: os.cpus().length, node: process.version };
writeFileSync(
  path.join(root, 'bench/results-layout.json'),
  `${JSON.stringify({ machine, results }, null, 2)}\n`,
);
