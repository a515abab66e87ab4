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
    const head = comment
      ? `${comment
          .split('\n')
          .map((line) => `# ${line}`)
          .join('\n')}\n`
      : '';
    const body = yaml.endsWith('\n') ? yaml : `${yaml}\n`;
    if (text.trim() === '') return edit({ start: 0, end: text.length, text: head + body });
    const sep = text.endsWith('\n') ? '' : '\n';
    const marker = /(^|\n)---\s*$/.test(text) ? '' : '---\n';
    return edit({ start: text.length, end: text.length, text: `${sep}${marker}${head}${body}` });
  },
};
