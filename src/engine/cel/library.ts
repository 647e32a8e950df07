// The Kubernetes CEL libraries policies use (k8s.io/apiserver/pkg/cel/library): quantity, url, regex,
// lists, sets, ip and cidr, plus the strings extension's replace and format. Registered on a
// @marcbachmann/cel-js Environment; ints are BigInt, doubles are numbers.
import { type Environment, EvaluationError } from '@marcbachmann/cel-js'
import {
  add,
  compare,
  exactInt64,
  parseQuantityText,
  quantityFromInt,
  quantityToString,
  sign,
  subtract,
  toNumber,
  zeroQuantity,
  type Quantity as QuantityValue,
  type QuantityFormat,
} from '../quantity'
import { regexFind, regexFindAll, regexMatches } from './regex'

const fail = (message: string): never => {
  throw new EvaluationError(message)
}

// ---- quantity (library/quantity.go) ----

/**
 * A kubernetes.Quantity value: the exact quantity, and the text it shows as, which is what the expression
 * wrote for quantity('...') and the canonical form for a computed one.
 */
export class Quantity implements QuantityValue {
  readonly nanos: bigint
  readonly format: QuantityFormat
  readonly text: string
  constructor(value: QuantityValue, text = quantityToString(value)) {
    this.nanos = value.nanos
    this.format = value.format
    this.text = text
  }
}

function registerQuantity(env: Environment): void {
  env.registerType('kubernetes.Quantity', Quantity)
  const T = 'kubernetes.Quantity'
  env.registerFunction(`quantity(string): ${T}`, (s: string) => {
    const parsed = parseQuantityText(s)
    return parsed.quantity ? new Quantity(parsed.quantity, s) : fail(parsed.error)
  })
  env.registerFunction('isQuantity(string): bool', (s: string) => parseQuantityText(s).quantity !== undefined)
  env.registerFunction(`${T}.sign(): int`, (a: Quantity) => BigInt(sign(a)))
  env.registerFunction(`${T}.isInteger(): bool`, (a: Quantity) => exactInt64(a) !== undefined)
  env.registerFunction(
    `${T}.asInteger(): int`,
    (a: Quantity) => exactInt64(a) ?? fail('cannot convert value to integer'),
  )
  env.registerFunction(`${T}.asApproximateFloat(): double`, (a: Quantity) => toNumber(a))
  env.registerFunction(`${T}.compareTo(${T}): int`, (a: Quantity, b: Quantity) => BigInt(compare(a, b)))
  env.registerFunction(`${T}.isGreaterThan(${T}): bool`, (a: Quantity, b: Quantity) => compare(a, b) > 0)
  env.registerFunction(`${T}.isLessThan(${T}): bool`, (a: Quantity, b: Quantity) => compare(a, b) < 0)
  // An int operand is NewQuantity(n, DecimalExponent), which shows when the quantity it is added to is zero.
  const int = (n: bigint) => quantityFromInt(n, 'DecimalExponent')
  env.registerFunction(`${T}.add(${T}): ${T}`, (a: Quantity, b: Quantity) => new Quantity(add(a, b)))
  env.registerFunction(`${T}.add(int): ${T}`, (a: Quantity, b: bigint) => new Quantity(add(a, int(b))))
  env.registerFunction(`${T}.sub(${T}): ${T}`, (a: Quantity, b: Quantity) => new Quantity(subtract(a, b)))
  env.registerFunction(`${T}.sub(int): ${T}`, (a: Quantity, b: bigint) => new Quantity(subtract(a, int(b))))
}

// ---- url (library/urls.go) ----

export class KubeURL {
  readonly url: URL
  constructor(url: URL) {
    this.url = url
  }
}

function parseURL(s: string): URL | undefined {
  // url.ParseRequestURI: absolute URLs or absolute paths only.
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(s) && !s.startsWith('/')) return undefined
  try {
    return new URL(s, 'http://relative.invalid')
  } catch {
    return undefined
  }
}

function registerURL(env: Environment): void {
  const T = 'kubernetes.URL'
  env.registerType(T, KubeURL)
  env.registerFunction(`url(string): ${T}`, (s: string) => {
    const u = parseURL(s)
    return u
      ? new KubeURL(u)
      : fail(`URL parse error during conversion from string: parse "${s}": invalid URI for request`)
  })
  env.registerFunction('isURL(string): bool', (s: string) => parseURL(s) !== undefined)
  const relative = (u: URL) => u.host === 'relative.invalid'
  env.registerFunction(`${T}.getScheme(): string`, (u: KubeURL) =>
    relative(u.url) ? '' : u.url.protocol.slice(0, -1),
  )
  env.registerFunction(`${T}.getHost(): string`, (u: KubeURL) => (relative(u.url) ? '' : u.url.host))
  env.registerFunction(`${T}.getHostname(): string`, (u: KubeURL) =>
    relative(u.url) ? '' : u.url.hostname.replace(/^\[(.*)\]$/, '$1'),
  )
  env.registerFunction(`${T}.getPort(): string`, (u: KubeURL) => (relative(u.url) ? '' : u.url.port))
  env.registerFunction(`${T}.getEscapedPath(): string`, (u: KubeURL) => u.url.pathname)
  env.registerFunction(`${T}.getQuery(): map<string, list<string>>`, (u: KubeURL) => {
    const out: Record<string, string[]> = {}
    for (const [k, v] of u.url.searchParams) (out[k] ??= []).push(v)
    return out
  })
}

// ---- regex (library/regex.go), RE2 as Go's regexp ----

/** find and findAll report a bad pattern met at run time as `Illegal regex: <Go's error>`. */
function illegalRegex(run: () => unknown): never | unknown {
  try {
    return run()
  } catch (error) {
    return fail(`Illegal regex: ${error instanceof Error ? error.message : String(error)}`)
  }
}

function registerRegex(env: Environment): void {
  env.registerFunction('string.find(string): string', (s: string, re: string) =>
    illegalRegex(() => regexFind(s, re)),
  )
  const findAll = (s: string, re: string, n: bigint) =>
    illegalRegex(() => regexFindAll(s, re, n > 2_147_483_647n ? -1 : Number(n)))
  env.registerFunction('string.findAll(string): list<string>', (s: string, re: string) => findAll(s, re, -1n))
  env.registerFunction('string.findAll(string, int): list<string>', findAll)
  // The receiver form string.matches is the library's own; the evaluator routes it through RE2 (cost.ts).
  env.registerFunction('matches(string, string): bool', (s: string, re: string) => {
    try {
      return regexMatches(s, re)
    } catch (error) {
      return fail(error instanceof Error ? error.message : String(error))
    }
  })
}

// ---- lists (library/lists.go) ----

function compareValues(a: unknown, b: unknown): number {
  if (a instanceof Quantity && b instanceof Quantity) return compare(a, b)
  if (typeof a !== typeof b && !(typeof a === 'number' || typeof b === 'number')) fail('no such overload')
  if ((a as number) < (b as number)) return -1
  if ((a as number) > (b as number)) return 1
  return 0
}

function celEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a === 'bigint' && typeof b === 'number') return Number(a) === b
  if (typeof a === 'number' && typeof b === 'bigint') return a === Number(b)
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => celEquals(x, b[i]))
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    return (
      ka.length === kb.length &&
      ka.every(
        (k) => k in b && celEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
      )
    )
  }
  return false
}

function registerLists(env: Environment): void {
  env.registerFunction('list.isSorted(): bool', (l: unknown[]) =>
    l.every((v, i) => i === 0 || compareValues(l[i - 1], v) <= 0),
  )
  env.registerFunction('list.sum(): dyn', (l: unknown[]) => {
    if (l.length === 0) return 0n
    if (l[0] instanceof Quantity)
      return new Quantity((l as Quantity[]).reduce<QuantityValue>(add, zeroQuantity()))
    if (typeof l[0] === 'bigint') return (l as bigint[]).reduce((s, v) => s + v, 0n)
    return (l as number[]).reduce((s, v) => s + Number(v), 0)
  })
  const pick = (l: unknown[], sign: number, name: string) => {
    if (l.length === 0) fail(`${name}(list) argument must not be empty`)
    return l.reduce((m, v) => (compareValues(v, m) * sign > 0 ? v : m))
  }
  env.registerFunction('list.min(): dyn', (l: unknown[]) => pick(l, -1, 'min'))
  env.registerFunction('list.max(): dyn', (l: unknown[]) => pick(l, 1, 'max'))
  env.registerFunction('list.indexOf(dyn): int', (l: unknown[], v: unknown) =>
    BigInt(l.findIndex((x) => celEquals(x, v))),
  )
  env.registerFunction('list.lastIndexOf(dyn): int', (l: unknown[], v: unknown) => {
    for (let i = l.length - 1; i >= 0; i--) if (celEquals(l[i], v)) return BigInt(i)
    return -1n
  })
}

// ---- sets (cel-go ext/sets.go) ----

class SetsNamespace {}

function registerSets(env: Environment): void {
  env.registerType('kubernetes.SetsNamespace', SetsNamespace)
  env.registerConstant('sets', 'kubernetes.SetsNamespace', new SetsNamespace())
  const has = (l: unknown[], v: unknown) => l.some((x) => celEquals(x, v))
  env.registerFunction(
    'kubernetes.SetsNamespace.contains(list, list): bool',
    (_: unknown, a: unknown[], b: unknown[]) => b.every((v) => has(a, v)),
  )
  env.registerFunction(
    'kubernetes.SetsNamespace.equivalent(list, list): bool',
    (_: unknown, a: unknown[], b: unknown[]) => b.every((v) => has(a, v)) && a.every((v) => has(b, v)),
  )
  env.registerFunction(
    'kubernetes.SetsNamespace.intersects(list, list): bool',
    (_: unknown, a: unknown[], b: unknown[]) => b.some((v) => has(a, v)),
  )
}

// ---- ip and cidr (library/ip.go, library/cidr.go) ----

/** An IP as a 128-bit BigInt and its family; IPv4 addresses use the low 32 bits. */
export class IPAddr {
  readonly family: 4 | 6
  readonly value: bigint
  constructor(family: 4 | 6, value: bigint) {
    this.family = family
    this.value = value
  }
}

export class CIDR {
  readonly ip: IPAddr
  readonly prefix: number
  constructor(ip: IPAddr, prefix: number) {
    this.ip = ip
    this.prefix = prefix
  }
}

function parseIPv4(s: string): bigint | undefined {
  const parts = s.split('.')
  if (parts.length !== 4) return undefined
  let v = 0n
  for (const p of parts) {
    // netip rejects leading zeros.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return undefined
    v = (v << 8n) | BigInt(p)
  }
  return v
}

function parseIPv6(s: string): bigint | undefined {
  if (s.includes('%')) return undefined // zones are rejected by the Kubernetes library
  const halves = s.split('::')
  if (halves.length > 2) return undefined
  const wordsOf = (h: string, last: boolean): bigint[] | undefined => {
    if (h === '') return []
    const out: bigint[] = []
    const groups = h.split(':')
    for (const [i, g] of groups.entries()) {
      if (last && i === groups.length - 1 && g.includes('.')) {
        const v4 = parseIPv4(g)
        if (v4 === undefined) return undefined
        out.push(v4 >> 16n, v4 & 0xffffn)
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) out.push(BigInt(`0x${g}`))
      else return undefined
    }
    return out
  }
  const head = wordsOf(halves[0]!, halves.length === 1)
  const tail = halves.length === 2 ? wordsOf(halves[1]!, true) : []
  if (!head || !tail) return undefined
  const missing = 8 - head.length - tail.length
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined
  const words = [...head, ...new Array<bigint>(missing).fill(0n), ...tail]
  return words.reduce((v, w) => (v << 16n) | w, 0n)
}

export function parseIP(s: string): IPAddr | undefined {
  const v4 = parseIPv4(s)
  if (v4 !== undefined) return new IPAddr(4, v4)
  const v6 = s.includes(':') ? parseIPv6(s) : undefined
  return v6 === undefined ? undefined : new IPAddr(6, v6)
}

export function parseCIDR(s: string): CIDR | undefined {
  const slash = s.indexOf('/')
  if (slash < 0) return undefined
  const ip = parseIP(s.slice(0, slash))
  const bits = s.slice(slash + 1)
  if (!ip || !/^(0|[1-9][0-9]*)$/.test(bits)) return undefined
  const prefix = Number(bits)
  if (prefix > (ip.family === 4 ? 32 : 128)) return undefined
  return new CIDR(ip, prefix)
}

export function ipString(ip: IPAddr): string {
  if (ip.family === 4) return [24n, 16n, 8n, 0n].map((s) => String((ip.value >> s) & 255n)).join('.')
  const words = Array.from({ length: 8 }, (_, i) => (ip.value >> BigInt(112 - 16 * i)) & 0xffffn)
  // The longest run of two or more zero words becomes '::'.
  let best = -1
  let bestLen = 1
  for (let i = 0; i < 8;) {
    let j = i
    while (j < 8 && words[j] === 0n) j++
    if (j - i > bestLen) {
      best = i
      bestLen = j - i
    }
    i = j === i ? i + 1 : j
  }
  const hex = words.map((w) => w.toString(16))
  if (best < 0) return hex.join(':')
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`
}

function inCIDR(c: CIDR, ip: IPAddr): boolean {
  if (c.ip.family !== ip.family) return false
  const width = c.ip.family === 4 ? 32 : 128
  const shift = BigInt(width - c.prefix)
  return c.ip.value >> shift === ip.value >> shift
}

function registerNet(env: Environment): void {
  const I = 'net.IP'
  const C = 'net.CIDR'
  env.registerType(I, IPAddr)
  env.registerType(C, CIDR)
  const ip = (s: string) =>
    parseIP(s) ??
    fail(`IP Address '${s}' parse error during conversion from string: ParseAddr("${s}"): unable to parse IP`)
  const cidr = (s: string) =>
    parseCIDR(s) ??
    fail(`network address parse error during conversion from string: netip.ParsePrefix("${s}"): bad prefix`)
  env.registerFunction(`ip(string): ${I}`, ip)
  env.registerFunction('isIP(string): bool', (s: string) => parseIP(s) !== undefined)
  env.registerFunction(`string(${I}): string`, ipString)
  env.registerFunction(`${I}.family(): int`, (a: IPAddr) => BigInt(a.family))
  env.registerFunction(`${I}.isUnspecified(): bool`, (a: IPAddr) => a.value === 0n)
  env.registerFunction(`${I}.isLoopback(): bool`, (a: IPAddr) =>
    a.family === 4 ? a.value >> 24n === 127n : a.value === 1n,
  )
  env.registerFunction(`${I}.isGlobalUnicast(): bool`, (a: IPAddr) =>
    a.family === 4
      ? a.value !== 0n &&
        a.value >> 24n !== 127n &&
        a.value >> 28n !== 14n &&
        a.value !== 0xffffffffn &&
        a.value >> 16n !== 0xa9fen
      : a.value !== 0n && a.value !== 1n && a.value >> 120n !== 0xffn && a.value >> 118n !== 0x3fan,
  )
  env.registerFunction(`${I}.isLinkLocalUnicast(): bool`, (a: IPAddr) =>
    a.family === 4 ? a.value >> 16n === 0xa9fen : a.value >> 118n === 0x3fan,
  )
  env.registerFunction(`${I}.isLinkLocalMulticast(): bool`, (a: IPAddr) =>
    a.family === 4 ? a.value >> 8n === 0xe00000n : a.value >> 112n === 0xff02n,
  )
  env.registerFunction(`cidr(string): ${C}`, cidr)
  env.registerFunction('isCIDR(string): bool', (s: string) => parseCIDR(s) !== undefined)
  env.registerFunction(`string(${C}): string`, (c: CIDR) => `${ipString(c.ip)}/${c.prefix}`)
  env.registerFunction(`${C}.containsIP(string): bool`, (c: CIDR, s: string) => inCIDR(c, ip(s)))
  env.registerFunction(`${C}.containsIP(${I}): bool`, inCIDR)
  env.registerFunction(`${C}.containsCIDR(string): bool`, (c: CIDR, s: string) => {
    const o = cidr(s)
    return o.prefix >= c.prefix && inCIDR(c, o.ip)
  })
  env.registerFunction(
    `${C}.containsCIDR(${C}): bool`,
    (c: CIDR, o: CIDR) => o.prefix >= c.prefix && inCIDR(c, o.ip),
  )
  env.registerFunction(`${C}.ip(): ${I}`, (c: CIDR) => c.ip)
  env.registerFunction(`${C}.prefixLength(): int`, (c: CIDR) => BigInt(c.prefix))
  env.registerFunction(`${C}.masked(): ${C}`, (c: CIDR) => {
    const shift = BigInt((c.ip.family === 4 ? 32 : 128) - c.prefix)
    return new CIDR(new IPAddr(c.ip.family, (c.ip.value >> shift) << shift), c.prefix)
  })
}

// ---- strings extension: replace, format ----

function formatValue(v: unknown, verb: string): string {
  switch (verb) {
    case 'd':
      if (typeof v !== 'bigint')
        fail(
          `error during formatting: decimal clause can only be used on integers, was given ${typeof v === 'number' ? 'double' : typeof v}`,
        )
      return String(v)
    case 'f':
    case 'e':
      return typeof v === 'number' || typeof v === 'bigint'
        ? Number(v).toFixed(6)
        : fail('error during formatting: fixed-point clause can only be used on doubles')
    case 'x':
      return typeof v === 'bigint'
        ? v.toString(16)
        : typeof v === 'string'
          ? Array.from(new TextEncoder().encode(v), (b) => b.toString(16).padStart(2, '0')).join('')
          : fail('error during formatting: only integers, byte buffers, and strings can be formatted as hex')
    case 'b':
      return typeof v === 'bigint'
        ? v.toString(2)
        : fail('error during formatting: only integers and bools can be formatted as binary')
    default:
      return stringify(v)
  }
}

function stringify(v: unknown): string {
  if (typeof v === 'string') return v
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v)
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v)
  if (v === null || v === undefined) return 'null'
  if (Array.isArray(v)) return `[${v.map(stringify).join(', ')}]`
  if (v instanceof Quantity) return v.text
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))
    return `{${entries.map(([k, x]) => `${k}: ${stringify(x)}`).join(', ')}}`
  }
  return String(v)
}

function registerStrings(env: Environment): void {
  const replace = (s: string, from: string, to: string, n: bigint) => {
    if (n < 0n) return s.split(from).join(to)
    let out = s
    let at = 0
    for (let i = 0n; i < n; i++) {
      const k = out.indexOf(from, at)
      if (k < 0) break
      out = out.slice(0, k) + to + out.slice(k + from.length)
      at = k + to.length
    }
    return out
  }
  env.registerFunction('string.replace(string, string): string', (s: string, a: string, b: string) =>
    replace(s, a, b, -1n),
  )
  env.registerFunction('string.replace(string, string, int): string', replace)
  env.registerFunction('string.format(list): string', (s: string, args: unknown[]) => {
    let i = 0
    return s.replace(/%(\.[0-9]+)?([sdfexbo%])/g, (_m, precision: string | undefined, verb: string) => {
      if (verb === '%') return '%'
      if (i >= args.length) fail(`index ${i} out of range`)
      const v = args[i++]
      if (verb === 'f' && precision && (typeof v === 'number' || typeof v === 'bigint'))
        return Number(v).toFixed(Number(precision.slice(1)))
      return formatValue(v, verb)
    })
  })
}

/** Registers every Kubernetes library on the environment. */
export function registerKubernetesLibraries(env: Environment): void {
  registerQuantity(env)
  registerURL(env)
  registerRegex(env)
  registerLists(env)
  registerSets(env)
  registerNet(env)
  registerStrings(env)
}
