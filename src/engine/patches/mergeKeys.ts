// The patch merge keys of the built-in types (the `patchMergeKey` / `patchStrategy: merge` struct tags in
// k8s.io/api): lists named here are merged item by item, matched on the key; every other list is replaced
// whole. The key is looked up by the list's field name, with the parent kind where the same name differs.

/** Field name → merge key, for lists inside any object. */
const BY_FIELD: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  ownerReferences: 'uid',
  conditions: 'type',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  schedulingGates: 'name',
}

/**
 * The merge key of the list at `path` (JSON field names from the object's root, list indexes left out), or
 * undefined when the list is atomic. Container ports merge on containerPort; Service ports on port.
 */
export function mergeKeyFor(kind: string, path: readonly string[]): string | undefined {
  const field = path.at(-1)
  if (!field) return undefined
  if (field === 'ports') {
    if (kind === 'Service' && path.length === 2 && path[0] === 'spec') return 'port'
    const parent = path.at(-2)
    return parent === 'containers' || parent === 'initContainers' || parent === 'ephemeralContainers'
      ? 'containerPort'
      : undefined
  }
  if (field === 'finalizers') return undefined
  return BY_FIELD[field]
}

/** Lists of scalars that merge as sets (patchStrategy: merge without a key). */
export function isMergedScalarList(path: readonly string[]): boolean {
  return path.at(-1) === 'finalizers' && path.length === 2 && path[0] === 'metadata'
}
