import { appendDocument } from '../../yaml/textEdits';
import type { Command } from './command';
import { edit, isDnsLabel, refuse } from './command';
import type { ContainerPortSpec } from './containerPortsText';

export interface AddPodArgs {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  ports?: ContainerPortSpec[];
  /** A bare Pod, or a Deployment whose pod template stands for `replicas` pods. */
  kind?: 'Pod' | 'Deployment';
  replicas?: number;
}

/** Adds a `Pod` or a `Deployment` document (one container, its ports) at the end of the workspace. */
export const addPod: Command<AddPodArgs> = {
  id: 'addPod',
  label: 'Add pod',
  perform({ text, workspace }, { namespace, name, labels, ports, kind = 'Pod', replicas = 2 }) {
    if (!isDnsLabel(name))
      return refuse(`"${name}" is not a valid name (lower-case letters, digits and "-")`);
    if (workspace.pods.some((p) => p.namespace === namespace && p.name === name)) {
      return refuse(`${namespace}/${name} already exists`);
    }
    const container = {
      name,
      image: 'registry.example/app:latest',
      ...(ports && ports.length > 0 ? { ports } : {}),
    };
    const podLabels = Object.keys(labels).length > 0 ? { labels } : {};
    if (kind === 'Deployment') {
      if (Object.keys(labels).length === 0) return refuse('a Deployment needs labels for its selector');
      return edit(
        appendDocument(text, {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name, namespace },
          spec: {
            replicas,
            selector: { matchLabels: labels },
            template: { metadata: podLabels, spec: { containers: [container] } },
          },
        }),
      );
    }
    return edit(
      appendDocument(text, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace, ...podLabels },
        spec: { containers: [container] },
      }),
    );
  },
};
