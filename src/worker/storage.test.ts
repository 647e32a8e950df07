import { describe, expect, it } from 'vitest'
import { createWorkerState, dispatch } from './protocol'
import { locateKey } from './storage'

const SCENARIO = `name: test
cluster:
  users:
    - name: jane
      token: jane-token
`

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx
`

describe('storage commands', () => {
  it('finds the resource behind a key, special prefixes included', () => {
    expect(locateKey('/registry/pods/default/web')).toMatchObject({ namespace: 'default', name: 'web' })
    expect(locateKey('/registry/services/specs/default/kubernetes')?.resource.resource).toBe('services')
    expect(locateKey('/registry/namespaces/dev')).toMatchObject({ namespace: '', name: 'dev' })
    expect(locateKey('/elsewhere')).toBeNull()
  })

  it('reads a key’s revisions with the bytes etcd holds, and a watch over its prefix', () => {
    const state = createWorkerState()
    dispatch(state, { type: 'load', text: SCENARIO })
    dispatch(state, { type: 'run', request: { verb: 'apply', as: 'admin', manifest: POD } })
    const changed = POD.replace('name: web\nspec', 'name: web\n  labels: { tier: web }\nspec')
    dispatch(state, { type: 'run', request: { verb: 'apply', as: 'admin', manifest: changed } })
    const history = dispatch(state, { type: 'history', key: '/registry/pods/default/web' })
    expect(history.revisions.map((r) => [r.event, r.version])).toEqual([
      ['ADDED', 1],
      ['MODIFIED', 2],
    ])
    const [first, second] = history.revisions
    expect(second!.createRevision).toBe(first!.modRevision)
    expect(second!.modRevision).toBeGreaterThan(first!.modRevision)
    expect([...first!.bytes!.slice(0, 4)]).toEqual([0x6b, 0x38, 0x73, 0x00])
    expect(first!.object?.metadata?.resourceVersion).toBeUndefined()
    const watch = dispatch(state, { type: 'watch', prefix: '/registry/pods/default/', since: 1 })
    expect(watch.events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED'])
    expect(watch.path).toBe('/api/v1/namespaces/default/pods?watch=true&resourceVersion=1')
  })
})
