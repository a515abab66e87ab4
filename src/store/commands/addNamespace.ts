import { appendDocument } from '../../yaml/textEdits';
import type { Command } from './command';
import { edit, isDnsLabel, refuse } from './command';

/** Adds a `Namespace` document at the end of the workspace. */
export const addNamespace: Command<{ name: string; labels?: Record<string, string> }> = {
  id: 'addNamespace',
  label: 'Add namespace',
  perform({ text, workspace }, { name, labels }) {
    if (!isDnsLabel(name))
      return refuse(`"${name}" is not a valid namespace name (lower-case letters, digits and "-")`);
    // A Namespace object already there; a built-in namespace (declared implicitly) may still
    // get one, to give it labels.
    if (workspace.namespaces.some((ns) => ns.name === name && ns.source !== undefined))
      return refuse(`namespace ${name} already exists`);
    const metadata = labels && Object.keys(labels).length > 0 ? { name, labels } : { name };
    return edit(appendDocument(text, { apiVersion: 'v1', kind: 'Namespace', metadata }));
  },
};
