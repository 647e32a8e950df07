// Encodes a JSON object to protobuf by a MessageSpec the way Go's generated marshallers do (ascending field
// numbers, value fields always, map entries in sorted key order), and decodes back to the JSON that
// encoding/json would print for the Go struct.
import { quantityString } from '../registry/quantity'
import type { FieldSpec, MessageSpec } from './schema'
import {
  decodeUtf8,
  encodeUtf8,
  readFields,
  toSigned,
  WIRE_BYTES,
  WIRE_VARINT,
  Writer,
  type WireField,
} from './wire'

type Json = Record<string, unknown>

export function base64ToBytes(s: string): Uint8Array {
  const bin = atob(s)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = ''
  for (const b of bytes) bin += String.fromCharCode(b)
  return btoa(bin)
}

/** metav1.Time / MicroTime as a Timestamp message; the zero time is an empty message, as Time.Marshal writes. */
function encodeTime(value: unknown): Uint8Array {
  if (typeof value !== 'string' || value === '') return new Uint8Array()
  const millis = Date.parse(value)
  if (Number.isNaN(millis)) return new Uint8Array()
  const seconds = Math.floor(millis / 1000)
  const fraction = /\.(\d+)/.exec(value)?.[1] ?? ''
  const nanos = fraction ? Number(fraction.padEnd(9, '0').slice(0, 9)) : 0
  return new Writer().tag(1, WIRE_VARINT).varint(seconds).tag(2, WIRE_VARINT).varint(nanos).finish()
}

function decodeTime(bytes: Uint8Array, micro: boolean): string | null {
  let seconds = 0
  let nanos = 0
  for (const f of readFields(bytes)) {
    if (f.field === 1 && f.varint !== undefined) seconds = toSigned(f.varint)
    if (f.field === 2 && f.varint !== undefined) nanos = toSigned(f.varint)
  }
  if (seconds === 0 && nanos === 0) return null
  const base = new Date(seconds * 1000).toISOString().slice(0, 19)
  // Time prints RFC 3339 with seconds; MicroTime always with six fractional digits.
  return micro ? `${base}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${base}Z`
}

function encodeIntOrString(value: unknown): Uint8Array {
  const w = new Writer()
  if (typeof value === 'string')
    w.tag(1, WIRE_VARINT).varint(1).tag(2, WIRE_VARINT).varint(0).string(3, value)
  else
    w.tag(1, WIRE_VARINT)
      .varint(0)
      .tag(2, WIRE_VARINT)
      .varint(Number(value ?? 0))
      .string(3, '')
  return w.finish()
}

function decodeIntOrString(bytes: Uint8Array): number | string {
  let type = 0
  let intVal = 0
  let strVal = ''
  for (const f of readFields(bytes)) {
    if (f.field === 1 && f.varint !== undefined) type = toSigned(f.varint)
    if (f.field === 2 && f.varint !== undefined) intVal = toSigned(f.varint)
    if (f.field === 3 && f.bytes) strVal = decodeUtf8(f.bytes)
  }
  return type === 1 ? strVal : intVal
}

const quantityBytes = (value: unknown) =>
  new Writer().string(1, value === undefined ? '0' : quantityString(value)).finish()
const decodeQuantity = (bytes: Uint8Array) => {
  const f = readFields(bytes).find((x) => x.field === 1)
  return f?.bytes ? decodeUtf8(f.bytes) : ''
}

function writeValue(w: Writer, field: FieldSpec, value: unknown) {
  switch (field.kind) {
    case 'string':
      w.string(field.no, value === undefined || value === null ? '' : String(value))
      return
    case 'bool':
      w.tag(field.no, WIRE_VARINT).varint(value ? 1 : 0)
      return
    case 'int32':
    case 'int64':
      w.tag(field.no, WIRE_VARINT).varint(Math.trunc(Number(value ?? 0)))
      return
    case 'bytes':
      w.bytes(field.no, typeof value === 'string' ? base64ToBytes(value) : new Uint8Array())
      return
    case 'message':
      w.bytes(field.no, encodeMessage(field.msg!(), (value ?? {}) as Json))
      return
    case 'time':
    case 'microtime':
      w.bytes(field.no, encodeTime(value))
      return
    case 'quantity':
      w.bytes(field.no, quantityBytes(value))
      return
    case 'intstr':
      w.bytes(field.no, encodeIntOrString(value))
      return
    case 'fieldsV1':
      // FieldsV1.Raw holds the JSON text as the server received or computed it.
      w.bytes(field.no, new Writer().bytes(1, encodeUtf8(JSON.stringify(value ?? {}))).finish())
      return
  }
}

export function encodeMessage(spec: MessageSpec, obj: Json): Uint8Array {
  const w = new Writer()
  for (const field of spec.fields) {
    const value = field.inline ? obj : obj[field.name]
    if (field.map) {
      if (!value || typeof value !== 'object') continue
      const entries = value as Json
      for (const key of Object.keys(entries).sort()) {
        const entry = new Writer().string(1, key)
        writeValue(entry, { ...field, no: 2, map: false }, entries[key])
        w.bytes(field.no, entry.finish())
      }
    } else if (field.repeated) {
      if (Array.isArray(value)) for (const item of value) writeValue(w, field, item)
    } else if (value === undefined || value === null) {
      if (field.always) writeValue(w, field, undefined)
    } else writeValue(w, field, value)
  }
  return w.finish()
}

function readValue(field: FieldSpec, wire: WireField): unknown {
  const bytes = wire.bytes ?? new Uint8Array()
  switch (field.kind) {
    case 'string':
      return decodeUtf8(bytes)
    case 'bool':
      return wire.varint !== undefined && wire.varint !== 0n
    case 'int32':
    case 'int64':
      return wire.varint === undefined ? 0 : toSigned(wire.varint)
    case 'bytes':
      return bytesToBase64(bytes)
    case 'message':
      return decodeMessage(field.msg!(), bytes)
    case 'time':
      return decodeTime(bytes, false)
    case 'microtime':
      return decodeTime(bytes, true)
    case 'quantity':
      return decodeQuantity(bytes)
    case 'intstr':
      return decodeIntOrString(bytes)
    case 'fieldsV1': {
      const raw = readFields(bytes).find((x) => x.field === 1)?.bytes
      return raw ? JSON.parse(decodeUtf8(raw)) : {}
    }
  }
}

const isEmptyScalar = (v: unknown) => v === '' || v === 0 || v === false

export function decodeMessage(spec: MessageSpec, bytes: Uint8Array): Json {
  const byField = new Map<number, WireField[]>()
  for (const wire of readFields(bytes)) {
    const list = byField.get(wire.field)
    if (list) list.push(wire)
    else byField.set(wire.field, [wire])
  }
  const out: Json = {}
  for (const field of spec.fields) {
    const wires = byField.get(field.no) ?? []
    if (field.map) {
      if (!wires.length) continue
      const entries: Json = {}
      for (const wire of wires) {
        let key = ''
        let value: unknown = field.kind === 'string' ? '' : field.kind === 'quantity' ? '0' : ''
        for (const part of readFields(wire.bytes ?? new Uint8Array())) {
          if (part.field === 1 && part.bytes) key = decodeUtf8(part.bytes)
          if (part.field === 2) value = readValue({ ...field, map: false }, part)
        }
        entries[key] = value
      }
      out[field.name] = entries
    } else if (field.repeated) {
      const items: unknown[] = []
      for (const wire of wires) {
        // Accept a packed repeated scalar too, though Go's proto2 code never writes one.
        if (wire.wire === WIRE_BYTES && (field.kind === 'int64' || field.kind === 'int32'))
          for (const part of readFields(packedToFields(wire.bytes!))) items.push(toSigned(part.varint!))
        else items.push(readValue(field, wire))
      }
      if (items.length) out[field.name] = items
    } else {
      const wire = wires[wires.length - 1]
      if (!wire) {
        if (!field.always) continue
        if (field.kind === 'message') {
          const empty = decodeMessage(field.msg!(), new Uint8Array())
          if (field.inline) Object.assign(out, empty)
          else out[field.name] = empty
        } else if (field.kind === 'time' || field.kind === 'microtime') out[field.name] = null
        else if (field.keepEmpty)
          out[field.name] = field.kind === 'string' ? '' : field.kind === 'bool' ? false : 0
        continue
      }
      const value = readValue(field, wire)
      if (field.inline) Object.assign(out, value as Json)
      // A Go value field at its zero value is what encoding/json's omitempty leaves out; a pointer is kept.
      else if (field.always && !field.keepEmpty && isEmptyScalar(value)) continue
      else out[field.name] = value
    }
  }
  return out
}

/** Packed varints re-tagged as field 1 so readFields can split them. */
function packedToFields(bytes: Uint8Array): Uint8Array {
  const w: number[] = []
  let i = 0
  while (i < bytes.length) {
    w.push(0x08)
    while (bytes[i]! >= 0x80) w.push(bytes[i++]!)
    w.push(bytes[i++]!)
  }
  return Uint8Array.from(w)
}

function flatFields(spec: MessageSpec): Map<string, FieldSpec> {
  const out = new Map<string, FieldSpec>()
  for (const field of spec.fields) {
    if (field.inline) for (const [name, sub] of flatFields(field.msg!())) out.set(name, sub)
    else out.set(field.name, field)
  }
  return out
}

/** JSON paths of a modelled kind that the spec does not encode (dropped on the way to storage). */
export function unmodelledFields(spec: MessageSpec, obj: Json, path = ''): string[] {
  const known = flatFields(spec)
  const out: string[] = []
  for (const [key, value] of Object.entries(obj)) {
    const field = known.get(key)
    const here = path ? `${path}.${key}` : key
    if (!field) out.push(here)
    else if (field.kind === 'message' && !field.map && value && typeof value === 'object') {
      if (Array.isArray(value))
        value.forEach((item, i) => out.push(...unmodelledFields(field.msg!(), item as Json, `${here}[${i}]`)))
      else out.push(...unmodelledFields(field.msg!(), value as Json, here))
    }
  }
  return out
}
