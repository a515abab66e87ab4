import { Panel, useReactFlow } from '@xyflow/react';
import type { Edge, Node } from '@xyflow/react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { parseContainerPorts } from '../../store/commands/containerPortsText';
import { parseLabels } from '../../store/commands/labelText';
import { useAppStore } from '../app/storeContext';
import { useRunCommand } from '../app/useRunCommand';
import { SynthesisControls } from '../synthesis/SynthesisControls';
import { portSubtitle } from './picture/pictureFromFlow';
import { savePicture } from './picture/savePicture';

type Form = 'namespace' | 'pod' | null;

/**
 * Create namespaces and pods from the canvas; each is a YAML edit, undoable with Ctrl+Z.
 * `layerEdges`: the edges drawn on a canvas layer, not by React Flow (the overview's
 * bundles), which a picture of the canvas draws too.
 */
export function CanvasToolbar({
  layerEdges,
  layerFrames,
}: {
  layerEdges: () => readonly Edge[];
  /** Frames drawn on the overview canvas, not held by React Flow (farFrames.ts). */
  layerFrames: readonly Node[];
}) {
  const [form, setForm] = useState<Form>(null);
  const resetLayout = useAppStore((s) => s.resetLayout);
  const theme = useAppStore((s) => s.theme);
  const workspaceName = useAppStore((s) => s.workspaces.find((w) => w.id === s.workspaceId)?.name);
  const port = useAppStore((s) => s.port);
  const flow = useReactFlow();
  const saveImage = (format: 'png' | 'svg') => {
    const heading = {
      title: workspaceName ?? 'NetPol Canvas',
      subtitle: portSubtitle(port),
      dark: theme === 'dark',
    };
    const reader = {
      getNodes: () => [...flow.getNodes(), ...layerFrames],
      getInternalNode: flow.getInternalNode,
      getEdges: () => [...flow.getEdges(), ...layerEdges()],
    };
    void savePicture(reader, format, heading);
  };
  return (
    <Panel position="top-right" className="canvas-toolbar">
      <div className="canvas-toolbar-buttons">
        <button
          type="button"
          data-testid="canvas.add-namespace"
          onClick={() => setForm(form === 'namespace' ? null : 'namespace')}
        >
          + Namespace
        </button>
        <button
          type="button"
          data-testid="canvas.add-pod"
          onClick={() => setForm(form === 'pod' ? null : 'pod')}
        >
          + Pod
        </button>
        <button
          type="button"
          data-testid="canvas.relayout"
          title="Arrange the canvas afresh (forgets dragged positions)"
          onClick={resetLayout}
        >
          Auto layout
        </button>
        <button
          type="button"
          data-testid="canvas.png"
          title="Save the canvas as a PNG picture"
          onClick={() => saveImage('png')}
        >
          PNG
        </button>
        <button
          type="button"
          data-testid="canvas.svg"
          title="Save the canvas as an SVG picture"
          onClick={() => saveImage('svg')}
        >
          SVG
        </button>
        <SynthesisControls />
      </div>
      {form === 'namespace' && <NamespaceForm onDone={() => setForm(null)} />}
      {form === 'pod' && <PodForm onDone={() => setForm(null)} />}
    </Panel>
  );
}

function NamespaceForm({ onDone }: { onDone: () => void }) {
  const run = useRunCommand();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const failure = run('addNamespace', { name: name.trim() });
    if (failure === null) onDone();
    else setError(failure);
  };
  return (
    <form className="mini-form" onSubmit={submit} data-testid="form.namespace">
      <label>
        Name
        <input
          autoFocus
          value={name}
          onChange={(e) => setName(e.target.value)}
          data-testid="form.namespace.name"
        />
      </label>
      {error && <div className="form-error">{error}</div>}
      <button type="submit" className="primary" data-testid="form.namespace.submit">
        Add namespace
      </button>
    </form>
  );
}

function PodForm({ onDone }: { onDone: () => void }) {
  const run = useRunCommand();
  const namespaces = useAppStore((s) => s.parsed.workspace.namespaces);
  const selectPod = useAppStore((s) => s.selectPod);
  const [namespace, setNamespace] = useState(namespaces[0]?.name ?? 'default');
  const [name, setName] = useState('');
  const [labelText, setLabelText] = useState('');
  const [portText, setPortText] = useState('');
  const [kind, setKind] = useState<'Pod' | 'Deployment'>('Pod');
  const [replicas, setReplicas] = useState(2);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseLabels(labelText);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    const ports = parseContainerPorts(portText);
    if ('error' in ports) {
      setError(ports.error);
      return;
    }
    const labels = Object.keys(parsed.labels).length > 0 ? parsed.labels : { app: name.trim() };
    const failure = run('addPod', {
      namespace,
      name: name.trim(),
      labels,
      ports: ports.ports,
      kind,
      replicas,
    });
    if (failure === null) {
      selectPod(`${namespace}/${name.trim()}`);
      onDone();
    } else setError(failure);
  };
  return (
    <form className="mini-form" onSubmit={submit} data-testid="form.pod">
      <label>
        Namespace
        <select
          value={namespace}
          onChange={(e) => setNamespace(e.target.value)}
          data-testid="form.pod.namespace"
        >
          {namespaces.map((ns) => (
            <option key={ns.name} value={ns.name}>
              {ns.name}
            </option>
          ))}
          {namespaces.length === 0 && <option value="default">default</option>}
        </select>
      </label>
      <label>
        Name
        <input autoFocus value={name} onChange={(e) => setName(e.target.value)} data-testid="form.pod.name" />
      </label>
      <label>
        Kind
        <select
          value={kind}
          onChange={(e) => setKind(e.target.value as 'Pod' | 'Deployment')}
          data-testid="form.pod.kind"
        >
          <option value="Pod">Pod</option>
          <option value="Deployment">Deployment</option>
        </select>
      </label>
      {kind === 'Deployment' && (
        <label>
          Replicas
          <input
            type="number"
            min={0}
            value={replicas}
            onChange={(e) => setReplicas(Number(e.target.value))}
            data-testid="form.pod.replicas"
          />
        </label>
      )}
      <label>
        Container ports (name:port/TCP, …)
        <input
          value={portText}
          onChange={(e) => setPortText(e.target.value)}
          placeholder="http:8080/TCP"
          data-testid="form.pod.ports"
        />
      </label>
      <label>
        Labels (key=value, …; default app=NAME)
        <input
          value={labelText}
          onChange={(e) => setLabelText(e.target.value)}
          data-testid="form.pod.labels"
        />
      </label>
      {error && <div className="form-error">{error}</div>}
      <button type="submit" className="primary" data-testid="form.pod.submit">
        Add {kind === 'Pod' ? 'pod' : 'deployment'}
      </button>
    </form>
  );
}
