// An in-memory model of etcd v3's MVCC store as kube-apiserver uses it: one revision counter for the whole
// store; per key the revision that created it, the revision that last modified it and a version that counts
// its writes; and the history of every key, so reads can go back in time until a compaction drops the past.
// A transaction happens whole or not at all, takes one revision when it writes and none when it only reads.
// Leases expire against an injected clock, never the wall clock. Error texts are etcd's own (mvcc/kvstore.go,
// lease/lessor.go, api/v3rpc/rpctypes); `wireMessage` gives what a client sees over gRPC or the JSON gateway.
import type { Clock, KubeObject } from '../types'

export interface KeyValue<V = KubeObject> {
  key: string
  value: V
  createRevision: number
  modRevision: number
  version: number
  /** The lease the key is attached to; 0 when none, as etcd reports it. */
  lease: number
}

export const MVCC_COMPACTED = 'mvcc: required revision has been compacted'
export const MVCC_FUTURE_REV = 'mvcc: required revision is a future revision'
export const LEASE_NOT_FOUND = 'lease not found'

export type EtcdError =
  | { code: 'KeyExists' | 'KeyNotFound'; key: string; message: string }
  | { code: 'Compacted'; message: string; compactRevision: number; key?: string }
  | { code: 'FutureRevision' | 'LeaseNotFound' | 'DuplicateKey'; message: string; key?: string }

export type EtcdResult<T> = { ok: true; value: T; revision: number } | { ok: false; error: EtcdError }

/** The text and gRPC code a client (clientv3, etcdctl, the JSON gateway) receives for an error. */
export function wireMessage(error: EtcdError): { message: string; grpcCode: number } {
  switch (error.code) {
    case 'Compacted':
    case 'FutureRevision':
      return { message: `etcdserver: ${error.message}`, grpcCode: 11 }
    case 'LeaseNotFound':
      return { message: 'etcdserver: requested lease not found', grpcCode: 5 }
    case 'DuplicateKey':
      return { message: 'etcdserver: duplicate key given in txn request', grpcCode: 3 }
    default:
      return { message: error.message, grpcCode: 2 }
  }
}

export interface RangeOptions {
  /** Read the store as it was at this revision; 0 or absent reads the current revision. */
  revision?: number
  /** At most this many keys; `more` tells whether there were others. 0 or absent means no limit. */
  limit?: number
}

export type RangeResponse<V> =
  | { ok: true; kvs: KeyValue<V>[]; more: boolean; count: number; revision: number }
  | { ok: false; error: EtcdError }

export type GetResponse<V> =
  { ok: true; kv: KeyValue<V> | undefined; revision: number } | { ok: false; error: EtcdError }

/**
 * A key range as etcd takes it: `end` absent means the single key, `end: '\0'` every key from `key` on,
 * otherwise the half-open interval [key, end). `prefixEnd` turns a prefix into its end.
 */
export interface KeyRange {
  key: string
  end?: string
}

export type Compare<V> = {
  key: string
  target: 'mod' | 'create' | 'version' | 'lease' | 'value'
  result: '=' | '!=' | '<' | '>'
  value: number | V
}

export type TxnOp<V> =
  | { type: 'put'; key: string; value: V; lease?: number; prevKv?: boolean }
  | ({ type: 'range'; revision?: number; limit?: number } & KeyRange)
  | ({ type: 'delete'; prevKv?: boolean } & KeyRange)

export type TxnOpResponse<V> =
  | { type: 'put'; revision: number; prevKv?: KeyValue<V> }
  | { type: 'range'; revision: number; kvs: KeyValue<V>[]; more: boolean; count: number }
  | { type: 'delete'; revision: number; deleted: number; prevKvs?: KeyValue<V>[] }

export interface TxnRequest<V> {
  compare?: Compare<V>[]
  success?: TxnOp<V>[]
  failure?: TxnOp<V>[]
}

export type TxnResponse<V> =
  | { ok: true; succeeded: boolean; revision: number; responses: TxnOpResponse<V>[] }
  | { ok: false; error: EtcdError }

/** One change, as a watch delivers it. A DELETE carries the deleted key and the revision of the delete. */
export interface WatchEvent<V> {
  type: 'PUT' | 'DELETE'
  key: string
  revision: number
  /** The new key-value (PUT only). */
  kv?: KeyValue<V>
  /** The key-value just before this change, when etcd can still read it (not compacted). */
  prevKv?: KeyValue<V>
}

export type ChangesResponse<V> =
  { ok: true; events: WatchEvent<V>[]; revision: number } | { ok: false; error: EtcdError }

export interface LeaseInfo {
  id: number
  /** The TTL etcd granted (at least its minimum TTL). */
  grantedTtl: number
  /** Seconds left, rounded down as etcd's TimeToLive reports them; -1 when no clock drives expiry. */
  remaining: number
  keys: string[]
}

/** One entry of a key's history: a write, or a tombstone left by a delete (value undefined). */
export interface KeyRevision<V> {
  modRevision: number
  createRevision: number
  version: number
  lease: number
  value: V | undefined
  /** The bytes the value was written as, when the store was given `storedBytes`. */
  bytes?: Uint8Array
}

export interface EtcdOptions<V> {
  /** Drives lease expiry. Without it, leases expire only when `tick(now)` is called. */
  clock?: Clock
  /** etcd's minimum lease TTL: 1.5 × the election timeout (1000 ms by default), rounded up. */
  minLeaseTtl?: number
  /** Byte order of values for `value` compares; defaults to UTF-8 byte order of strings or bytes, else JSON text. */
  compareValues?: (a: V, b: V) => number
  /** First lease id; etcd picks random 64-bit ids, the model counts up from here for determinism. */
  firstLeaseId?: number
  /**
   * The bytes a value is written as, fixed at the write (encryption at rest turns a value into ciphertext
   * then, and a later change of keys must not rewrite history). Undefined: the value alone is kept.
   */
  storedBytes?: (key: string, value: V) => Uint8Array | undefined
}

export interface Etcd<V = KubeObject> {
  revision(): number
  /** The revision of the last compaction, or -1 when the store was never compacted (etcd's initial value). */
  compactedRevision(): number
  get(key: string): KeyValue<V> | undefined
  get(key: string, options: RangeOptions): GetResponse<V>
  /** Keys under a prefix, in key order, as a range read returns them. */
  range(prefix: string): KeyValue<V>[]
  range(prefix: string, options: RangeOptions): RangeResponse<V>
  /** A range over [key, end) with etcd's rules for `end` (see KeyRange). */
  rangeKeys(range: KeyRange, options?: RangeOptions): RangeResponse<V>
  /** A transaction guarded on the key not existing (mod_revision == 0), as etcd3.store Create does. */
  create(key: string, value: V, options?: { lease?: number }): EtcdResult<KeyValue<V>>
  /** A put guarded on the key's current mod revision. */
  update(
    key: string,
    value: V,
    expectedModRevision: number,
    options?: { lease?: number },
  ): EtcdResult<KeyValue<V>>
  /** A delete, guarded on the mod revision when one is given (as etcd3.store's conditional delete). */
  delete(key: string, expectedModRevision?: number): EtcdResult<KeyValue<V>>
  /** An unconditional put, as `etcdctl put`. */
  put(key: string, value: V, options?: { lease?: number }): EtcdResult<KeyValue<V>>
  txn(request: TxnRequest<V>): TxnResponse<V>
  /** Forget every revision older than `revision` (the latest value of each key at `revision` stays readable). */
  compact(revision: number): EtcdResult<null>
  /** Every change strictly after `revision` to keys under `prefix`, oldest first, for watch. */
  changesSince(revision: number, prefix?: string): ChangesResponse<V>
  /** Every retained revision of a key, oldest first, tombstones included. */
  history(key: string): KeyRevision<V>[]
  grant(ttlSeconds: number): EtcdResult<{ id: number; ttl: number }>
  revoke(id: number): EtcdResult<{ deleted: string[] }>
  keepAlive(id: number): EtcdResult<{ id: number; ttl: number }>
  timeToLive(id: number): LeaseInfo | undefined
  leases(): LeaseInfo[]
  /** Expire the leases whose time has come, by the injected clock or by `now` (RFC 3339). Returns revoked ids. */
  tick(now?: string): number[]
  /** Every key and value, for snapshots. */
  all(): KeyValue<V>[]
}

/** The end of the range holding every key with this prefix: the prefix with its last byte incremented. */
export function prefixEnd(prefix: string): string {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const code = prefix.charCodeAt(i)
    if (code < 0xffff) return prefix.slice(0, i) + String.fromCharCode(code + 1)
  }
  // All bytes 0xff: etcd's GetPrefixRangeEnd answers "\0", meaning every key from the prefix on.
  return '\0'
}

const encoder = new TextEncoder()

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}

function defaultCompareValues(a: unknown, b: unknown): number {
  const bytes = (v: unknown) =>
    v instanceof Uint8Array ? v : encoder.encode(typeof v === 'string' ? v : JSON.stringify(v))
  return compareBytes(bytes(a), bytes(b))
}

function lowerBound(keys: string[], key: string): number {
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (keys[mid]! < key) lo = mid + 1
    else hi = mid
  }
  return lo
}

function insertSorted(keys: string[], key: string) {
  const i = lowerBound(keys, key)
  if (keys[i] !== key) keys.splice(i, 0, key)
}

function removeSorted(keys: string[], key: string) {
  const i = lowerBound(keys, key)
  if (keys[i] === key) keys.splice(i, 1)
}

interface Lease {
  id: number
  ttl: number
  /** Expiry in epoch milliseconds; undefined until a clock or tick gives the model a time. */
  expiresAt: number | undefined
  keys: Set<string>
}

const compacted = (compactRevision: number): EtcdError => ({
  code: 'Compacted',
  message: MVCC_COMPACTED,
  compactRevision,
})
const futureRev = (): EtcdError => ({ code: 'FutureRevision', message: MVCC_FUTURE_REV })
const leaseNotFound = (): EtcdError => ({ code: 'LeaseNotFound', message: LEASE_NOT_FOUND })

export function createEtcd<V = KubeObject>(options: EtcdOptions<V> = {}): Etcd<V> {
  const compareValues = options.compareValues ?? defaultCompareValues
  const minLeaseTtl = options.minLeaseTtl ?? 2
  // etcd starts at revision 1 with nothing in it, and compactMainRev at -1.
  let revision = 1
  let compactRev = -1
  const live = new Map<string, KeyValue<V>>()
  // Kept sorted, as etcd's B-tree index keeps them, so a range is a binary search and a walk.
  const liveKeys: string[] = []
  const history = new Map<string, KeyRevision<V>[]>()
  const historyKeys: string[] = []
  const events: WatchEvent<V>[] = []
  const leases = new Map<number, Lease>()
  let nextLeaseId = options.firstLeaseId ?? 0x694d9c5e7a3b
  let lastNow: number | undefined

  const nowMillis = (): number | undefined => {
    if (options.clock) return Date.parse(options.clock.now())
    return lastNow
  }

  const endOf = (range: KeyRange) => range.end
  const inRange = (key: string, range: KeyRange) => {
    const end = endOf(range)
    if (end === undefined) return key === range.key
    if (key < range.key) return false
    return end === '\0' || key < end
  }

  /** Keys of `sorted` inside the range, in order. */
  function keysIn(sorted: string[], range: KeyRange): string[] {
    const end = endOf(range)
    if (end === undefined) {
      const i = lowerBound(sorted, range.key)
      return sorted[i] === range.key ? [range.key] : []
    }
    const out: string[] = []
    for (let i = lowerBound(sorted, range.key); i < sorted.length; i++) {
      const key = sorted[i]!
      if (end !== '\0' && key >= end) break
      out.push(key)
    }
    return out
  }

  function kvAt(key: string, rev: number): KeyValue<V> | undefined {
    const revs = history.get(key)
    if (!revs) return undefined
    // The last write at or before `rev`.
    let lo = 0
    let hi = revs.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (revs[mid]!.modRevision <= rev) lo = mid + 1
      else hi = mid
    }
    const entry = revs[lo - 1]
    if (!entry || entry.value === undefined) return undefined
    return {
      key,
      value: entry.value,
      createRevision: entry.createRevision,
      modRevision: entry.modRevision,
      version: entry.version,
      lease: entry.lease,
    }
  }

  /** mvcc's rangeKeys: the checks in etcd's order, then the read. `current` is the revision the reader sees. */
  function read(range: KeyRange, opts: RangeOptions, current: number): RangeResponse<V> {
    let rev = opts.revision ?? 0
    if (rev > current) return { ok: false, error: futureRev() }
    if (rev <= 0) rev = current
    if (rev < compactRev) return { ok: false, error: compacted(compactRev) }
    let kvs: KeyValue<V>[]
    if (rev === current) kvs = keysIn(liveKeys, range).map((k) => live.get(k)!)
    else kvs = keysIn(historyKeys, range).flatMap((k) => kvAt(k, rev) ?? [])
    const count = kvs.length
    const limit = opts.limit ?? 0
    const more = limit > 0 && count > limit
    if (more) kvs = kvs.slice(0, limit)
    return { ok: true, kvs, more, count, revision: current }
  }

  // --- writes; `rev` is the revision the running transaction writes at ---

  function record(key: string, entry: KeyRevision<V>) {
    let revs = history.get(key)
    if (!revs) {
      revs = []
      history.set(key, revs)
      insertSorted(historyKeys, key)
    }
    revs.push(entry)
  }

  function detach(kv: KeyValue<V> | undefined) {
    if (kv && kv.lease) leases.get(kv.lease)?.keys.delete(kv.key)
  }

  function putAt(key: string, value: V, lease: number, rev: number): { kv: KeyValue<V>; prev?: KeyValue<V> } {
    const prev = live.get(key)
    const kv: KeyValue<V> = {
      key,
      value,
      createRevision: prev ? prev.createRevision : rev,
      modRevision: rev,
      version: prev ? prev.version + 1 : 1,
      lease,
    }
    if (!prev) insertSorted(liveKeys, key)
    live.set(key, kv)
    detach(prev)
    if (lease) leases.get(lease)!.keys.add(key)
    const bytes = options.storedBytes?.(key, value)
    record(key, {
      modRevision: rev,
      createRevision: kv.createRevision,
      version: kv.version,
      lease,
      value,
      ...(bytes ? { bytes } : {}),
    })
    events.push({ type: 'PUT', key, revision: rev, kv, ...(prev ? { prevKv: prev } : {}) })
    return { kv, prev }
  }

  function deleteAt(key: string, rev: number): KeyValue<V> {
    const prev = live.get(key)!
    live.delete(key)
    removeSorted(liveKeys, key)
    detach(prev)
    record(key, { modRevision: rev, createRevision: 0, version: 0, lease: 0, value: undefined })
    events.push({ type: 'DELETE', key, revision: rev, prevKv: prev })
    return prev
  }

  function compareHolds(c: Compare<V>): boolean {
    const kv = live.get(c.key)
    let order: number
    if (c.target === 'value') {
      // etcd: a value compare on a missing key always fails (a missing value cannot be told from "").
      if (!kv) return false
      order = compareValues(kv.value, c.value as V)
    } else {
      const field = {
        mod: 'modRevision',
        create: 'createRevision',
        version: 'version',
        lease: 'lease',
      } as const
      const actual = kv ? kv[field[c.target]] : 0
      order = actual - (c.value as number)
    }
    switch (c.result) {
      case '=':
        return order === 0
      case '!=':
        return order !== 0
      case '<':
        return order < 0
      case '>':
        return order > 0
    }
  }

  /** etcd's checkIntervals: no key may be written twice in one branch of a transaction. */
  function hasDuplicateWrites(ops: TxnOp<V>[]): boolean {
    const puts = new Set<string>()
    for (const op of ops)
      if (op.type === 'put') {
        if (puts.has(op.key)) return true
        puts.add(op.key)
      }
    for (const op of ops) if (op.type === 'delete') for (const key of puts) if (inRange(key, op)) return true
    return false
  }

  function txn(request: TxnRequest<V>): TxnResponse<V> {
    const success = request.success ?? []
    const failure = request.failure ?? []
    const duplicate = {
      ok: false as const,
      error: { code: 'DuplicateKey' as const, message: 'duplicate key given in txn request' },
    }
    if (hasDuplicateWrites(success) || hasDuplicateWrites(failure)) return duplicate
    const succeeded = (request.compare ?? []).every(compareHolds)
    const ops = succeeded ? success : failure
    const beginRev = revision
    // Checks before anything runs, as etcd's applyTxn: leases of puts, then revisions of ranges.
    for (const op of ops)
      if (op.type === 'put' && op.lease && !leases.has(op.lease)) return { ok: false, error: leaseNotFound() }
    for (const op of ops)
      if (op.type === 'range') {
        const rev = op.revision ?? 0
        if (rev > beginRev) return { ok: false, error: futureRev() }
        if (rev > 0 && rev < compactRev) return { ok: false, error: compacted(compactRev) }
      }
    const writeRev = beginRev + 1
    let changed = false
    const responses: TxnOpResponse<V>[] = []
    for (const op of ops) {
      if (op.type === 'put') {
        const { prev } = putAt(op.key, op.value, op.lease ?? 0, writeRev)
        changed = true
        responses.push({ type: 'put', revision: writeRev, ...(op.prevKv && prev ? { prevKv: prev } : {}) })
      } else if (op.type === 'delete') {
        const keys = keysIn(liveKeys, op)
        const prevKvs = keys.map((key) => deleteAt(key, writeRev))
        if (keys.length) changed = true
        responses.push({
          type: 'delete',
          revision: changed ? writeRev : beginRev,
          deleted: keys.length,
          ...(op.prevKv && prevKvs.length ? { prevKvs } : {}),
        })
      } else {
        const current = changed ? writeRev : beginRev
        const result = read(op, { revision: op.revision, limit: op.limit }, current)
        // Checked above; a read inside the transaction cannot fail.
        if (!result.ok) return result
        responses.push({
          type: 'range',
          revision: current,
          kvs: result.kvs,
          more: result.more,
          count: result.count,
        })
      }
    }
    if (changed) revision = writeRev
    return { ok: true, succeeded, revision, responses }
  }

  function revokeLease(lease: Lease): string[] {
    leases.delete(lease.id)
    // etcd's lessor deletes the attached keys in sorted order, in one write transaction.
    const keys = [...lease.keys].sort()
    if (keys.length) {
      const rev = revision + 1
      for (const key of keys) deleteAt(key, rev)
      revision = rev
    }
    return keys
  }

  function putResult(result: TxnResponse<V>, key: string): EtcdResult<KeyValue<V>> {
    if (!result.ok) return result
    return { ok: true, value: live.get(key)!, revision: result.revision }
  }

  function get(key: string): KeyValue<V> | undefined
  function get(key: string, opts: RangeOptions): GetResponse<V>
  function get(key: string, opts?: RangeOptions): KeyValue<V> | undefined | GetResponse<V> {
    if (!opts) return live.get(key)
    const result = read({ key }, opts, revision)
    if (!result.ok) return result
    return { ok: true, kv: result.kvs[0], revision: result.revision }
  }

  function range(prefix: string): KeyValue<V>[]
  function range(prefix: string, opts: RangeOptions): RangeResponse<V>
  function range(prefix: string, opts?: RangeOptions): KeyValue<V>[] | RangeResponse<V> {
    const keyRange = { key: prefix, end: prefix === '' ? '\0' : prefixEnd(prefix) }
    if (!opts) return keysIn(liveKeys, keyRange).map((k) => live.get(k)!)
    return read(keyRange, opts, revision)
  }

  function leaseInfo(lease: Lease): LeaseInfo {
    const now = nowMillis()
    const remaining =
      lease.expiresAt === undefined || now === undefined
        ? -1
        : Math.max(0, Math.floor((lease.expiresAt - now) / 1000))
    return { id: lease.id, grantedTtl: lease.ttl, remaining, keys: [...lease.keys].sort() }
  }

  return {
    revision: () => revision,
    compactedRevision: () => compactRev,
    get,
    range,
    rangeKeys: (keyRange, opts = {}) => read(keyRange, opts, revision),
    create(key, value, opts = {}) {
      const result = txn({
        compare: [{ key, target: 'mod', result: '=', value: 0 }],
        success: [{ type: 'put', key, value, lease: opts.lease }],
      })
      if (result.ok && !result.succeeded)
        return {
          ok: false,
          error: { code: 'KeyExists', key, message: `Key exists: ${key}, ResourceVersion: 0` },
        }
      return putResult(result, key)
    },
    update(key, value, expectedModRevision, opts = {}) {
      const notFound = {
        code: 'KeyNotFound' as const,
        key,
        message: `Key not found: ${key}, ResourceVersion: 0`,
      }
      if (!live.has(key)) return { ok: false, error: notFound }
      const result = txn({
        compare: [{ key, target: 'mod', result: '=', value: expectedModRevision }],
        success: [{ type: 'put', key, value, lease: opts.lease }],
      })
      if (result.ok && !result.succeeded) return { ok: false, error: notFound }
      return putResult(result, key)
    },
    delete(key, expectedModRevision) {
      const current = live.get(key)
      if (!current || (expectedModRevision !== undefined && current.modRevision !== expectedModRevision))
        return {
          ok: false,
          error: { code: 'KeyNotFound', key, message: `Key not found: ${key}, ResourceVersion: 0` },
        }
      const result = txn({ success: [{ type: 'delete', key }] })
      if (!result.ok) return result
      return { ok: true, value: current, revision: result.revision }
    },
    put(key, value, opts = {}) {
      return putResult(txn({ success: [{ type: 'put', key, value, lease: opts.lease }] }), key)
    },
    txn,
    compact(rev) {
      if (rev <= compactRev) return { ok: false, error: compacted(compactRev) }
      if (rev > revision) return { ok: false, error: futureRev() }
      compactRev = rev
      // keyIndex.compact: drop every revision older than the newest one at or before `rev`; drop that one
      // too when it is a tombstone, and the key altogether when nothing is left.
      for (const key of [...historyKeys]) {
        const revs = history.get(key)!
        let keep = -1
        for (let i = 0; i < revs.length && revs[i]!.modRevision <= rev; i++) keep = i
        if (keep < 0) continue
        const drop = revs[keep]!.value === undefined ? keep + 1 : keep
        revs.splice(0, drop)
        if (!revs.length) {
          history.delete(key)
          removeSorted(historyKeys, key)
        }
      }
      // The watch log keeps what a watch from `rev` could still read back from the backend: the puts at
      // `rev` survive, tombstones at `rev` went with the compaction.
      let cut = 0
      while (
        cut < events.length &&
        (events[cut]!.revision < rev || (events[cut]!.revision === rev && events[cut]!.type === 'DELETE'))
      )
        cut++
      events.splice(0, cut)
      return { ok: true, value: null, revision }
    },
    changesSince(since, prefix = '') {
      // kube-apiserver watches etcd from rv+1; etcd refuses a start revision below the compacted one.
      if (since + 1 < compactRev) return { ok: false, error: compacted(compactRev) }
      if (since > revision) return { ok: false, error: futureRev() }
      let lo = 0
      let hi = events.length
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (events[mid]!.revision <= since) lo = mid + 1
        else hi = mid
      }
      const out: WatchEvent<V>[] = []
      for (let i = lo; i < events.length; i++) {
        const event = events[i]!
        if (!event.key.startsWith(prefix)) continue
        // etcd reads the previous value at revision-1; once that is compacted the watch carries none.
        if (event.prevKv && event.revision - 1 < compactRev) {
          const { prevKv: _dropped, ...rest } = event
          out.push(rest)
        } else out.push(event)
      }
      return { ok: true, events: out, revision }
    },
    history: (key) => (history.get(key) ?? []).map((entry) => ({ ...entry })),
    grant(ttlSeconds) {
      const ttl = Math.max(Math.ceil(ttlSeconds), minLeaseTtl)
      const id = nextLeaseId++
      const now = nowMillis()
      leases.set(id, {
        id,
        ttl,
        expiresAt: now === undefined ? undefined : now + ttl * 1000,
        keys: new Set(),
      })
      return { ok: true, value: { id, ttl }, revision }
    },
    revoke(id) {
      const lease = leases.get(id)
      if (!lease) return { ok: false, error: leaseNotFound() }
      const deleted = revokeLease(lease)
      return { ok: true, value: { deleted }, revision }
    },
    keepAlive(id) {
      const lease = leases.get(id)
      if (!lease) return { ok: false, error: leaseNotFound() }
      const now = nowMillis()
      lease.expiresAt = now === undefined ? undefined : now + lease.ttl * 1000
      return { ok: true, value: { id, ttl: lease.ttl }, revision }
    },
    timeToLive(id) {
      const lease = leases.get(id)
      return lease && leaseInfo(lease)
    },
    leases: () => [...leases.values()].map(leaseInfo),
    tick(now) {
      if (now !== undefined) lastNow = Date.parse(now)
      const at = nowMillis()
      if (at === undefined) return []
      const revoked: number[] = []
      for (const lease of [...leases.values()].sort((a, b) => a.id - b.id)) {
        // A lease granted before the model knew the time starts counting now.
        if (lease.expiresAt === undefined) lease.expiresAt = at + lease.ttl * 1000
        else if (lease.expiresAt <= at) {
          revokeLease(lease)
          revoked.push(lease.id)
        }
      }
      return revoked
    },
    all: () => liveKeys.map((key) => live.get(key)!),
  }
}
