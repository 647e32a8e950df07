// The garbage collector (pkg/controller/garbagecollector), level-triggered over the whole view:
// - a dependent whose owners are all gone (or have another uid) is deleted, Background unless its own
//   finalizers ask otherwise (attemptToDeleteItem);
// - a dependent with a live owner loses only its references to dead owners;
// - an owner being deleted with the `orphan` finalizer first has its references removed from every dependent,
//   then the finalizer removed (orphanDependents, removeFinalizer);
// - an owner being deleted with `foregroundDeletion` keeps it while a dependent still blocks it
//   (blockOwnerDeletion); its dependents are deleted meanwhile (Foreground if they have dependents).
// Removing the last finalizer is an update, which deletes the object (Store.Update's delete-on-update).
import { FINALIZER_FOREGROUND, FINALIZER_ORPHAN } from '../handlers/delete'
import { collectionPath, parseApiVersion, resourceForKind, RESOURCES, type ResourceInfo } from '../resources'
import type { KubeObject } from '../types'
import {
  isBeingDeleted,
  ownerReferences,
  serviceAccountOf,
  type ClusterView,
  type ControllerRequest,
  type OwnerReference,
} from './types'

const as = serviceAccountOf('generic-garbage-collector')

interface Item {
  resource: ResourceInfo
  object: KubeObject
}

function objectPath(item: Item): string {
  return `${collectionPath(item.resource, item.object.metadata?.namespace ?? '')}/${item.object.metadata?.name ?? ''}`
}

function describe(item: Item): string {
  const ns = item.object.metadata?.namespace
  return `${item.resource.kind} ${ns ? `${ns}/` : ''}${item.object.metadata?.name ?? ''}`
}

const hasFinalizer = (obj: KubeObject, f: string) => (obj.metadata?.finalizers ?? []).includes(f)

function ownerOf(view: ClusterView, dependent: Item, ref: OwnerReference): KubeObject | undefined {
  const info = resourceForKind({ ...parseApiVersion(ref.apiVersion), kind: ref.kind })
  if (!info) return undefined
  const owner = view.get(
    info.resource,
    info.namespaced ? (dependent.object.metadata?.namespace ?? '') : '',
    ref.name,
  )
  return owner && owner.metadata?.uid === ref.uid ? owner : undefined
}

/** generateDeleteOwnerRefJSONMergePatch: the references that remain, guarded by the uid. */
function removeOwnerRefs(item: Item, uids: string[], reason: string): ControllerRequest {
  const remaining = ownerReferences(item.object).filter((ref) => !uids.includes(ref.uid))
  return {
    controller: 'generic-garbage-collector',
    as,
    method: 'PATCH',
    path: objectPath(item),
    contentType: 'application/merge-patch+json',
    body: {
      metadata: { ownerReferences: remaining.length ? remaining : null, uid: item.object.metadata?.uid },
    },
    reason,
  }
}

function deleteItem(
  item: Item,
  policy: 'Background' | 'Foreground' | 'Orphan',
  reason: string,
): ControllerRequest {
  return {
    controller: 'generic-garbage-collector',
    as,
    method: 'DELETE',
    path: objectPath(item),
    body: {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      preconditions: {
        uid: item.object.metadata?.uid,
        resourceVersion: item.object.metadata?.resourceVersion,
      },
      propagationPolicy: policy,
    },
    reason,
  }
}

function removeFinalizer(item: Item, finalizer: string, reason: string): ControllerRequest {
  const rest = (item.object.metadata?.finalizers ?? []).filter((f) => f !== finalizer)
  return {
    controller: 'generic-garbage-collector',
    as,
    method: 'PATCH',
    path: objectPath(item),
    contentType: 'application/merge-patch+json',
    body: {
      metadata: {
        resourceVersion: item.object.metadata?.resourceVersion,
        finalizers: rest.length ? rest : null,
      },
    },
    reason,
  }
}

export function garbageCollector(view: ClusterView): ControllerRequest[] {
  const items: Item[] = []
  for (const resource of RESOURCES)
    for (const object of view.list(resource.resource, '')) items.push({ resource, object })
  const dependentsOf = (owner: KubeObject) =>
    items.filter((d) => ownerReferences(d.object).some((ref) => ref.uid === owner.metadata?.uid))
  const requests: ControllerRequest[] = []

  for (const item of items) {
    const obj = item.object
    // Owners on their way out.
    if (isBeingDeleted(obj) && hasFinalizer(obj, FINALIZER_ORPHAN)) {
      const deps = dependentsOf(obj)
      if (deps.length)
        for (const d of deps)
          requests.push(
            removeOwnerRefs(
              d,
              [obj.metadata!.uid!],
              `${describe(item)} is deleted with propagationPolicy Orphan: ${describe(d)} loses its owner reference`,
            ),
          )
      else
        requests.push(
          removeFinalizer(
            item,
            FINALIZER_ORPHAN,
            `every dependent of ${describe(item)} is orphaned: remove the orphan finalizer`,
          ),
        )
      continue
    }
    if (isBeingDeleted(obj) && hasFinalizer(obj, FINALIZER_FOREGROUND)) {
      const blocking = dependentsOf(obj).filter((d) =>
        ownerReferences(d.object).some(
          (ref) => ref.uid === obj.metadata?.uid && ref.blockOwnerDeletion === true,
        ),
      )
      if (!blocking.length)
        requests.push(
          removeFinalizer(
            item,
            FINALIZER_FOREGROUND,
            `no dependent blocks ${describe(item)} any more: remove the foregroundDeletion finalizer`,
          ),
        )
    }

    // Dependents.
    const refs = ownerReferences(obj)
    if (!refs.length) continue
    if (isBeingDeleted(obj) && !hasFinalizer(obj, FINALIZER_FOREGROUND)) continue
    const solid: OwnerReference[] = []
    const dangling: OwnerReference[] = []
    const waiting: OwnerReference[] = []
    for (const ref of refs) {
      const owner = ownerOf(view, item, ref)
      if (!owner) dangling.push(ref)
      else if (isBeingDeleted(owner) && hasFinalizer(owner, FINALIZER_FOREGROUND)) waiting.push(ref)
      else solid.push(ref)
    }
    if (solid.length) {
      if (dangling.length || waiting.length)
        requests.push(
          removeOwnerRefs(
            item,
            [...dangling, ...waiting].map((r) => r.uid),
            `${describe(item)} still has a live owner: drop its references to owners that are gone or going`,
          ),
        )
      continue
    }
    if (isBeingDeleted(obj)) continue
    const names = [...dangling, ...waiting].map((r) => `${r.kind} ${r.name}`).join(', ')
    if (waiting.length && dependentsOf(obj).length) {
      requests.push(
        deleteItem(
          item,
          'Foreground',
          `its owner ${names} is deleted in the foreground: delete ${describe(item)} in the foreground too`,
        ),
      )
      continue
    }
    const policy = hasFinalizer(obj, FINALIZER_ORPHAN)
      ? 'Orphan'
      : hasFinalizer(obj, FINALIZER_FOREGROUND)
        ? 'Foreground'
        : 'Background'
    requests.push(deleteItem(item, policy, `${describe(item)} has no owner left (${names}): delete it`))
  }
  return requests
}
