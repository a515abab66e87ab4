import { useAppStore } from '../app/storeContext';

export function DiagnosticsList() {
  const diagnostics = useAppStore((s) => s.parsed.diagnostics);
  if (diagnostics.length === 0) return null;
  return (
    <section className="diagnostics" data-testid="diagnostics">
      <h3>Problems ({diagnostics.length})</h3>
      <ul>
        {diagnostics.map((d, i) => (
          <li key={i} className={`diag ${d.severity}`}>
            <span className="diag-code">{d.code}</span> {d.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
