import { Panel } from '@xyflow/react';
import { useAppStore } from '../app/storeContext';

export function Legend() {
  const port = useAppStore((s) => s.port);
  const portText =
    port === 'any' ? 'any port (allowed when some port is allowed)' : `${port.port}/${port.protocol}`;
  return (
    <Panel position="top-left" className="legend" data-testid="canvas.legend">
      <div className="legend-row">
        <span className="legend-swatch allowed" /> allowed
      </div>
      <div className="legend-row">
        <span className="legend-swatch blocked" /> blocked
      </div>
      <div className="legend-row">
        <span className="legend-swatch stale" /> re-evaluating
      </div>
      <div className="legend-port">Port: {portText}</div>
    </Panel>
  );
}
