// The discovery documents, legacy (/api, /apis, /apis/<g>, /api/v1, /apis/<g>/<v>) and aggregated
// (apidiscovery.k8s.io/v2 APIGroupDiscoveryList), built from what the server serves. Field order is the
// JSON order of the Go types (metav1.APIGroup, metav1.APIResourceList, apidiscoveryv2.APIGroupDiscovery).
import { apiVersionOf, type ResourceInfo } from '../resources'
import { apiResourcesFor, type APIResource } from './apiResources'
import { compareGroups, compareVersions, priorityOf } from './priorities'

/** What kube-apiserver in a kind cluster answers for its own address. */
export const SERVER_ADDRESS_BY_CLIENT_CIDRS = [{ clientCIDR: '0.0.0.0/0', serverAddress: '172.18.0.2:6443' }]

interface GroupVersions {
  name: string
  versions: string[]
}

/** The served groups (the core group excluded) with their versions, each in discovery order. */
export function servedGroups(all: readonly ResourceInfo[]): GroupVersions[] {
  const byGroup = new Map<string, Set<string>>()
  for (const r of all) if (r.group) (byGroup.get(r.group) ?? byGroup.set(r.group, new Set()).get(r.group)!).add(r.version)
  return [...byGroup]
    .map(([name, versions]) => ({
      name,
      versions: [...versions].sort((a, b) => compareVersions(name, a, b)),
      priority: Math.max(...[...versions].map((v) => priorityOf(`${name}/${v}`).group)),
    }))
    .sort(compareGroups)
    .map(({ name, versions }) => ({ name, versions }))
}

function coreVersions(all: readonly ResourceInfo[]): string[] {
  return [...new Set(all.filter((r) => !r.group).map((r) => r.version))].sort((a, b) => compareVersions('', a, b))
}

const forDiscovery = (group: string, version: string) => ({ groupVersion: apiVersionOf({ group, version }), version })

function apiGroup(g: GroupVersions) {
  return { name: g.name, versions: g.versions.map((v) => forDiscovery(g.name, v)), preferredVersion: forDiscovery(g.name, g.versions[0]!) }
}

export function apiVersions(all: readonly ResourceInfo[]) {
  return { kind: 'APIVersions', versions: coreVersions(all), serverAddressByClientCIDRs: SERVER_ADDRESS_BY_CLIENT_CIDRS }
}

export function apiGroupList(all: readonly ResourceInfo[]) {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: servedGroups(all).map(apiGroup) }
}

export function apiGroupDocument(all: readonly ResourceInfo[], name: string) {
  const group = servedGroups(all).find((g) => g.name === name)
  return group && { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group) }
}

/** /api/v1 is written without apiVersion, /apis/<g>/<v> with it, as kube-apiserver's two codecs do. */
export function apiResourceList(all: readonly ResourceInfo[], group: string, version: string) {
  if (!all.some((r) => r.group === group && r.version === version)) return undefined
  const head = group ? { kind: 'APIResourceList', apiVersion: 'v1' } : { kind: 'APIResourceList' }
  return { ...head, groupVersion: apiVersionOf({ group, version }), resources: apiResourcesFor(group, version, all) }
}

// ---- aggregated discovery ----

function gvk(group: string | undefined, version: string | undefined, kind: string) {
  return { group: group ?? '', version: version ?? '', kind }
}

/** endpoints.ConvertGroupVersionIntoToDiscovery: subresources folded into their resource. */
function resourceDiscovery(list: APIResource[]) {
  const parents = new Map<string, Record<string, unknown> & { subresources?: unknown[] }>()
  for (const r of list) {
    if (r.name.includes('/')) continue
    const entry: Record<string, unknown> = {
      resource: r.name,
      responseKind: gvk(r.group, r.version, r.kind),
      scope: r.namespaced ? 'Namespaced' : 'Cluster',
      singularResource: r.singularName,
      verbs: r.verbs,
    }
    if (r.shortNames) entry.shortNames = r.shortNames
    if (r.categories) entry.categories = r.categories
    parents.set(r.name, entry)
  }
  for (const r of list) {
    const slash = r.name.indexOf('/')
    if (slash < 0) continue
    const parent = parents.get(r.name.slice(0, slash))!
    ;(parent.subresources ??= []).push({ subresource: r.name.slice(slash + 1), responseKind: gvk(r.group, r.version, r.kind), verbs: r.verbs })
  }
  return [...parents.values()]
}

function versionDiscovery(all: readonly ResourceInfo[], group: string, version: string) {
  return { version, resources: resourceDiscovery(apiResourcesFor(group, version, all)), freshness: 'Current' }
}

/** For /api: the core group, whose metadata has no name. For /apis: every other group. */
export function aggregatedDiscovery(all: readonly ResourceInfo[], legacy: boolean) {
  const items = legacy
    ? [{ metadata: {}, versions: coreVersions(all).map((v) => versionDiscovery(all, '', v)) }]
    : servedGroups(all).map((g) => ({ metadata: { name: g.name }, versions: g.versions.map((v) => versionDiscovery(all, g.name, v)) }))
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items }
}
