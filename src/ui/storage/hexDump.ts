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
      hex: chunk.map((b) => b.toString(16).padStart(2, '0')).join(' '),
      ascii: chunk.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join(''),
    })
  }
  return rows
}

const K8S_PREFIX = [0x6b, 0x38, 0x73, 0x00]

/** How the value is encoded: kube-apiserver's protobuf envelope, or JSON for kinds without a schema. */
export function encodingOf(bytes: Uint8Array): 'protobuf' | 'json' | 'other' {
  if (K8S_PREFIX.every((b, i) => bytes[i] === b)) return 'protobuf'
  return bytes[0] === 0x7b ? 'json' : 'other'
}
