// Raw deflate (RFC 1951, no zlib header: two bytes shorter) at the strongest level, and an inflate that stops as
// soon as the output passes a limit, so a small hostile link cannot make the page allocate gigabytes.
import { Inflate, deflateSync } from 'fflate'

// Deflate expands at most about 1,032 times, so 1 KiB of input yields at most about 1 MiB per push.
const INPUT_SLICE = 1024

export function deflateRaw(bytes: Uint8Array, dictionary?: Uint8Array): Uint8Array {
  return deflateSync(bytes, { level: 9, ...(dictionary ? { dictionary } : {}) })
}

export type InflateResult = { ok: true; bytes: Uint8Array } | { ok: false; error: 'too-large' | 'corrupt' }

export function inflateRawBounded(input: Uint8Array, limit: number, dictionary?: Uint8Array): InflateResult {
  const chunks: Uint8Array[] = []
  let size = 0
  let done = false
  const inflater = new Inflate(dictionary ? { dictionary } : {}, (chunk, final) => {
    size += chunk.length
    if (size <= limit) chunks.push(chunk)
    if (final) done = true
  })
  try {
    for (let at = 0; at < input.length && size <= limit; at += INPUT_SLICE) {
      const end = Math.min(at + INPUT_SLICE, input.length)
      inflater.push(input.subarray(at, end), end === input.length)
    }
  } catch {
    return { ok: false, error: 'corrupt' }
  }
  if (size > limit) return { ok: false, error: 'too-large' }
  if (!done) return { ok: false, error: 'corrupt' }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return { ok: true, bytes }
}
