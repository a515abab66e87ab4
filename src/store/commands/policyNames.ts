import type { Workspace } from '../../engine';

/** `base`, or `base-2`, `base-3`... : the first name no policy of the namespace has. */
export function uniquePolicyName(workspace: Workspace, namespace: string, base: string): string {
  const taken = new Set(workspace.policies.filter((p) => p.namespace === namespace).map((p) => p.name));
  const clean =
    base
      .replace(/[^a-z0-9-]/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'policy';
  if (!taken.has(clean)) return clean;
  for (let i = 2; ; i++) if (!taken.has(`${clean}-${i}`)) return `${clean}-${i}`;
}
