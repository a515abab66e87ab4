import type { Workspace } from '../../engine';

/**
 * `base`, or `base-2`, `base-3`... : the first name no policy of the namespace has, nor
 * one in `alsoTaken` (`namespace/name` keys of policies a command is adding at once).
 */
export function uniquePolicyName(
  workspace: Workspace,
  namespace: string,
  base: string,
  alsoTaken: ReadonlySet<string> = new Set(),
): string {
  const taken = new Set(workspace.policies.filter((p) => p.namespace === namespace).map((p) => p.name));
  for (const key of alsoTaken)
    if (key.startsWith(`${namespace}/`)) taken.add(key.slice(namespace.length + 1));
  const clean =
    base
      .replace(/[^a-z0-9-]/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'policy';
  if (!taken.has(clean)) return clean;
  for (let i = 2; ; i++) if (!taken.has(`${clean}-${i}`)) return `${clean}-${i}`;
}
