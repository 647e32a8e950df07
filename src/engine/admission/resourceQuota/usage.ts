// The resource quota controller's sync (pkg/controller/resourcequota syncResourceQuota and
// k8s.io/apiserver/pkg/quota/v1 CalculateUsage): status.hard copies spec.hard, and status.used is measured
// from the objects in storage. Because the simulation calls this after every successful write, and never
// after a rejected or dry-run one, quota is charged exactly for what was stored.
import { cloneJson } from '../../clone'
import type { KubeObject } from '../../types'
import type { ClusterReader } from '../types'
import { controllerEvaluators, type Evaluator, type ScopeSelectorRequirement } from './evaluators'
import { zeroQuantity } from '../../quantity'
import {
  addLists,
  listsEqual,
  mask,
  resourceListFrom,
  resourceListToJson,
  type ResourceList,
} from './resourceList'

interface QuotaSpec {
  hard?: Record<string, unknown>
  scopes?: string[]
  scopeSelector?: { matchExpressions?: ScopeSelectorRequirement[] }
}

interface QuotaStatus {
  hard?: Record<string, unknown>
  used?: Record<string, unknown>
}

export const quotaSpecOf = (quota: KubeObject) => (quota.spec ?? {}) as QuotaSpec
export const quotaStatusOf = (quota: KubeObject) => (quota.status ?? {}) as QuotaStatus

/** getScopeSelectorsFromQuota: each scope as an Exists requirement, then the scopeSelector's expressions. */
export function scopeSelectorsOf(quota: KubeObject): ScopeSelectorRequirement[] {
  const spec = quotaSpecOf(quota)
  return [
    ...(spec.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' })),
    ...(spec.scopeSelector?.matchExpressions ?? []),
  ]
}

/** CalculateUsageStats for one evaluator: each tracked name starts at 0, then every object in scope adds. */
function usageStats(
  evaluator: Evaluator,
  namespace: string,
  names: string[],
  selectors: ScopeSelectorRequirement[],
  cluster: ClusterReader,
): ResourceList {
  let used: ResourceList = new Map(names.map((n) => [n, zeroQuantity()]))
  for (const object of cluster.list(evaluator.groupResource.resource, namespace)) {
    if (!selectors.every((s) => evaluator.matchesScope(s, object))) continue
    used = addLists(used, evaluator.usage(object))
  }
  return used
}

/** CalculateUsage: what the namespace's stored objects consume of the names the quota limits. */
export function calculateUsage(quota: KubeObject, namespace: string, cluster: ClusterReader): ResourceList {
  const hardNames = Object.keys(quotaSpecOf(quota).hard ?? {})
  const evaluators = controllerEvaluators()
  const potential = new Set(evaluators.flatMap((e) => e.matchingResources(hardNames)))
  const matched = hardNames.filter((n) => potential.has(n))
  const selectors = scopeSelectorsOf(quota)
  let usage: ResourceList = new Map()
  for (const evaluator of evaluators) {
    const names = evaluator.matchingResources(matched)
    if (names.length === 0) continue
    usage = addLists(usage, usageStats(evaluator, namespace, names, selectors, cluster))
  }
  return mask(usage, matched)
}

/**
 * The quota controller's work: recompute status.used (and status.hard) of every ResourceQuota in the
 * namespace from the stored objects. Returns the quotas whose status changed, as new objects to store.
 */
export function recalculateQuotaUsage(namespace: string, cluster: ClusterReader): KubeObject[] {
  const changed: KubeObject[] = []
  for (const quota of cluster.list('resourcequotas', namespace)) {
    const spec = quotaSpecOf(quota)
    const status = quotaStatusOf(quota)
    const hard = resourceListFrom(spec.hard)
    const previousUsed = resourceListFrom(status.used)
    // Past observations are kept for names nothing can measure; measured names are overwritten.
    const used = new Map(previousUsed)
    for (const [name, q] of calculateUsage(quota, namespace, cluster)) used.set(name, q)
    const newUsed = mask(used, hard.keys())
    // Semantic equality: a missing list and an empty one are the same.
    const dirty = !listsEqual(hard, resourceListFrom(status.hard)) || !listsEqual(newUsed, previousUsed)
    if (!dirty) continue
    const updated = cloneJson(quota)
    // Empty lists are omitted, as omitempty drops them.
    const newStatus: QuotaStatus = {}
    if (hard.size) newStatus.hard = resourceListToJson(hard)
    if (newUsed.size) newStatus.used = resourceListToJson(newUsed)
    updated.status = newStatus
    changed.push(updated)
  }
  return changed
}
