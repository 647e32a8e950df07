import { describe, expect, it } from 'vitest'
import { createSimulator } from './simulator'

describe('the simulator as the app sees it', () => {
  it('keeps every revision of a key, with the bytes etcd holds', () => {
    const sim = createSimulator()
    const cm = (color: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { color } })
    sim.run({ verb: 'apply', object: cm('blue') })
    sim.run({ verb: 'apply', object: cm('green') })
    sim.run({ verb: 'delete', resource: 'configmaps', name: 'settings' })
    const history = sim.history('/registry/configmaps/default/settings')
    expect(history.map((r) => r.version)).toEqual([1, 2, 0])
    expect(history[1]!.object?.data).toEqual({ color: 'green' })
    expect(history[1]!.object?.metadata?.resourceVersion).toBe(String(history[1]!.modRevision))
    expect([...history[0]!.bytes!.slice(0, 4)]).toEqual([0x6b, 0x38, 0x73, 0x00])
    expect(history[2]!.object).toBeUndefined()
  })

  it('offers each identity with its credential', () => {
    const sim = createSimulator({ name: 'x', cluster: { users: [{ name: 'jane', token: 't', groups: ['dev'] }] } })
    const ids = sim.snapshot().identities
    expect(ids.find((i) => i.id === 'jane')).toEqual({
      id: 'jane',
      credential: 'bearer token t',
      user: { username: 'jane', groups: ['dev', 'system:authenticated'] },
    })
    expect(ids.find((i) => i.id === 'anonymous')?.user).toEqual({ username: 'system:anonymous', groups: ['system:unauthenticated'] })
  })
})
