// resource.Quantity (k8s.io/apimachinery/pkg/api/resource) for the whole engine: the registry's checks, QoS,
// ResourceQuota, LimitRanger and the CEL quantity library. Quota and LimitRanger messages print every digit
// and sums must not drift, so a value is a whole number of nano-units in a bigint, never a float.
import { QUANTITY_FORMAT_WRONG, QUANTITY_SUFFIX } from './decoding/goTypes'

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent'

export interface Quantity {
  /** The value in units of 10^-9, the finest a Quantity keeps. */
  readonly nanos: bigint
  /** The suffix family the value prints in: the one it was written with, or the left operand's. */
  readonly format: QuantityFormat
}

export type QuantityParse =
  { quantity: Quantity; error?: undefined } | { quantity?: undefined; error: string }

const NANO = 1_000_000_000n
const MAX_INT64 = 2n ** 63n - 1n
const MIN_INT64 = -(2n ** 63n)

const DECIMAL_SUFFIX_EXPONENT = new Map<string, number>([
  ['n', -9],
  ['u', -6],
  ['m', -3],
  ['', 0],
  ['k', 3],
  ['M', 6],
  ['G', 9],
  ['T', 12],
  ['P', 15],
  ['E', 18],
])
const DECIMAL_SUFFIX_BY_EXPONENT = new Map([...DECIMAL_SUFFIX_EXPONENT].map(([s, e]) => [e, s]))
const BINARY_SUFFIX_POWER = new Map<string, bigint>([
  ['Ki', 10n],
  ['Mi', 20n],
  ['Gi', 30n],
  ['Ti', 40n],
  ['Pi', 50n],
  ['Ei', 60n],
])
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']

// Go accepts any exponent that fits an int64 because it keeps the scale apart from the digits; here the
// exponent becomes digits of a bigint, so one past this is refused rather than built.
const MAX_EXPONENT = 10_000

// parseQuantityString's scan: sign, digits, an optional fraction, then suffix letters and signed digits.
// The suffix must open with a letter or a sign, as it does in Go (the number took every digit before it),
// which also keeps a long run of digits from backtracking. Go reads a number with no digit at all (".",
// "-", "m") as zero; here it is not a quantity, so that a stray suffix is never taken for a value.
const QUANTITY_SYNTAX = /^([+-]?)(\d*)(?:\.(\d*))?((?:[eEinumkKMGTP]+[+-]?|[+-])\d*)?$/
const EXPONENT = /^[eE][+-]?\d+$/

/** Ceiling division away from zero, as inf.Dec rounds with RoundUp. */
function divideRoundingUp(numerator: bigint, denominator: bigint): bigint {
  const q = numerator / denominator
  if (q * denominator === numerator) return q
  return numerator < 0n ? q - 1n : q + 1n
}

/** The suffix's format and what it scales the digits by, or undefined for an unknown suffix (ErrSuffix). */
function interpretSuffix(
  suffix: string,
): { format: QuantityFormat; exponent: number; power: bigint } | undefined {
  const exponent = DECIMAL_SUFFIX_EXPONENT.get(suffix)
  if (exponent !== undefined) return { format: 'DecimalSI', exponent, power: 0n }
  const power = BINARY_SUFFIX_POWER.get(suffix)
  if (power !== undefined) return { format: 'BinarySI', exponent: 0, power }
  if (!EXPONENT.test(suffix)) return undefined
  const e = Number(suffix.slice(1))
  return Math.abs(e) > MAX_EXPONENT ? undefined : { format: 'DecimalExponent', exponent: e, power: 0n }
}

/**
 * ParseQuantity of the text exactly as given (no surrounding space), with Go's error text when it is not a
 * quantity. Anything finer than a nano is rounded up, away from zero; a BinarySI value is capped at 2^63-1,
 * and one strictly between 0 and 1 becomes DecimalSI, as Go does.
 */
export function parseQuantityText(text: string): QuantityParse {
  const m = QUANTITY_SYNTAX.exec(text)
  if (!m) return { error: QUANTITY_FORMAT_WRONG }
  const [, sign = '', whole = '', fraction = '', suffix = ''] = m
  const unit = interpretSuffix(suffix)
  if (!unit) return { error: QUANTITY_SUFFIX }
  if (whole === '' && fraction === '') return { error: QUANTITY_FORMAT_WRONG }

  const scale = unit.exponent - fraction.length + 9
  let nanos = BigInt(whole + fraction) << unit.power
  nanos = scale >= 0 ? nanos * 10n ** BigInt(scale) : divideRoundingUp(nanos, 10n ** BigInt(-scale))
  let format = unit.format
  if (format === 'BinarySI') {
    if (nanos > MAX_INT64 * NANO) nanos = MAX_INT64 * NANO
    if (nanos > 0n && nanos < NANO) format = 'DecimalSI'
  }
  return { quantity: { nanos: sign === '-' ? -nanos : nanos, format } }
}

/**
 * A quantity as a manifest holds it, the way Quantity.UnmarshalJSON reads it: a string with the spaces
 * around it trimmed, or a number as its text. Undefined when it is not a quantity (decoding rejects those).
 */
export function parseQuantityExact(input: unknown): Quantity | undefined {
  if (typeof input === 'number' && Number.isFinite(input)) return parseQuantityText(String(input)).quantity
  if (typeof input === 'string') return parseQuantityText(input.trim()).quantity
  return undefined
}

export const zeroQuantity = (format: QuantityFormat = 'DecimalSI'): Quantity => ({ nanos: 0n, format })

/** NewQuantity: a whole number of units. */
export const quantityFromInt = (n: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity => ({
  nanos: BigInt(n) * NANO,
  format,
})

/** Like parseQuantityExact, for values already stored: one that does not parse counts as zero. */
export function toQuantity(input: unknown): Quantity {
  return parseQuantityExact(input) ?? zeroQuantity()
}

export const isZero = (q: Quantity) => q.nanos === 0n
export const sign = (q: Quantity) => (q.nanos === 0n ? 0 : q.nanos < 0n ? -1 : 1)
/** Quantity.Cmp: -1, 0 or 1. */
export const compare = (a: Quantity, b: Quantity) => (a.nanos === b.nanos ? 0 : a.nanos < b.nanos ? -1 : 1)

/** Quantity.Add: the sum keeps the left operand's format unless the left operand is zero. */
export function add(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format }
}

/** Quantity.Sub: likewise keeps the left operand's format unless it is zero. */
export function subtract(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos - b.nanos, format: a.nanos === 0n ? b.format : a.format }
}

/** Quantity.RoundUp(0): whole units, fractions rounded away from zero (PVC storage is charged in bytes). */
export function roundUpToWhole(q: Quantity): Quantity {
  return { nanos: divideRoundingUp(q.nanos, NANO) * NANO, format: q.format }
}

/** Quantity.Value: whole units, rounded away from zero. */
export const wholeValue = (q: Quantity): bigint => divideRoundingUp(q.nanos, NANO)

/** Quantity.MilliValue: thousandths of a unit, rounded away from zero. */
export const milliValue = (q: Quantity): bigint => divideRoundingUp(q.nanos, 1_000_000n)

/** The value as a whole int64, or undefined when it has a fraction or does not fit. */
export function exactInt64(q: Quantity): bigint | undefined {
  if (q.nanos % NANO !== 0n) return undefined
  const units = q.nanos / NANO
  return units > MAX_INT64 || units < MIN_INT64 ? undefined : units
}

/** The nearest double (AsApproximateFloat64); registry checks that only need an order use it too. */
export function toNumber(q: Quantity): number {
  const n = Number(q.nanos)
  if (Number.isSafeInteger(n)) return n / 1e9
  return Number(q.nanos / NANO) + Number(q.nanos % NANO) / 1e9
}

function trailingZeros(digits: string): number {
  let i = digits.length
  while (i > 1 && digits[i - 1] === '0') i--
  return digits.length - i
}

/** Digits and base-10 suffix of a positive nano count, the exponent a multiple of three (AsCanonicalBytes). */
function decimalCanonical(nanos: bigint, exponentForm: boolean): string {
  const digits = nanos.toString()
  const zeros = trailingZeros(digits)
  let exponent = zeros - 9
  const pad = ((exponent % 3) + 3) % 3
  exponent -= pad
  let mantissa = digits.slice(0, digits.length - zeros) + '0'.repeat(pad)
  if (exponentForm) return exponent === 0 ? mantissa : `${mantissa}e${exponent}`
  // No SI suffix goes beyond E: the mantissa carries the rest.
  if (exponent > 18) {
    mantissa += '0'.repeat(exponent - 18)
    exponent = 18
  }
  return mantissa + DECIMAL_SUFFIX_BY_EXPONENT.get(exponent)!
}

/** A positive whole number of units with the largest binary suffix that keeps it whole, up to Ei. */
function binaryCanonical(units: bigint): string {
  let power = 0
  while (power < BINARY_SUFFIXES.length - 1 && units % 1024n === 0n) {
    units /= 1024n
    power++
  }
  return `${units}${BINARY_SUFFIXES[power]}`
}

/**
 * Quantity.String(): the canonical form kube-apiserver prints and stores. The suffix stays in the format's
 * family, as large as it can be without a fraction; BinarySI prints in decimal below 1024 or with a fraction,
 * so that nothing is rounded away.
 */
export function quantityToString(q: Quantity): string {
  if (q.nanos === 0n) return '0'
  const sign = q.nanos < 0n ? '-' : ''
  const abs = q.nanos < 0n ? -q.nanos : q.nanos
  if (q.format === 'BinarySI' && abs >= 1024n * NANO && abs % NANO === 0n)
    return sign + binaryCanonical(abs / NANO)
  return sign + decimalCanonical(abs, q.format === 'DecimalExponent')
}

/** The canonical spelling of a quantity as a manifest holds it, or the input as text when it does not parse. */
export function canonicalQuantity(input: unknown): string {
  const q = parseQuantityExact(input)
  return q ? quantityToString(q) : String(input)
}
