import { deleteIn, hasItems, setIn } from '../../yaml/textEdits';
import type { Command } from './command';
import { editOr, labelsPathOf, podToEdit } from './command';
import type { ContainerPortSpec } from './containerPortsText';

/** Replaces the ports of the first container of a pod (or of a workload's pod template). */
export const setContainerPorts: Command<{ podKey: string; ports: ContainerPortSpec[] }> = {
  id: 'setContainerPorts',
  label: 'Set container ports',
  perform({ text, workspace }, { podKey, ports }) {
    const target = podToEdit(text, workspace, podKey);
    if ('refused' in target) return target.refused;
    const { pod, documentIndex } = target;
    // The pod spec sits next to the labels' metadata: [..., 'metadata', 'labels'] -> [..., 'spec'].
    const specPath = [...labelsPathOf(pod).slice(0, -2), 'spec'];
    const change = hasItems(text, documentIndex, [...specPath, 'containers'])
      ? ports.length > 0
        ? setIn(text, documentIndex, [...specPath, 'containers', 0, 'ports'], ports)
        : deleteIn(text, documentIndex, [...specPath, 'containers', 0, 'ports'])
      : setIn(
          text,
          documentIndex,
          [...specPath, 'containers'],
          [{ name: pod.name, image: 'registry.example/app:latest', ports }],
        );
    return editOr(change, `${podKey} has no ports to remove`);
  },
};
