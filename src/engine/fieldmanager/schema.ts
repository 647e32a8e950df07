// What server-side apply needs to know about the shape of the built-in types: how each list is merged
// (`x-kubernetes-list-type` map with its keys, set, or atomic) and which structs and maps are atomic
// (`+structType=atomic`, `+mapType=atomic`). The facts come from the markers in k8s.io/api v1.35; a field
// not listed here is a granular struct or map, and a list not listed here is atomic, as in the OpenAPI.

export type ListType = { type: 'map'; keys: string[] } | { type: 'set' } | { type: 'atomic' }

const POD_LISTS: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  imagePullSecrets: ['name'],
  hostAliases: ['ip'],
  topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'],
  resourceClaims: ['name'],
  schedulingGates: ['name'],
}

/** The list type of the list at `path` (field names from the root, list items left out). */
export function listTypeAt(kind: string, path: readonly string[]): ListType {
  const field = path.at(-1) ?? ''
  const parent = path.at(-2)
  if (field === 'finalizers' && path.length === 2 && path[0] === 'metadata') return { type: 'set' }
  if (field === 'ownerReferences' && path.length === 2 && path[0] === 'metadata')
    return { type: 'map', keys: ['uid'] }
  if (field === 'ports') {
    if (kind === 'Service' && path.length === 2 && path[0] === 'spec')
      return { type: 'map', keys: ['port', 'protocol'] }
    if (parent === 'containers' || parent === 'initContainers' || parent === 'ephemeralContainers')
      return { type: 'map', keys: ['containerPort', 'protocol'] }
    return { type: 'atomic' }
  }
  if (field === 'conditions') return { type: 'map', keys: ['type'] }
  if (field === 'webhooks' && kind.endsWith('WebhookConfiguration')) return { type: 'map', keys: ['name'] }
  const keys = POD_LISTS[field]
  return keys ? { type: 'map', keys } : { type: 'atomic' }
}

/** Key fields that have a default, so an item may leave them out (the protocol of ports). */
export const KEY_DEFAULTS: Record<string, unknown> = { protocol: 'TCP' }

// LabelSelector is a struct of type atomic; Service and node selectors are atomic maps; the key selectors
// of env and volumes are atomic structs.
const ATOMIC_FIELDS = new Set([
  'selector',
  'podSelector',
  'namespaceSelector',
  'objectSelector',
  'labelSelector',
  'nodeSelector',
  'configMapKeyRef',
  'secretKeyRef',
  'fieldRef',
  'resourceFieldRef',
  'roleRef',
])

export function isAtomicAt(path: readonly string[]): boolean {
  return ATOMIC_FIELDS.has(path.at(-1) ?? '')
}

const POD_TEMPLATE = ['template', 'template.metadata', 'template.spec', 'template.spec.containers']

// Fields a Go object always carries even when empty: non-pointer structs, and slices and maps without
// omitempty (written as null). A newly created object is compared against this skeleton, which is why its
// managedFields have a `.` on `f:labels` (a map that was absent) and none on `f:spec`.
const ALWAYS_PRESENT: Record<string, string[]> = {
  Pod: ['spec', 'spec.containers', 'status'],
  Deployment: ['spec', 'status', 'spec.strategy', ...POD_TEMPLATE.map((p) => `spec.${p}`)],
  ReplicaSet: ['spec', 'status', ...POD_TEMPLATE.map((p) => `spec.${p}`)],
  StatefulSet: ['spec', 'status', 'spec.updateStrategy', ...POD_TEMPLATE.map((p) => `spec.${p}`)],
  DaemonSet: ['spec', 'status', 'spec.updateStrategy', ...POD_TEMPLATE.map((p) => `spec.${p}`)],
  Job: ['spec', 'status', ...POD_TEMPLATE.map((p) => `spec.${p}`)],
  CronJob: [
    'spec',
    'status',
    'spec.jobTemplate',
    'spec.jobTemplate.metadata',
    'spec.jobTemplate.spec',
    ...POD_TEMPLATE.map((p) => `spec.jobTemplate.spec.${p}`),
  ],
  Service: ['spec', 'status', 'status.loadBalancer'],
  Namespace: ['spec', 'status'],
  Role: ['rules'],
  ClusterRole: ['rules'],
  RoleBinding: ['roleRef'],
  ClusterRoleBinding: ['roleRef'],
}

/** The object a create is compared against: what the empty Go object of the kind serializes to. */
export function emptyObjectFor(kind: string): Record<string, unknown> {
  const root: Record<string, unknown> = { metadata: {} }
  for (const dotted of ALWAYS_PRESENT[kind] ?? []) {
    const parts = dotted.split('.')
    let node = root
    for (const [i, part] of parts.entries()) {
      const last = i === parts.length - 1
      // Slices without omitempty are present as null; everything else here is a struct.
      const isList = last && (part === 'containers' || part === 'rules')
      if (!(part in node)) node[part] = isList ? null : {}
      if (!isList) node = node[part] as Record<string, unknown>
    }
  }
  return root
}
