import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { base64, hexUpper, sha256, sha512, utf8 } from './sha2'

// node:crypto is the oracle here; the engine itself may not use it.
const varied = Array.from({ length: 20000 }, (_, i) => String.fromCharCode(32 + ((i * 7919) % 90))).join('')
const inputs = [varied, '', 'abc', '/v1/Pod', 'a'.repeat(111), 'a'.repeat(112), 'a'.repeat(127), 'a'.repeat(128), 'ü'.repeat(500)]

describe('sha2', () => {
  it.each(inputs)('sha256 and sha512 agree with node:crypto for %#', (text) => {
    expect(hexUpper(sha256(utf8(text)))).toBe(createHash('sha256').update(text).digest('hex').toUpperCase())
    expect(hexUpper(sha512(utf8(text)))).toBe(createHash('sha512').update(text).digest('hex').toUpperCase())
  })

  it.each(['', 'f', 'fo', 'foo', 'foob'])('base64 of %j is Go StdEncoding', (text) => {
    expect(base64(utf8(text))).toBe(Buffer.from(text).toString('base64'))
  })

  it('storageVersionHash of pods is the value kube-apiserver publishes', () => {
    expect(base64(sha256(utf8('/v1/Pod')).slice(0, 8))).toBe('xPOwRZ+Yhw8=')
  })
})
