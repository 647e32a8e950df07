import { describe, expect, it } from 'vitest'
import { goQuote, goQuoteList } from './goQuote'

describe('goQuote (Go %q)', () => {
  it.each([
    ['plain', 'jane', '"jane"'],
    ['space stays', 'a b', '"a b"'],
    ['quote, backslash, newline', 'a\nb"\\', '"a\\nb\\"\\\\"'],
    ['printable Unicode stays, others escaped', 'x\u00a0é\u0001\u007f', '"x\\u00a0é\\x01\\x7f"'],
  ])('%s', (_name, input, expected) => {
    expect(goQuote(input)).toBe(expected)
  })

  it('quotes a []string as Go prints it', () => {
    expect(goQuoteList(['', 'pods'])).toBe('["" "pods"]')
  })
})
