// The bytes etcd holds, as `hexdump -C` prints them, and what their first bytes mean.

export interface DumpRow {
  offset: string
  hex: string
  ascii: string
}

export function hexRows(bytes: Uint8Array, width = 16): DumpRow[] {
  const rows: DumpRow[] = []
  for (let at = 0; at < bytes.length; at += width) {
    const chunk = [...bytes.subarray(at, at + width)]
    rows.push({
      offset: at.toString(16).padStart(8, '0'),
      hex: chunk.map(hexByte).join(' '),
      ascii: chunk.map(asciiByte).join(''),
    })
  }
  return rows
}

const hexByte = (b: number) => b.toString(16).padStart(2, '0')
const asciiByte = (b: number) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')

/** A run of bytes the dump picks out (the magic prefix, an encryption prefix, a nonce). */
export interface ByteMark {
  from: number
  to: number
  kind: 'prefix' | 'nonce'
}

/** One row's bytes cut where marks begin and end, each piece as hex and ASCII. */
export interface RowPiece {
  hex: string
  ascii: string
  kind: ByteMark['kind'] | null
}

export function rowPieces(
  bytes: Uint8Array,
  rowStart: number,
  marks: readonly ByteMark[],
  width = 16,
): RowPiece[] {
  const end = Math.min(bytes.length, rowStart + width)
  const cuts = new Set([rowStart, end])
  for (const m of marks) for (const at of [m.from, m.to]) if (at > rowStart && at < end) cuts.add(at)
  const sorted = [...cuts].sort((a, b) => a - b)
  const pieces: RowPiece[] = []
  for (let i = 0; i + 1 < sorted.length; i++) {
    const from = sorted[i]!
    const chunk = [...bytes.subarray(from, sorted[i + 1])]
    const mark = marks.find((m) => from >= m.from && from < m.to)
    pieces.push({
      hex: chunk.map(hexByte).join(' '),
      ascii: chunk.map(asciiByte).join(''),
      kind: mark?.kind ?? null,
    })
  }
  return pieces
}

const K8S_PREFIX = [0x6b, 0x38, 0x73, 0x00]
const ENCRYPTED_PREFIX = [...'k8s:enc:'].map((c) => c.charCodeAt(0))

/**
 * How the value is encoded: kube-apiserver's protobuf envelope, JSON for kinds without a schema, or
 * ciphertext behind a `k8s:enc:` prefix.
 */
export function encodingOf(bytes: Uint8Array): 'protobuf' | 'json' | 'encrypted' | 'other' {
  if (K8S_PREFIX.every((b, i) => bytes[i] === b)) return 'protobuf'
  if (ENCRYPTED_PREFIX.every((b, i) => bytes[i] === b)) return 'encrypted'
  return bytes[0] === 0x7b ? 'json' : 'other'
}

/** Where each provider's payload puts its nonce (IV), after the prefix; the stand-in cipher keeps these sizes. */
export const NONCE_BYTES: Record<string, number> = { aescbc: 16, aesgcm: 12, secretbox: 24 }
