/**
 * Engine benchmark: the fast truth table against the straightforward per-pair evaluation on
 * generated workspaces (bench/generateWorkspace.ts, every replica a Pod with an IP and a node).
 * Each size runs in a fresh child process so that its peak memory is its own, three times;
 * every figure is the median of the three.
 *
 *   node --expose-gc --import tsx bench/engineBench.ts           all sizes, table + bench/results.json
 *   node --expose-gc --import tsx bench/engineBench.ts --case 2  one size, JSON on stdout
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createEvaluator, evaluateConnection, loadWorkspace } from '../src/engine';
import type { CompiledPolicy, PortQuery, Workspace } from '../src/engine';
import { generateWorkspace } from './generateWorkspace';

/** `heapCapMiB`: run under this V8 heap limit, to show that the size fits a memory budget. */
type Case = { name: string; pods: number; policies: number; replicas: number; heapCapMiB?: number };

const CASES: Case[] = [
  { name: '100 pods / 10 policies', pods: 100, policies: 10, replicas: 5 },
  { name: '1,000 pods / 100 policies', pods: 1000, policies: 100, replicas: 5 },
  { name: '10,000 pods / 1,000 policies', pods: 10_000, policies: 1000, replicas: 5 },
  { name: '100,000 pods / 5,000 policies', pods: 100_000, policies: 5000, replicas: 5 },
  {
    name: '100,000 pods in 2,000 classes / 5,000 policies',
    pods: 100_000,
    policies: 5000,
    replicas: 50,
    heapCapMiB: 384,
  },
];

/** Per-pair evaluation is run in full only when it is expected to finish within this budget. */
const REFERENCE_BUDGET_MS = 60_000;
const PORT: PortQuery = { port: 80, protocol: 'TCP' };
const MiB = 1024 * 1024;

type Result = {
  name: string;
  pods: number;
  policies: number;
  rows: number;
  classes: number;
  loadMs: number;
  fastPortColdMs: number;
  fastPortMs: number;
  fastAnyMs: number;
  byteMatrixMs: number | null;
  referenceMs: number;
  referenceMeasured: 'full' | 'estimated';
  referencePairs: number;
  ratio: number;
  editMedianMs: number;
  editMaxMs: number;
  editFirstMs: number;
  editUpdateMedianMs: number;
  editNewPortMs: number;
  engineMiB: number;
  /** Peak RSS after generating and loading the manifests, before the engine ran. */
  loadPeakRssMiB: number;
  peakRssMiB: number;
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const heap = (): number => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const value = f();
  return [value, performance.now() - t];
}

/** A policy edited the way a user would: its podSelector now names another service. */
function edited(ws: Workspace, p: CompiledPolicy, k: number, spec?: object): CompiledPolicy {
  const services = ws.pods.filter((x) => x.namespace === p.namespace).map((x) => x.labels['app'] ?? '');
  const app = services[(k * 7) % services.length] ?? 'none';
  const object = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: p.name, namespace: p.namespace },
    spec: spec ?? {
      podSelector: { matchLabels: { app } },
      ingress: [
        { from: [{ podSelector: { matchLabels: { tier: 'frontend' } } }], ports: [{ port: 'http' }] },
      ],
    },
  };
  return loadWorkspace([object]).workspace.policies[0]!;
}

function runCase(c: Case): Result {
  // The manifests are dropped once loaded: only the workspace is kept.
  const [ws, loadMs] = ((): [Workspace, number] => {
    const { objects } = generateWorkspace({ ...c, asPods: true });
    const [loaded, ms] = time(() => loadWorkspace(objects));
    return [loaded.workspace, ms];
  })();
  const loadPeakRssMiB = process.resourceUsage().maxRSS / 1024;
  const base = heap();
  const n = ws.pods.length;
  // Fast engine: a fresh evaluator per run (classes, policies, matrices all included).
  // `cold` is the very first run; the median is over warm runs (after five warm-up runs of each
  // question, up to 30 runs or 2 s): the JIT needs a few dozen calls, as the worker gets them.
  // The evaluators made one after another are collected between runs (outside the timings):
  // a worker keeps one, and the peak should be the engine's, not this loop's garbage (twenty
  // evaluators promote ~25 MiB each, collected only when the old space has grown to ~315 MiB).
  const collect = (): void => (globalThis as { gc?: () => void }).gc?.();
  const coldMs = time(() => createEvaluator(ws).table({ ports: [PORT] }))[1];
  collect();
  for (let k = 0; k < 5; k++)
    for (const q of [PORT, 'any' as const]) {
      createEvaluator(ws).table({ ports: [q] });
      collect();
    }
  const runs = (q: PortQuery): number[] => {
    const out: number[] = [];
    const start = performance.now();
    while (out.length < 3 || (out.length < 30 && performance.now() - start < 2000)) {
      out.push(time(() => createEvaluator(ws).table({ ports: [q] }))[1]);
      collect();
    }
    return out;
  };
  const portRuns = runs(PORT);
  const anyRuns = runs('any');
  const evaluator = createEvaluator(ws);
  const table = evaluator.table({ ports: [PORT, 'any'] });
  const engineMiB = (heap() - base) / MiB;
  const byteMatrixMs = n <= 1000 ? time(() => table.toByteMatrix(0))[1] : null;
  // The straightforward evaluation: evaluateConnection on every pair (or a sample, extrapolated).
  const pair = (i: number, j: number): boolean =>
    evaluateConnection(ws, table.rows[i]!.endpoint, table.rows[j]!.endpoint, PORT).allowed;
  let seed = 12345;
  const rnd = (m: number): number => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % m;
  const probe = Math.min(n * n, 2000);
  const [, probeMs] = time(() => {
    for (let s = 0; s < probe; s++) pair(rnd(n), rnd(n));
  });
  const estimate = (probeMs / probe) * n * n;
  let referenceMs: number;
  let referencePairs: number;
  const check = (i: number, j: number): void => {
    if (pair(i, j) !== table.isAllowed(i, j, 0)) throw new Error(`disagreement at ${i} -> ${j}`);
  };
  if (estimate <= REFERENCE_BUDGET_MS) {
    const [, ms] = time(() => {
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) pair(i, j);
    });
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) check(i, j);
    referenceMs = ms;
    referencePairs = n * n;
  } else {
    const sample = Math.max(probe, Math.min(50_000, Math.floor(20_000 / (probeMs / probe))));
    const pairs = Array.from({ length: sample }, () => [rnd(n), rnd(n)] as const);
    const [, ms] = time(() => pairs.forEach(([i, j]) => pair(i, j)));
    pairs.forEach(([i, j]) => check(i, j));
    referenceMs = (ms / sample) * n * n;
    referencePairs = sample;
  }
  // Incremental: edit one allow policy (another target service), then read both tables again.
  const allows = ws.policies.filter((p) => p.name.startsWith('allow-'));
  const edits: number[] = [];
  const updates: number[] = [];
  let current = ws;
  for (let k = 0; k < 12; k++) {
    const p = allows[(k * 37) % allows.length]!;
    const next = edited(current, p, k);
    edits.push(
      time(() => {
        evaluator.replacePolicy(p.key, next);
        evaluator.table({ ports: [PORT, 'any'] });
      })[1],
    );
    current = evaluator.workspace;
  }
  // The same kind of edit through update(workspace): the policy list is diffed.
  for (let k = 0; k < 6; k++) {
    const p = allows[(k * 53 + 11) % allows.length]!;
    const next = edited(current, p, k + 100);
    const newWs = { ...current, policies: current.policies.map((q) => (q.key === p.key ? next : q)) };
    updates.push(time(() => (evaluator.update(newWs), evaluator.table({ ports: [PORT, 'any'] })))[1]);
    current = newWs;
  }
  // An edit that adds a port boundary (the `any` port classes are recut: that matrix is rebuilt).
  const p = allows[0]!;
  const spec = { podSelector: {}, ingress: [{ ports: [{ port: 7000, endPort: 7100 }] }] };
  const editNewPortMs = time(() => {
    evaluator.replacePolicy(p.key, edited(current, p, 0, spec));
    evaluator.table({ ports: [PORT, 'any'] });
  })[1];
  // The incremental state must equal a fresh evaluation.
  const after = evaluator.table({ ports: [PORT, 'any'] });
  const fresh = createEvaluator(evaluator.workspace).table({ ports: [PORT, 'any'] });
  for (let s = 0; s < 20_000; s++) {
    const i = rnd(n);
    const j = rnd(n);
    for (const k of [0, 1])
      if (after.isAllowed(i, j, k) !== fresh.isAllowed(i, j, k)) throw new Error('incremental != fresh');
  }
  const fastPortMs = median(portRuns);
  return {
    name: c.name,
    pods: n,
    policies: ws.policies.length,
    rows: table.rows.length,
    classes: evaluator.classCount,
    loadMs,
    fastPortColdMs: coldMs,
    fastPortMs,
    fastAnyMs: median(anyRuns),
    byteMatrixMs,
    referenceMs,
    referenceMeasured: referencePairs === n * n ? 'full' : 'estimated',
    referencePairs,
    ratio: referenceMs / fastPortMs,
    editMedianMs: median(edits.slice(2)),
    editMaxMs: Math.max(...edits.slice(2)),
    editFirstMs: edits[0]!,
    editUpdateMedianMs: median(updates),
    editNewPortMs,
    engineMiB,
    loadPeakRssMiB,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

const fmt = (x: number | null, digits = 1): string =>
  x === null ? '-' : x >= 1e5 ? x.toExponential(2) : x.toFixed(digits);

function printTable(results: readonly Result[]): string {
  const head = [
    'size',
    'rows',
    'classes',
    'load ms',
    'fast 80/TCP ms',
    'fast any ms',
    'per-pair ms',
    'speed-up',
    'edit ms (median/max)',
    'engine MiB',
    'peak RSS MiB',
  ];
  const lines = results.map((r) => [
    r.name,
    String(r.rows),
    String(r.classes),
    fmt(r.loadMs),
    `${fmt(r.fastPortMs)} (cold ${fmt(r.fastPortColdMs)})`,
    fmt(r.fastAnyMs),
    `${fmt(r.referenceMs, 0)}${r.referenceMeasured === 'full' ? '' : ' (est.)'}`,
    `${fmt(r.ratio, 0)}x`,
    `${fmt(r.editMedianMs, 2)} / ${fmt(r.editMaxMs, 2)}`,
    fmt(r.engineMiB),
    fmt(r.peakRssMiB, 0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [row(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(row)].join('\n');
}

/**
 * Each size runs this many times, each in a fresh process, and every figure is the median of
 * its runs: the peak RSS of the largest size moves by ~80 MiB from run to run with the
 * garbage collector's timing (440-525 MiB in three runs of the same code).
 */
const RUNS = 3;

/** Every numeric field the median of the runs' (the others from the first run). */
function medianOf(runs: readonly Result[]): Result {
  const first = runs[0]!;
  const out: Record<string, unknown> = { ...first };
  for (const [key, value] of Object.entries(first)) {
    if (typeof value !== 'number') continue;
    const values = runs.map((r) => (r as unknown as Record<string, number>)[key]!).sort((a, b) => a - b);
    out[key] = values[values.length >> 1];
  }
  // The speed-up of the median figures, not the median of the runs' speed-ups.
  out.ratio = (out.referenceMs as number) / (out.fastPortMs as number);
  return out as Result;
}

function main(): void {
  const at = process.argv.indexOf('--case');
  if (at >= 0) {
    const c = CASES[Number(process.argv[at + 1])];
    if (!c) throw new Error('unknown case');
    process.stdout.write(`${JSON.stringify(runCase(c))}\n`);
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const results: Result[] = [];
  CASES.forEach((c, i) => {
    console.error(`running ${c.name} (${RUNS} times) ...`);
    const runs: Result[] = [];
    for (let run = 0; run < RUNS; run++) {
      const child = spawnSync(
        process.execPath,
        [
          '--expose-gc',
          `--max-old-space-size=${c.heapCapMiB ?? 4096}`,
          '--import',
          'tsx',
          self,
          '--case',
          String(i),
        ],
        { encoding: 'utf8', maxBuffer: 1 << 24 },
      );
      if (child.status !== 0) throw new Error(`${c.name} failed:\n${child.stderr}`);
      runs.push(JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Result);
    }
    results.push(medianOf(runs));
  });
  const machine = {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    date: new Date().toISOString(),
  };
  const table = printTable(results);
  console.log(`Engine benchmark on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}\n`);
  console.log(table);
  const out = path.join(path.dirname(self), 'results.json');
  writeFileSync(out, `${JSON.stringify({ machine, port: PORT, results, table }, null, 2)}\n`);
  console.log(`\nwritten to ${path.relative(process.cwd(), out)}`);
}

main();
