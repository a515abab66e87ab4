import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from './main';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CASE_ROOTS = [
  path.resolve(repoRoot, '../shared/conformance/cases'),
  path.resolve(repoRoot, 'conformance/cases'),
];

type Expectation = { from: unknown; to: unknown; port: number | string; protocol: string; allowed: boolean };
type CaseRef = { id: string; file: string; expectations: Expectation[] };

/** Every case file under every case root that exists, one per id (the shared copy first). */
function findCases(): CaseRef[] {
  const byId = new Map<string, CaseRef>();
  for (const root of CASE_ROOTS.filter((r) => existsSync(r))) {
    for (const dir of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const name of readdirSync(path.join(root, dir.name))
        .filter((n) => n.endsWith('.json'))
        .sort()) {
        const file = path.join(root, dir.name, name);
        const parsed = JSON.parse(readFileSync(file, 'utf8')) as { id: string; expectations: Expectation[] };
        if (!byId.has(parsed.id))
          byId.set(parsed.id, { id: parsed.id, file, expectations: parsed.expectations });
      }
    }
  }
  return [...byId.values()];
}

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: () => Promise.resolve(''),
    readFile: (p) => Promise.resolve(readFileSync(p, 'utf8')),
  };
}

function mismatches(c: CaseRef, line: string): string[] {
  const answer = JSON.parse(line) as { id: string; results: { allowed: boolean }[] };
  expect(answer.id).toBe(c.id);
  expect(answer.results).toHaveLength(c.expectations.length);
  return c.expectations.flatMap((e, i) =>
    answer.results[i]?.allowed === e.allowed
      ? []
      : [
          `${c.id}: ${JSON.stringify(e.from)} -> ${JSON.stringify(e.to)} ${e.port}/${e.protocol} expected ${e.allowed}`,
        ],
  );
}

const cases = findCases();

describe('conformance cases through `netpol case`', () => {
  it('finds cases to run', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const io = captureIo();
    const code = await main(['case', '--quiet', c.file], io);
    expect(io.err.join('')).toBe('');
    expect(code).toBe(0);
    expect(mismatches(c, io.out.join('').trim())).toEqual([]);
  });

  it('runs through the real bin (node bin/netpol.mjs case FILE...) as JSON Lines', async () => {
    const sample = cases.slice(0, 5);
    const { stdout } = await promisify(execFile)(
      'node',
      [path.join(repoRoot, 'bin/netpol.mjs'), 'case', '--quiet', ...sample.map((c) => c.file)],
      {
        cwd: repoRoot,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(sample.length);
    sample.forEach((c, i) => expect(mismatches(c, lines[i] ?? '{}')).toEqual([]));
  });
});
