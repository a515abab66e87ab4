import { evaluateConnection } from '../evaluate/evaluateConnection';
import { explainVerdict, formatEndpoint, formatPortQuery } from '../explain/explainVerdict';
import type { PodInfo } from '../model/resources';
import type { Endpoint } from '../model/verdict';
import type { Workspace } from '../model/workspace';
import { matchesLabelSelector } from '../selectors/matchesLabelSelector';
import type {
  ConnectivityTest,
  ConnectivityTestResult,
  Expectation,
  ExpectationFailure,
  ExpectationResult,
  ExpectationSide,
} from './model';
import { expectationTitle, formatSide } from './formatExpectation';

/**
 * Runs every expectation of every test against the workspace (see {@link runExpectation}).
 * Never throws.
 */
export function runExpectations(ws: Workspace, tests: readonly ConnectivityTest[]): ConnectivityTestResult[] {
  return tests.map((test) => {
    const results = test.expectations.map((e) => runExpectation(ws, e, test.name));
    const passed = results.filter((r) => r.passed).length;
    return {
      name: test.name,
      ...(test.source ? { source: test.source } : {}),
      results,
      passed,
      failed: results.length - passed,
    };
  });
}

/**
 * Checks one expectation: every pair (a pod or address of `from`, one of `to`) must be allowed
 * (or blocked) on the port. A side that selects no pod fails ("selects no pod"). When a side is
 * a selection, a single-instance pod paired with itself is skipped (a pod can always reach
 * itself: that is not what "pods in dev cannot reach dev" is about). The first failing pair
 * is kept with its verdict and explanation.
 */
export function runExpectation(ws: Workspace, e: Expectation, testName = ''): ExpectationResult {
  const title = expectationTitle(e);
  const base = { test: testName, expectation: e, title };
  const from = resolveSide(ws, e.from);
  const to = resolveSide(ws, e.to);
  const problems = [
    ...(typeof from === 'string' ? [`from: ${from}`] : []),
    ...(typeof to === 'string' ? [`to: ${to}`] : []),
  ];
  if (typeof from === 'string' || typeof to === 'string') {
    const problem = problems.join('; ');
    return { ...base, passed: false, pairs: 0, failing: 0, problem, message: problem };
  }
  const selection = e.from.kind === 'pods' || e.to.kind === 'pods';
  let pairs = 0;
  let failing = 0;
  let firstFailure: ExpectationFailure | undefined;
  for (const f of from) {
    for (const t of to) {
      if (selection && isSelfPair(ws, f, t)) continue;
      pairs++;
      const verdict = evaluateConnection(ws, f, t, e.port);
      if (verdict.allowed === (e.expect === 'allowed')) continue;
      failing++;
      firstFailure ??= { from: f, to: t, verdict, explanation: explainVerdict(verdict) };
    }
  }
  if (pairs === 0) {
    const problem = 'no pair to check: the only pairs are pods with themselves';
    return { ...base, passed: false, pairs, failing, problem, message: problem };
  }
  if (!firstFailure) return { ...base, passed: true, pairs, failing, message: 'ok' };
  const actual = firstFailure.verdict.allowed ? 'ALLOWED' : 'BLOCKED';
  const pair = `${formatEndpoint(firstFailure.from)} -> ${formatEndpoint(firstFailure.to)}`;
  const share = pairs > 1 ? ` (${failing} of ${pairs} pairs fail)` : '';
  return {
    ...base,
    passed: false,
    pairs,
    failing,
    firstFailure,
    message: `expected ${e.expect}, but ${pair} on ${formatPortQuery(e.port)} is ${actual}${share}`,
  };
}

/**
 * The endpoints a side stands for in the workspace, or why it stands for none
 * ("selects no pod", "no pod or workload x/y").
 */
export function resolveSide(ws: Workspace, side: ExpectationSide): Endpoint[] | string {
  switch (side.kind) {
    case 'ip':
      return [{ kind: 'ip', ip: side.ip }];
    case 'pod':
      return ws.podByKey.has(side.key)
        ? [{ kind: 'pod', key: side.key }]
        : `no pod or workload ${side.key} in the workspace`;
    case 'pods': {
      const pods = ws.pods.filter((p) => sideSelects(ws, side, p));
      return pods.length > 0
        ? pods.map((p) => ({ kind: 'pod', key: p.key }))
        : `${formatSide(side)} selects no pod`;
    }
  }
}

function sideSelects(ws: Workspace, side: Extract<ExpectationSide, { kind: 'pods' }>, pod: PodInfo): boolean {
  if (side.namespace !== undefined && pod.namespace !== side.namespace) return false;
  if (side.namespaceSelector) {
    const ns = ws.namespaceByName.get(pod.namespace);
    if (!ns || !matchesLabelSelector(side.namespaceSelector, ns.labels)) return false;
  }
  return side.podSelector === undefined || matchesLabelSelector(side.podSelector, pod.labels);
}

function isSelfPair(ws: Workspace, a: Endpoint, b: Endpoint): boolean {
  if (a.kind !== 'pod' || b.kind !== 'pod' || a.key !== b.key) return false;
  const pod = ws.podByKey.get(a.key);
  return pod !== undefined && (pod.kind === 'Pod' || pod.replicas === 1);
}
