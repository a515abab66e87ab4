import { useAppStore } from '../app/storeContext';
import { AdminPolicyDetails } from './AdminPolicyDetails';
import { DiagnosticsList } from './DiagnosticsList';
import { DiffList } from './DiffList';
import { ExplanationPanel } from './ExplanationPanel';
import { NamespaceDetails } from './NamespaceDetails';
import { PodDetails } from './PodDetails';
import { PolicyDetails } from './PolicyDetails';
import { PolicyList } from './PolicyList';
import { TestsPanel } from './TestsPanel';

export function SidePanel() {
  const selectedPod = useAppStore((s) => s.selectedPod);
  const selectedEdge = useAppStore((s) => s.selectedEdge);
  const selectedPolicy = useAppStore((s) => s.selectedPolicy);
  const selectedNamespace = useAppStore((s) => s.selectedNamespace);
  const adminPolicy = useAppStore((s) =>
    s.selectedPolicy ? s.parsed.workspace.adminPolicies.find((p) => p.key === s.selectedPolicy) : undefined,
  );
  return (
    <div className="side">
      <DiffList />
      {selectedEdge ? (
        <ExplanationPanel edge={selectedEdge} />
      ) : adminPolicy ? (
        <AdminPolicyDetails policy={adminPolicy} />
      ) : selectedPolicy ? (
        <PolicyDetails policyKey={selectedPolicy} />
      ) : selectedNamespace ? (
        <NamespaceDetails name={selectedNamespace} />
      ) : selectedPod ? (
        <PodDetails podKey={selectedPod} />
      ) : (
        <>
          <p className="side-hint">
            Click a pod to see what it can reach, or a connection to see why it is allowed or blocked.
          </p>
          <TestsPanel />
          <PolicyList />
        </>
      )}
      <DiagnosticsList />
    </div>
  );
}
