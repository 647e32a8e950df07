// The deployment controller (pkg/controller/deployment), reduced to what a learner sees: each Deployment
// gets a ReplicaSet named <deployment>-<pod-template-hash> that it controls, sized to spec.replicas; when
// the template changes, a new ReplicaSet takes over and the old ones are scaled to zero (the rolling
// update's steps are collapsed into one). Deployments being deleted are left alone.
import { cloneJson } from '../clone'
import type { KubeObject } from '../types'
import { computeHash } from './hash'
import {
  controllerOf,
  isBeingDeleted,
  newControllerRef,
  serviceAccountOf,
  type ClusterView,
  type ControllerRequest,
} from './types'

export const POD_TEMPLATE_HASH = 'pod-template-hash'
const REVISION = 'deployment.kubernetes.io/revision'
const DESIRED = 'deployment.kubernetes.io/desired-replicas'
const MAX = 'deployment.kubernetes.io/max-replicas'
// Annotations a Deployment does not pass on to its ReplicaSets (annotationsToSkip).
const SKIPPED_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  DESIRED,
  MAX,
  'deprecated.deployment.rollback.to',
])

interface DeploymentSpec {
  replicas?: number
  minReadySeconds?: number
  selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] }
  template?: {
    metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }
    spec?: unknown
  }
  strategy?: { type?: string; rollingUpdate?: { maxSurge?: number | string } }
}

/** intstr.GetScaledValueFromIntOrPercent, rounding up as maxSurge does. */
function maxSurge(spec: DeploymentSpec, replicas: number): number {
  if (spec.strategy?.type === 'Recreate') return 0
  const surge = spec.strategy?.rollingUpdate?.maxSurge ?? '25%'
  if (typeof surge === 'number') return surge
  const percent = /^(\d+)%$/.exec(surge)
  return percent ? Math.ceil((replicas * Number(percent[1])) / 100) : Number(surge) || 0
}

const rsPath = (ns: string) => `/apis/apps/v1/namespaces/${ns}/replicasets`

/** The ReplicaSet the controller creates for a Deployment's current template (getNewReplicaSet). */
export function newReplicaSetFor(deployment: KubeObject, revision: number): KubeObject {
  const spec = (deployment.spec ?? {}) as DeploymentSpec
  const template = cloneJson(spec.template ?? {})
  const collisionCount = (deployment.status as { collisionCount?: number } | undefined)?.collisionCount
  const hash = computeHash(template, collisionCount)
  const labels = { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash }
  template.metadata = { ...(template.metadata ?? {}), labels }
  const replicas = spec.replicas ?? 1
  const annotations: Record<string, string> = {}
  for (const [k, v] of Object.entries(deployment.metadata?.annotations ?? {}))
    if (!SKIPPED_ANNOTATIONS.has(k)) annotations[k] = v
  annotations[DESIRED] = String(replicas)
  annotations[MAX] = String(replicas + maxSurge(spec, replicas))
  annotations[REVISION] = String(revision)
  const selector = cloneJson(spec.selector ?? {})
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash }
  const rsSpec: Record<string, unknown> = { replicas }
  if (spec.minReadySeconds) rsSpec.minReadySeconds = spec.minReadySeconds
  rsSpec.selector = selector
  rsSpec.template = template
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      // Deterministic, so that a second sync finds the ReplicaSet instead of creating another.
      name: `${deployment.metadata?.name ?? ''}-${hash}`,
      namespace: deployment.metadata?.namespace,
      labels,
      annotations,
      ownerReferences: [newControllerRef({ ...deployment, apiVersion: 'apps/v1', kind: 'Deployment' })],
    },
    spec: rsSpec,
  }
}

export function deploymentController(view: ClusterView): ControllerRequest[] {
  const requests: ControllerRequest[] = []
  const as = serviceAccountOf('deployment-controller')
  for (const d of view.list('deployments', '')) {
    if (isBeingDeleted(d)) continue
    const ns = d.metadata?.namespace ?? ''
    const uid = d.metadata?.uid
    const owned = view.list('replicasets', ns).filter((rs) => controllerOf(rs)?.uid === uid)
    const revisions = owned.map((rs) => Number(rs.metadata?.annotations?.[REVISION] ?? 0))
    const desired = newReplicaSetFor(d, Math.max(0, ...revisions) + 1)
    const replicas = ((d.spec ?? {}) as DeploymentSpec).replicas ?? 1
    const current = owned.find((rs) => rs.metadata?.name === desired.metadata?.name)
    if (!current) {
      requests.push({
        controller: 'deployment-controller',
        as,
        method: 'POST',
        path: rsPath(ns),
        body: desired,
        reason: `Deployment ${d.metadata?.name} has no ReplicaSet for its pod template: create ${desired.metadata?.name}`,
      })
      continue
    }
    const scale = (rs: KubeObject, to: number, why: string) => {
      const next = cloneJson(rs)
      ;(next.spec as { replicas?: number }).replicas = to
      const annotations = { ...(next.metadata!.annotations ?? {}), [DESIRED]: String(replicas) }
      next.metadata!.annotations = annotations
      requests.push({
        controller: 'deployment-controller',
        as,
        method: 'PUT',
        path: `${rsPath(ns)}/${rs.metadata?.name}`,
        body: next,
        reason: why,
      })
    }
    if (!isBeingDeleted(current) && (current.spec as { replicas?: number }).replicas !== replicas)
      scale(
        current,
        replicas,
        `scale ReplicaSet ${current.metadata?.name} to ${replicas} for Deployment ${d.metadata?.name}`,
      )
    for (const old of owned) {
      if (old === current || isBeingDeleted(old) || (old.spec as { replicas?: number }).replicas === 0)
        continue
      scale(old, 0, `the pod template changed: scale the old ReplicaSet ${old.metadata?.name} to 0`)
    }
  }
  return requests
}
