import { useAppStore } from '../app/storeContext';
import { DiagnosticsList } from './DiagnosticsList';
import { PodDetails } from './PodDetails';

export function SidePanel() {
  const selectedPod = useAppStore((s) => s.selectedPod);
  return (
    <div className="side">
      {selectedPod ? (
        <PodDetails podKey={selectedPod} />
      ) : (
        <p className="side-hint">Click a pod on the canvas to see what it can reach and what can reach it.</p>
      )}
      <DiagnosticsList />
    </div>
  );
}
