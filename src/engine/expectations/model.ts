import type { PodKey } from '../model/ids';
import type { LabelSelector } from '../model/policy';
import type { ObjectOrigin } from '../model/resources';
import type { Endpoint, PortQuery, Verdict } from '../model/verdict';

/** The `apiVersion` of our own document kinds (kubectl does not know it, so never applies it). */
export const CONNECTIVITY_TEST_API_VERSION = 'netpolcanvas.io/v1alpha1';

/** The `kind` of a policy-test document. */
export const CONNECTIVITY_TEST_KIND = 'ConnectivityTest';

/**
 * One side of an expectation: a single pod/workload (`shop/web`), an outside address
 * (`{ip: 8.8.8.8}`), or the pods chosen by namespace and/or selectors. For `pods`: `namespace`
 * names one namespace, `namespaceSelector` selects namespaces by label, `podSelector` selects
 * pods by label (neither namespace field: every namespace); all given parts must hold (AND).
 */
export type ExpectationSide =
  | { readonly kind: 'pod'; readonly key: PodKey }
  | { readonly kind: 'ip'; readonly ip: string }
  | {
      readonly kind: 'pods';
      readonly namespace?: string;
      readonly namespaceSelector?: LabelSelector;
      readonly podSelector?: LabelSelector;
    };

/** What an expectation demands of every pair it covers. */
export type ExpectedOutcome = 'allowed' | 'blocked';

/**
 * One connectivity expectation: every pair (from, to) on `port` must be `expect`ed.
 * `port: 'any'` asks whether SOME port and protocol is allowed both ways.
 */
export type Expectation = {
  readonly description?: string;
  readonly from: ExpectationSide;
  readonly to: ExpectationSide;
  readonly port: PortQuery;
  readonly expect: ExpectedOutcome;
  /** Index in `spec.expectations` (for field paths and editor links); 0 for built ones. */
  readonly index: number;
};

/** A `ConnectivityTest` document: a named list of expectations. */
export type ConnectivityTest = {
  readonly name: string;
  readonly expectations: readonly Expectation[];
  readonly source?: ObjectOrigin;
};

/** The first pair that contradicts an expectation, with the engine's verdict and its explanation. */
export type ExpectationFailure = {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly verdict: Verdict;
  /** {@link explainVerdict} text for the verdict. */
  readonly explanation: string;
};

/**
 * The outcome of one expectation. `pairs` is the number of (from, to) pairs checked and
 * `failing` how many contradict it. `problem` says why it failed without a verdict (a side
 * selects no pod); otherwise a failed expectation has `firstFailure`. `message` is a one-line
 * summary for lists ("ok" or why it failed).
 */
export type ExpectationResult = {
  readonly test: string;
  readonly expectation: Expectation;
  readonly title: string;
  readonly passed: boolean;
  readonly pairs: number;
  readonly failing: number;
  readonly problem?: string;
  readonly firstFailure?: ExpectationFailure;
  readonly message: string;
};

/** The outcomes of one {@link ConnectivityTest}. */
export type ConnectivityTestResult = {
  readonly name: string;
  readonly source?: ObjectOrigin;
  readonly results: readonly ExpectationResult[];
  readonly passed: number;
  readonly failed: number;
};
