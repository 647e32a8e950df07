// What the simulated controllers share. Each controller is a pure function from the informer view of the
// cluster to the API requests it would make now; the controller loop sends them through the API server as
// the controller's service account, so every write a controller makes is authenticated, authorized,
// admitted and validated like a user's (kube-controller-manager runs with --use-service-account-credentials).
import type { ClusterReader } from '../admission/types'
import type { HttpMethod, KubeObject } from '../types'

export type ControllerName =
  | 'deployment-controller'
  | 'replicaset-controller'
  | 'generic-garbage-collector'
  | 'disruption-controller'
  | 'namespace-controller'

export interface ControllerRequest {
  controller: ControllerName
  /** The identity to send as, in the scenario's `as:` form. */
  as: string
  method: HttpMethod
  /** Path and query. */
  path: string
  body?: unknown
  /** Defaults to application/json when there is a body. */
  contentType?: string
  /** Why the controller makes this request, in one line, for the trace. */
  reason: string
}

export type ClusterView = ClusterReader

export interface OwnerReference {
  apiVersion: string
  kind: string
  name: string
  uid: string
  controller?: boolean
  blockOwnerDeletion?: boolean
}

export const serviceAccountOf = (controller: ControllerName) =>
  `system:serviceaccount:kube-system:${controller}`

export function ownerReferences(obj: KubeObject): OwnerReference[] {
  return (obj.metadata?.ownerReferences ?? []) as OwnerReference[]
}

/** metav1.GetControllerOf. */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return ownerReferences(obj).find((ref) => ref.controller === true)
}

/** metav1.NewControllerRef: what a controller puts on the objects it creates. */
export function newControllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion ?? '',
    kind: owner.kind ?? '',
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  }
}

export const isBeingDeleted = (obj: KubeObject) => Boolean(obj.metadata?.deletionTimestamp)
