/**
 * NetPol Canvas evaluation engine: Kubernetes NetworkPolicy semantics (and the admin tiers of
 * the Network Policy API) in pure TypeScript.
 * Load manifests into a {@link Workspace}, ask {@link evaluateConnection} about one connection
 * (with reasons), {@link computeTruthTable} about all pairs ({@link createEvaluator} to keep it
 * up to date incrementally), {@link lintWorkspace} for gotchas.
 */
export type { Brand, PodKey, PolicyKey } from './model/ids';
export { assertNever, podKey, policyKey } from './model/ids';
export type {
  Diagnostic,
  DiagnosticSource,
  FieldPath,
  Result,
  Severity,
  TextLocation,
} from './model/diagnostics';
export { objectKey, ValidationCode } from './model/diagnostics';
export type {
  ContainerPort,
  Labels,
  NamespaceInfo,
  NodeInfo,
  ObjectOrigin,
  PodInfo,
  PodKind,
  Protocol,
  WorkloadKind,
} from './model/resources';
export { PROTOCOLS } from './model/resources';
export type {
  Cidr,
  CompiledPolicy,
  CompiledRule,
  Direction,
  IndexedPeer,
  IndexedPort,
  LabelRequirement,
  LabelSelector,
  NamespaceMatcher,
  PeerMatcher,
  PeerShape,
  PortMatcher,
  SelectorOperator,
} from './model/policy';
export type {
  AdminAction,
  AdminPeer,
  AdminPeerMatcher,
  AdminPolicyKey,
  AdminPolicyKind,
  AdminRule,
  AdminSubject,
  AdminTier,
  CompiledAdminPolicy,
} from './model/adminPolicy';
export { adminPolicyKey, adminRulesOf, isAdmitAction } from './model/adminPolicy';
export { ADMIN_POLICY_KINDS } from './normalize/normalizeAdminPolicy';
export { subjectSelects } from './evaluate/evaluateAdminTier';
export type { ManifestObject } from './model/manifest';
export type { EngineOptions, IpOwner, Workspace } from './model/workspace';
export { DEFAULT_ENGINE_OPTIONS } from './model/workspace';
export type {
  AdminRuleMatch,
  DirectionException,
  DirectionVerdict,
  Endpoint,
  PortQuery,
  PortSpec,
  RuleMatch,
  Tier,
  TierDecision,
  Verdict,
  VerdictReason,
} from './model/verdict';
export { loadWorkspace, buildWorkspace } from './normalize/loadWorkspace';
export { createWorkspaceLoader } from './normalize/workspaceLoader';
export type { WorkspaceLoader } from './normalize/workspaceLoader';
export { isListObject, unwrapLists } from './normalize/unwrapLists';
export { NAMESPACE_NAME_LABEL } from './normalize/normalizeClusterObjects';
export { evaluateConnection } from './evaluate/evaluateConnection';
export { computeTruthTable } from './evaluate/computeTruthTable';
export type { TableEndpoint, TruthTable, TruthTableQuery } from './evaluate/computeTruthTable';
export { createEvaluator, ISOLATED_EGRESS, ISOLATED_INGRESS } from './evaluate/fast/createEvaluator';
export { openEndsOf } from './evaluate/openEnds';
export { sameItems } from './model/sameItems';
export { lowerBound, upperBound } from './model/sortedSearch';
export {
  allAllowedCells,
  cellAllowed,
  cellBuffers,
  cellOpenEnds,
  cellRow,
  cellsFromBytes,
  cellsToBytes,
  copyCells,
} from './evaluate/cellMatrix';
export type { CellMatrix } from './evaluate/cellMatrix';
export type { Evaluator, EvaluatorUpdate } from './evaluate/fast/createEvaluator';
export type { FastTruthTable } from './evaluate/fast/classTable';
export type { BlockSums } from './evaluate/fast/blockSums';
export {
  explainVerdict,
  formatAdminRuleMatch,
  formatEndpoint,
  formatPortQuery,
  formatRuleMatch,
} from './explain/explainVerdict';
export { formatTruthTable, toJson as truthTableToJson } from './explain/formatTruthTable';
export type { TableFormat } from './explain/formatTruthTable';
export { canonicalIp, parseCidr, parseIp } from './selectors/cidr';
export type { PortQueryReading } from './selectors/portQuery';
export { formatPortQueryText, parsePortQuery, readPortQuery } from './selectors/portQuery';
export { formatLabelSelector, matchesLabelSelector } from './selectors/matchesLabelSelector';
export { LINT_CHECKS, lintWorkspace } from './lint/lintWorkspace';
export { LINT_CODES } from './lint/lintCodes';
export type { LintCode } from './lint/lintCodes';
export {
  checkDns1123Label,
  checkDns1123Subdomain,
  checkLabelValue,
  checkPortName,
  checkQualifiedName,
} from './normalize/validateNames';
export { podsSelectedBy, selectedPodCounts, selectionAt } from './explain/selectionAt';
export type { Selection } from './explain/selectionAt';
export { summarisePolicy } from './explain/policyPeers';
export { adminSubjectPods, summariseAdminPolicy } from './explain/adminPolicyPeers';
export type { AdminPeerSummary, AdminPolicySummary, AdminRuleSummary } from './explain/adminPolicyPeers';
export type { PeerSummary, PolicySummary } from './explain/policyPeers';
export { externalPeers, OUTSIDE_ADDRESS } from './explain/externalPeers';
export type { ExternalPeer } from './explain/externalPeers';
export { CONNECTIVITY_TEST_API_VERSION, CONNECTIVITY_TEST_KIND } from './expectations/model';
export type {
  ConnectivityTest,
  ConnectivityTestResult,
  Expectation,
  ExpectationFailure,
  ExpectationResult,
  ExpectationSide,
  ExpectedOutcome,
} from './expectations/model';
export { normalizeConnectivityTest } from './expectations/normalizeConnectivityTest';
export { resolveSide, runExpectation, runExpectations } from './expectations/runExpectations';
export {
  connectivityTestToObject,
  expectationTitle,
  expectationToObject,
  formatSide,
  sideToObject,
} from './expectations/formatExpectation';
export {
  expectationTemplates,
  INTERNET_PROBE_IP,
  OUTSIDE_CLIENT_IP,
} from './expectations/expectationTemplates';
export type { ExpectationTemplate, TemplateCategory } from './expectations/expectationTemplates';
export { diffConnectivity, formatChange, formatConnectivityDiff } from './diff/diffConnectivity';
export type { ConnectivityChange, ConnectivityDiff } from './diff/diffConnectivity';
export { diffMatrices } from './diff/diffMatrices';
export type { ConnectivityMatrix, KeyPair, MatrixDiff } from './diff/diffMatrices';
export { synthesizePolicies, countRules } from './synthesize/synthesizePolicies';
export { chooseSelector, preferredKeys } from './synthesize/chooseSelector';
export type {
  Connection,
  NetworkPolicyManifest,
  PeerObject,
  PortObject,
  RuleObject,
  SelectorObject,
  SynthesisMode,
  SynthesisOptions,
  SynthesisProblem,
  SynthesisProblemKind,
  SynthesisResult,
} from './synthesize/model';
export { parseHubbleFlows } from './flows/parseHubbleFlows';
export {
  analyzeFlows,
  classifyFlows,
  flowsToIntent,
  matchFlowEndpoint,
  matchFlows,
} from './flows/analyzeFlows';
export { MAX_UNOBSERVED } from './flows/model';
export type {
  ClassifiedFlow,
  FlowAnalysis,
  FlowClass,
  FlowDiagnostic,
  FlowEndpoint,
  FlowParse,
  FlowVerdict,
  HubbleFlow,
  ObservedConnection,
  UnobservedConnection,
} from './flows/model';
