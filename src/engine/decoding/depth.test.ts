import { describe, expect, it } from 'vitest'
import { jsonDepthError, valueDepth } from './depth'

describe('nesting depth (encoding/json scanner maxNestingDepth)', () => {
  it.each<[string, string | undefined]>([
    ['{"a":[1,{"b":2}]}', undefined],
    ['['.repeat(1_000) + ']'.repeat(1_000), undefined],
    ['['.repeat(1_001) + ']'.repeat(1_001), "invalid character '[' exceeded max depth"],
    ['['.repeat(10_001) + ']'.repeat(10_001), "invalid character '[' exceeded max depth"],
    ['{"a":' + '{"a":'.repeat(1_000) + '1' + '}'.repeat(1_001), "invalid character '{' exceeded max depth"],
    ['"' + '['.repeat(20_000) + '"', undefined],
    ['"\\"' + '['.repeat(20_000) + '"', undefined],
  ])('%#', (text, want) => expect(jsonDepthError(text)).toBe(want))

  it('measures a parsed value without recursion', () => {
    let deep: unknown = 1
    for (let i = 0; i < 19_999; i++) deep = [deep]
    expect(valueDepth({ a: [1, { b: 2 }] })).toBe(3)
    expect(valueDepth(deep)).toBe(1_001)
    expect(valueDepth(deep, 20_000)).toBe(19_999)
  })
})
