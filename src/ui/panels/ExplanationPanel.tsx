import { evaluateConnection, formatPortQuery } from '../../engine';
import type {
  CompiledPolicy,
  DirectionVerdict,
  PodKey,
  RuleMatch,
  TierDecision,
  Workspace,
} from '../../engine';
import type { EdgeRef } from '../../store/viewSlice';
import { useAppStore } from '../app/storeContext';

const EXCEPTIONS: Record<string, string> = {
  self: 'A pod can always reach itself.',
  'node-local': 'Traffic between a pod and its own node is always allowed.',
  external: 'An outside address is not subject to NetworkPolicy.',
  'host-network': 'Nodes and hostNetwork pods are not selected by NetworkPolicies.',
};

const endpoint = (key: string) =>
  key.includes('/') ? { kind: 'pod' as const, key: key as PodKey } : { kind: 'ip' as const, ip: key };

/** Why a connection is allowed or blocked: per direction, the isolating and admitting policies. */
export function ExplanationPanel({ edge }: { edge: EdgeRef }) {
  const workspace = useAppStore((s) => s.parsed.workspace);
  const port = useAppStore((s) => s.port);
  const plugin = useAppStore((s) => s.plugin);
  const options =
    plugin === 'cilium'
      ? { ...workspace, options: { ...workspace.options, ipBlockMatchesPodIPs: false } }
      : workspace;
  const verdict = evaluateConnection(options, endpoint(edge.from), endpoint(edge.to), port);
  if (plugin === 'none') {
    return (
      <section className="explanation" data-testid="explanation">
        <h2 className="side-title">
          {edge.from} → {edge.to}
        </h2>
        <div className="verdict-banner allowed" data-testid="explanation.verdict">
          Allowed: no plugin enforces policies
        </div>
        <p>
          With the “none” plugin profile, NetworkPolicies are stored but nothing enforces them. With an
          enforcing plugin this connection would be <b>{verdict.allowed ? 'allowed' : 'blocked'}</b>.
        </p>
      </section>
    );
  }
  const portText = verdict.witness
    ? `${verdict.witness.port}/${verdict.witness.protocol}`
    : formatPortQuery(port);
  return (
    <section className="explanation" data-testid="explanation">
      <h2 className="side-title">
        {edge.from} → {edge.to}
      </h2>
      <div
        className={`verdict-banner ${verdict.allowed ? 'allowed' : 'blocked'}`}
        data-testid="explanation.verdict"
      >
        {verdict.allowed ? 'Allowed' : 'Blocked'} on {portText}
        {port === 'any' && verdict.witness ? ' (a port allowed both ways)' : ''}
      </div>
      {verdict.reason === 'no-common-port' && (
        <p className="side-hint">Each side allows some ports, but no port is allowed by both.</p>
      )}
      {verdict.problems.map((p) => (
        <p key={p} className="form-error">
          {p}
        </p>
      ))}
      <MarkIntended edge={edge} />
      <DirectionView title={`Egress at ${edge.from}`} direction={verdict.egress} workspace={workspace} />
      <DirectionView title={`Ingress at ${edge.to}`} direction={verdict.ingress} workspace={workspace} />
    </section>
  );
}

/**
 * Marks the connection as intended ("should be allowed") for _Generate policies_: the
 * marked connections, and nothing else between the pods of their namespaces, are what the
 * generated policies allow.
 */
function MarkIntended({ edge }: { edge: EdgeRef }) {
  const marked = useAppStore((s) => s.marked.some((m) => m.from === edge.from && m.to === edge.to));
  const count = useAppStore((s) => s.marked.length);
  const toggle = useAppStore((s) => s.toggleMarked);
  return (
    <p className="mark-intended">
      <label>
        <input type="checkbox" checked={marked} onChange={() => toggle(edge)} data-testid="synth.mark" />{' '}
        Should be allowed (for <i>Generate policies</i>)
      </label>
      {count > 0 && <span className="muted"> · {count} marked</span>}
    </p>
  );
}

function DirectionView({
  title,
  direction,
  workspace,
}: {
  title: string;
  direction: DirectionVerdict;
  workspace: Workspace;
}) {
  // With admin-tier policies selecting the pod, the decision walks the tiers in order.
  const tiered = direction.decisions.some((d) => d.tier !== 'networkpolicy');
  return (
    <div className="direction" data-testid={`explanation.${direction.direction.toLowerCase()}`}>
      <h3>
        {title}:{' '}
        <span className={direction.allowed ? 'allowed' : 'blocked'}>
          {direction.allowed ? 'allowed' : 'blocked'}
        </span>
      </h3>
      {direction.exception ? (
        <p>{EXCEPTIONS[direction.exception]}</p>
      ) : tiered ? (
        <ol className="tier-steps">
          {direction.decisions.map((d, i) => (
            <li key={`${d.tier}-${i}`} data-tier-step={d.tier}>
              {d.tier === 'networkpolicy' ? (
                <>
                  <b>NetworkPolicy: </b>
                  <NetworkPolicyPart direction={direction} workspace={workspace} />
                </>
              ) : (
                <AdminDecision decision={d} workspace={workspace} />
              )}
            </li>
          ))}
        </ol>
      ) : (
        <NetworkPolicyPart direction={direction} workspace={workspace} />
      )}
    </div>
  );
}

/** What the NetworkPolicies of the pod decided for this direction. */
function NetworkPolicyPart({ direction, workspace }: { direction: DirectionVerdict; workspace: Workspace }) {
  const policies = (keys: readonly string[]) =>
    keys.map((k) => workspace.policies.find((p) => p.key === k)).filter((p) => p !== undefined);
  if (!direction.isolated)
    return (
      <p>
        Not isolated: no NetworkPolicy selecting it has {direction.direction} in its policyTypes
        {direction.decisions.some((d) => d.tier === 'baseline')
          ? '; the baseline decides.'
          : `, so all ${direction.direction.toLowerCase()} is allowed.`}
      </p>
    );
  return (
    <>
      <p>
        Isolated by{' '}
        {policies(direction.isolatingPolicies).map((p, i) => (
          <span key={p.key}>
            {i > 0 && ', '}
            <PolicyLink policy={p} />
          </span>
        ))}
        .
      </p>
      {direction.admittedBy.length > 0 ? (
        <ul className="matches">
          {direction.admittedBy.map((m) => (
            <li key={`${m.policy}-${m.ruleIndex}-${m.peerIndex}-${m.portIndex}`}>
              <RuleLink match={m} workspace={workspace} />
            </li>
          ))}
        </ul>
      ) : (
        <p>
          No rule of {direction.isolatingPolicies.length === 1 ? 'this policy' : 'these policies'} admits this
          connection.
        </p>
      )}
    </>
  );
}

const TIER_TITLE = { admin: 'Admin', baseline: 'Baseline' } as const;

/** One admin-tier step: the rule that decided or passed, or that no rule matched. */
function AdminDecision({
  decision,
  workspace,
}: {
  decision: Exclude<TierDecision, { tier: 'networkpolicy' }>;
  workspace: Workspace;
}) {
  const reveal = useAppStore((s) => s.revealInEditor);
  const title = <b>{TIER_TITLE[decision.tier]}: </b>;
  if (decision.kind === 'no-match')
    return (
      <>
        {title}no rule of {decision.policies.map((k) => k.split('/')[1]).join(', ')} matches;{' '}
        {decision.tier === 'admin' ? 'on to the NetworkPolicies.' : 'allowed by default.'}
      </>
    );
  const { match } = decision;
  const policy = workspace.adminPolicies.find((p) => p.key === match.policy);
  const list = match.direction === 'Ingress' ? 'ingress' : 'egress';
  const rule = `${list}[${match.ruleIndex}]${match.ruleName ? ` “${match.ruleName}”` : ''}`;
  const outcome =
    decision.kind === 'pass'
      ? decision.tier === 'admin'
        ? 'passes it on to the NetworkPolicies'
        : 'passes it on: allowed by default'
      : `${decision.kind === 'allowed' ? 'admits' : 'blocks'} it${
          decision.tier === 'admin' ? '; NetworkPolicies and the baseline are not consulted' : ''
        }`;
  return (
    <>
      {title}
      <button
        type="button"
        className="link"
        onClick={() => policy?.source && reveal(policy.source.documentIndex, ['spec', list, match.ruleIndex])}
      >
        {policy?.name ?? match.policy} {rule}
      </button>{' '}
      ({match.action}) {outcome}.
    </>
  );
}

function PolicyLink({ policy }: { policy: CompiledPolicy }) {
  const reveal = useAppStore((s) => s.revealInEditor);
  const selectPolicy = useAppStore((s) => s.selectPolicy);
  return (
    <button
      type="button"
      className="link"
      title="Show this policy"
      onClick={() => {
        if (policy.source) reveal(policy.source.documentIndex, [...(policy.source.objectPath ?? [])]);
        selectPolicy(policy.key);
      }}
    >
      {policy.key}
    </button>
  );
}

function RuleLink({ match, workspace }: { match: RuleMatch; workspace: Workspace }) {
  const reveal = useAppStore((s) => s.revealInEditor);
  const policy = workspace.policies.find((p) => p.key === match.policy);
  const list = match.direction === 'Ingress' ? 'ingress' : 'egress';
  const peers = match.direction === 'Ingress' ? 'from' : 'to';
  const path: (string | number)[] = [...(policy?.source?.objectPath ?? []), 'spec', list, match.ruleIndex];
  if (match.peerIndex !== null) path.push(peers, match.peerIndex);
  const peer = match.peerIndex === null ? `no ${peers}: every peer` : `${peers}[${match.peerIndex}]`;
  const port = match.portIndex === null ? 'no ports: every port' : `ports[${match.portIndex}]`;
  return (
    <>
      Admitted by{' '}
      <button
        type="button"
        className="link"
        onClick={() => policy?.source && reveal(policy.source.documentIndex, path)}
      >
        {match.policy} {list}[{match.ruleIndex}]
      </button>{' '}
      · {peer} · {port}
    </>
  );
}
