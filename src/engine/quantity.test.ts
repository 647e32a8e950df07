// resource.Quantity case by case. Expected values follow k8s.io/apimachinery/pkg/api/resource
// (quantity_test.go: TestQuantityParse, TestQuantityString, TestQuantityParseEmit, the invalid list).
import { describe, expect, it } from 'vitest'
import { QUANTITY_FORMAT_WRONG, QUANTITY_SUFFIX } from './decoding/goTypes'
import {
  add,
  canonicalQuantity,
  compare,
  exactInt64,
  milliValue,
  parseQuantityExact,
  parseQuantityText,
  quantityFromInt,
  quantityToString,
  roundUpToWhole,
  sign,
  subtract,
  toNumber,
  toQuantity,
  wholeValue,
  type Quantity,
  type QuantityFormat,
} from './quantity'
import { computePodQOS, formatQuantity, parseQuantity } from './registry/quantity'

const MAX_INT64 = 9223372036854775807n

const q = (text: string): Quantity => {
  const parsed = parseQuantityText(text)
  if (!parsed.quantity) throw new Error(`${text}: ${parsed.error}`)
  return parsed.quantity
}

describe('parseQuantityText: value, format and canonical form', () => {
  it.each<[string, bigint, QuantityFormat, string]>([
    ['0', 0n, 'DecimalSI', '0'],
    ['0n', 0n, 'DecimalSI', '0'],
    ['0m', 0n, 'DecimalSI', '0'],
    ['0Ki', 0n, 'BinarySI', '0'],
    ['-0', 0n, 'DecimalSI', '0'],
    ['1', 1_000_000_000n, 'DecimalSI', '1'],
    ['+1', 1_000_000_000n, 'DecimalSI', '1'],
    ['-1', -1_000_000_000n, 'DecimalSI', '-1'],
    // binary suffixes
    ['1Ki', 1024n * 10n ** 9n, 'BinarySI', '1Ki'],
    ['8Ki', 8192n * 10n ** 9n, 'BinarySI', '8Ki'],
    ['7Mi', 7n * 2n ** 20n * 10n ** 9n, 'BinarySI', '7Mi'],
    ['1024Mi', 2n ** 30n * 10n ** 9n, 'BinarySI', '1Gi'],
    ['1536Mi', 1536n * 2n ** 20n * 10n ** 9n, 'BinarySI', '1536Mi'],
    ['1.5Gi', 1536n * 2n ** 20n * 10n ** 9n, 'BinarySI', '1536Mi'],
    ['1000Mi', 1000n * 2n ** 20n * 10n ** 9n, 'BinarySI', '1000Mi'],
    ['3Ei', 3n * 2n ** 60n * 10n ** 9n, 'BinarySI', '3Ei'],
    ['-1.5Gi', -1536n * 2n ** 20n * 10n ** 9n, 'BinarySI', '-1536Mi'],
    ['0.5Mi', 512n * 1024n * 10n ** 9n, 'BinarySI', '512Ki'],
    // BinarySI below 1024, or with a fraction, prints in decimal
    ['0.5Ki', 512n * 10n ** 9n, 'BinarySI', '512'],
    ['0.1Ki', 102_400_000_000n, 'BinarySI', '102400m'],
    ['100.035Ki', 102_435_840_000_000n, 'BinarySI', '102435840m'],
    ['.001Ki', 1_024_000_000n, 'BinarySI', '1024m'],
    // BinarySI strictly between 0 and 1 becomes DecimalSI
    ['.000001Ki', 1_024_000n, 'DecimalSI', '1024u'],
    ['.000000001Ki', 1024n, 'DecimalSI', '1024n'],
    ['0.000000000001Ki', 2n, 'DecimalSI', '2n'],
    // decimal suffixes
    ['5n', 5n, 'DecimalSI', '5n'],
    ['4u', 4000n, 'DecimalSI', '4u'],
    ['100m', 100_000_000n, 'DecimalSI', '100m'],
    ['1000m', 1_000_000_000n, 'DecimalSI', '1'],
    ['1500m', 1_500_000_000n, 'DecimalSI', '1500m'],
    ['0.1m', 100_000n, 'DecimalSI', '100u'],
    ['1000', 10n ** 12n, 'DecimalSI', '1k'],
    ['1500', 1500n * 10n ** 9n, 'DecimalSI', '1500'],
    ['50k', 50_000n * 10n ** 9n, 'DecimalSI', '50k'],
    ['1000M', 10n ** 18n, 'DecimalSI', '1G'],
    ['2000000', 2n * 10n ** 15n, 'DecimalSI', '2M'],
    ['300T', 300n * 10n ** 21n, 'DecimalSI', '300T'],
    ['1E', 10n ** 27n, 'DecimalSI', '1E'],
    ['1024', 1024n * 10n ** 9n, 'DecimalSI', '1024'],
    // fractions
    ['0.1', 100_000_000n, 'DecimalSI', '100m'],
    ['1.5', 1_500_000_000n, 'DecimalSI', '1500m'],
    ['.5', 500_000_000n, 'DecimalSI', '500m'],
    ['-.5', -500_000_000n, 'DecimalSI', '-500m'],
    ['1.', 1_000_000_000n, 'DecimalSI', '1'],
    ['1.G', 10n ** 18n, 'DecimalSI', '1G'],
    ['.0001k', 100_000_000n, 'DecimalSI', '100m'],
    ['0.00050k', 500_000_000n, 'DecimalSI', '500m'],
    ['100.035k', 100_035n * 10n ** 9n, 'DecimalSI', '100035'],
    ['10.035M', 10_035_000n * 10n ** 9n, 'DecimalSI', '10035k'],
    ['1.500', 1_500_000_000n, 'DecimalSI', '1500m'],
    // finer than a nano rounds up, away from zero
    ['3.001n', 4n, 'DecimalSI', '4n'],
    ['0.5n', 1n, 'DecimalSI', '1n'],
    ['0.0000000001', 1n, 'DecimalSI', '1n'],
    ['0.00000012345', 124n, 'DecimalSI', '124n'],
    ['-0.00000012345', -124n, 'DecimalSI', '-124n'],
    // decimal exponents keep the exponent form, a multiple of three
    ['1e3', 10n ** 12n, 'DecimalExponent', '1e3'],
    ['1E6', 10n ** 15n, 'DecimalExponent', '1e6'],
    ['1e14', 10n ** 23n, 'DecimalExponent', '100e12'],
    ['1E-3', 1_000_000n, 'DecimalExponent', '1e-3'],
    ['1500e-3', 1_500_000_000n, 'DecimalExponent', '1500e-3'],
    ['0.5e0', 500_000_000n, 'DecimalExponent', '500e-3'],
    ['0.5e-1', 50_000_000n, 'DecimalExponent', '50e-3'],
    ['1.2e3', 1200n * 10n ** 9n, 'DecimalExponent', '1200'],
    ['1.3E+6', 1_300_000n * 10n ** 9n, 'DecimalExponent', '1300e3'],
    ['1.7E18', 17n * 10n ** 26n, 'DecimalExponent', '1700e15'],
    ['1.1E-9', 2n, 'DecimalExponent', '2e-9'],
    ['1e0005', 10n ** 14n, 'DecimalExponent', '100e3'],
  ])('%s', (text, nanos, format, canonical) => {
    const parsed = q(text)
    expect(parsed).toEqual({ nanos, format })
    expect(quantityToString(parsed)).toBe(canonical)
  })
})

describe('parseQuantityText: huge values', () => {
  it.each<[string, bigint, string]>([
    // BinarySI is capped at 2^63-1, DecimalSI and exponents are not
    ['8Ei', MAX_INT64 * 10n ** 9n, '9223372036854775807'],
    ['9Ei', MAX_INT64 * 10n ** 9n, '9223372036854775807'],
    ['-9Ei', -MAX_INT64 * 10n ** 9n, '-9223372036854775807'],
    ['9223372036854775807Ki', MAX_INT64 * 10n ** 9n, '9223372036854775807'],
    ['12E', 12n * 10n ** 27n, '12E'],
    ['9223372036854775808', (MAX_INT64 + 1n) * 10n ** 9n, '9223372036854775808'],
    ['1e21', 10n ** 30n, '1e21'],
    // no SI suffix beyond E: the mantissa carries the rest
    ['1000E', 10n ** 30n, '1000E'],
    ['1e10000', 10n ** 10009n, '10e9999'],
    ['1e-10000', 1n, '1e-9'],
  ])('%s', (text, nanos, canonical) => {
    expect(q(text).nanos).toBe(nanos)
    expect(quantityToString(q(text))).toBe(canonical)
  })
})

describe('parseQuantityText: not quantities', () => {
  it.each([
    ['', QUANTITY_FORMAT_WRONG],
    ['abc', QUANTITY_FORMAT_WRONG],
    ['aoeu', QUANTITY_FORMAT_WRONG],
    ['1Kb', QUANTITY_FORMAT_WRONG],
    ['1Gb', QUANTITY_FORMAT_WRONG],
    ['1.2.3', QUANTITY_FORMAT_WRONG],
    ['1.1.M', QUANTITY_FORMAT_WRONG],
    ['1+1.0M', QUANTITY_FORMAT_WRONG],
    ['0.1am', QUANTITY_FORMAT_WRONG],
    ['1e+-5', QUANTITY_FORMAT_WRONG],
    ['25%', QUANTITY_FORMAT_WRONG],
    [' 1', QUANTITY_FORMAT_WRONG],
    ['1 ', QUANTITY_FORMAT_WRONG],
    ['1.5 Gi', QUANTITY_FORMAT_WRONG],
    // no digit at all
    ['.', QUANTITY_FORMAT_WRONG],
    ['-', QUANTITY_FORMAT_WRONG],
    ['m', QUANTITY_FORMAT_WRONG],
    ['Ki', QUANTITY_FORMAT_WRONG],
    ['1K', QUANTITY_SUFFIX],
    ['1kk', QUANTITY_SUFFIX],
    ['1i', QUANTITY_SUFFIX],
    ['192i', QUANTITY_SUFFIX],
    ['.5i', QUANTITY_SUFFIX],
    ['0.1mi', QUANTITY_SUFFIX],
    ['-3.01i', QUANTITY_SUFFIX],
    ['1e', QUANTITY_SUFFIX],
    ['1E-', QUANTITY_SUFFIX],
    ['-3.01e-', QUANTITY_SUFFIX],
    ['--1', QUANTITY_SUFFIX],
    // an exponent past what is built exactly
    ['1e10001', QUANTITY_SUFFIX],
    ['1e-10001', QUANTITY_SUFFIX],
    ['1e4294967297', QUANTITY_SUFFIX],
  ])('%j: %s', (text, error) => {
    expect(parseQuantityText(text)).toEqual({ error })
  })
})

describe('parseQuantityExact: a value as a manifest holds it', () => {
  it.each<[unknown, string | undefined]>([
    [' 2Gi ', '2Gi'],
    ['\t100m\n', '100m'],
    [2, '2'],
    [0.25, '250m'],
    [1e21, '1e21'],
    [-1.5, '-1500m'],
    [Number.NaN, undefined],
    [Infinity, undefined],
    [null, undefined],
    [undefined, undefined],
    [true, undefined],
    [{}, undefined],
    ['', undefined],
  ])('%j', (input, canonical) => {
    const parsed = parseQuantityExact(input)
    expect(parsed && quantityToString(parsed)).toBe(canonical)
  })

  it('toQuantity counts what does not parse as zero, canonicalQuantity returns it as text', () => {
    expect(toQuantity('lots')).toEqual({ nanos: 0n, format: 'DecimalSI' })
    expect(canonicalQuantity('lots')).toBe('lots')
    expect(canonicalQuantity(' 1.5Gi')).toBe('1536Mi')
  })
})

describe('compare', () => {
  it.each<[string, string, number]>([
    ['0', '0', 0],
    ['100m', '50m', 1],
    ['50m', '100m', -1],
    ['500m', '0.5', 0],
    ['1000m', '1', 0],
    ['1Ki', '1024', 0],
    ['1e3', '1k', 0],
    ['1Gi', '1000Mi', 1],
    ['1G', '1Gi', -1],
    ['10000T', '100Gi', 1],
    ['-1', '1n', -1],
    ['1n', '0.5n', 0],
    ['9Ei', '10Ei', 0],
    ['12E', '9Ei', 1],
    ['1e10000', '1e9999', 1],
  ])('%s vs %s', (a, b, expected) => {
    expect(compare(q(a), q(b))).toBe(expected)
    expect(compare(q(b), q(a))).toBe(-expected || 0)
  })

  it('sign', () => {
    expect([sign(q('-1n')), sign(q('0Ki')), sign(q('1n'))]).toEqual([-1, 0, 1])
  })
})

describe('add and subtract: exact, in the left operand format unless it is zero', () => {
  it.each<[string, '+' | '-', string, string]>([
    ['0', '+', '512Mi', '512Mi'],
    ['512Mi', '+', '0', '512Mi'],
    ['0', '-', '1Gi', '-1Gi'],
    ['100m', '-', '0', '100m'],
    ['512Mi', '+', '512M', '1024288Ki'],
    ['512M', '+', '512Mi', '1048870912'],
    ['600m', '+', '400m', '1'],
    ['100m', '+', '200m', '300m'],
    ['1Gi', '+', '512Mi', '1536Mi'],
    ['1', '-', '250m', '750m'],
    ['1', '-', '1000m', '0'],
    ['250m', '-', '1', '-750m'],
    ['1e3', '+', '1k', '2e3'],
    ['1k', '+', '1e3', '2k'],
    ['1Ki', '+', '1n', '1024000000001n'],
    ['8Ei', '+', '8Ei', '18446744073709551614'],
    ['4Ei', '+', '4Ei', '8Ei'],
    ['1000E', '+', '1000E', '2000E'],
  ])('%s %s %s = %s', (a, op, b, expected) => {
    const result = op === '+' ? add(q(a), q(b)) : subtract(q(a), q(b))
    expect(quantityToString(result)).toBe(expected)
  })

  it('a BinarySI sum past Ei keeps Ei as its largest suffix', () => {
    let sum = q('4Ei')
    for (let i = 0; i < 8; i++) sum = add(sum, sum)
    expect(quantityToString(sum)).toBe('1024Ei')
    expect(quantityToString(add(sum, q('1Ei')))).toBe('1025Ei')
    expect(quantityToString({ nanos: 2n ** 70n * 10n ** 9n, format: 'BinarySI' })).toBe('1024Ei')
  })

  it('quantityFromInt is NewQuantity', () => {
    expect(quantityToString(quantityFromInt(2048, 'BinarySI'))).toBe('2Ki')
    expect(quantityToString(quantityFromInt(2048n))).toBe('2048')
    expect(quantityToString(quantityFromInt(5000, 'DecimalExponent'))).toBe('5e3')
  })
})

describe('whole, milli and float values', () => {
  it.each<[string, bigint, bigint, string]>([
    ['1500m', 2n, 1500n, '2'],
    ['1.0001', 2n, 1001n, '2'],
    ['0.1m', 1n, 1n, '1'],
    ['1n', 1n, 1n, '1'],
    ['-1500m', -2n, -1500n, '-2'],
    ['-0.1m', -1n, -1n, '-1'],
    ['1Gi', 2n ** 30n, 2n ** 30n * 1000n, '1Gi'],
    ['0', 0n, 0n, '0'],
  ])('%s', (text, whole, milli, rounded) => {
    expect(wholeValue(q(text))).toBe(whole)
    expect(milliValue(q(text))).toBe(milli)
    expect(quantityToString(roundUpToWhole(q(text)))).toBe(rounded)
  })

  it.each<[string, bigint | undefined]>([
    ['2k', 2000n],
    ['1000m', 1n],
    ['1.5Gi', 1610612736n],
    ['-3', -3n],
    ['500m', undefined],
    ['9223372036854775807', MAX_INT64],
    ['9223372036854775808', undefined],
    ['-9223372036854775808', -MAX_INT64 - 1n],
    ['-9223372036854775809', undefined],
    ['12E', undefined],
  ])('exactInt64(%s)', (text, expected) => {
    expect(exactInt64(q(text))).toBe(expected)
  })

  it.each<[string, number]>([
    ['100m', 0.1],
    ['1.5Gi', 1610612736],
    ['-2.5', -2.5],
    ['1n', 1e-9],
    ['1e21', 1e21],
    ['12E', 1.2e19],
    ['1e400', Infinity],
  ])('toNumber(%s)', (text, expected) => {
    expect(toNumber(q(text))).toBe(expected)
  })
})

describe('the registry adapter', () => {
  it.each<[unknown, number]>([
    ['100m', 0.1],
    ['1Gi', 2 ** 30],
    ['5n', 5e-9],
    [' 2 ', 2],
    [3, 3],
  ])('parseQuantity(%j)', (input, expected) => {
    expect(parseQuantity(input)).toBe(expected)
  })

  it.each([['1.2.3'], ['m'], [''], [null]])('parseQuantity(%j) is NaN', (input) => {
    expect(parseQuantity(input)).toBeNaN()
  })

  it.each<[number, string]>([
    [0, '0'],
    [2048, '2Ki'],
    [1024 * 1000, '1000Ki'],
    [1500, '1500'],
    [3e9, '3G'],
    [2e9, '1953125Ki'],
    [1e21, '953674316406250Mi'],
    [-2048, '-2Ki'],
    [1.5, '1500m'],
    [0.1 + 0.2, '300m'],
    [0.1 + 0.2 + 0.7, '1'],
    [0.0001, '100u'],
    [1e10 + 0.5, '10000000000500m'],
  ])('formatQuantity(%d)', (value, expected) => {
    expect(formatQuantity(value)).toBe(expected)
  })

  it('computePodQOS compares exactly', () => {
    const container = (requests: Record<string, string>, limits: Record<string, string>) => ({
      resources: { requests, limits },
    })
    expect(computePodQOS([container({ cpu: '0.1', memory: '1Gi' }, { cpu: '100m', memory: '1024Mi' })])).toBe(
      'Guaranteed',
    )
    expect(
      computePodQOS([container({ cpu: '1', memory: '1Gi' }, { cpu: '1.000000001', memory: '1Gi' })]),
    ).toBe('Burstable')
    expect(computePodQOS([container({ cpu: '0' }, {})])).toBe('BestEffort')
  })
})
