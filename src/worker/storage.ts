// The storage explorer's questions to the running cluster, answered in the worker: a key's revisions and
// the bytes etcd holds for each (read from the simulated etcd itself), and a watch stream over a key prefix
// (read as a client would, with a watch request sent as the cluster admin).
import type { ClientCertificate, KubeObject, Simulator } from '../engine'
import { collectionPath, RESOURCES } from '../engine/resources'
import type { ResourceInfo } from '../engine/resources'

const ADMIN: ClientCertificate = { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] }

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED'

/** One revision of a key: a write, or the tombstone a delete leaves (`object` null). */
export interface KeyRevision {
  event: WatchEventType
  modRevision: number
  createRevision: number
  /** 1 for a create, +1 for each update; 0 for a tombstone. */
  version: number
  /** The value as kube-apiserver stored it (no resourceVersion: etcd's mod revision stands for it). */
  object: KubeObject | null
  /**
   * The bytes in etcd: `encodeForStorage(object)` (`k8s\0` + runtime.Unknown for protobuf kinds), or, for a
   * resource encrypted at rest, `k8s:enc:<provider>:v1:<key>:` and the ciphertext.
   */
  bytes: Uint8Array | null
  /** Set when `bytes` are encrypted: who encrypted them, and what the API server decrypts them to. */
  encryption: EncryptionAtRest | null
}

export interface EncryptionAtRest {
  /** aescbc, aesgcm or secretbox. */
  provider: string
  /** The key's name in the EncryptionConfiguration. */
  key: string
  /** Bytes of the `k8s:enc:<provider>:v1:<key>:` prefix at the start of the stored value. */
  prefixLength: number
  /** The value after decrypting: the `k8s\0` envelope (or JSON) the API server then decodes. */
  plaintext: Uint8Array | null
  /** Why decrypting failed, when it did. */
  error: string | null
}

export interface KeyHistory {
  key: string
  /** The API path the history was read with, or null when the key maps to no known resource. */
  path: string | null
  revisions: KeyRevision[]
  /** Why the history is shorter than it might be (no resource for the key, a watch error). */
  note: string | null
}

export interface WatchStreamEvent {
  type: WatchEventType
  key: string
  name: string
  namespace: string
  resourceVersion: number
}

export interface WatchStream {
  prefix: string
  /** The watch request, as kubectl would send it. */
  path: string | null
  since: number
  revision: number
  events: WatchStreamEvent[]
  note: string | null
}

interface Located {
  resource: ResourceInfo
  namespace: string
  name: string
}

/** `/registry/pods/default/web` → pods, `default`, `web`; prefixes (`/registry/pods/default/`) leave name ''. */
export function locateKey(key: string): Located | null {
  const rest = key.replace(/^\/registry\//, '')
  if (rest === key) return null
  // Longest prefix first: services/specs and services/endpoints before anything shorter.
  const candidates = [...RESOURCES]
    .filter((r) => !r.computed && (rest === r.etcdPrefix || rest.startsWith(`${r.etcdPrefix}/`)))
    .sort((a, b) => b.etcdPrefix.length - a.etcdPrefix.length)
  const resource = candidates[0]
  if (!resource) return null
  const parts = rest.slice(resource.etcdPrefix.length + 1).split('/')
  if (resource.namespaced) return { resource, namespace: parts[0] ?? '', name: parts[1] ?? '' }
  return { resource, namespace: '', name: parts[0] ?? '' }
}

interface RawEvent {
  type: string
  object: KubeObject & { message?: string }
}

function watchFrom(simulator: Simulator, path: string): { events: RawEvent[]; error: string | null } {
  const result = simulator.handle({ method: 'GET', path, clientCertificate: ADMIN })
  if (result.response.code !== 200 || !Array.isArray(result.response.body)) {
    const body = result.response.body as { message?: string } | null
    return { events: [], error: `${result.response.code}: ${body?.message ?? 'the watch failed'}` }
  }
  const events = result.response.body as RawEvent[]
  const failed = events.find((e) => e.type === 'ERROR')
  return {
    events: events.filter((e) => e.type !== 'ERROR' && e.type !== 'BOOKMARK'),
    error: failed?.object.message ?? null,
  }
}

/** What PrepareObjectForStorage leaves: the resourceVersion is not stored, etcd's revisions are. */
function asStored(object: KubeObject): KubeObject {
  const metadata = { ...(object.metadata ?? {}) } as Record<string, unknown>
  delete metadata.resourceVersion
  return { ...object, metadata } as KubeObject
}

const revisionOf = (object: KubeObject) => Number(object.metadata?.resourceVersion ?? 0)

/** Every revision etcd keeps for the key, as `etcdctl get --rev` would show them one by one. */
export function keyHistory(simulator: Simulator, key: string): KeyHistory {
  const revisions: KeyRevision[] = simulator.history(key).map((rev) => ({
    event: !rev.object ? 'DELETED' : rev.version === 1 ? 'ADDED' : 'MODIFIED',
    modRevision: rev.modRevision,
    createRevision: rev.createRevision,
    version: rev.version,
    object: rev.object ? asStored(rev.object) : null,
    bytes: rev.bytes ?? null,
    encryption: rev.encryption
      ? {
          provider: rev.encryption.provider,
          key: rev.encryption.key,
          prefixLength: rev.encryption.prefixLength,
          plaintext: rev.encryption.plaintext,
          error: rev.encryption.error ?? null,
        }
      : null,
  }))
  return { key, path: null, revisions, note: revisions.length ? null : 'etcd keeps no revision of this key.' }
}

export function watchStream(simulator: Simulator, prefix: string, since: number): WatchStream {
  const revision = simulator.snapshot().revision
  const located = locateKey(prefix.endsWith('/') ? prefix : `${prefix}/`)
  if (!located)
    return {
      prefix,
      path: null,
      since,
      revision,
      events: [],
      note: 'No API resource is stored under this prefix.',
    }
  const path = `${collectionPath(located.resource, located.namespace)}?watch=true&resourceVersion=${since}`
  const { events, error } = watchFrom(simulator, path)
  return {
    prefix,
    path,
    since,
    revision,
    note: error,
    events: events.map((e) => {
      const ns = e.object.metadata?.namespace ?? ''
      const name = e.object.metadata?.name ?? ''
      return {
        type: e.type as WatchEventType,
        key: `/registry/${located.resource.etcdPrefix}/${located.resource.namespaced ? `${ns}/` : ''}${name}`,
        name,
        namespace: ns,
        resourceVersion: revisionOf(e.object),
      }
    }),
  }
}
