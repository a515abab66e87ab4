import { appendYaml } from '../../yaml/textEdits';
import type { Command } from './command';
import { edit, refuse } from './command';

/**
 * Appends manifests already printed as YAML (generated policies) as new documents after
 * the last one, under a comment saying where they came from: one change, one undo.
 */
export const appendManifests: Command<{ yaml: string; comment?: string }> = {
  id: 'appendManifests',
  label: 'Add the generated policies',
  perform({ text }, { yaml, comment }) {
    if (yaml.trim() === '') return refuse('there is nothing to add');
    return edit(appendYaml(text, yaml, comment));
  },
};
