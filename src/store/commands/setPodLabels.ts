import { setIn } from '../../yaml/textEdits';
import type { Command } from './command';
import { editOr, labelsPathOf, podToEdit } from './command';

/** Replaces the labels of a pod, or of a workload's pod template. */
export const setPodLabels: Command<{ podKey: string; labels: Record<string, string> }> = {
  id: 'setPodLabels',
  label: 'Set labels',
  perform({ text, workspace }, { podKey, labels }) {
    const target = podToEdit(text, workspace, podKey);
    if ('refused' in target) return target.refused;
    const change = setIn(text, target.documentIndex, labelsPathOf(target.pod), labels);
    return editOr(change, `cannot find the labels of ${podKey} in the YAML`);
  },
};
