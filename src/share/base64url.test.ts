import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase64url, encodeBase64url } from './base64url'

describe('base64url', () => {
  it('matches RFC 4648 §10 test vectors, without padding and with the URL alphabet', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
      ['\u00fb\u00ff', 'w7vDvw'],
    ]
    for (const [text, encoded] of vectors) {
      const bytes = new TextEncoder().encode(text)
      expect(encodeBase64url(bytes)).toBe(encoded)
      expect(decodeBase64url(encoded)).toEqual(bytes)
    }
    expect(encodeBase64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8')
  })

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(decodeBase64url(encodeBase64url(bytes))).toEqual(bytes)
      }),
    )
  })

  it.each([
    ['padding', 'Zg=='],
    ['the standard alphabet', 'a+b/'],
    ['a length of 4k+1', 'Zm9vY'],
    ['whitespace', 'Zm9v Yg'],
    ['non-ASCII', 'Zm9vé'],
  ])('refuses %s', (_what, text) => {
    expect(decodeBase64url(text)).toBeNull()
  })
})
