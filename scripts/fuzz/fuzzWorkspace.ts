/**
 * Fuzzing of the whole text path, as a user can drive it: damaged or hostile text goes
 * through parse, validation, evaluation and lint (the worker's analyzer, run inline), then
 * through a sequence of canvas commands, each applied to the text the previous one left.
 * Nothing may throw, and a command may never make text that read cleanly unreadable.
 *
 * `npm test` runs a few thousand inputs (`fuzz.test.ts`); `npm run fuzz` runs as many as
 * asked (100,000 by default) and prints the figures.
 */
import fc from 'fast-check';
import type { PortQuery } from '../../src/engine';
import { RECIPES } from '../../src/recipes';
import { addExpectation } from '../../src/store/commands/addExpectation';
import { addNamespace } from '../../src/store/commands/addNamespace';
import { addPod } from '../../src/store/commands/addPod';
import { allowTraffic, namespaceRef } from '../../src/store/commands/allowTraffic';
import type { Command } from '../../src/store/commands/command';
import { textAfter } from '../../src/store/commands/command';
import { deleteObject } from '../../src/store/commands/deleteObject';
import { NAMESPACE_ACTIONS } from '../../src/store/commands/policyTemplates';
import { setContainerPorts } from '../../src/store/commands/setContainerPorts';
import { setPodLabels } from '../../src/store/commands/setPodLabels';
import { DEMO_WORKSPACE } from '../../src/recipes/demoWorkspace';
import { createAnalyzer } from '../../src/worker/createAnalyzer';
import type { AnalyzeResult } from '../../src/worker/protocol';

/** Texts people start from: the demo and every recipe. */
const SEEDS = [DEMO_WORKSPACE, ...RECIPES.map((r) => r.yaml)];

/** Pieces that YAML, Kubernetes and our own code find interesting. */
const TOKENS = [
  '\n',
  ' ',
  '  ',
  '\t',
  ':',
  ': ',
  '- ',
  '---\n',
  '...\n',
  '{',
  '}',
  '[',
  ']',
  ',',
  '"',
  "'",
  '#',
  '&a ',
  '*a',
  '!!binary ',
  '!!str ',
  '? ',
  '|\n',
  '>-\n',
  '%YAML 1.2\n',
  'kind: NetworkPolicy\n',
  'kind: List\nitems:\n',
  'podSelector: {}\n',
  'namespaceSelector: {matchLabels: {}}\n',
  'ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}\n',
  'port: http\n',
  'port: 0\n',
  'endPort: 70000\n',
  'protocol: ICMP\n',
  'policyTypes: [Egress]\n',
  'matchExpressions: [{key: a, operator: In, values: []}]\n',
  'containerPort: 8080\n',
  'namespace: default\n',
  'name: x\n',
  '\u0000',
  '\u001b[2J',
  '\u202e',
  'é',
  '😀',
  '9'.repeat(40),
  'a'.repeat(300),
];

/** One edit of a text: delete a span, insert tokens, or duplicate a line. */
type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 4 }).map((t) => t.join('')),
      fc.string({ maxLength: 12 }),
    ),
  }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
);

function mutate(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  if (m.kind === 'delete') return text.slice(0, at) + text.slice(at + m.length);
  if (m.kind === 'insert') return text.slice(0, at) + m.text + text.slice(at);
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const end = text.indexOf('\n', at);
  const line = text.slice(start, end === -1 ? text.length : end + 1);
  return text.slice(0, start) + line + text.slice(start);
}

/** A seed damaged by up to 6 mutations (sometimes none: clean text must stay clean). */
export const fuzzText: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { maxLength: 6 }))
  .map(([seed, mutations]) => mutations.reduce(mutate, seed));

/** A canvas gesture, its arguments picked from the workspace at the moment it runs. */
type Gesture = (pick: Picker) => { command: Command<never>; args: unknown };

/** Picks arguments: mostly what the workspace holds, sometimes nonsense. */
interface Picker {
  pod(): string;
  namespace(): string;
  labels(): Record<string, string>;
  port(): PortQuery;
  index(): number;
}

const GESTURES: readonly Gesture[] = [
  (p) => ({ command: addNamespace, args: { name: p.namespace() } }),
  (p) => ({
    command: addPod,
    args: {
      namespace: p.namespace(),
      name: p.namespace(),
      labels: p.labels(),
      kind: p.index() % 2 ? 'Pod' : 'Deployment',
    },
  }),
  (p) => ({ command: allowTraffic, args: { from: p.pod(), to: p.pod(), port: p.port() } }),
  (p) => ({
    command: allowTraffic,
    args: { from: namespaceRef(p.namespace()), to: p.pod(), port: p.port() },
  }),
  (p) => ({
    command: allowTraffic,
    args: { from: p.pod(), to: namespaceRef(p.namespace()), port: p.port() },
  }),
  (p) => ({ command: deleteObject, args: { documentIndex: p.index() } }),
  (p) => ({ command: deleteObject, args: { documentIndex: p.index(), objectPath: ['items', p.index()] } }),
  (p) => ({ command: setPodLabels, args: { podKey: p.pod(), labels: p.labels() } }),
  (p) => ({
    command: setContainerPorts,
    args: {
      podKey: p.pod(),
      ports: [{ containerPort: (p.index() % 70_000) + 1, name: 'http', protocol: 'TCP' }],
    },
  }),
  (p) => ({
    command: addExpectation,
    args: {
      expectation: {
        from: { kind: 'pod', key: p.pod() },
        to: { kind: 'pod', key: p.pod() },
        port: p.port(),
        expect: p.index() % 2 ? 'allowed' : 'blocked',
        index: 0,
      },
    },
  }),
  ...NAMESPACE_ACTIONS.map((action): Gesture => (p) => ({
    command: action,
    args: { namespace: p.namespace() },
  })),
];

const ODD_STRINGS = [
  '',
  'a',
  'new',
  'Bad_Name',
  'x'.repeat(70),
  '-',
  'ns/a/b',
  '10.0.0.1',
  '0.0.0.0/0',
  '"',
  '\u001b',
];

function picker(result: AnalyzeResult, choices: number[]): Picker {
  let i = 0;
  const next = (n: number): number => (n <= 0 ? 0 : (choices[i++ % Math.max(choices.length, 1)] ?? 0) % n);
  const { pods, namespaces } = result.workspace;
  return {
    pod: () =>
      next(5) === 0 ? ODD_STRINGS[next(ODD_STRINGS.length)]! : (pods[next(pods.length)]?.key ?? 'a/b'),
    namespace: () =>
      next(4) === 0
        ? ODD_STRINGS[next(ODD_STRINGS.length)]!
        : (namespaces[next(namespaces.length)]?.name ?? 'a'),
    labels: () =>
      next(3) === 0
        ? { [ODD_STRINGS[next(ODD_STRINGS.length)]!]: ODD_STRINGS[next(ODD_STRINGS.length)]! }
        : { app: 'web' },
    port: () =>
      (
        [
          'any',
          { port: 80, protocol: 'TCP' },
          { port: 'http', protocol: 'TCP' },
          { port: 53, protocol: 'UDP' },
        ] as const
      )[next(4)] as PortQuery,
    index: () => next(12),
  };
}

/** Whether the text reads as YAML: no syntax error, not taken for a binary file. */
const readable = (r: AnalyzeResult): boolean =>
  !r.diagnostics.some((d) => d.code === 'yaml-syntax' || d.code === 'input-binary');

/** Counts of what one run did, for the figures. */
export interface FuzzStats {
  inputs: number;
  commandsRun: number;
  commandsRefused: number;
  textsWithYamlErrors: number;
}

/**
 * The property: one text, then up to 4 gestures. Throws (with the text and the gesture)
 * when anything breaks.
 */
export function fuzzProperty(stats: FuzzStats) {
  const analyzer = createAnalyzer();
  let seq = 0;
  const analyze = (text: string): AnalyzeResult => {
    const result = analyzer.analyze({
      type: 'analyze',
      seq: ++seq,
      text,
      options: {},
      port: 'any',
      enforced: true,
    });
    for (const d of result.diagnostics) {
      if (!Array.isArray(d.path)) throw new Error(`diagnostic ${d.code} has no field path`);
    }
    return result;
  };
  return fc.property(
    fuzzText,
    fc.array(fc.tuple(fc.nat(GESTURES.length - 1), fc.array(fc.nat(), { minLength: 8, maxLength: 8 })), {
      maxLength: 4,
    }),
    (start, gestures) => {
      stats.inputs++;
      let text = start;
      let result = analyze(text);
      if (!readable(result)) stats.textsWithYamlErrors++;
      for (const [g, choices] of gestures) {
        const { command, args } = GESTURES[g]!(picker(result, choices));
        const outcome = command.perform({ text, workspace: result.workspace }, args as never);
        const next = textAfter(text, outcome);
        if (next === null) {
          stats.commandsRefused++;
          continue;
        }
        stats.commandsRun++;
        const after = analyze(next);
        if (readable(result) && !readable(after)) {
          throw new Error(
            `${command.id} made the YAML unreadable:\n${JSON.stringify(args)}\n--- before\n${text}\n--- after\n${next}`,
          );
        }
        text = next;
        result = after;
      }
    },
  );
}
