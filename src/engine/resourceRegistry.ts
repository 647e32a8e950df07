// What one server serves, as kube-apiserver's RESTMapper and storage map know it: an instance built with the
// server, so the set can change while it runs (the CRD and APIService controllers register and remove
// group-versions). Routing, discovery, the informer view and kubectl's resource lookup ask it; the built-in
// rows it starts from are the data table in resources.ts.
import { compareVersions } from './discovery/priorities'
import { BUILTIN_RESOURCES, type ResourceInfo } from './resources'
import type { GroupVersionKind } from './types'

export interface ResourceVersions {
  served: string[]
  /** The version objects of this resource are stored in: the one listed first for the group and resource. */
  storage: string
  /** The version discovery offers first. */
  preferred: string
}

export interface ResourceRegistry {
  /** Every served group-version-resource, in registration order. */
  all(): readonly ResourceInfo[]
  /** Adds a resource, or replaces the one with the same group, version and plural. */
  register(info: ResourceInfo): void
  remove(gvr: { group: string; version: string; resource: string }): void
  resourceFor(group: string, version: string, resource: string): ResourceInfo | undefined
  resourceForKind(gvk: GroupVersionKind): ResourceInfo | undefined
  /** By plural name alone, in the preferred version (for the informer view, which keys by plural). */
  resourceByName(resource: string): ResourceInfo | undefined
  /** How kubectl resolves `pods`, `pod`, `po`, `deployments.apps` through discovery. */
  resolveResourceArg(arg: string): ResourceInfo | undefined
  versionsOf(group: string, resource: string): ResourceVersions | undefined
  servesGroupVersion(group: string, version: string): boolean
}

const gvrKey = (group: string, version: string, resource: string) => `${group}/${version}/${resource}`

export function createResourceRegistry(initial: readonly ResourceInfo[] = BUILTIN_RESOURCES): ResourceRegistry {
  let entries: ResourceInfo[] = [...initial]
  let byGvr = new Map<string, ResourceInfo>()
  let byGvk = new Map<string, ResourceInfo>()
  const reindex = () => {
    byGvr = new Map(entries.map((e) => [gvrKey(e.group, e.version, e.resource), e]))
    byGvk = new Map(entries.map((e) => [gvrKey(e.group, e.version, e.kind), e]))
  }
  reindex()

  const versionsOf = (group: string, resource: string): ResourceVersions | undefined => {
    const served = entries.filter((e) => e.group === group && e.resource === resource).map((e) => e.version)
    if (served.length === 0) return undefined
    return { served, storage: served[0]!, preferred: [...served].sort((a, b) => compareVersions(group, a, b))[0]! }
  }
  /** Among a resource's versions, the preferred one: lookups by name find what discovery lists first. */
  const preferred = (matches: ResourceInfo[]): ResourceInfo | undefined => {
    const first = matches[0]
    if (!first) return undefined
    const version = versionsOf(first.group, first.resource)?.preferred
    return matches.find((m) => m.group === first.group && m.resource === first.resource && m.version === version) ?? first
  }

  return {
    all: () => entries,
    register(info) {
      const key = gvrKey(info.group, info.version, info.resource)
      const at = entries.findIndex((e) => gvrKey(e.group, e.version, e.resource) === key)
      entries = at < 0 ? [...entries, info] : entries.map((e, i) => (i === at ? info : e))
      reindex()
    },
    remove({ group, version, resource }) {
      entries = entries.filter((e) => gvrKey(e.group, e.version, e.resource) !== gvrKey(group, version, resource))
      reindex()
    },
    resourceFor: (group, version, resource) => byGvr.get(gvrKey(group, version, resource)),
    resourceForKind: (gvk) => byGvk.get(gvrKey(gvk.group, gvk.version, gvk.kind)),
    resourceByName: (resource) => preferred(entries.filter((e) => e.resource === resource)),
    resolveResourceArg(arg) {
      const lower = arg.toLowerCase()
      const dot = lower.indexOf('.')
      const name = dot < 0 ? lower : lower.slice(0, dot)
      const group = dot < 0 ? undefined : lower.slice(dot + 1)
      return preferred(
        entries.filter(
          (e) =>
            (group === undefined || e.group === group) &&
            (e.resource === name || e.singular === name || e.shortNames.includes(name) || e.kind.toLowerCase() === name),
        ),
      )
    },
    versionsOf,
    servesGroupVersion: (group, version) => entries.some((e) => e.group === group && e.version === version),
  }
}
