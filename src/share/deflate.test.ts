import { deflateSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { deflateRaw, inflateRawBounded } from './deflate'

const text = new TextEncoder().encode('kind: Pod\n'.repeat(500))

describe('inflateRawBounded', () => {
  it('round-trips raw deflate', () => {
    const result = inflateRawBounded(deflateRaw(text), 1 << 20)
    expect(result).toEqual({ ok: true, bytes: text })
  })

  it('an output of exactly the limit is accepted, one byte more is not', () => {
    expect(inflateRawBounded(deflateRaw(text), text.length).ok).toBe(true)
    expect(inflateRawBounded(deflateRaw(text), text.length - 1)).toEqual({ ok: false, error: 'too-large' })
  })

  it('stops a decompression bomb early instead of allocating it', () => {
    // 16 MiB of zeros deflate to about 16 KB; the limit stops the inflate after about 1 MiB.
    const bomb = deflateSync(new Uint8Array(16 << 20), { level: 1 })
    expect(bomb.length).toBeLessThan(100_000)
    expect(inflateRawBounded(bomb, 1 << 20)).toEqual({ ok: false, error: 'too-large' })
  }, 30_000)

  it.each<[string, Uint8Array]>([
    ['cut short', deflateRaw(text).subarray(0, 20)],
    ['not deflate', new Uint8Array([0xff, 0xff, 0xff, 0xff])],
    ['empty', new Uint8Array()],
  ])('refuses input that is %s', (_what, input) => {
    expect(inflateRawBounded(input, 1 << 20)).toEqual({ ok: false, error: 'corrupt' })
  })
})
