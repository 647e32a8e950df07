// The encryption configuration kube-apiserver reads from --encryption-provider-config (apiserver.config.k8s.io/v1
// EncryptionConfiguration): which resources are encrypted at rest, and by which providers. Validation follows
// apiserver's validation_encryption.go and its texts; matching follows encryptionconfig: an exact
// `resource.group` rule wins over `*.group`, which wins over `*.*`, and a resource with no rule is stored as
// it is encoded. A resource named by several rules gets all their providers, in file order.
import { encodeUtf8 } from '../protobuf/wire'
import { RESOURCES } from '../resources'
import type { RequestResult, TraceEntry } from '../types'
import { createStorageTransformer, ENCRYPTED_PREFIX } from './encryption'
import type { EncryptionProvider, StorageTransformer, TransformResult } from './encryption'

export interface EncryptionKeyConfig {
  name: string
  /** Base64 of the key: 16, 24 or 32 bytes for AES, 32 for secretbox. */
  secret: string
}

/** One list element: exactly one provider, as the real file requires. */
export interface ProviderConfiguration {
  identity?: Record<string, never>
  aescbc?: { keys: EncryptionKeyConfig[] }
  aesgcm?: { keys: EncryptionKeyConfig[] }
  secretbox?: { keys: EncryptionKeyConfig[] }
  /** Accepted by the format, refused by the lab: a KMS provider calls a plugin outside the API server. */
  kms?: Record<string, unknown>
}

export interface ResourceConfiguration {
  /** `secrets`, `deployments.apps`, `*.apps` (a whole group), `*.` (the core group), `*.*` (everything). */
  resources: string[]
  /** The first encrypts new writes; every one of them can read. */
  providers: ProviderConfiguration[]
}

export interface EncryptionConfiguration {
  apiVersion?: 'apiserver.config.k8s.io/v1'
  kind?: 'EncryptionConfiguration'
  resources: ResourceConfiguration[]
}

/** The provider and key named in an encrypted value's prefix. */
export interface EncryptedWith {
  provider: 'aescbc' | 'aesgcm' | 'secretbox'
  key: string
}

type ReadResult =
  | { ok: true; data: Uint8Array; stale: boolean; encryptedWith?: EncryptedWith; prefixLength: number }
  | { ok: false; message: string }

export interface EncryptionAtRest {
  /** Whether some rule names the resource stored under this etcd key. */
  covers(etcdKey: string): boolean
  /** Who encrypts a new write to this key; undefined when it is stored in clear. */
  encryptsWith(etcdKey: string): EncryptedWith | undefined
  /** The bytes etcd holds for an encoded value; undefined when no rule names the resource. */
  toStorage(etcdKey: string, plaintext: Uint8Array): Uint8Array | undefined
  /** The encoded value back from the stored bytes, and which key's prefix it carried. */
  fromStorage(etcdKey: string, stored: Uint8Array): ReadResult
  /** The request's trace, with the storage write saying how its value was stored. */
  noteWrites(result: RequestResult): RequestResult
}

const PROVIDER_NAMES = ['aescbc', 'aesgcm', 'secretbox', 'kms', 'identity'] as const
const KEY_SIZES = { aescbc: [16, 24, 32], aesgcm: [16, 24, 32], secretbox: [32] } as const
const NOT_REST = new Set(['apiserveripinfo', 'serviceipallocations', 'servicenodeportallocations'])

interface GroupResource {
  group: string
  resource: string
}

/** schema.ParseGroupResource: the resource up to the first dot, the group after it. */
function parseGroupResource(text: string): GroupResource {
  const dot = text.indexOf('.')
  return dot < 0
    ? { group: '', resource: text }
    : { group: text.slice(dot + 1), resource: text.slice(0, dot) }
}

const grString = (gr: GroupResource) =>
  gr.group === '' && gr.resource === '*' ? '*.' : gr.group ? `${gr.resource}.${gr.group}` : gr.resource

const goList = (values: readonly (string | number)[]) =>
  `[${values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ')}]`

/** encoding/base64's StdEncoding: padded, no URL alphabet. The decoded length, or -1 when not base64. */
function base64Length(text: string): number {
  const s = text.replace(/[\r\n]/g, '')
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return -1
  const padding = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0
  return (s.length / 4) * 3 - padding
}

function validateKeys(keys: unknown, path: string, sizes: readonly number[]): string | undefined {
  if (!Array.isArray(keys) || keys.length === 0)
    return `${path}: Required value: at least one keys is required`
  for (const [i, key] of (keys as Partial<EncryptionKeyConfig>[]).entries()) {
    const at = `${path}[${i}]`
    if (!key.name) return `${at}.name: Required value: name is a mandatory field for a key`
    if (!key.secret) return `${at}.secret: Required value: secret is a mandatory field for a key`
    const length = base64Length(key.secret)
    if (length < 0) return `${at}.secret: Invalid value: "REDACTED": secrets must be base64 encoded`
    if (!sizes.includes(length))
      return `${at}.secret: Invalid value: "REDACTED": secret is not of the expected length, got ${length}, expected one of [${sizes.join(' ')}]`
  }
  return undefined
}

function validateResourceOverlap(resources: string[], path: string): string | undefined {
  const parsed = resources.map(parseGroupResource)
  const same = (a: GroupResource, b: GroupResource) => a.group === b.group && a.resource === b.resource
  const value = `Invalid value: ${goList(resources)}`
  if (parsed.some((a, i) => parsed.some((b, j) => i !== j && same(a, b))))
    return `${path}: ${value}: the same resource cannot be specified multiple times`
  const overlaps = parsed.some((a, i) =>
    parsed.some(
      (b, j) =>
        i !== j &&
        !same(a, b) &&
        ((a.group === '*' && a.resource === '*') ||
          (a.group === b.group && (a.resource === '*' || b.resource === '*'))),
    ),
  )
  if (overlaps)
    return `${path}: ${value}: using overlapping resources such as 'secrets' and '*.' in the same resource list is not allowed as they will be masked`
  return undefined
}

function validateResourceNames(resources: string[], path: string): string | undefined {
  const invalid = (i: number, detail: string) => `${path}[${i}]: Invalid value: "${resources[i]}": ${detail}`
  for (const [i, res] of resources.entries()) {
    if (res.toLowerCase() !== res) return invalid(i, 'resource name should not contain capital letters')
    if (res === '*')
      return invalid(
        i,
        "use '*.' to encrypt all the resources from core API group or *.* to encrypt all resources",
      )
    if (NOT_REST.has(res)) return invalid(i, 'resources which do not have REST API/s cannot be encrypted')
    const gr = parseGroupResource(res)
    if (gr.group === 'events.k8s.io')
      return invalid(
        i,
        "'*.events.k8s.io' objects are stored using the 'events' API group in etcd. Use 'events' instead in the config file",
      )
    if (gr.group === 'extensions')
      return invalid(i, "'extensions' group has been removed and cannot be used for encryption")
    if (gr.group === '*' && gr.resource !== '*')
      return invalid(i, 'encrypting the same resource across groups is not supported')
  }
  return undefined
}

/**
 * The first problem kube-apiserver would refuse to start with, as `<field>: <reason>` (fields relative to the
 * configuration), or undefined when the configuration is valid.
 */
export function validateEncryptionConfiguration(config: EncryptionConfiguration): string | undefined {
  if (!config.resources?.length) return 'resources: Required value: at least one resources is required'
  const seen = new Set<string>()
  for (const [i, rule] of config.resources.entries()) {
    const r = `resources[${i}].resources`
    const p = `resources[${i}].providers`
    if (!rule.resources?.length) return `${r}: Required value: at least one ${r} is required`
    const error = validateResourceOverlap(rule.resources, r) ?? validateResourceNames(rule.resources, r)
    if (error) return error
    if (!rule.providers?.length) return `${p}: Required value: at least one ${p} is required`
    for (const [j, provider] of rule.providers.entries()) {
      const at = `${p}[${j}]`
      const names = Object.keys(provider ?? {})
      const unknown = names.find((n) => !(PROVIDER_NAMES as readonly string[]).includes(n))
      if (unknown)
        return `${at}: unknown provider "${unknown}": provider does not contain any of the expected providers: KMS, AESGCM, AESCBC, Secretbox, Identity`
      if (names.length === 0)
        return `${at}: Invalid value: {}: provider does not contain any of the expected providers: KMS, AESGCM, AESCBC, Secretbox, Identity`
      if (names.length > 1)
        return `${at}: Invalid value: ${goList(names)}: more than one provider specified in a single element, should split into different list elements`
      const name = names[0] as (typeof PROVIDER_NAMES)[number]
      if (name === 'kms')
        return `${at}.kms: KMS providers are not simulated (they call a plugin outside the API server): use aescbc, aesgcm or secretbox`
      if (name !== 'identity') {
        const keyError = validateKeys(provider[name]?.keys, `${at}.${name}.keys`, KEY_SIZES[name])
        if (keyError) return keyError
      }
    }
    // encryptionconfig refuses a rule that an earlier `*.group` or `*.*` rule already covers.
    for (const res of rule.resources) {
      const gr = parseGroupResource(res)
      for (const wider of [
        { group: gr.group, resource: '*' },
        { group: '*', resource: '*' },
      ])
        if (seen.has(grString(wider)))
          return `${r}: resource "${grString(gr)}" is masked by earlier rule "${grString(wider)}"`
    }
    for (const res of rule.resources) seen.add(grString(parseGroupResource(res)))
  }
  return undefined
}

function providersOf(rule: ResourceConfiguration): EncryptionProvider[] {
  return rule.providers.map((p): EncryptionProvider => {
    if (p.aescbc) return { type: 'aescbc', keys: p.aescbc.keys }
    if (p.aesgcm) return { type: 'aesgcm', keys: p.aesgcm.keys }
    if (p.secretbox) return { type: 'secretbox', keys: p.secretbox.keys }
    return { type: 'identity' }
  })
}

// Longest first, so `services/specs` is found before anything shorter could claim the key.
const STORED = RESOURCES.filter((r) => !r.computed).sort((a, b) => b.etcdPrefix.length - a.etcdPrefix.length)

/** The group and resource an etcd key belongs to: `/registry/secrets/default/db` is `secrets` in the core group. */
export function groupResourceOfKey(etcdKey: string): GroupResource | undefined {
  const rest = etcdKey.startsWith('/registry/') ? etcdKey.slice('/registry/'.length) : undefined
  const info = rest === undefined ? undefined : STORED.find((r) => rest.startsWith(`${r.etcdPrefix}/`))
  return info && { group: info.group, resource: info.resource }
}

const STORAGE_WRITES = new Set(['etcd3 create', 'etcd3 update'])

export function createEncryptionAtRest(config: EncryptionConfiguration): EncryptionAtRest {
  const error = validateEncryptionConfiguration(config)
  if (error) throw new Error(`cluster.encryption.${error}`)
  const providersByRule = new Map<string, EncryptionProvider[]>()
  for (const rule of config.resources)
    for (const res of rule.resources) {
      const gr = grString(parseGroupResource(res))
      providersByRule.set(gr, [...(providersByRule.get(gr) ?? []), ...providersOf(rule)])
    }

  interface Resolved {
    transformer: StorageTransformer
    providers: EncryptionProvider[]
  }
  const resolved = new Map<string, Resolved | undefined>()
  function resolve(etcdKey: string): Resolved | undefined {
    const gr = groupResourceOfKey(etcdKey)
    if (!gr) return undefined
    const id = grString(gr)
    if (resolved.has(id)) return resolved.get(id)
    const providers =
      providersByRule.get(id) ??
      providersByRule.get(grString({ group: gr.group, resource: '*' })) ??
      providersByRule.get('*.*')
    const result = providers && { transformer: createStorageTransformer(providers), providers }
    resolved.set(id, result)
    return result
  }

  function encryptsWith(etcdKey: string): EncryptedWith | undefined {
    const first = resolve(etcdKey)?.providers[0]
    const key = first && first.type !== 'identity' ? first.keys[0] : undefined
    return first && first.type !== 'identity' && key ? { provider: first.type, key: key.name } : undefined
  }

  function note(entry: TraceEntry): TraceEntry {
    const key = entry.data?.key
    if (entry.stage !== 'storage' || entry.outcome !== 'passed' || !STORAGE_WRITES.has(entry.step))
      return entry
    if (typeof key !== 'string' || !resolve(key)) return entry
    const by = encryptsWith(key)
    const summary = by
      ? `${entry.summary}; the value was encrypted with ${by.provider} (key ${by.key}) before it reached etcd`
      : `${entry.summary}; stored unencrypted: identity is the first provider for this resource`
    return { ...entry, summary, data: { ...entry.data, encryption: by ?? { provider: 'identity' } } }
  }

  return {
    covers: (etcdKey) => resolve(etcdKey) !== undefined,
    encryptsWith,
    toStorage: (etcdKey, plaintext) => resolve(etcdKey)?.transformer.toStorage(plaintext, etcdKey),
    fromStorage(etcdKey, stored) {
      const rules = resolve(etcdKey)
      const result: TransformResult = rules
        ? rules.transformer.fromStorage(stored, etcdKey)
        : { ok: true, data: stored, stale: false }
      if (!result.ok) return result
      for (const p of rules?.providers ?? [])
        if (p.type !== 'identity')
          for (const k of p.keys) {
            const prefix = encodeUtf8(`${ENCRYPTED_PREFIX}${p.type}:v1:${k.name}:`)
            if (prefix.length <= stored.length && prefix.every((b, i) => stored[i] === b))
              return {
                ...result,
                encryptedWith: { provider: p.type, key: k.name },
                prefixLength: prefix.length,
              }
          }
      return { ...result, prefixLength: 0 }
    },
    noteWrites(result) {
      if (!result.trace.some((e) => e.stage === 'storage')) return result
      return { ...result, trace: result.trace.map(note) }
    },
  }
}
