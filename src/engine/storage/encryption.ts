// Encryption at rest (reference §6.4; apiserver pkg/storage/value and encryptionconfig). The first provider
// of the configuration encrypts writes; reads try every provider whose prefix the value carries. A value is
// `k8s:enc:<provider>:v1:<keyName>:<payload>`; the identity provider stores the plaintext (`k8s\x00…` or JSON)
// and refuses to read anything that starts with `k8s:enc:`.
//
// THE CIPHER IS FAKE. The payload after the prefix has AES-CBC's shape (a 16-byte IV, then the plaintext with
// PKCS#7 padding to 16-byte blocks) but the bytes come from a deterministic keyed XOR stream, not AES: the
// engine must stay pure and deterministic, and the point is to show what etcd holds, not to protect it.
import { decodeUtf8, encodeUtf8 } from '../protobuf/wire'

export type EncryptionProvider =
  { type: 'identity' } | { type: 'aescbc' | 'aesgcm' | 'secretbox'; keys: { name: string; secret: string }[] }

export const ENCRYPTED_PREFIX = 'k8s:enc:'
export const ERR_IDENTITY_ENCRYPTED = 'identity transformer tried to read encrypted data'
export const ERR_NO_MATCHING_PREFIX = 'no matching prefix found'
export const ERR_BLOCK_SIZE = 'the stored data is not a multiple of the block size'
export const ERR_PKCS7 = 'invalid PKCS7 data (empty or not padded)'
export const ERR_PADDING = 'invalid padding on input'

export type TransformResult = { ok: true; data: Uint8Array; stale: boolean } | { ok: false; message: string }

export interface StorageTransformer {
  /** The bytes written to etcd. `etcdKey` is the authenticated data real transformers bind the value to. */
  toStorage(data: Uint8Array, etcdKey: string): Uint8Array
  /** The plaintext, and whether it was written with a provider other than the first (stale: rewrite it). */
  fromStorage(data: Uint8Array, etcdKey: string): TransformResult
}

const BLOCK = 16

/** FNV-1a over the inputs, then xorshift: a keyed, deterministic byte stream. Not cryptography. */
function keystream(seed: string, length: number): Uint8Array {
  let h = 0x811c9dc5
  for (const b of encodeUtf8(seed)) h = Math.imul(h ^ b, 0x01000193) >>> 0
  const out = new Uint8Array(length)
  let x = h || 1
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    out[i] = x & 0xff
  }
  return out
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

function fakeEncrypt(secret: string, etcdKey: string, plaintext: Uint8Array): Uint8Array {
  // A real IV is random; this one is derived from the inputs so the same write gives the same bytes.
  const iv = keystream(`iv|${secret}|${etcdKey}|${hex(plaintext)}`, BLOCK)
  const pad = BLOCK - (plaintext.length % BLOCK)
  const padded = concat(plaintext, new Uint8Array(pad).fill(pad))
  const stream = keystream(`${secret}|${hex(iv)}`, padded.length)
  return concat(
    iv,
    padded.map((b, i) => b ^ stream[i]!),
  )
}

function fakeDecrypt(secret: string, payload: Uint8Array): TransformResult {
  if (payload.length < BLOCK)
    return { ok: false, message: 'the stored data was shorter than the required size' }
  const iv = payload.subarray(0, BLOCK)
  const body = payload.subarray(BLOCK)
  if (body.length % BLOCK !== 0) return { ok: false, message: ERR_BLOCK_SIZE }
  const stream = keystream(`${secret}|${hex(iv)}`, body.length)
  const plain = body.map((b, i) => b ^ stream[i]!)
  const pad = plain[plain.length - 1]
  if (!plain.length || pad === undefined || pad === 0 || pad > BLOCK) return { ok: false, message: ERR_PKCS7 }
  for (let i = plain.length - pad; i < plain.length; i++)
    if (plain[i] !== pad) return { ok: false, message: ERR_PADDING }
  return { ok: true, data: plain.subarray(0, plain.length - pad), stale: false }
}

const startsWith = (data: Uint8Array, prefix: Uint8Array) =>
  prefix.length <= data.length && prefix.every((b, i) => data[i] === b)

export function createStorageTransformer(providers: EncryptionProvider[]): StorageTransformer {
  // Each key of each provider is one prefix transformer, in configuration order; identity has no prefix.
  const transformers = providers.flatMap((p) =>
    p.type === 'identity'
      ? [{ prefix: new Uint8Array(), secret: undefined as string | undefined }]
      : p.keys.map((k) => ({
          prefix: encodeUtf8(`${ENCRYPTED_PREFIX}${p.type}:v1:${k.name}:`),
          secret: k.secret as string | undefined,
        })),
  )
  const encrypted = encodeUtf8(ENCRYPTED_PREFIX)
  return {
    toStorage(data, etcdKey) {
      const first = transformers[0]
      if (!first || first.secret === undefined) return data
      return concat(first.prefix, fakeEncrypt(first.secret, etcdKey, data))
    },
    fromStorage(data) {
      const errors: string[] = []
      for (const [i, t] of transformers.entries()) {
        if (!startsWith(data, t.prefix)) continue
        if (t.secret === undefined) {
          if (startsWith(data, encrypted)) {
            errors.push(ERR_IDENTITY_ENCRYPTED)
            continue
          }
          return { ok: true, data, stale: i !== 0 }
        }
        const result = fakeDecrypt(t.secret, data.subarray(t.prefix.length))
        if (result.ok) return { ...result, stale: i !== 0 }
        errors.push(result.message)
      }
      return { ok: false, message: errors.length ? errors.join(', ') : ERR_NO_MATCHING_PREFIX }
    },
  }
}

/** The value as text for display: printable prefix and a hex dump of the rest. */
export function describeStoredValue(data: Uint8Array): string {
  const text = decodeUtf8(data)
  const prefix = /^k8s:enc:[a-z]+:v1:[^:]+:/.exec(text)?.[0]
  return prefix ? `${prefix}${hex(data.subarray(encodeUtf8(prefix).length))}` : text
}
