// resource.Quantity as k8s.io/apimachinery implements it, exactly: quota and limit messages print quantities
// in their canonical form ("1500m", "1Gi", "2"), and sums must not drift, so values are kept as whole
// nano-units in a bigint instead of floating point. The registry's parseQuantity (floating point) is enough
// for QoS; here every digit shows up in a 403 message.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent'

export interface Quantity {
  /** The value in units of 10^-9, rounded up as ParseQuantity rounds anything finer than a nano. */
  nanos: bigint
  format: QuantityFormat
}

const NANO = 1_000_000_000n

const decimalSuffixExponent: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
}
const binarySuffixPower: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 }
const exponentSuffix: Record<number, string> = {
  [-9]: 'n',
  [-6]: 'u',
  [-3]: 'm',
  0: '',
  3: 'k',
  6: 'M',
  9: 'G',
  12: 'T',
  15: 'P',
  18: 'E',
}
const binarySuffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']

const quantityRe = /^([+-]?)(\d+\.?\d*|\.\d+)(.*)$/

export const zeroQuantity = (format: QuantityFormat = 'DecimalSI'): Quantity => ({ nanos: 0n, format })

export const quantityFromInt = (n: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity => ({
  nanos: BigInt(n) * NANO,
  format,
})

/** Ceiling division away from zero, as inf.Dec rounding with RoundUp does. */
function divideRoundingUp(numerator: bigint, denominator: bigint): bigint {
  const q = numerator / denominator
  if (q * denominator === numerator) return q
  return numerator < 0n ? q - 1n : q + 1n
}

/** ParseQuantity; undefined when the text is not a quantity (decoding rejects those with a 400 first). */
export function parseQuantityExact(input: unknown): Quantity | undefined {
  let text: string
  if (typeof input === 'number' && Number.isFinite(input)) text = String(input)
  else if (typeof input === 'string') text = input.trim()
  else return undefined
  const m = quantityRe.exec(text)
  if (!m) return undefined
  const [, sign, number, suffix] = m as unknown as [string, string, string, string]
  const [whole = '', fraction = ''] = number.split('.')
  const digits = BigInt((whole || '0') + fraction)
  const fractionDigits = fraction.length

  let format: QuantityFormat
  let numerator = digits * NANO
  let denominator = 10n ** BigInt(fractionDigits)
  if (suffix in decimalSuffixExponent) {
    format = 'DecimalSI'
    const exp = decimalSuffixExponent[suffix]!
    if (exp >= 0) numerator *= 10n ** BigInt(exp)
    else denominator *= 10n ** BigInt(-exp)
  } else if (suffix in binarySuffixPower) {
    format = 'BinarySI'
    numerator *= 2n ** BigInt(binarySuffixPower[suffix]!)
  } else if (/^[eE][+-]?\d+$/.test(suffix)) {
    format = 'DecimalExponent'
    const exp = Number(suffix.slice(1))
    if (Math.abs(exp) > 1000) return undefined
    if (exp >= 0) numerator *= 10n ** BigInt(exp)
    else denominator *= 10n ** BigInt(-exp)
  } else return undefined
  let nanos = divideRoundingUp(numerator, denominator)
  if (sign === '-') nanos = -nanos
  return { nanos, format }
}

/** Like parseQuantityExact, for values the caller knows are stored quantities; unparsable ones count as 0. */
export function toQuantity(input: unknown): Quantity {
  return parseQuantityExact(input) ?? zeroQuantity()
}

export const isZero = (q: Quantity) => q.nanos === 0n
export const sign = (q: Quantity) => (q.nanos === 0n ? 0 : q.nanos < 0n ? -1 : 1)
export const compare = (a: Quantity, b: Quantity) => (a.nanos === b.nanos ? 0 : a.nanos < b.nanos ? -1 : 1)

/** Quantity.Add: the sum keeps the left operand's format unless the left operand is zero. */
export function add(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format }
}

/** Quantity.Sub: likewise keeps the left operand's format unless it is zero. */
export function subtract(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos - b.nanos, format: a.nanos === 0n ? b.format : a.format }
}

/** Quantity.RoundUp(0): whole units, rounding fractions up (PVC storage is charged in whole bytes). */
export function roundUpToWhole(q: Quantity): Quantity {
  return { nanos: divideRoundingUp(q.nanos, NANO) * NANO, format: q.format }
}

function decimalCanonical(nanos: bigint, format: QuantityFormat): string {
  const negative = nanos < 0n
  let mantissa = negative ? -nanos : nanos
  let exponent = -9
  while (mantissa % 10n === 0n) {
    mantissa /= 10n
    exponent++
  }
  // The exponent goes down to a multiple of three, so the suffix is one of n, u, m, k, M, G...
  const rest = ((exponent % 3) + 3) % 3
  mantissa *= 10n ** BigInt(rest)
  exponent -= rest
  let suffix: string
  if (format === 'DecimalExponent') suffix = exponent === 0 ? '' : `e${exponent}`
  else {
    // No SI suffix beyond E: the mantissa carries the rest.
    while (exponent > 18) {
      mantissa *= 1000n
      exponent -= 3
    }
    suffix = exponentSuffix[exponent]!
  }
  return `${negative ? '-' : ''}${mantissa}${suffix}`
}

/** Quantity.String(): the canonical form kube-apiserver prints and stores. */
export function quantityToString(q: Quantity): string {
  if (q.nanos === 0n) return '0'
  let format = q.format
  if (format === 'BinarySI') {
    // Small values and fractions print in decimal so nothing is rounded away.
    const small = q.nanos > -1024n * NANO && q.nanos < 1024n * NANO
    if (small || q.nanos % NANO !== 0n) format = 'DecimalSI'
  }
  if (format !== 'BinarySI') return decimalCanonical(q.nanos, format)
  const negative = q.nanos < 0n
  let mantissa = (negative ? -q.nanos : q.nanos) / NANO
  let power = 0
  while (power < binarySuffixes.length - 1 && mantissa % 1024n === 0n) {
    mantissa /= 1024n
    power++
  }
  return `${negative ? '-' : ''}${mantissa}${binarySuffixes[power]}`
}

/** The canonical spelling of a quantity as written in a manifest, or the input when it does not parse. */
export function canonicalQuantity(input: unknown): string {
  const q = parseQuantityExact(input)
  return q ? quantityToString(q) : String(input)
}
