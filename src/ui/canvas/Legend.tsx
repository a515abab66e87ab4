import { Panel } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { formatPortQueryText, parsePortQuery } from '../../engine';
import type { EdgeMode } from '../../store/viewSlice';
import { useAppStore } from '../app/storeContext';
import type { DrawnMode } from './buildEdges';

const MODES: { value: EdgeMode; label: string }[] = [
  { value: 'auto', label: 'Automatic: service map' },
  { value: 'all', label: 'Every pod pair' },
  { value: 'focus', label: 'Selected pod only' },
  { value: 'bundles', label: 'Namespace bundles' },
];

/** What the colours mean, and the pickers that change it: the port, and how edges are drawn. */
export function Legend({ mode, hiddenUnshaped = 0 }: { mode: DrawnMode; hiddenUnshaped?: number }) {
  const port = useAppStore((s) => s.port);
  const setPort = useAppStore((s) => s.setPort);
  const edgeMode = useAppStore((s) => s.edgeMode);
  const setEdgeMode = useAppStore((s) => s.setEdgeMode);
  const showBlocked = useAppStore((s) => s.showBlocked);
  const setShowBlocked = useAppStore((s) => s.setShowBlocked);
  const lessonPhase = useAppStore((s) => s.lesson?.phase ?? null);
  const pods = useAppStore((s) => s.parsed.workspace.pods);
  const hasAdminTiers = useAppStore((s) => s.parsed.workspace.adminPolicies.length > 0);
  const [draft, setDraft] = useState(formatPortQueryText(port));
  const [shownPort, setShownPort] = useState(port);
  if (shownPort !== port) {
    setShownPort(port);
    setDraft(formatPortQueryText(port));
  }
  const suggestions = useMemo(() => portSuggestions(pods), [pods]);
  const valid = parsePortQuery(draft) !== null;
  return (
    <Panel position="top-left" className="legend" data-testid="canvas.legend">
      <div className="legend-top">
        <form
          className="legend-port"
          onSubmit={(e) => {
            e.preventDefault();
            const parsed = parsePortQuery(draft);
            if (parsed) setPort(parsed);
          }}
        >
          <label>
            Port{' '}
            <input
              list="port-suggestions"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              onBlur={() => {
                const parsed = parsePortQuery(draft);
                if (parsed) setPort(parsed);
              }}
              className={valid ? '' : 'invalid'}
              aria-label="Port the colours are about"
              title="A port number or a container port name, with /TCP, /UDP or /SCTP; or any"
              data-testid="legend.port"
            />
          </label>
          <datalist id="port-suggestions">
            <option value="any" />
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </form>
        <label className="legend-mode">
          Edges{' '}
          <select
            value={edgeMode}
            onChange={(e) => setEdgeMode(e.target.value as EdgeMode)}
            data-testid="legend.mode"
          >
            {MODES.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="legend-swatches">
        <span className="legend-row">
          <span className="legend-swatch allowed" /> allowed
        </span>
        <span className="legend-row">
          <span className="legend-swatch blocked" /> blocked
          {mode === 'map' && (
            <label
              className="legend-toggle"
              title="The service map shows a pod's blocked connections when you point at it or select it; this shows them all"
            >
              (
              <input
                type="checkbox"
                checked={showBlocked}
                onChange={(e) => setShowBlocked(e.target.checked)}
                data-testid="legend.show-blocked"
              />
              all)
            </label>
          )}
        </span>
        {mode === 'map' && (
          <span
            className="legend-row"
            title="Reachable from everywhere: every pod and outside address may connect to it (no edges drawn for that)"
          >
            <span className="badge badge-openIn">◎ open</span> to all
          </span>
        )}
        {mode === 'bundles' && (
          <span className="legend-row">
            <span className="legend-swatch mixed" /> mixed
          </span>
        )}
        {hasAdminTiers && (
          <span
            className="legend-row"
            data-testid="legend.tiers"
            title="An AdminNetworkPolicy is decided before NetworkPolicies, the baseline after them"
          >
            <span className="tier-label tier-admin inline">admin</span>
            <span className="tier-label tier-baseline inline">baseline</span> decided it
          </span>
        )}
        {lessonPhase === 'predict' && (
          <span className="legend-row" data-testid="legend.predicted">
            <span className="legend-swatch predicted" /> your prediction
          </span>
        )}
        {lessonPhase === 'revealed' && (
          <>
            <span className="legend-row" data-testid="legend.scores">
              <span className="legend-swatch score-right" /> predicted right
            </span>
            <span className="legend-row">
              <span className="legend-swatch score-missed" /> missed
            </span>
            <span className="legend-row">
              <span className="legend-swatch score-wrong" /> wrong guess
            </span>
          </>
        )}
      </div>
      {hiddenUnshaped > 0 && (
        <div
          className="legend-note"
          data-testid="legend.hidden-unshaped"
          title="The selected pod's bundles with these namespaces hold no connection a policy allows (all blocked, or open because nothing isolates either end). The side panel lists every peer."
        >
          {hiddenUnshaped} namespaces without policy-allowed traffic: not drawn
        </div>
      )}
      {port === 'any' && (
        <div className="legend-note">any port: allowed when some port is allowed both ways</div>
      )}
      {lessonPhase !== null && mode === 'all' && edgeMode === 'auto' && (
        <div className="legend-note" data-testid="legend.lesson-note">
          a lesson draws every pod pair, so that any connection can be predicted
        </div>
      )}
    </Panel>
  );
}

/** Up to 30 container ports to suggest, by number and by name (one pass, no copies per pod). */
function portSuggestions(
  pods: readonly { ports: readonly { name?: string; port: number; protocol: string }[] }[],
): string[] {
  const out = new Set<string>();
  for (const pod of pods)
    for (const c of pod.ports) {
      out.add(`${c.port}/${c.protocol}`);
      if (c.name) out.add(`${c.name}/${c.protocol}`);
      if (out.size >= 30) return [...out].slice(0, 30);
    }
  return [...out];
}
