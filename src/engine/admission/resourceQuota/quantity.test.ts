// Canonical forms from k8s.io/apimachinery/pkg/api/resource (quantity_test.go's table, the cases the
// messages in this plugin depend on).
import { describe, expect, it } from 'vitest'
import {
  add,
  canonicalQuantity,
  parseQuantityExact,
  quantityToString,
  roundUpToWhole,
  subtract,
} from './quantity'

describe('Quantity canonical form', () => {
  it.each([
    ['0', '0'],
    ['0m', '0'],
    ['1', '1'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['1.5', '1500m'],
    ['0.5', '500m'],
    ['.5', '500m'],
    ['100m', '100m'],
    ['0.1m', '100u'],
    ['1n', '1n'],
    ['0.5n', '1n'],
    ['1000', '1k'],
    ['1500', '1500'],
    ['2000000', '2M'],
    ['1k', '1k'],
    ['1G', '1G'],
    ['1Ki', '1Ki'],
    ['1024', '1024'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['1.5Gi', '1536Mi'],
    ['1000Mi', '1000Mi'],
    ['0.5Ki', '512'],
    ['0.1Ki', '102400m'],
    ['128Mi', '128Mi'],
    ['1e3', '1e3'],
    ['1E6', '1e6'],
    ['1500e-3', '1500e-3'],
    ['-1', '-1'],
    ['-1500m', '-1500m'],
    ['+1', '1'],
  ])('%s prints as %s', (input, canonical) => {
    expect(canonicalQuantity(input)).toBe(canonical)
  })

  it.each(['', 'abc', '1Kb', '1K', 'm', '1.2.3', '--1'])('%j is not a quantity', (input) => {
    expect(parseQuantityExact(input)).toBeUndefined()
  })

  it('numbers from YAML parse like their text', () => {
    expect(canonicalQuantity(2)).toBe('2')
    expect(canonicalQuantity(0.25)).toBe('250m')
  })

  it('a sum keeps the format of the left operand unless it is zero', () => {
    const zero = parseQuantityExact('0')!
    const mem = parseQuantityExact('512Mi')!
    expect(quantityToString(add(zero, mem))).toBe('512Mi')
    expect(quantityToString(add(mem, parseQuantityExact('512M')!))).toBe('1024288Ki')
    expect(quantityToString(add(parseQuantityExact('600m')!, parseQuantityExact('400m')!))).toBe('1')
    expect(quantityToString(add(parseQuantityExact('1Gi')!, parseQuantityExact('512Mi')!))).toBe('1536Mi')
    expect(quantityToString(subtract(parseQuantityExact('1')!, parseQuantityExact('250m')!))).toBe('750m')
  })

  it('rounds storage up to whole bytes', () => {
    expect(quantityToString(roundUpToWhole(parseQuantityExact('1500m')!))).toBe('2')
    expect(quantityToString(roundUpToWhole(parseQuantityExact('1Gi')!))).toBe('1Gi')
  })
})
