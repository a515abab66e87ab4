import { deleteIn, documentProblem, hasItems, setIn } from '../../yaml/textEdits';
import type { Command } from './command';
import { editOr, refuse } from './command';
import { labelsPathOf } from './command';
import type { ContainerPortSpec } from './containerPortsText';

/** Replaces the ports of the first container of a pod (or of a workload's pod template). */
export const setContainerPorts: Command<{ podKey: string; ports: ContainerPortSpec[] }> = {
  id: 'setContainerPorts',
  label: 'Set container ports',
  perform({ text, workspace }, { podKey, ports }) {
    const pod = workspace.pods.find((p) => p.key === podKey);
    if (!pod?.source) return refuse(`${podKey} is not in the workspace`);
    const problem = documentProblem(text, pod.source.documentIndex);
    if (problem)
      return refuse(`the YAML of ${podKey} has an error (${problem}): fix it in the YAML pane first`);
    // The pod spec sits next to the labels' metadata: [..., 'metadata', 'labels'] -> [..., 'spec'].
    const specPath = [...labelsPathOf(pod).slice(0, -2), 'spec'];
    const change = hasItems(text, pod.source.documentIndex, [...specPath, 'containers'])
      ? ports.length > 0
        ? setIn(text, pod.source.documentIndex, [...specPath, 'containers', 0, 'ports'], ports)
        : deleteIn(text, pod.source.documentIndex, [...specPath, 'containers', 0, 'ports'])
      : setIn(
          text,
          pod.source.documentIndex,
          [...specPath, 'containers'],
          [{ name: pod.name, image: 'registry.example/app:latest', ports }],
        );
    return editOr(change, `${podKey} has no ports to remove`);
  },
};
