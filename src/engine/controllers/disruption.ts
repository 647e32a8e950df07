// The disruption controller (pkg/controller/disruption): keeps each PodDisruptionBudget's status in step with
// the Pods it selects, which is what the eviction subresource reads. Healthy means Ready and not being
// deleted; the budget allows currentHealthy - desiredHealthy disruptions.
import { selectorMatches } from '../registry/validation/workloads'
import type { KubeObject } from '../types'
import { controllerOf, isBeingDeleted, serviceAccountOf, type ClusterView, type ControllerRequest } from './types'

type Obj = Record<string, unknown>

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: KubeObject): boolean {
  const conditions = ((pod.status as Obj | undefined)?.conditions ?? []) as { type?: string; status?: string }[]
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True')
}

/** GetScaledValueFromIntOrPercent with roundUp: "50%" of 3 is 2. */
function scaled(value: unknown, total: number): number {
  if (typeof value === 'number') return value
  const percent = Number(String(value).replace(/%$/, ''))
  return Math.ceil((percent * total) / 100)
}

/** getExpectedScale: the sum of the scale of every controller owning a selected Pod; bare Pods add nothing. */
function expectedScale(view: ClusterView, pods: KubeObject[]): number | string {
  const scales = new Map<string, number>()
  for (const pod of pods) {
    const ref = controllerOf(pod)
    if (!ref || scales.has(ref.uid)) continue
    const ns = pod.metadata?.namespace ?? ''
    const resource = { ReplicaSet: 'replicasets', StatefulSet: 'statefulsets', ReplicationController: 'replicationcontrollers' }[ref.kind]
    let owner = resource ? view.get(resource, ns, ref.name) : undefined
    if (owner?.metadata?.uid !== ref.uid) owner = undefined
    // A ReplicaSet a Deployment controls counts with the Deployment's scale.
    const deploymentRef = owner && ref.kind === 'ReplicaSet' ? controllerOf(owner) : undefined
    const deployment = deploymentRef?.kind === 'Deployment' ? view.get('deployments', ns, deploymentRef.name) : undefined
    const scaleOwner = deployment ?? owner
    if (!scaleOwner) return `found no controllers for pod ${JSON.stringify(pod.metadata?.name ?? '')}`
    scales.set(ref.uid, ((scaleOwner.spec as Obj | undefined)?.replicas as number | undefined) ?? 1)
  }
  return [...scales.values()].reduce((a, b) => a + b, 0)
}

/** getExpectedPodCount: how many Pods there should be and how many must stay healthy. */
function expectedPodCount(view: ClusterView, spec: Obj, pods: KubeObject[]): { expected: number; desired: number } | string {
  if (spec.maxUnavailable != null) {
    const expected = expectedScale(view, pods)
    if (typeof expected === 'string') return expected
    return { expected, desired: Math.max(0, expected - scaled(spec.maxUnavailable, expected)) }
  }
  if (typeof spec.minAvailable === 'number') return { expected: pods.length, desired: spec.minAvailable }
  if (spec.minAvailable != null) {
    const expected = expectedScale(view, pods)
    if (typeof expected === 'string') return expected
    return { expected, desired: scaled(spec.minAvailable, expected) }
  }
  return { expected: 0, desired: 0 }
}

/** pdbhelper.UpdateDisruptionAllowedCondition, keeping lastTransitionTime while the status stays the same. */
function disruptionAllowedCondition(old: Obj[], allowed: boolean, generation: number, now: string, failure?: string): Obj {
  const status = allowed ? 'True' : 'False'
  const previous = old.find((c) => c.type === 'DisruptionAllowed')
  return {
    type: 'DisruptionAllowed',
    status,
    observedGeneration: generation,
    lastTransitionTime: previous?.status === status ? previous.lastTransitionTime : now,
    reason: failure ? 'SyncFailed' : allowed ? 'SufficientPods' : 'InsufficientPods',
    message: failure ?? '',
  }
}

/** The status trySync would write for one budget. */
export function desiredBudgetStatus(view: ClusterView, pdb: KubeObject, now: string): Obj {
  const ns = pdb.metadata?.namespace ?? ''
  const spec = (pdb.spec ?? {}) as Obj
  const selector = spec.selector as Obj | undefined
  const empty = !selector || (Object.keys((selector.matchLabels as Obj) ?? {}).length === 0 && ((selector.matchExpressions as unknown[]) ?? []).length === 0)
  // A nil or empty selector selects nothing here, unlike elsewhere.
  const pods = empty ? [] : view.list('pods', ns).filter((p) => selectorMatches(selector, p.metadata?.labels))
  const old = (pdb.status ?? {}) as Obj
  const generation = pdb.metadata?.generation ?? 0
  const oldConditions = (old.conditions ?? []) as Obj[]
  const counts = expectedPodCount(view, spec, pods)
  if (typeof counts === 'string') {
    // failSafe: no disruption is allowed while the budget cannot be computed.
    return { ...old, observedGeneration: generation, disruptionsAllowed: 0, conditions: [disruptionAllowedCondition(oldConditions, false, generation, now, counts)] }
  }
  const present = new Set(pods.map((p) => p.metadata?.name))
  const disrupted = Object.fromEntries(Object.entries((old.disruptedPods ?? {}) as Obj).filter(([name]) => present.has(name)))
  const healthy = pods.filter((p) => !isBeingDeleted(p) && !((p.metadata?.name ?? '') in disrupted) && isPodReady(p)).length
  const allowed = Math.max(0, healthy - counts.desired)
  const status: Obj = { observedGeneration: generation }
  if (Object.keys(disrupted).length) status.disruptedPods = disrupted
  Object.assign(status, { disruptionsAllowed: allowed, currentHealthy: healthy, desiredHealthy: counts.desired, expectedPods: counts.expected })
  status.conditions = [disruptionAllowedCondition(oldConditions, allowed > 0, generation, now)]
  return status
}

export function disruptionController(view: ClusterView, now: string): ControllerRequest[] {
  const requests: ControllerRequest[] = []
  for (const pdb of view.list('poddisruptionbudgets', '')) {
    if (isBeingDeleted(pdb)) continue
    const status = desiredBudgetStatus(view, pdb, now)
    if (JSON.stringify(status) === JSON.stringify(pdb.status ?? {})) continue
    const ns = pdb.metadata?.namespace ?? ''
    const name = pdb.metadata?.name ?? ''
    requests.push({
      controller: 'disruption-controller',
      as: serviceAccountOf('disruption-controller'),
      method: 'PUT',
      path: `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets/${name}/status`,
      body: { ...pdb, status },
      reason: `PodDisruptionBudget ${name}: ${String(status.currentHealthy ?? 0)} healthy of ${String(status.desiredHealthy ?? 0)} needed, ${String(status.disruptionsAllowed)} disruptions allowed`,
    })
  }
  return requests
}
