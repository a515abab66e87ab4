import { appendDocument } from '../../yaml/textEdits';
import type { Command } from './command';
import { isDnsLabel } from './command';

export interface AddPodArgs {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  ports?: { containerPort: number; name?: string; protocol?: 'TCP' | 'UDP' | 'SCTP' }[];
}

/** Adds a `Pod` document (one container, its ports) at the end of the workspace. */
export const addPod: Command<AddPodArgs> = {
  id: 'addPod',
  label: 'Add pod',
  perform({ text, workspace }, { namespace, name, labels, ports }) {
    if (!isDnsLabel(name))
      return { error: `"${name}" is not a valid pod name (lower-case letters, digits and "-")` };
    if (workspace.pods.some((p) => p.namespace === namespace && p.name === name)) {
      return { error: `${namespace}/${name} already exists` };
    }
    const container = {
      name,
      image: 'registry.example/app:latest',
      ...(ports && ports.length > 0 ? { ports } : {}),
    };
    return appendDocument(text, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace, ...(Object.keys(labels).length > 0 ? { labels } : {}) },
      spec: { containers: [container] },
    });
  },
};
