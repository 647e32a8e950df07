// The order discovery lists groups and versions in. kube-apiserver registers one APIService per built-in
// group-version with these priorities (cmd/kube-apiserver/app/aggregator.go and the generic defaults in
// pkg/controlplane/apiserver); groups sort by priority, highest first, then by name, and versions within a
// group by their own priority. A group-version missing here (a CRD's) gets what the CRD registration
// controller gives it: group 1000, version 100.

const PRIORITIES: Record<string, readonly [group: number, version: number]> = {
  v1: [18000, 1],
  'apps/v1': [17800, 15],
  'events.k8s.io/v1': [17750, 15],
  'authentication.k8s.io/v1': [17700, 15],
  'authorization.k8s.io/v1': [17600, 15],
  'autoscaling/v2': [17500, 30],
  'autoscaling/v1': [17500, 15],
  'batch/v1': [17400, 15],
  'certificates.k8s.io/v1': [17300, 15],
  'networking.k8s.io/v1': [17200, 15],
  'policy/v1': [17100, 15],
  'rbac.authorization.k8s.io/v1': [17000, 15],
  'storage.k8s.io/v1': [16800, 15],
  'apiextensions.k8s.io/v1': [16700, 15],
  'admissionregistration.k8s.io/v1': [16700, 15],
  'admissionregistration.k8s.io/v1beta1': [16700, 12],
  'admissionregistration.k8s.io/v1alpha1': [16700, 9],
  'scheduling.k8s.io/v1': [16600, 15],
  'coordination.k8s.io/v1': [16500, 15],
  'node.k8s.io/v1': [16300, 15],
  'discovery.k8s.io/v1': [16200, 15],
  'resource.k8s.io/v1': [16200, 15],
  'flowcontrol.apiserver.k8s.io/v1': [16100, 21],
}

export function priorityOf(groupVersion: string): { group: number; version: number } {
  const [group, version] = PRIORITIES[groupVersion] ?? [1000, 100]
  return { group, version }
}

/** Kubernetes' version order for equal priorities: GA before beta before alpha, higher numbers first. */
function kubeAwareRank(version: string): [number, number, number] | undefined {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version)
  if (!m) return undefined
  const stability = m[2] === 'alpha' ? 0 : m[2] === 'beta' ? 1 : 2
  return [stability, Number(m[1]), Number(m[3] ?? 0)]
}

/** Negative when a sorts first. */
export function compareVersions(group: string, a: string, b: string): number {
  const gv = (v: string) => (group ? `${group}/${v}` : v)
  const byPriority = priorityOf(gv(b)).version - priorityOf(gv(a)).version
  if (byPriority !== 0) return byPriority
  const ra = kubeAwareRank(a)
  const rb = kubeAwareRank(b)
  if (ra && rb) return rb[0] - ra[0] || rb[1] - ra[1] || rb[2] - ra[2]
  if (ra || rb) return ra ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

/** Groups by the highest group priority of their versions, then by name. */
export function compareGroups(a: { name: string; priority: number }, b: { name: string; priority: number }): number {
  return b.priority - a.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
}
