// The namespace controller (pkg/controller/namespace/deletion): for a Terminating namespace it deletes every
// kind of content through the API, records how far it got in the namespace's conditions, and once nothing
// is left removes its `kubernetes` finalizer through namespaces/finalize and deletes the namespace again.
// Content held by finalizers keeps the namespace Terminating, which is the usual "stuck namespace".
import { RESOURCES, collectionPath } from '../resources'
import type { KubeObject } from '../types'
import { isBeingDeleted, serviceAccountOf, type ClusterView, type ControllerRequest } from './types'

type Condition = { type: string; status: string; lastTransitionTime?: string; reason: string; message: string }

/** conditionTypes, in the order updateConditions keeps them. */
const CONDITION_TYPES = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const

const OK: Record<string, [string, string]> = {
  NamespaceDeletionDiscoveryFailure: ['ResourcesDiscovered', 'All resources successfully discovered'],
  NamespaceDeletionGroupVersionParsingFailure: ['ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  NamespaceDeletionContentFailure: ['ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  NamespaceContentRemaining: ['ContentRemoved', 'All content successfully removed'],
  NamespaceFinalizersRemaining: ['ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
}

const as = serviceAccountOf('namespace-controller')

/** What is left in the namespace, per resource and per finalizer, as the deleter counts it. */
function remaining(view: ClusterView, ns: string) {
  const byResource = new Map<string, number>()
  const byFinalizer = new Map<string, number>()
  const live: { resource: (typeof RESOURCES)[number]; objects: KubeObject[] }[] = []
  const seen = new Set<string>()
  for (const resource of RESOURCES) {
    if (!resource.namespaced || resource.computed || seen.has(resource.resource)) continue
    seen.add(resource.resource)
    const objects = view.list(resource.resource, ns)
    if (!objects.length) continue
    byResource.set(`${resource.resource}.${resource.group}`, objects.length)
    for (const o of objects) for (const f of o.metadata?.finalizers ?? []) byFinalizer.set(f, (byFinalizer.get(f) ?? 0) + 1)
    live.push({ resource, objects })
  }
  return { byResource, byFinalizer, live }
}

/** The conditions the deleter writes after a pass (updateConditions keeps a condition's time while it holds). */
function conditionsFor(old: Condition[], counts: ReturnType<typeof remaining>, now: string): Condition[] {
  const fresh: Record<string, Omit<Condition, 'lastTransitionTime'>> = {}
  for (const type of CONDITION_TYPES) fresh[type] = { type, status: 'False', reason: OK[type]![0], message: OK[type]![1] }
  if (counts.byResource.size) {
    const list = [...counts.byResource].map(([gr, n]) => `${gr} has ${n} resource instances`).sort()
    fresh.NamespaceContentRemaining = { type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${list.join(', ')}` }
  }
  if (counts.byFinalizer.size) {
    const list = [...counts.byFinalizer].map(([f, n]) => `${f} in ${n} resource instances`).sort()
    fresh.NamespaceFinalizersRemaining = { type: 'NamespaceFinalizersRemaining', status: 'True', reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${list.join(', ')}` }
  }
  return CONDITION_TYPES.map((type) => {
    const c = fresh[type]!
    const before = old.find((o) => o.type === type)
    const same = before && before.status === c.status && before.reason === c.reason && before.message === c.message
    return { type, status: c.status, lastTransitionTime: same ? before.lastTransitionTime : now, reason: c.reason, message: c.message }
  })
}

export function namespaceController(view: ClusterView, now: string): ControllerRequest[] {
  const requests: ControllerRequest[] = []
  for (const namespace of view.list('namespaces', '')) {
    if (!isBeingDeleted(namespace)) continue
    const name = namespace.metadata?.name ?? ''
    const spec = (namespace.spec ?? {}) as { finalizers?: string[] }
    const finalizers = spec.finalizers ?? []
    const base = { controller: 'namespace-controller' as const, as }
    if (!finalizers.includes('kubernetes')) {
      // Finalized: only the last delete is left (the finalizers of other systems are theirs to remove).
      if (!finalizers.length)
        requests.push({ ...base, method: 'DELETE', path: `/api/v1/namespaces/${name}`, reason: `namespace ${name} is empty and finalized: delete it` })
      continue
    }
    const counts = remaining(view, name)
    let deleting = false
    for (const { resource, objects } of counts.live) {
      if (objects.every(isBeingDeleted)) continue
      deleting = true
      requests.push({ ...base, method: 'DELETE', path: collectionPath(resource, name), reason: `namespace ${name} is Terminating: delete its ${resource.resource}` })
    }
    if (deleting) continue
    const status = (namespace.status ?? {}) as { phase?: string; conditions?: Condition[] }
    const conditions = conditionsFor(status.conditions ?? [], counts, now)
    if (JSON.stringify(conditions) !== JSON.stringify(status.conditions ?? [])) {
      requests.push({ ...base, method: 'PUT', path: `/api/v1/namespaces/${name}/status`, body: { ...namespace, status: { ...status, conditions } }, reason: `namespace ${name}: record what is left` })
      continue
    }
    if (counts.byResource.size) continue
    requests.push({
      ...base,
      method: 'PUT',
      path: `/api/v1/namespaces/${name}/finalize`,
      body: { ...namespace, spec: { ...spec, finalizers: finalizers.filter((f) => f !== 'kubernetes') } },
      reason: `namespace ${name} is empty: remove the kubernetes finalizer`,
    })
  }
  return requests
}
