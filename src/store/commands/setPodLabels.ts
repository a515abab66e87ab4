import { documentProblem, setIn } from '../../yaml/textEdits';
import type { Command } from './command';
import { editOr, refuse } from './command';
import { labelsPathOf } from './command';

/** Replaces the labels of a pod, or of a workload's pod template. */
export const setPodLabels: Command<{ podKey: string; labels: Record<string, string> }> = {
  id: 'setPodLabels',
  label: 'Set labels',
  perform({ text, workspace }, { podKey, labels }) {
    const pod = workspace.pods.find((p) => p.key === podKey);
    if (!pod?.source) return refuse(`${podKey} is not in the workspace`);
    const problem = documentProblem(text, pod.source.documentIndex);
    if (problem)
      return refuse(`the YAML of ${podKey} has an error (${problem}): fix it in the YAML pane first`);
    const change = setIn(text, pod.source.documentIndex, labelsPathOf(pod), labels);
    return editOr(change, `cannot find the labels of ${podKey} in the YAML`);
  },
};
