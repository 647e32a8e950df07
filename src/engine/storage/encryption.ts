// Encryption at rest (reference §6.4; apiserver pkg/storage/value and encryptionconfig). The first provider
// of the configuration encrypts writes; reads try every provider whose prefix the value carries. A value is
// `k8s:enc:<provider>:v1:<keyName>:<payload>`; the identity provider stores the plaintext (`k8s\x00…` or JSON)
// and refuses to read anything that starts with `k8s:enc:`.
//
// THE CIPHER IS FAKE. Each payload has its provider's shape: aescbc a 16-byte IV, then the plaintext with
// PKCS#7 padding to 16-byte blocks; aesgcm a 12-byte nonce, the ciphertext and a 16-byte tag that also covers
// the etcd key (GCM's additional data, so a value copied to another key no longer decrypts); secretbox a
// 24-byte nonce, a 16-byte tag, then the ciphertext. The bytes come from a deterministic keyed XOR stream,
// not AES or XSalsa20: the engine must stay pure and deterministic, and the point is to show what etcd holds,
// not to protect it.
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

type CipherType = 'aescbc' | 'aesgcm' | 'secretbox'

/** Nonce and tag sizes of the real ciphers: GCM's standard nonce, XSalsa20's nonce, and their 16-byte tags. */
const SHAPE: Record<CipherType, { nonce: number; tag: number }> = {
  aescbc: { nonce: BLOCK, tag: 0 },
  aesgcm: { nonce: 12, tag: 16 },
  secretbox: { nonce: 24, tag: 16 },
}

// GCM authenticates the etcd key with the value; CBC and secretbox, as kube-apiserver uses them, do not.
const tagOf = (type: CipherType, secret: string, etcdKey: string, nonce: Uint8Array, body: Uint8Array) =>
  keystream(`tag|${secret}|${type === 'aesgcm' ? etcdKey : ''}|${hex(nonce)}|${hex(body)}`, SHAPE[type].tag)

function fakeEncrypt(type: CipherType, secret: string, etcdKey: string, plaintext: Uint8Array): Uint8Array {
  // A real IV or nonce is random; this one is derived from the inputs so the same write gives the same bytes.
  const nonce = keystream(`iv|${secret}|${etcdKey}|${hex(plaintext)}`, SHAPE[type].nonce)
  const pad = BLOCK - (plaintext.length % BLOCK)
  const input = type === 'aescbc' ? concat(plaintext, new Uint8Array(pad).fill(pad)) : plaintext
  const stream = keystream(`${secret}|${hex(nonce)}`, input.length)
  const body = input.map((b, i) => b ^ stream[i]!)
  if (type === 'aescbc') return concat(nonce, body)
  const tag = tagOf(type, secret, etcdKey, nonce, body)
  return type === 'aesgcm' ? concat(nonce, body, tag) : concat(nonce, tag, body)
}

function fakeDecrypt(
  type: CipherType,
  secret: string,
  etcdKey: string,
  payload: Uint8Array,
): TransformResult {
  const { nonce: nonceSize, tag: tagSize } = SHAPE[type]
  if (payload.length < nonceSize + tagSize)
    return { ok: false, message: 'the stored data was shorter than the required size' }
  const nonce = payload.subarray(0, nonceSize)
  let body: Uint8Array
  if (type === 'aescbc') body = payload.subarray(nonceSize)
  else {
    const gcm = type === 'aesgcm'
    const tag = gcm
      ? payload.subarray(payload.length - tagSize)
      : payload.subarray(nonceSize, nonceSize + tagSize)
    body = gcm ? payload.subarray(nonceSize, payload.length - tagSize) : payload.subarray(nonceSize + tagSize)
    const expected = tagOf(type, secret, etcdKey, nonce, body)
    if (!expected.every((b, i) => tag[i] === b))
      return {
        ok: false,
        message: gcm ? 'cipher: message authentication failed' : "output array wasn't the expected size",
      }
  }
  const stream = keystream(`${secret}|${hex(nonce)}`, body.length)
  const plain = body.map((b, i) => b ^ stream[i]!)
  if (type !== 'aescbc') return { ok: true, data: plain, stale: false }
  if (body.length % BLOCK !== 0) return { ok: false, message: ERR_BLOCK_SIZE }
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
  const transformers = providers.flatMap(
    (p): { prefix: Uint8Array; cipher?: { type: CipherType; secret: string } }[] =>
      p.type === 'identity'
        ? [{ prefix: new Uint8Array() }]
        : p.keys.map((k) => ({
            prefix: encodeUtf8(`${ENCRYPTED_PREFIX}${p.type}:v1:${k.name}:`),
            cipher: { type: p.type, secret: k.secret },
          })),
  )
  const encrypted = encodeUtf8(ENCRYPTED_PREFIX)
  return {
    toStorage(data, etcdKey) {
      const first = transformers[0]
      if (!first?.cipher) return data
      return concat(first.prefix, fakeEncrypt(first.cipher.type, first.cipher.secret, etcdKey, data))
    },
    fromStorage(data, etcdKey) {
      const errors: string[] = []
      for (const [i, t] of transformers.entries()) {
        if (!startsWith(data, t.prefix)) continue
        if (!t.cipher) {
          if (startsWith(data, encrypted)) {
            errors.push(ERR_IDENTITY_ENCRYPTED)
            continue
          }
          return { ok: true, data, stale: i !== 0 }
        }
        const result = fakeDecrypt(t.cipher.type, t.cipher.secret, etcdKey, data.subarray(t.prefix.length))
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
