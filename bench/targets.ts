/**
 * The performance targets (issue 11) against the latest benchmark results: reads
 * bench/results*.json and the production build in dist/, prints one row per target with
 * its figure and whether it is met, and writes the table into the README between the
 * `bench:targets` markers. The last step of `npm run bench`.
 *
 *   node --import tsx bench/targets.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

type Json = Record<string, unknown>;
const read = (file: string): Json | null => {
  const at = path.join(root, 'bench', file);
  return existsSync(at) ? (JSON.parse(readFileSync(at, 'utf8')) as Json) : null;
};
const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** JavaScript the page loads before Monaco: index.html's module script and its preloaded chunks, gzipped. */
function jsBeforeMonacoKiB(): number | null {
  const dist = path.join(root, 'dist');
  if (!existsSync(path.join(dist, 'index.html'))) return null;
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  if (files.length === 0) return null;
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(dist, f))).length, 0);
  return bytes / 1024;
}

interface Row {
  what: string;
  target: string;
  figure: string;
  met: boolean | null;
}

function row(
  what: string,
  target: string,
  value: number | null,
  limit: number,
  unit: string,
  atLeast = false,
): Row {
  if (value === null) return { what, target, figure: 'not measured', met: null };
  const shown = unit === 'fps' ? value.toFixed(1) : Math.round(value).toLocaleString('en-US');
  return { what, target, figure: `${shown} ${unit}`, met: atLeast ? value >= limit : value < limit };
}

/** ", median of N opens" when a figure is the median of repeated opens. */
const opens = (result: Json): string => {
  const n = num(result.opens);
  return n !== null && n > 1 ? `, median of ${n} opens` : '';
};

function rows(): Row[] {
  const engine = read('results.json');
  const browser = read('results-browser.json') ?? {};
  const cli = read('results-cli.json');
  const p1 = (browser.pods1000 ?? {}) as Json;
  const p5 = (browser.pods5000 ?? {}) as Json;
  const p10 = (browser.pods10000 ?? {}) as Json;
  const big = ((engine?.results as Json[] | undefined) ?? []).find((r) => r.classes === 20_002) ?? {};
  const table = Math.max(num(big.fastPortMs) ?? NaN, num(big.fastAnyMs) ?? NaN);
  return [
    row(
      '1,000 pods: keystroke to the recoloured, painted frame',
      '< 100 ms',
      num(p1.keystrokeToFrameMs),
      100,
      'ms',
    ),
    row(
      '1,000 pods: longest main-thread task while typing',
      '< 50 ms',
      num(p1.typingLongestTaskMs),
      50,
      'ms',
    ),
    row(
      '1,000 pods: Open of the file, longest main-thread task',
      '< 200 ms',
      num(p1.openLongestTaskMs),
      200,
      'ms',
    ),
    row('5,000 pods: Open to the first painted canvas', '< 3 s', num(p5.openMs), 3000, 'ms'),
    row(
      '5,000 pods: longest main-thread task while opening',
      '<= 200 ms',
      num(p5.openLongestTaskMs),
      201,
      'ms',
    ),
    row('5,000 pods: typing, per key until up to date', '< 100 ms', num(p5.typingPerKeyMs), 100, 'ms'),
    row(
      '5,000 pods: keystroke to the recoloured, painted frame',
      '< 100 ms',
      num(p5.keystrokeToFrameMs),
      100,
      'ms',
    ),
    row(
      `10,000 pods (${num(p10.megabytes) ?? '?'} MB): Open to the first painted canvas${opens(p10)}`,
      '< 5 s',
      num(p10.openMs),
      5000,
      'ms',
    ),
    row(
      `10,000 pods: longest main-thread task while opening (responsive)${opens(p10)}`,
      '<= 200 ms',
      num(p10.openLongestTaskMs),
      201,
      'ms',
    ),
    row('1,000 pods, default view: pan', '>= 30 fps', num(p1.panFps), 30, 'fps', true),
    row('1,000 pods, default view: zoom', '>= 30 fps', num(p1.zoomFps), 30, 'fps', true),
    row(
      '100,000 pods in 20,000 classes / 5,000 policies: table (80/TCP or any port)',
      '< 1 s',
      Number.isNaN(table) ? null : table,
      1000,
      'ms',
    ),
    row('100,000 pods in 20,000 classes: one-policy edit', '< 20 ms', num(big.editMedianMs), 20, 'ms'),
    row('100,000 pods in 20,000 classes: peak memory (RSS)', '< 512 MiB', num(big.peakRssMiB), 512, 'MiB'),
    row('`netpol matrix` on the demo workspace, whole process', '< 300 ms', num(cli?.medianMs), 300, 'ms'),
    row('JavaScript before Monaco loads (gzip)', '< 300 KB', jsBeforeMonacoKiB(), 300, 'KiB'),
  ];
}

function markdown(list: readonly Row[]): string {
  const cells = list.map((r) => [
    r.what,
    r.target,
    r.figure,
    r.met === null ? '-' : r.met ? 'met' : 'NOT met',
  ]);
  const head = ['what', 'target', 'measured', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  // As Prettier writes Markdown tables, so the README stays formatted.
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

const list = rows();
const table = markdown(list);
console.log(`\nPerformance targets (${new Date().toISOString().slice(0, 10)}):\n\n${table}\n`);

const readme = path.join(root, 'README.md');
const text = readFileSync(readme, 'utf8');
const begin = '<!-- bench:targets -->';
const end = '<!-- /bench:targets -->';
if (text.includes(begin) && text.includes(end)) {
  const updated = `${text.slice(0, text.indexOf(begin) + begin.length)}\n\n${table}\n\n${text.slice(text.indexOf(end))}`;
  writeFileSync(readme, updated);
  console.log('README.md: targets table updated');
}
