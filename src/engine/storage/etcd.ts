// An in-memory model of etcd v3 as kube-apiserver uses it: one revision counter for the whole store,
// and per key the revision that created it, the revision that last modified it and a version that counts
// its writes. A write either happens whole or not at all; a failed one leaves the revision where it was.
import type { KubeObject } from '../types'

export interface KeyValue {
  key: string
  value: KubeObject
  createRevision: number
  modRevision: number
  version: number
}

export type EtcdError = { code: 'KeyExists' | 'KeyNotFound'; key: string }
export type EtcdResult<T> = { ok: true; value: T; revision: number } | { ok: false; error: EtcdError }

export interface Etcd {
  revision(): number
  get(key: string): KeyValue | undefined
  /** Keys under a prefix, in key order, as a range read returns them. */
  range(prefix: string): KeyValue[]
  /** A transaction guarded on the key not existing (mod_revision == 0), as etcd3.store Create does. */
  create(key: string, value: KubeObject): EtcdResult<KeyValue>
  /** A put guarded on the key's current mod revision. */
  update(key: string, value: KubeObject, expectedModRevision: number): EtcdResult<KeyValue>
  delete(key: string): EtcdResult<KeyValue>
  /** Every key and value, for snapshots. */
  all(): KeyValue[]
}

export function createEtcd(): Etcd {
  const data = new Map<string, KeyValue>()
  let revision = 1
  // Keys kept sorted, as etcd's B-tree index keeps them, so a prefix range is a binary search and a walk.
  const keys: string[] = []
  const lowerBound = (key: string) => {
    let lo = 0
    let hi = keys.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (keys[mid]! < key) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  return {
    revision: () => revision,
    get: (key) => data.get(key),
    range(prefix) {
      const out: KeyValue[] = []
      for (let i = lowerBound(prefix); i < keys.length && keys[i]!.startsWith(prefix); i++) out.push(data.get(keys[i]!)!)
      return out
    },
    create(key, value) {
      if (data.has(key)) return { ok: false, error: { code: 'KeyExists', key } }
      revision++
      const kv: KeyValue = { key, value, createRevision: revision, modRevision: revision, version: 1 }
      data.set(key, kv)
      keys.splice(lowerBound(key), 0, key)
      return { ok: true, value: kv, revision }
    },
    update(key, value, expectedModRevision) {
      const current = data.get(key)
      if (!current || current.modRevision !== expectedModRevision) return { ok: false, error: { code: 'KeyNotFound', key } }
      revision++
      const kv: KeyValue = { ...current, value, modRevision: revision, version: current.version + 1 }
      data.set(key, kv)
      return { ok: true, value: kv, revision }
    },
    delete(key) {
      const current = data.get(key)
      if (!current) return { ok: false, error: { code: 'KeyNotFound', key } }
      revision++
      data.delete(key)
      keys.splice(lowerBound(key), 1)
      return { ok: true, value: current, revision }
    },
    all: () => keys.map((key) => data.get(key)!),
  }
}
