import { describe, expect, it } from 'vitest'
import { createEtcd, wireMessage, type Etcd } from './etcd'
import { createLeaseManager, DEFAULT_EVENT_TTL_SECONDS } from './leases'

const obj = (name: string) => ({ kind: 'ConfigMap', metadata: { name } })

describe('the etcd model', () => {
  it('counts one revision for the whole store and create/mod revision and version per key', () => {
    const etcd = createEtcd()
    expect(etcd.revision()).toBe(1)
    const a = etcd.create('/registry/configmaps/dev/a', obj('a'))
    const b = etcd.create('/registry/configmaps/dev/b', obj('b'))
    expect(a).toMatchObject({
      ok: true,
      revision: 2,
      value: { createRevision: 2, modRevision: 2, version: 1 },
    })
    expect(b).toMatchObject({ ok: true, revision: 3 })
    const updated = etcd.update('/registry/configmaps/dev/a', obj('a2'), 2)
    expect(updated).toMatchObject({
      ok: true,
      revision: 4,
      value: { createRevision: 2, modRevision: 4, version: 2 },
    })
  })

  it.each([
    [
      'create of an existing key',
      (e: ReturnType<typeof createEtcd>) => e.create('/k', obj('x')),
      'KeyExists',
    ],
    [
      'update guarded on a stale revision',
      (e: ReturnType<typeof createEtcd>) => e.update('/k', obj('x'), 1),
      'KeyNotFound',
    ],
    ['delete of a missing key', (e: ReturnType<typeof createEtcd>) => e.delete('/missing'), 'KeyNotFound'],
  ])('a failed %s leaves the revision alone', (_, op, code) => {
    const etcd = createEtcd()
    etcd.create('/k', obj('k'))
    const before = etcd.revision()
    expect(op(etcd)).toMatchObject({ ok: false, error: { code } })
    expect(etcd.revision()).toBe(before)
  })

  it('ranges over a prefix in key order, and not beyond it', () => {
    const etcd = createEtcd()
    for (const key of [
      '/registry/pods/b/x',
      '/registry/pods/a/y',
      '/registry/podsx/a/z',
      '/registry/pods/a/x',
      '/registry/configmaps/a/x',
    ])
      etcd.create(key, obj(key))
    expect(etcd.range('/registry/pods/').map((kv) => kv.key)).toEqual([
      '/registry/pods/a/x',
      '/registry/pods/a/y',
      '/registry/pods/b/x',
    ])
    expect(etcd.range('/registry/pods/a/').map((kv) => kv.key)).toEqual([
      '/registry/pods/a/x',
      '/registry/pods/a/y',
    ])
    etcd.delete('/registry/pods/a/x')
    expect(etcd.range('/registry/pods/a/').map((kv) => kv.key)).toEqual(['/registry/pods/a/y'])
  })
})

describe('history, compaction and transactions', () => {
  const setup = () => {
    const etcd = createEtcd<string>()
    etcd.put('/a', 'a1') // rev 2
    etcd.put('/a', 'a2') // rev 3
    etcd.put('/b', 'b1') // rev 4
    etcd.delete('/a') // rev 5
    return etcd
  }

  it.each([
    ['before /a existed', 1, []],
    ['at /a first write', 2, [['/a', 'a1', 2, 2, 1]]],
    ['after the second write', 3, [['/a', 'a2', 2, 3, 2]]],
    [
      'with /b',
      4,
      [
        ['/a', 'a2', 2, 3, 2],
        ['/b', 'b1', 4, 4, 1],
      ],
    ],
    ['after the delete', 5, [['/b', 'b1', 4, 4, 1]]],
    ['0 means now', 0, [['/b', 'b1', 4, 4, 1]]],
  ])('reads the past: %s (revision %i)', (_, revision, expected) => {
    const result = setup().range('/', { revision })
    expect(result).toMatchObject({ ok: true, revision: 5 })
    if (!result.ok) return
    expect(result.kvs.map((kv) => [kv.key, kv.value, kv.createRevision, kv.modRevision, kv.version])).toEqual(
      expected,
    )
  })

  it('keeps tombstones in a key history and counts versions again after a re-create', () => {
    const etcd = setup()
    etcd.put('/a', 'a3') // rev 6
    expect(etcd.history('/a').map((h) => [h.modRevision, h.version, h.value ?? null])).toEqual([
      [2, 1, 'a1'],
      [3, 2, 'a2'],
      [5, 0, null],
      [6, 1, 'a3'],
    ])
    expect(etcd.get('/a')).toMatchObject({ createRevision: 6, version: 1 })
  })

  it.each([
    [
      'below the compacted revision',
      (e: Etcd<string>) => e.range('/', { revision: 2 }),
      'Compacted',
      'mvcc: required revision has been compacted',
    ],
    [
      'above the current revision',
      (e: Etcd<string>) => e.range('/', { revision: 9 }),
      'FutureRevision',
      'mvcc: required revision is a future revision',
    ],
    [
      'compacting again at the same revision',
      (e: Etcd<string>) => e.compact(3),
      'Compacted',
      'mvcc: required revision has been compacted',
    ],
    [
      'compacting backwards',
      (e: Etcd<string>) => e.compact(2),
      'Compacted',
      'mvcc: required revision has been compacted',
    ],
    [
      'compacting the future',
      (e: Etcd<string>) => e.compact(6),
      'FutureRevision',
      'mvcc: required revision is a future revision',
    ],
  ])('after compact(3), %s fails as etcd does', (_, op, code, message) => {
    const etcd = setup()
    expect(etcd.compact(3)).toMatchObject({ ok: true })
    expect(op(etcd)).toMatchObject({ ok: false, error: { code, message } })
  })

  it('keeps the newest value at the compacted revision readable, and drops tombstones at or below it', () => {
    const etcd = setup()
    etcd.compact(3)
    expect(etcd.range('/', { revision: 3 })).toMatchObject({ ok: true, kvs: [{ key: '/a', value: 'a2' }] })
    etcd.compact(5)
    expect(etcd.history('/a')).toEqual([])
    expect(etcd.changesSince(4)).toMatchObject({ ok: true, events: [] })
    expect(etcd.changesSince(2)).toMatchObject({
      ok: false,
      error: { code: 'Compacted', compactRevision: 5 },
    })
  })

  it('limits a range and reports more and the full count', () => {
    const result = setup().range('/', { revision: 4, limit: 1 })
    expect(result).toMatchObject({ ok: true, more: true, count: 2, kvs: [{ key: '/a' }] })
  })

  it.each([
    ['mod = 0 on a missing key', { key: '/new', target: 'mod', result: '=', value: 0 }, true],
    ['version > 1', { key: '/b', target: 'version', result: '>', value: 1 }, false],
    ['create < 5', { key: '/b', target: 'create', result: '<', value: 5 }, true],
    ['value = b1', { key: '/b', target: 'value', result: '=', value: 'b1' }, true],
    [
      'value != x on a missing key (always false)',
      { key: '/nope', target: 'value', result: '!=', value: 'x' },
      false,
    ],
  ] as const)('compares %s', (_, compare, succeeded) => {
    const etcd = setup()
    const result = etcd.txn({ compare: [compare], success: [{ type: 'put', key: '/c', value: 'c' }] })
    expect(result).toMatchObject({ ok: true, succeeded, revision: succeeded ? 6 : 5 })
  })

  it('gives a whole transaction one revision and lets later ops read earlier writes', () => {
    const etcd = setup()
    const result = etcd.txn({
      success: [
        { type: 'range', key: '/c' },
        { type: 'put', key: '/c', value: 'c1' },
        { type: 'put', key: '/d', value: 'd1' },
        { type: 'range', key: '/', end: '\0' },
        { type: 'delete', key: '/b', prevKv: true },
      ],
    })
    expect(result).toMatchObject({
      ok: true,
      revision: 6,
      responses: [
        { type: 'range', revision: 5, count: 0 },
        { type: 'put', revision: 6 },
        { type: 'put', revision: 6 },
        { type: 'range', revision: 6, count: 3 },
        { type: 'delete', revision: 6, deleted: 1, prevKvs: [{ key: '/b', value: 'b1' }] },
      ],
    })
    expect(etcd.txn({ success: [{ type: 'range', key: '/c' }] })).toMatchObject({ revision: 6 })
    expect(
      etcd.txn({
        success: [
          { type: 'put', key: '/x', value: '1' },
          { type: 'delete', key: '/x' },
        ],
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'DuplicateKey' },
    })
  })

  it('reports changes after a revision with the previous value, for watch', () => {
    const etcd = setup()
    const result = etcd.changesSince(2, '/a')
    expect(
      result.ok &&
        result.events.map((e) => [e.type, e.revision, e.kv?.value ?? null, e.prevKv?.value ?? null]),
    ).toEqual([
      ['PUT', 3, 'a2', 'a1'],
      ['DELETE', 5, null, 'a2'],
    ])
  })
})

describe('leases', () => {
  const clock = () => {
    let now = Date.parse('2026-01-15T10:00:00Z')
    return { now: () => new Date(now).toISOString(), advance: (s: number) => (now += s * 1000) }
  }

  it('deletes the keys of an expired lease in one revision, driven by the injected clock', () => {
    const c = clock()
    const etcd = createEtcd<string>({ clock: c })
    const lease = etcd.grant(3600)
    expect(lease).toMatchObject({ ok: true, value: { ttl: 3600 } })
    const id = lease.ok ? lease.value.id : 0
    etcd.put('/registry/events/dev/a', 'e1', { lease: id })
    etcd.put('/registry/events/dev/b', 'e2', { lease: id })
    expect(etcd.timeToLive(id)).toMatchObject({
      grantedTtl: 3600,
      remaining: 3600,
      keys: ['/registry/events/dev/a', '/registry/events/dev/b'],
    })
    c.advance(3599)
    expect(etcd.tick()).toEqual([])
    c.advance(1)
    expect(etcd.tick()).toEqual([id])
    expect(etcd.revision()).toBe(4)
    expect(etcd.range('/registry/events/')).toEqual([])
    expect(etcd.revoke(id)).toMatchObject({ ok: false, error: { code: 'LeaseNotFound' } })
  })

  it.each([
    ['a put with an unknown lease', (e: Etcd<string>) => e.put('/k', 'v', { lease: 42 })],
    ['a revoke of an unknown lease', (e: Etcd<string>) => e.revoke(42)],
  ])("%s fails with etcd's lease not found", (_, op) => {
    const etcd = createEtcd<string>()
    const result = op(etcd)
    expect(result).toMatchObject({ ok: false, error: { code: 'LeaseNotFound', message: 'lease not found' } })
    if (!result.ok) expect(wireMessage(result.error).message).toBe('etcdserver: requested lease not found')
  })

  it("raises a TTL to etcd's minimum", () => {
    expect(createEtcd().grant(1)).toMatchObject({ ok: true, value: { ttl: 2 } })
  })

  it("reuses an Event lease for a minute, as kube-apiserver's lease manager does", () => {
    const etcd = createEtcd<string>()
    const leases = createLeaseManager(etcd)
    const first = leases.leaseFor(DEFAULT_EVENT_TTL_SECONDS, '2026-01-15T10:00:00Z')
    expect(first).toMatchObject({ reused: false, grantedTtl: 3660 })
    expect(leases.leaseFor(3600, '2026-01-15T10:00:59Z')).toMatchObject({ id: first.id, reused: true })
    expect(leases.leaseFor(3600, '2026-01-15T10:01:01Z')).toMatchObject({ reused: false })
  })
})
