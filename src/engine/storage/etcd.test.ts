import { describe, expect, it } from 'vitest'
import { createEtcd } from './etcd'

const obj = (name: string) => ({ kind: 'ConfigMap', metadata: { name } })

describe('the etcd model', () => {
  it('counts one revision for the whole store and create/mod revision and version per key', () => {
    const etcd = createEtcd()
    expect(etcd.revision()).toBe(1)
    const a = etcd.create('/registry/configmaps/dev/a', obj('a'))
    const b = etcd.create('/registry/configmaps/dev/b', obj('b'))
    expect(a).toMatchObject({ ok: true, revision: 2, value: { createRevision: 2, modRevision: 2, version: 1 } })
    expect(b).toMatchObject({ ok: true, revision: 3 })
    const updated = etcd.update('/registry/configmaps/dev/a', obj('a2'), 2)
    expect(updated).toMatchObject({ ok: true, revision: 4, value: { createRevision: 2, modRevision: 4, version: 2 } })
  })

  it.each([
    ['create of an existing key', (e: ReturnType<typeof createEtcd>) => e.create('/k', obj('x')), 'KeyExists'],
    ['update guarded on a stale revision', (e: ReturnType<typeof createEtcd>) => e.update('/k', obj('x'), 1), 'KeyNotFound'],
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
    for (const key of ['/registry/pods/b/x', '/registry/pods/a/y', '/registry/podsx/a/z', '/registry/pods/a/x', '/registry/configmaps/a/x'])
      etcd.create(key, obj(key))
    expect(etcd.range('/registry/pods/').map((kv) => kv.key)).toEqual(['/registry/pods/a/x', '/registry/pods/a/y', '/registry/pods/b/x'])
    expect(etcd.range('/registry/pods/a/').map((kv) => kv.key)).toEqual(['/registry/pods/a/x', '/registry/pods/a/y'])
    etcd.delete('/registry/pods/a/x')
    expect(etcd.range('/registry/pods/a/').map((kv) => kv.key)).toEqual(['/registry/pods/a/y'])
  })
})
