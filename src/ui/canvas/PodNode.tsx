import { Handle, Position, useConnection, useStore } from '@xyflow/react';
import type { Node, NodeProps, ReactFlowState } from '@xyflow/react';
import { memo } from 'react';
import type { PodNodeData } from './buildFlow';
import { DropTarget } from './DropTarget';

const MAX_CHIPS = 3;
/** Below this zoom a pod is drawn as a named box: details would be too small to read. */
export const DETAIL_ZOOM = 0.6;

const zoomedOut = (s: ReactFlowState) => s.transform[2] < DETAIL_ZOOM;

/** Common word endings of workload names: a long name wraps before them, not mid-word. */
const SUFFIX = /(service|server|controller|operator|manager|gateway|worker|generator|catalog|proxy)/g;

/** The name with line-break opportunities before common suffixes (after `-` browsers break anyway). */
function breakable(name: string) {
  const parts = name.split(SUFFIX).filter((p) => p !== '');
  return parts.map((part, i) => (
    <span key={i}>
      {i > 0 && <wbr />}
      {part}
    </span>
  ));
}

function kindText(data: PodNodeData): string | null {
  if (data.kind === 'Pod') return null;
  return `${data.kind}${data.replicas !== undefined ? ` ×${data.replicas}` : ''}`;
}

/** What the badges mean, in words (their titles). */
const BADGES = {
  ingress: { text: '⇥ in', title: 'Isolated for ingress: only what policies allow gets in' },
  egress: { text: '↦ out', title: 'Isolated for egress: only what policies allow gets out' },
  openIn: {
    text: '◎ open',
    title: 'Reachable from everywhere: every pod and outside address may connect to it',
  },
  openOut: { text: '→ all', title: 'Reaches everywhere: it may connect to every pod and outside address' },
} as const;

function Badges({ data }: { data: PodNodeData }) {
  const shown = (
    [
      ['ingress', data.isolation.ingress],
      ['egress', data.isolation.egress],
      ['openIn', data.open.in],
      ['openOut', data.open.out],
    ] as const
  ).filter(([, on]) => on);
  return (
    <span className="badges">
      {shown.map(([kind]) => (
        <span key={kind} className={`badge badge-${kind}`} title={BADGES[kind].title} data-badge={kind}>
          {BADGES[kind].text}
        </span>
      ))}
    </span>
  );
}

function PodNodeView({ id, data, selected }: NodeProps<Node<PodNodeData, 'pod'>>) {
  const compact = useStore(zoomedOut);
  const connecting = useConnection((c) => c.inProgress && c.fromNode.id !== id);
  const labels = Object.entries(data.labels).filter(([k]) => k !== 'pod-template-hash');
  const kind = kindText(data);
  const classes = [
    'pod-node',
    compact && 'compact',
    selected && 'selected',
    data.stale && 'stale',
    `emphasis-${data.emphasis}`,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={classes}
      title={
        data.stale
          ? `${data.key}: its YAML has a syntax error; showing the last good version`
          : `${data.key}${kind ? ` (${kind})` : ''}`
      }
    >
      <Handle type="target" position={Position.Left} className="pod-handle" />
      {connecting && <DropTarget />}
      <div className="pod-head">
        <span className="pod-name">{compact ? breakable(data.name) : data.name}</span>
        {kind && !compact && <span className="pod-kind">{kind}</span>}
      </div>
      {compact ? (
        <div className="pod-foot">
          {kind && <span className="pod-kind">{kind}</span>}
          <Badges data={data} />
        </div>
      ) : (
        <>
          <div className="pod-labels">
            {labels.slice(0, MAX_CHIPS).map(([k, v]) => (
              <span key={k} className="chip" title={`${k}=${v}`}>
                {k}={v}
              </span>
            ))}
            {labels.length > MAX_CHIPS && (
              <span
                className="chip more"
                title={labels
                  .slice(MAX_CHIPS)
                  .map(([k, v]) => `${k}=${v}`)
                  .join('\n')}
              >
                +{labels.length - MAX_CHIPS}
              </span>
            )}
          </div>
          <div className="pod-foot">
            {data.ports.length > 0 && <span className="pod-ports">{data.ports.join(' · ')}</span>}
            <Badges data={data} />
          </div>
        </>
      )}
      <Handle
        type="source"
        position={Position.Right}
        className="pod-handle source pod-grip"
        title="Drag onto a pod, a namespace or the outside node to allow traffic"
      />
    </div>
  );
}

export const PodNode = memo(PodNodeView);
