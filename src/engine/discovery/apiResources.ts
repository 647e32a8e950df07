// metav1.APIResource for each served resource and subresource, as the REST installer computes them: verbs
// from the routes the storage has (generated from the v1.35 OpenAPI for built-in kinds), the singular name,
// short names, categories and the storage version hash. Subresources follow their resource, sorted by path.
import type { ResourceInfo } from '../resources'
import { base64, sha256, utf8 } from '../sha2'
import builtin from './builtin.generated.json'

export interface APIResource {
  name: string
  singularName: string
  namespaced: boolean
  group?: string
  version?: string
  kind: string
  verbs: string[]
  shortNames?: string[]
  categories?: string[]
  storageVersionHash?: string
}

interface SubresourceDiscovery {
  name: string
  group: string
  version: string
  kind: string
  verbs: string[]
}

const BUILTIN = builtin as Record<string, { verbs: string[]; subresources: SubresourceDiscovery[] }>

const STANDARD_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']
const SUBRESOURCE_VERBS = ['get', 'patch', 'update']

/** discovery.StorageVersionHash: the first 8 bytes of sha256("<group>/<version>/<kind>"), base64. */
export function storageVersionHash(group: string, version: string, kind: string): string {
  return base64(sha256(utf8(`${group}/${version}/${kind}`)).slice(0, 8))
}

function verbsOf(info: ResourceInfo): { verbs: string[]; subresources: SubresourceDiscovery[] } {
  const known = BUILTIN[`${info.group}/${info.version}/${info.resource}`]
  if (known) return known
  // A resource registered at run time (a custom resource) serves the standard verbs and status/scale.
  return {
    verbs: info.computed ? ['create'] : STANDARD_VERBS,
    subresources: info.subresources.map((name) => ({
      name,
      group: name === 'scale' ? 'autoscaling' : info.group,
      version: name === 'scale' ? 'v1' : info.version,
      kind: name === 'scale' ? 'Scale' : info.kind,
      verbs: SUBRESOURCE_VERBS,
    })),
  }
}

/**
 * The resources of one group-version, in the order /api/v1 and /apis/<g>/<v> list them. `all` is every
 * served resource, because the storage version of a resource can be another version of its group.
 */
export function apiResourcesFor(
  group: string,
  version: string,
  all: readonly ResourceInfo[],
): APIResource[] {
  const inVersion = all.filter((r) => r.group === group && r.version === version)
  const out: { path: string; resource: APIResource }[] = []
  for (const info of inVersion) {
    const { verbs, subresources } = verbsOf(info)
    const resource: APIResource = {
      name: info.resource,
      singularName: info.singular,
      namespaced: info.namespaced,
      kind: info.kind,
      verbs: [...verbs],
    }
    if (info.shortNames.length) resource.shortNames = [...info.shortNames]
    if (info.categories.length) resource.categories = [...info.categories]
    if (!info.computed) {
      // Stored in the version listed first for its group and resource: its storage version.
      const storage = all.find((r) => r.group === info.group && r.resource === info.resource) ?? info
      resource.storageVersionHash = storageVersionHash(storage.group, storage.version, storage.kind)
    }
    out.push({ path: info.resource, resource })
    for (const sub of subresources) {
      const entry: APIResource = { name: `${info.resource}/${sub.name}`, singularName: '', namespaced: info.namespaced, kind: sub.kind, verbs: [...sub.verbs] }
      if (sub.group !== group || sub.version !== version) {
        const withGroup: APIResource = { name: entry.name, singularName: '', namespaced: entry.namespaced, group: sub.group, version: sub.version, kind: sub.kind, verbs: entry.verbs }
        out.push({ path: entry.name, resource: withGroup })
      } else out.push({ path: entry.name, resource: entry })
    }
  }
  // The installer sorts the storage paths before it installs them.
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return out.map((o) => o.resource)
}
