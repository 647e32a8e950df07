// The bytes kube-apiserver writes to etcd for an object (reference §6.3). Built-in kinds go through the
// protobuf serializer: the magic `k8s\x00`, then a runtime.Unknown whose typeMeta names the storage version
// and kind and whose raw holds the object's own protobuf bytes. Custom resources and kinds the engine does
// not model go through the JSON serializer, as unstructured objects do: Go's encoding/json of a map (keys
// sorted, <, > and & escaped) and the newline json.Encoder appends.
import type { KubeObject } from '../types'
import { decodeMessage, encodeMessage, unmodelledFields } from './codec'
import { STORED_KINDS } from './schema'
import { decodeUtf8, encodeUtf8, readFields, Writer } from './wire'

/** protoEncodingPrefix in apimachinery's protobuf serializer. */
export const PROTOBUF_PREFIX = Uint8Array.of(0x6b, 0x38, 0x73, 0x00)
export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf'

const specFor = (obj: { apiVersion?: string; kind?: string }) =>
  STORED_KINDS[`${obj.apiVersion ?? ''}/${obj.kind ?? ''}`]

/** Which serializer the storage layer uses for this object. */
export function storageMediaType(
  obj: KubeObject,
): 'application/vnd.kubernetes.protobuf' | 'application/json' {
  return specFor(obj) ? PROTOBUF_MEDIA_TYPE : 'application/json'
}

/** Fields of a protobuf-stored object the engine's message tables do not carry (they are not encoded). */
export function fieldsNotStored(obj: KubeObject): string[] {
  const spec = specFor(obj)
  if (!spec) return []
  const { apiVersion: _a, kind: _k, ...rest } = obj
  return unmodelledFields(spec, rest)
}

function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`
  if (typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${goString(k)}:${goJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  if (typeof value === 'string') return goString(value)
  return JSON.stringify(value)
}

// encoding/json escapes HTML-significant characters and the JavaScript line separators.
const goString = (s: string) =>
  JSON.stringify(s).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )

export function encodeForStorage(obj: KubeObject): Uint8Array {
  const spec = specFor(obj)
  if (!spec) return encodeUtf8(`${goJson(obj)}\n`)
  const { apiVersion = '', kind = '', ...rest } = obj
  const raw = encodeMessage(spec, rest)
  const typeMeta = new Writer().string(1, apiVersion).string(2, kind).finish()
  // runtime.Unknown: typeMeta, raw, contentEncoding and contentType (both empty, but written: value fields).
  const unknown = new Writer().bytes(1, typeMeta).bytes(2, raw).string(3, '').string(4, '').finish()
  const out = new Uint8Array(PROTOBUF_PREFIX.length + unknown.length)
  out.set(PROTOBUF_PREFIX)
  out.set(unknown, PROTOBUF_PREFIX.length)
  return out
}

const hasPrefix = (bytes: Uint8Array, prefix: Uint8Array) => prefix.every((b, i) => bytes[i] === b)

export function decodeFromStorage(bytes: Uint8Array): KubeObject {
  if (hasPrefix(bytes, encodeUtf8('k8s:enc:')))
    throw new Error('the value is encrypted (k8s:enc:...): decrypt it with the encryption transformer first')
  if (!hasPrefix(bytes, PROTOBUF_PREFIX)) return JSON.parse(decodeUtf8(bytes)) as KubeObject
  let apiVersion = ''
  let kind = ''
  let raw: Uint8Array = new Uint8Array()
  for (const f of readFields(bytes.subarray(PROTOBUF_PREFIX.length))) {
    if (f.field === 1 && f.bytes)
      for (const t of readFields(f.bytes)) {
        if (t.field === 1 && t.bytes) apiVersion = decodeUtf8(t.bytes)
        if (t.field === 2 && t.bytes) kind = decodeUtf8(t.bytes)
      }
    if (f.field === 2 && f.bytes) raw = f.bytes
  }
  const spec = specFor({ apiVersion, kind })
  if (!spec) throw new Error(`no kind "${kind}" is registered for version "${apiVersion}"`)
  return { kind, apiVersion, ...decodeMessage(spec, raw) }
}
