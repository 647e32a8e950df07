// The protobuf wire format, just what Kubernetes' generated code writes: varints (tag, int32, int64, bool)
// and length-delimited fields (strings, bytes, messages, map entries). No fixed32/64: k8s types use none.

export const WIRE_VARINT = 0
export const WIRE_BYTES = 2

const utf8 = new TextEncoder()
const utf8Decoder = new TextDecoder('utf-8', { fatal: false })

export class Writer {
  private chunks: number[] = []

  get length(): number {
    return this.chunks.length
  }

  varint(n: number | bigint): this {
    // Negative int32 and int64 are written as their 64-bit two's complement: ten bytes, as Go does.
    let v = typeof n === 'bigint' ? BigInt.asUintN(64, n) : n < 0 ? BigInt.asUintN(64, BigInt(n)) : n
    if (typeof v === 'bigint') {
      while (v > 0x7fn) {
        this.chunks.push(Number(v & 0x7fn) | 0x80)
        v >>= 7n
      }
      this.chunks.push(Number(v))
      return this
    }
    while (v > 0x7f) {
      this.chunks.push((v % 0x80) | 0x80)
      v = Math.floor(v / 0x80)
    }
    this.chunks.push(v)
    return this
  }

  tag(field: number, wire: number): this {
    return this.varint(field * 8 + wire)
  }

  bytes(field: number, data: Uint8Array): this {
    this.tag(field, WIRE_BYTES).varint(data.length)
    for (const b of data) this.chunks.push(b)
    return this
  }

  string(field: number, s: string): this {
    return this.bytes(field, utf8.encode(s))
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks)
  }
}

export interface WireField {
  field: number
  wire: number
  /** For varints. */
  varint?: bigint
  /** For length-delimited fields. */
  bytes?: Uint8Array
}

/** Splits a message into its fields, in wire order. Throws on truncated or unsupported input. */
export function readFields(data: Uint8Array): WireField[] {
  const out: WireField[] = []
  let pos = 0
  const varint = (): bigint => {
    let result = 0n
    let shift = 0n
    for (;;) {
      if (pos >= data.length) throw new Error('unexpected EOF')
      const b = data[pos++]!
      result |= BigInt(b & 0x7f) << shift
      if (b < 0x80) return result
      shift += 7n
      if (shift > 63n) throw new Error('proto: integer overflow')
    }
  }
  while (pos < data.length) {
    const key = Number(varint())
    const field = key >>> 3
    const wire = key & 7
    if (wire === WIRE_VARINT) out.push({ field, wire, varint: varint() })
    else if (wire === WIRE_BYTES) {
      const len = Number(varint())
      if (pos + len > data.length) throw new Error('unexpected EOF')
      out.push({ field, wire, bytes: data.subarray(pos, pos + len) })
      pos += len
    } else throw new Error(`proto: illegal wireType ${wire}`)
  }
  return out
}

export function decodeUtf8(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes)
}

export function encodeUtf8(s: string): Uint8Array {
  return utf8.encode(s)
}

/** int64/int32 from a varint: two's complement, as Go reads it. */
export function toSigned(v: bigint): number {
  return Number(BigInt.asIntN(64, v))
}
