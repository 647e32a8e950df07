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

const ENCRYPTED = `name: encrypted
cluster:
  encryption:
    apiVersion: apiserver.config.k8s.io/v1
    kind: EncryptionConfiguration
    resources:
      - resources: [secrets]
        providers:
          - aescbc: {keys: [{name: key1, secret: a3ViZS1hcGktbGFiIGRlbW8ga2V5LCBub3QgcmVhbCE=}]}
          - identity: {}
`

const SECRET = `apiVersion: v1
kind: Secret
metadata: {name: db}
stringData: {password: s3cr3t}
`

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {color: blue}
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

  it('passes the ciphertext and the decrypted bytes of a value encrypted at rest', () => {
    const state = createWorkerState()
    dispatch(state, { type: 'load', text: ENCRYPTED })
    dispatch(state, { type: 'run', request: { verb: 'create', as: 'admin', manifest: SECRET } })
    dispatch(state, { type: 'run', request: { verb: 'create', as: 'admin', manifest: CONFIGMAP } })
    const [secret] = dispatch(state, { type: 'history', key: '/registry/secrets/default/db' }).revisions
    const prefix = 'k8s:enc:aescbc:v1:key1:'
    expect(new TextDecoder().decode(secret!.bytes!.subarray(0, prefix.length))).toBe(prefix)
    expect(secret!.encryption).toMatchObject({
      provider: 'aescbc',
      key: 'key1',
      prefixLength: prefix.length,
      error: null,
    })
    expect([...secret!.encryption!.plaintext!.subarray(0, 4)]).toEqual([0x6b, 0x38, 0x73, 0x00])
    expect(secret!.object?.data).toEqual({ password: 'czNjcjN0' })
    const [configMap] = dispatch(state, {
      type: 'history',
      key: '/registry/configmaps/default/settings',
    }).revisions
    expect(configMap!.encryption).toBeNull()
    expect([...configMap!.bytes!.subarray(0, 4)]).toEqual([0x6b, 0x38, 0x73, 0x00])
    // What crosses to the main thread must survive structured cloning.
    expect(structuredClone(secret)).toEqual(secret)
  })
})
