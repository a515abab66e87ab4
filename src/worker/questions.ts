/**
 * Questions the page asks about a text that need the whole engine and the worker's model of
 * that text: the policies for an intent (synthesis) and Hubble flows against the policies.
 * Answered in the worker, from the last analysis when it is the same text.
 */
import { analyzeFlows, flowsToIntent, matchFlows, parseHubbleFlows, synthesizePolicies } from '../engine';
import type {
  Expectation,
  ExpectationSide,
  FlowAnalysis,
  PortQuery,
  SynthesisOptions,
  SynthesisResult,
  Workspace,
} from '../engine';
import { canonicalIp, podKey } from '../engine';
import { printManifests } from '../yaml/printManifests';

/** Where the intent of a synthesis comes from. */
export type IntentSource =
  /** The workspace's `ConnectivityTest` expectations. */
  | { kind: 'checks' }
  /** Connections marked on the canvas as "should be allowed" (endpoint keys: `ns/pod` or an address). */
  | { kind: 'pairs'; pairs: { from: string; to: string }[]; port: PortQuery }
  /** The FORWARDED connections of Hubble flows (`hubble observe -o json`). */
  | { kind: 'flows'; flowsText: string };

export type Question =
  | { kind: 'synthesize'; intent: IntentSource; options?: SynthesisOptions }
  | { kind: 'flows'; flowsText: string };

/** A synthesis as the page shows it: the policies printed as YAML, with the engine's findings. */
export type SynthesisAnswer = Omit<SynthesisResult, 'policies'> & {
  /** The generated policies, multi-document YAML ('' when there are none). */
  yaml: string;
  policyCount: number;
  /** How many expectations the intent held. */
  expectationCount: number;
  /** How many of them are the workspace's connectivity checks. */
  checkCount: number;
};

export type Answer =
  | { kind: 'synthesize'; result: SynthesisAnswer }
  | { kind: 'flows'; result: FlowAnalysis }
  | { kind: 'error'; message: string };

function side(key: string): ExpectationSide {
  const ip = canonicalIp(key);
  if (ip !== undefined) return { kind: 'ip', ip };
  const [namespace = '', name = ''] = key.split('/');
  return { kind: 'pod', key: podKey(namespace, name) };
}

/**
 * The expectations an intent source stands for. Marked connections and flows come with the
 * workspace's own connectivity checks: they are part of what must stay true, so the policies
 * keep them (or the intent is refused, naming the check it contradicts).
 */
export function intentOf(workspace: Workspace, source: IntentSource): Expectation[] {
  const checks = workspace.tests.flatMap((t) => t.expectations);
  switch (source.kind) {
    case 'checks':
      return checks;
    case 'pairs':
      return [...checks, ...pairsIntent(source)];
    case 'flows':
      return [
        ...checks,
        ...flowsToIntent(matchFlows(workspace, parseHubbleFlows(source.flowsText).flows).connections),
      ];
  }
}

function pairsIntent(source: Extract<IntentSource, { kind: 'pairs' }>): Expectation[] {
  return source.pairs.map((pair, index) => ({
    from: side(pair.from),
    to: side(pair.to),
    port: source.port,
    expect: 'allowed' as const,
    index,
    description: `${pair.from} -> ${pair.to} (marked on the canvas)`,
  }));
}

/** Answers a question about the workspace of a text; never throws. */
export function answer(workspace: Workspace, question: Question): Answer {
  try {
    if (question.kind === 'flows')
      return { kind: 'flows', result: analyzeFlows(workspace, question.flowsText) };
    const intent = intentOf(workspace, question.intent);
    const { policies, ...rest } = synthesizePolicies(workspace, intent, question.options);
    return {
      kind: 'synthesize',
      result: {
        ...rest,
        yaml: policies.length > 0 ? printManifests(policies) : '',
        policyCount: policies.length,
        expectationCount: intent.length,
        checkCount: workspace.tests.reduce((n, t) => n + t.expectations.length, 0),
      },
    };
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}
