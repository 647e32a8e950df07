// What kube-controller-manager's clusterrole-aggregation controller does: a ClusterRole with an aggregationRule
// gets as rules the union of the rules of every other ClusterRole its selectors match, taken in name order,
// each rule once. The controller re-syncs whenever a ClusterRole changes, so aggregated roles that select other
// aggregated roles (admin selects edit, edit selects view) settle after a few rounds; we iterate to that point.
import type { KubeObject } from '../types'
import type { AggregationRule, LabelSelector, PolicyRule } from './types'

/** metav1.LabelSelectorAsSelector semantics; an empty selector matches every object. */
export function labelSelectorMatches(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>>,
): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false
  }
  for (const req of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key)
    const values = req.values ?? []
    switch (req.operator) {
      case 'In':
        if (!has || !values.includes(labels[req.key]!)) return false
        break
      case 'NotIn':
        if (has && values.includes(labels[req.key]!)) return false
        break
      case 'Exists':
        if (!has) return false
        break
      case 'DoesNotExist':
        if (has) return false
        break
      default:
        // An invalid operator makes the selector fail to parse; the controller then skips the role.
        return false
    }
  }
  return true
}

// equality.Semantic.DeepEqual: nil and empty lists compare equal.
function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = a ?? []
  const y = b ?? []
  if (x.length !== y.length) return false
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false
  return true
}

export function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  return (
    sameList(a.verbs, b.verbs) &&
    sameList(a.apiGroups, b.apiGroups) &&
    sameList(a.resources, b.resources) &&
    sameList(a.resourceNames, b.resourceNames) &&
    sameList(a.nonResourceURLs, b.nonResourceURLs)
  )
}

function sameRules(a: readonly PolicyRule[], b: readonly PolicyRule[]): boolean {
  return a.length === b.length && a.every((rule, i) => sameRule(rule, b[i]!))
}

function nameOf(obj: KubeObject): string {
  return obj.metadata?.name ?? ''
}

function rulesOf(obj: KubeObject): readonly PolicyRule[] {
  return (obj.rules as PolicyRule[] | null | undefined) ?? []
}

/**
 * For each ClusterRole with an aggregationRule, its rules become the union of the rules of the ClusterRoles the
 * selectors match. Returns new objects for the roles whose rules changed, in input order.
 */
export function aggregateClusterRoles(all: readonly KubeObject[]): KubeObject[] {
  const current = new Map<string, KubeObject>()
  for (const role of all) current.set(nameOf(role), role)
  const byName = [...current.values()].sort((a, b) =>
    nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0,
  )
  const changed = new Set<string>()

  // Each round can only propagate rules one aggregation level further; more rounds than roles means a cycle that
  // keeps changing, which the real controller would chase forever. Stop there.
  for (let round = 0; round <= byName.length; round++) {
    let progress = false
    for (const role of byName) {
      const rule = role.aggregationRule as AggregationRule | undefined
      if (!rule) continue
      const name = nameOf(role)
      const matched = new Set<string>()
      for (const selector of rule.clusterRoleSelectors ?? []) {
        for (const candidate of byName) {
          const labels = current.get(nameOf(candidate))?.metadata?.labels ?? {}
          if (labelSelectorMatches(selector, labels)) matched.add(nameOf(candidate))
        }
      }
      const union: PolicyRule[] = []
      for (const candidate of byName) {
        const candidateName = nameOf(candidate)
        if (candidateName === name || !matched.has(candidateName)) continue
        for (const r of rulesOf(current.get(candidateName)!)) {
          if (!union.some((existing) => sameRule(existing, r))) union.push(r)
        }
      }
      const latest = current.get(name)!
      if (sameRules(union, rulesOf(latest))) continue
      current.set(name, { ...latest, rules: union.map((r) => structuredClone(r)) })
      changed.add(name)
      progress = true
    }
    if (!progress) break
  }

  return all.filter((role) => changed.has(nameOf(role))).map((role) => current.get(nameOf(role))!)
}
