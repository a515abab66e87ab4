import { summariseAdminPolicy } from '../../engine';
import type { AdminRuleSummary, CompiledAdminPolicy } from '../../engine';
import { useAppStore } from '../app/storeContext';
import { PolicyActions } from './PolicyDetails';

/** A selected admin-tier policy: its tier and priority, the pods it applies to, its rules in order. */
export function AdminPolicyDetails({ policy }: { policy: CompiledAdminPolicy }) {
  const workspace = useAppStore((s) => s.parsed.workspace);
  const reveal = useAppStore((s) => s.revealInEditor);
  const summary = summariseAdminPolicy(workspace, policy);
  return (
    <section data-testid="admin-policy-details">
      <h2 className="side-title">{policy.name}</h2>
      <div className="side-sub">
        {policy.kind} · <span className={`tier-label tier-${policy.tier} inline`}>{policy.tier}</span>
        {policy.tier === 'admin'
          ? `priority ${policy.priority}: decided before NetworkPolicies`
          : 'decided after NetworkPolicies'}
      </div>
      <PolicyActions onShowYaml={() => policy.source && reveal(policy.source.documentIndex, [])} />
      <h3>Applies to ({summary.selects.length})</h3>
      <p>{summary.selects.join(', ') || 'no pod (check its subject)'}</p>
      {summary.ingress.length > 0 && (
        <RuleList title="Ingress, first match decides" rules={summary.ingress} />
      )}
      {summary.egress.length > 0 && <RuleList title="Egress, first match decides" rules={summary.egress} />}
    </section>
  );
}

function RuleList({ title, rules }: { title: string; rules: readonly AdminRuleSummary[] }) {
  return (
    <>
      <h3>{title}</h3>
      <ol className="tier-steps" start={0}>
        {rules.map((rule) => (
          <li key={rule.ruleIndex} data-admin-rule={rule.ruleIndex}>
            <b>{rule.action}</b>
            {rule.name ? ` “${rule.name}”` : ''}: {rule.peers.map((p) => p.label).join(' or ')}{' '}
            <span className="muted">· {rule.ports}</span>
            {rule.peers.some((p) => p.pods.length > 0) && (
              <div className="muted">now: {[...new Set(rule.peers.flatMap((p) => p.pods))].join(', ')}</div>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
