declare const brand: unique symbol;

/** A nominal ("branded") string type, so a pod key cannot be passed where a policy key is expected. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/**
 * Identifies a pod or a workload node: `namespace/name`. Kubernetes names are unique per
 * kind within a namespace, so the pair is the object's identity.
 */
export type PodKey = Brand<string, 'PodKey'>;

/** Identifies a NetworkPolicy: `namespace/name` (NetworkPolicy is namespace-scoped). */
export type PolicyKey = Brand<string, 'PolicyKey'>;

/** Builds the `namespace/name` key of a pod or workload. */
export function podKey(namespace: string, name: string): PodKey {
  return `${namespace}/${name}` as PodKey;
}

/** Builds the `namespace/name` key of a NetworkPolicy. */
export function policyKey(namespace: string, name: string): PolicyKey {
  return `${namespace}/${name}` as PolicyKey;
}

/** Marks a switch as exhaustive: a new union member becomes a type error here. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
