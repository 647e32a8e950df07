// kube-apiserver's lease manager (apiserver pkg/storage/etcd3/lease_manager.go): objects with a TTL, which
// are Events (--event-ttl, 1h by default), are written with a lease. Asking etcd for one lease per Event
// would be expensive, so a lease is reused by later writes for a while: it is granted with a little extra TTL
// (5% of the TTL, at most 60 s) and handed out again while it still outlives the new object's TTL, up to
// 1000 objects per lease.
import type { Etcd } from './etcd'

/** --event-ttl's default: Events live one hour after their last write. */
export const DEFAULT_EVENT_TTL_SECONDS = 3600
const DEFAULT_REUSE_SECONDS = 60
const DEFAULT_MAX_OBJECTS = 1000
const REUSE_PERCENT = 0.05

export interface LeaseManagerOptions {
  reuseDurationSeconds?: number
  maxObjectCount?: number
}

export interface LeaseManager {
  /** The lease a write of an object with this TTL attaches to, at time `now` (RFC 3339). */
  leaseFor(ttlSeconds: number, now: string): { id: number; reused: boolean; grantedTtl: number }
}

export function createLeaseManager<V>(etcd: Etcd<V>, options: LeaseManagerOptions = {}): LeaseManager {
  const reuseLimit = options.reuseDurationSeconds ?? DEFAULT_REUSE_SECONDS
  const maxObjects = options.maxObjectCount ?? DEFAULT_MAX_OBJECTS
  let prevId = 0
  let prevExpiresAt = 0
  let attached = 0
  return {
    leaseFor(ttlSeconds, now) {
      const at = Date.parse(now)
      const reuse = Math.min(Math.floor(REUSE_PERCENT * ttlSeconds), reuseLimit)
      const valid = at + ttlSeconds * 1000 < prevExpiresAt
      const sufficient = at + (ttlSeconds + reuse) * 1000 > prevExpiresAt
      // Counted whether or not the lease is reused, as the Go code does.
      attached++
      if (prevId && valid && sufficient && attached <= maxObjects && etcd.timeToLive(prevId))
        return { id: prevId, reused: true, grantedTtl: etcd.timeToLive(prevId)!.grantedTtl }
      const granted = etcd.grant(ttlSeconds + reuse)
      if (!granted.ok) throw new Error('lease grant cannot fail in the model')
      prevId = granted.value.id
      prevExpiresAt = at + (ttlSeconds + reuse) * 1000
      attached = 1
      return { id: prevId, reused: false, grantedTtl: granted.value.ttl }
    },
  }
}
