// The ReplicaSet controller (pkg/controller/replicaset): keeps spec.replicas active Pods that the ReplicaSet
// controls. New Pods come from the template with generateName "<replicaset>-" and a controller reference;
// surplus Pods are deleted newest first. A ReplicaSet being deleted creates nothing (syncReplicaSet skips
// manageReplicas once deletionTimestamp is set).
import { cloneJson } from '../clone'
import type { KubeObject } from '../types'
import {
  controllerOf,
  isBeingDeleted,
  newControllerRef,
  serviceAccountOf,
  type ClusterView,
  type ControllerRequest,
} from './types'

interface Template {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[] }
  spec?: unknown
}

/** controller.GetPodFromTemplate. */
export function podFromTemplate(rs: KubeObject): KubeObject {
  const template = cloneJson(((rs.spec ?? {}) as { template?: Template }).template ?? {})
  const metadata: Record<string, unknown> = {
    generateName: `${rs.metadata?.name ?? ''}-`,
    namespace: rs.metadata?.namespace,
  }
  if (template.metadata?.labels) metadata.labels = template.metadata.labels
  if (template.metadata?.annotations) metadata.annotations = template.metadata.annotations
  metadata.ownerReferences = [newControllerRef({ ...rs, apiVersion: 'apps/v1', kind: 'ReplicaSet' })]
  if (template.metadata?.finalizers) metadata.finalizers = template.metadata.finalizers
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: template.spec ?? {} }
}

/** controller.FilterActivePods: not being deleted, not finished. */
function isActive(pod: KubeObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase
  return !isBeingDeleted(pod) && phase !== 'Succeeded' && phase !== 'Failed'
}

export function replicaSetController(view: ClusterView): ControllerRequest[] {
  const requests: ControllerRequest[] = []
  const as = serviceAccountOf('replicaset-controller')
  for (const rs of view.list('replicasets', '')) {
    if (isBeingDeleted(rs)) continue
    const ns = rs.metadata?.namespace ?? ''
    const name = rs.metadata?.name ?? ''
    const wanted = ((rs.spec ?? {}) as { replicas?: number }).replicas ?? 1
    const pods = view.list('pods', ns).filter((p) => controllerOf(p)?.uid === rs.metadata?.uid && isActive(p))
    const diff = wanted - pods.length
    for (let i = 0; i < diff; i++)
      requests.push({
        controller: 'replicaset-controller',
        as,
        method: 'POST',
        path: `/api/v1/namespaces/${ns}/pods`,
        body: podFromTemplate(rs),
        reason: `ReplicaSet ${name} wants ${wanted} Pods and has ${pods.length + i}: create one`,
      })
    if (diff < 0) {
      // Newest first, then by name, as a stand-in for ActivePodsWithRanks on Pods that never ran.
      const victims = [...pods]
        .sort((a, b) => {
          const ta = a.metadata?.creationTimestamp ?? ''
          const tb = b.metadata?.creationTimestamp ?? ''
          if (ta !== tb) return ta < tb ? 1 : -1
          return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? 1 : -1
        })
        .slice(0, -diff)
      for (const pod of victims)
        requests.push({
          controller: 'replicaset-controller',
          as,
          method: 'DELETE',
          path: `/api/v1/namespaces/${ns}/pods/${pod.metadata?.name}`,
          reason: `ReplicaSet ${name} wants ${wanted} Pods and has ${pods.length}: delete ${pod.metadata?.name}`,
        })
    }
  }
  return requests
}
