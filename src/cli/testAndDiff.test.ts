import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findRecipe, RECIPES } from '../recipes';
import { main, type CliIo } from './main';

const here = path.dirname(fileURLToPath(import.meta.url));
const demo = path.join(here, 'testdata/demo.yaml');
const dir = mkdtempSync(path.join(tmpdir(), 'netpol-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function run(args: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const written = new Map<string, string>();
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: () => Promise.resolve(stdin),
    readFile: (p) => Promise.resolve(readFileSync(p, 'utf8')),
    writeFile: (p, t) => {
      written.set(p, t);
      return Promise.resolve();
    },
  };
  const code = await main(args, io);
  return { code, out: out.join(''), err: err.join(''), written };
}

const TEST_DOC = `---
apiVersion: netpolcanvas.io/v1alpha1
kind: ConnectivityTest
metadata:
  name: shop-basics
spec:
  expectations:
    - description: web reaches the db
      from: shop/web
      to: shop/db
      port: 5432/TCP
      expect: allowed
    - description: db cannot call out <&>
      from: shop/db
      to: { ip: 8.8.8.8 }
      port: 443/TCP
      expect: allowed
`;

describe('netpol test', () => {
  it.each([['test'], ['diff']])('%s --help prints its usage', async (cmd) => {
    const r = await run([cmd, '--help']);
    expect([r.code, r.out]).toEqual([0, expect.stringContaining(`Usage: netpol ${cmd}`)]);
  });

  it('runs a recipe and passes (exit 0)', async () => {
    const recipe = findRecipe('and-vs-or-peers');
    const r = await run(['test', file('recipe.yaml', recipe?.yaml ?? '')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('PASS AND: prometheus in a team=ops namespace gets in');
    expect(r.out).toContain('5 passed, 0 failed');
  });

  it('runs every recipe in one go when given several files', async () => {
    const files = RECIPES.map((rec) => file(`${rec.id}.yaml`, rec.yaml));
    // Each recipe is its own workspace: run them one by one.
    for (const f of files) expect((await run(['test', f, '--quiet'])).code).toBe(0);
  });

  it('prints failures with the reason, exits 1 and writes JUnit XML', async () => {
    const r = await run(['test', demo, file('t.yaml', TEST_DOC), '--junit', 'out.xml']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('PASS web reaches the db');
    expect(r.out).toContain('FAIL db cannot call out <&>');
    expect(r.out).toContain('expected allowed, but shop/db -> 8.8.8.8 on 443/TCP is BLOCKED');
    expect(r.out).toContain('egress at shop/db: BLOCKED. Isolated by shop/default-deny');
    const xml = r.written.get('out.xml') ?? '';
    expect(xml).toContain('<testsuite name="shop-basics" tests="2" failures="1"');
    expect(xml).toContain('<testcase classname="shop-basics" name="#1 web reaches the db"/>');
    expect(xml).toContain('name="#2 db cannot call out &lt;&amp;&gt;"');
    expect(xml).toMatch(
      /<failure message="expected allowed, [^"]*" type="ExpectationFailed">BLOCKED: shop\/db/,
    );
  });

  it.each([
    [['test', demo], 'no ConnectivityTest document'],
    [['test', 'missing.yaml'], 'cannot read missing.yaml'],
    [['test', '-'], 'ConnectivityTest documents'],
  ])('%j exits 2 on bad input', async (args, message) => {
    const bad = `${TEST_DOC}    - from: shop/web\n      to: shop/db\n      expect: sometimes\n`;
    const r = await run(args, bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });
});

describe('netpol diff', () => {
  const newer = (): string =>
    file(
      'new.yaml',
      readFileSync(demo, 'utf8')
        .replace('name: web-to-db', 'name: web-to-nothing')
        .replace('app: db }\n      ports:\n        - port: 5432', 'app: nothing }'),
    );

  it('prints lost connections as text', async () => {
    const r = await run(['diff', demo, newer(), '--port', '5432/TCP']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('0 connection(s) gained, 1 lost (5432/TCP).');
    expect(r.out).toContain('  - shop/web -> shop/db on 5432/TCP');
  });

  it('prints JSON and honours --exit-code', async () => {
    const r = await run(['diff', demo, newer(), '--format', 'json', '--exit-code']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({
      ports: ['any port'],
      gained: [],
      lost: [{ from: 'shop/web', to: 'shop/db', port: 'any port' }],
    });
    const same = await run(['diff', demo, demo, '--exit-code']);
    expect([same.code, same.out]).toEqual([0, expect.stringContaining('No connection changed')]);
  });

  it('counts pods added or removed as changes for --exit-code', async () => {
    const empty = file('empty.yaml', '');
    const added = await run(['diff', empty, demo, '--exit-code']);
    expect(added.code).toBe(1);
    expect(added.out).toContain('but some are in one version only');
    expect(added.out).toContain('Only in the new version: shop/web');
    expect((await run(['diff', demo, empty, '--exit-code'])).code).toBe(1);
    expect((await run(['diff', empty, empty, '--exit-code'])).code).toBe(0);
  });

  it.each([
    [['diff', demo], 'exactly two files'],
    [['diff', demo, demo, '--format', 'xml'], 'bad --format'],
    [['diff', demo, demo, '--external', 'nope'], 'bad --external'],
    [['diff', '-', '-'], 'standard input (-) can be read only once'],
  ])('%j exits 2', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });
});
