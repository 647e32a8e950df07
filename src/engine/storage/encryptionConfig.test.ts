import { describe, expect, it } from 'vitest'
import { decodeFromStorage } from '../protobuf'
import { parseScenario } from '../scenario/parse'
import { createSimulator } from '../simulator'
import type { KubeObject } from '../types'
import { createStorageTransformer } from './encryption'
import { createEtcd } from './etcd'
import {
  createEncryptionAtRest,
  groupResourceOfKey,
  validateEncryptionConfiguration,
  type EncryptionConfiguration,
  type ProviderConfiguration,
} from './encryptionConfig'

const KEY32 = 'a3ViZS1hcGktbGFiIGRlbW8ga2V5LCBub3QgcmVhbCE='
const KEY16 = 'MDEyMzQ1Njc4OWFiY2RlZg=='
const aescbc: ProviderConfiguration = { aescbc: { keys: [{ name: 'key1', secret: KEY32 }] } }
const identity: ProviderConfiguration = { identity: {} }

const config = (...rules: [string[], ProviderConfiguration[]][]): EncryptionConfiguration => ({
  apiVersion: 'apiserver.config.k8s.io/v1',
  kind: 'EncryptionConfiguration',
  resources: rules.map(([resources, providers]) => ({ resources, providers })),
})

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1')

describe('EncryptionConfiguration validation', () => {
  it('accepts the documented shape', () => {
    expect(
      validateEncryptionConfiguration(
        config([
          ['secrets', 'configmaps'],
          [aescbc, identity],
        ]),
      ),
    ).toBeUndefined()
    expect(
      validateEncryptionConfiguration(
        config([['*.apps'], [{ aesgcm: { keys: [{ name: 'k', secret: KEY16 }] } }]]),
      ),
    ).toBeUndefined()
    expect(
      validateEncryptionConfiguration(
        config([['*.*'], [{ secretbox: { keys: [{ name: 'k', secret: KEY32 }] } }]]),
      ),
    ).toBeUndefined()
  })

  it.each([
    [
      'an unknown provider',
      config([['secrets'], [{ aesctr: {} } as ProviderConfiguration]]),
      'resources[0].providers[0]: unknown provider "aesctr": provider does not contain any of the expected providers: KMS, AESGCM, AESCBC, Secretbox, Identity',
    ],
    [
      'an empty provider',
      config([['secrets'], [{}]]),
      'resources[0].providers[0]: Invalid value: {}: provider does not contain any of the expected providers: KMS, AESGCM, AESCBC, Secretbox, Identity',
    ],
    [
      'two providers in one element',
      config([['secrets'], [{ ...aescbc, identity: {} }]]),
      'resources[0].providers[0]: Invalid value: ["aescbc", "identity"]: more than one provider specified in a single element, should split into different list elements',
    ],
    [
      'a provider without keys',
      config([['secrets'], [{ aescbc: {} } as ProviderConfiguration]]),
      'resources[0].providers[0].aescbc.keys: Required value: at least one keys is required',
    ],
    [
      'a key without a secret',
      config([['secrets'], [{ aescbc: { keys: [{ name: 'key1' }] } } as ProviderConfiguration]]),
      'resources[0].providers[0].aescbc.keys[0].secret: Required value: secret is a mandatory field for a key',
    ],
    [
      'a secret that is not base64',
      config([['secrets'], [{ aescbc: { keys: [{ name: 'key1', secret: 'not base64!' }] } }]]),
      'resources[0].providers[0].aescbc.keys[0].secret: Invalid value: "REDACTED": secrets must be base64 encoded',
    ],
    [
      'a secretbox key of 16 bytes',
      config([['secrets'], [{ secretbox: { keys: [{ name: 'k', secret: KEY16 }] } }]]),
      'resources[0].providers[0].secretbox.keys[0].secret: Invalid value: "REDACTED": secret is not of the expected length, got 16, expected one of [32]',
    ],
    [
      'kms',
      config([['secrets'], [{ kms: { name: 'vault' } }]]),
      'resources[0].providers[0].kms: KMS providers are not simulated (they call a plugin outside the API server): use aescbc, aesgcm or secretbox',
    ],
    [
      'no providers',
      config([['secrets'], []]),
      'resources[0].providers: Required value: at least one resources[0].providers is required',
    ],
    [
      'a bare star',
      config([['*'], [aescbc]]),
      `resources[0].resources[0]: Invalid value: "*": use '*.' to encrypt all the resources from core API group or *.* to encrypt all resources`,
    ],
    [
      'a resource across groups',
      config([['secrets.*'], [aescbc]]),
      'resources[0].resources[0]: Invalid value: "secrets.*": encrypting the same resource across groups is not supported',
    ],
    [
      'capital letters',
      config([['Secrets'], [aescbc]]),
      'resources[0].resources[0]: Invalid value: "Secrets": resource name should not contain capital letters',
    ],
    [
      'an overlap in one list',
      config([['secrets', '*.'], [aescbc]]),
      `resources[0].resources: Invalid value: ["secrets", "*."]: using overlapping resources such as 'secrets' and '*.' in the same resource list is not allowed as they will be masked`,
    ],
    [
      'a rule masked by an earlier wildcard',
      config([['*.'], [aescbc]], [['secrets'], [identity]]),
      'resources[1].resources: resource "secrets" is masked by earlier rule "*."',
    ],
  ])('refuses %s', (_, value, message) => {
    expect(validateEncryptionConfiguration(value)).toBe(message)
  })

  it('is a scenario parse error naming the field', () => {
    const scenario = `name: t
cluster:
  encryption:
    apiVersion: apiserver.config.k8s.io/v1
    kind: EncryptionConfiguration
    resources:
      - resources: [secrets]
        providers:
          - aescbc: {keys: []}
`
    expect(parseScenario(scenario)).toEqual({
      ok: false,
      error:
        'cluster.encryption.resources[0].providers[0].aescbc.keys: Required value: at least one keys is required',
    })
    expect(parseScenario(scenario.replace('aescbc: {keys: []}', 'aesctr: {}'))).toMatchObject({
      ok: false,
      error: expect.stringContaining(
        'cluster.encryption.resources[0].providers[0]: unknown provider "aesctr"',
      ) as string,
    })
    expect(parseScenario(scenario.replace('kind: EncryptionConfiguration', 'kind: Config'))).toMatchObject({
      ok: false,
      error: 'cluster.encryption.kind: must be one of EncryptionConfiguration',
    })
  })
})

describe('which resources a configuration encrypts', () => {
  it('finds the resource behind an etcd key, special prefixes included', () => {
    expect(groupResourceOfKey('/registry/secrets/default/db')).toEqual({ group: '', resource: 'secrets' })
    expect(groupResourceOfKey('/registry/services/specs/default/web')).toEqual({
      group: '',
      resource: 'services',
    })
    expect(groupResourceOfKey('/registry/deployments/default/web')).toEqual({
      group: 'apps',
      resource: 'deployments',
    })
    expect(groupResourceOfKey('/elsewhere/secrets/x')).toBeUndefined()
  })

  it('matches exact names, then *.group, then *.*', () => {
    const rest = createEncryptionAtRest(
      config(
        [['secrets'], [identity, aescbc]],
        [['*.apps'], [{ aesgcm: { keys: [{ name: 'apps-key', secret: KEY16 }] } }]],
        [['*.*'], [aescbc]],
      ),
    )
    expect(rest.encryptsWith('/registry/secrets/default/db')).toBeUndefined()
    expect(rest.covers('/registry/secrets/default/db')).toBe(true)
    expect(rest.encryptsWith('/registry/deployments/default/web')).toEqual({
      provider: 'aesgcm',
      key: 'apps-key',
    })
    expect(rest.encryptsWith('/registry/configmaps/default/cm')).toEqual({ provider: 'aescbc', key: 'key1' })
  })

  it('*. is the core group only; a resource with no rule is not covered', () => {
    const rest = createEncryptionAtRest(config([['*.'], [aescbc]]))
    expect(rest.encryptsWith('/registry/configmaps/default/cm')).toEqual({ provider: 'aescbc', key: 'key1' })
    expect(rest.covers('/registry/deployments/default/web')).toBe(false)
    expect(rest.toStorage('/registry/deployments/default/web', Uint8Array.of(1, 2))).toBeUndefined()
  })

  it('gives a resource named by two rules the providers of both, so it reads what either wrote', () => {
    const other = { aescbc: { keys: [{ name: 'key2', secret: KEY16 }] } }
    const rest = createEncryptionAtRest(config([['secrets'], [aescbc]], [['secrets'], [other]]))
    const key = '/registry/secrets/default/db'
    const written = createStorageTransformer([
      { type: 'aescbc', keys: [{ name: 'key2', secret: KEY16 }] },
    ]).toStorage(Uint8Array.of(0x6b, 0x38, 0x73, 0x00), key)
    expect(rest.fromStorage(key, written)).toMatchObject({
      ok: true,
      stale: true,
      encryptedWith: { key: 'key2' },
    })
  })

  it('aesgcm binds the value to its etcd key; aescbc does not', () => {
    const plain = new TextEncoder().encode('k8s\u0000value')
    const gcm = createStorageTransformer([{ type: 'aesgcm', keys: [{ name: 'k', secret: KEY16 }] }])
    const stored = gcm.toStorage(plain, '/registry/secrets/a/x')
    expect(text(stored.subarray(0, 19))).toBe('k8s:enc:aesgcm:v1:k')
    expect(stored.length).toBe('k8s:enc:aesgcm:v1:k:'.length + 12 + plain.length + 16)
    expect(gcm.fromStorage(stored, '/registry/secrets/a/x')).toEqual({ ok: true, data: plain, stale: false })
    expect(gcm.fromStorage(stored, '/registry/secrets/b/x')).toEqual({
      ok: false,
      message: 'cipher: message authentication failed',
    })
    const cbc = createStorageTransformer([{ type: 'aescbc', keys: [{ name: 'k', secret: KEY16 }] }])
    expect(cbc.fromStorage(cbc.toStorage(plain, '/a'), '/b')).toMatchObject({ ok: true, data: plain })
    const box = createStorageTransformer([{ type: 'secretbox', keys: [{ name: 'k', secret: KEY32 }] }])
    const boxed = box.toStorage(plain, '/a')
    expect(boxed.length).toBe('k8s:enc:secretbox:v1:k:'.length + 24 + 16 + plain.length)
    expect(box.fromStorage(boxed, '/a')).toMatchObject({ ok: true, data: plain })
  })
})

describe('encryption at rest in a cluster', () => {
  const SCENARIO = `name: t
cluster:
  encryption:
    apiVersion: apiserver.config.k8s.io/v1
    kind: EncryptionConfiguration
    resources:
      - resources: [secrets]
        providers:
          - aescbc: {keys: [{name: key1, secret: ${KEY32}}]}
          - identity: {}
`
  const SECRET: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db', namespace: 'default' },
    stringData: { password: 's3cr3t' },
  }
  const CONFIGMAP: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace: 'default' },
    data: { color: 'blue' },
  }

  function cluster() {
    const parsed = parseScenario(SCENARIO)
    if (!parsed.ok) throw new Error(parsed.error)
    return createSimulator(parsed.value)
  }

  it('stores a matching resource encrypted and reads it back as the object', () => {
    const sim = cluster()
    const [created] = sim.run({ verb: 'create', object: SECRET })
    expect(created?.response.code).toBe(201)
    const [revision] = sim.history('/registry/secrets/default/db')
    expect(text(revision!.bytes!.subarray(0, 23))).toBe('k8s:enc:aescbc:v1:key1:')
    expect(text(revision!.bytes!)).not.toMatch(/s3cr3t|Secret/)
    expect(revision!.encryption).toMatchObject({ provider: 'aescbc', key: 'key1', prefixLength: 23 })
    const plaintext = revision!.encryption!.plaintext!
    expect([...plaintext.subarray(0, 4)]).toEqual([0x6b, 0x38, 0x73, 0x00])
    expect(text(plaintext)).toContain('s3cr3t')
    expect(decodeFromStorage(plaintext)).toMatchObject({ kind: 'Secret', data: { password: 'czNjcjN0' } })
    const [read] = sim.run({ verb: 'get', resource: 'secrets', name: 'db', namespace: 'default' })
    const body = read!.response.body as KubeObject
    expect(read!.response.code).toBe(200)
    expect(body).toMatchObject({ kind: 'Secret', data: { password: 'czNjcjN0' } })
  })

  it('leaves a resource with no rule in clear', () => {
    const sim = cluster()
    sim.run({ verb: 'create', object: CONFIGMAP })
    const [revision] = sim.history('/registry/configmaps/default/settings')
    expect([...revision!.bytes!.subarray(0, 4)]).toEqual([0x6b, 0x38, 0x73, 0x00])
    expect(text(revision!.bytes!)).toContain('blue')
    expect(revision!.encryption).toBeUndefined()
  })

  it('says in the storage step which provider encrypted the write, for creates and updates', () => {
    const sim = cluster()
    const storageWrite = (result: ReturnType<typeof sim.run>[number] | undefined) =>
      result?.calls.at(-1)?.trace.find((e) => e.stage === 'storage' && e.outcome === 'passed')
    const secret = storageWrite(sim.run({ verb: 'create', object: SECRET })[0])
    expect(secret?.summary).toMatch(
      /; the value was encrypted with aescbc \(key key1\) before it reached etcd$/,
    )
    expect(secret?.data?.encryption).toEqual({ provider: 'aescbc', key: 'key1' })
    const patched = sim.run({
      verb: 'patch',
      resource: 'secrets',
      name: 'db',
      namespace: 'default',
      patchType: 'merge',
      patch: { stringData: { password: 'changed' } },
    })[0]
    expect(storageWrite(patched)?.summary).toContain('encrypted with aescbc (key key1)')
    const revisions = sim.history('/registry/secrets/default/db')
    expect(revisions).toHaveLength(2)
    expect(revisions.every((r) => r.encryption?.provider === 'aescbc')).toBe(true)
    const configMap = storageWrite(sim.run({ verb: 'create', object: CONFIGMAP })[0])
    expect(configMap?.summary).not.toContain('encrypt')
    expect(configMap?.data?.encryption).toBeUndefined()
  })

  it('a delete leaves a tombstone with no bytes', () => {
    const sim = cluster()
    sim.run({ verb: 'create', object: SECRET })
    sim.run({ verb: 'delete', resource: 'secrets', name: 'db', namespace: 'default' })
    const [written, tombstone] = sim.history('/registry/secrets/default/db')
    expect(written?.encryption?.provider).toBe('aescbc')
    expect(tombstone?.bytes).toBeUndefined()
    expect(tombstone?.encryption).toBeUndefined()
  })
})

describe('etcd keeps the bytes of each write', () => {
  it('fixes them at the write and drops them with the revision on compaction', () => {
    let generation = 1
    const etcd = createEtcd<string>({
      storedBytes: (key, value) => new TextEncoder().encode(`${generation}:${key}=${value}`),
    })
    etcd.put('/a', 'one')
    generation = 2
    etcd.put('/a', 'two')
    expect(etcd.history('/a').map((r) => text(r.bytes!))).toEqual(['1:/a=one', '2:/a=two'])
    etcd.compact(etcd.revision())
    expect(etcd.history('/a').map((r) => text(r.bytes!))).toEqual(['2:/a=two'])
  })
})
