import { Panel } from '@xyflow/react';
import { useState } from 'react';
import { formatPortQueryText, parsePortQuery } from '../../store/portQuery';
import type { EdgeMode } from '../../store/viewSlice';
import { useAppStore } from '../app/storeContext';

const MODES: { value: EdgeMode; label: string }[] = [
  { value: 'auto', label: 'Automatic' },
  { value: 'all', label: 'Every pod pair' },
  { value: 'focus', label: 'Selected pod only' },
  { value: 'bundles', label: 'Namespace bundles' },
];

/** What the colours mean, and the pickers that change it: the port, and how edges are drawn. */
export function Legend({ mode }: { mode: Exclude<EdgeMode, 'auto'> }) {
  const port = useAppStore((s) => s.port);
  const setPort = useAppStore((s) => s.setPort);
  const edgeMode = useAppStore((s) => s.edgeMode);
  const setEdgeMode = useAppStore((s) => s.setEdgeMode);
  const pods = useAppStore((s) => s.parsed.workspace.pods);
  const [draft, setDraft] = useState(formatPortQueryText(port));
  const [shownPort, setShownPort] = useState(port);
  if (shownPort !== port) {
    setShownPort(port);
    setDraft(formatPortQueryText(port));
  }
  const suggestions = [
    ...new Set(
      pods.flatMap((p) =>
        p.ports.flatMap((c) => [`${c.port}/${c.protocol}`, ...(c.name ? [`${c.name}/${c.protocol}`] : [])]),
      ),
    ),
  ].slice(0, 30);
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
        </span>
        {mode === 'bundles' && (
          <span className="legend-row">
            <span className="legend-swatch mixed" /> mixed
          </span>
        )}
        <span className="legend-row">
          <span className="legend-swatch stale" /> re-evaluating
        </span>
      </div>
      {port === 'any' && (
        <div className="legend-note">any port: allowed when some port is allowed both ways</div>
      )}
    </Panel>
  );
}
