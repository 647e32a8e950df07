// Just enough of resource.Quantity to compare requests with limits and to compute the QoS class. Values
// are parsed to plain numbers: exact for everything a person writes in a manifest (m, Ki..Ei, k..E, e-notation).

const quantityRe = /^([+-]?[0-9.]+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?[0-9]+)?$/

const multipliers: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
}

/** The quantity's value, or NaN when it does not parse (decoding would have rejected it with a 400). */
export function parseQuantity(q: unknown): number {
  if (typeof q === 'number') return q
  if (typeof q !== 'string') return NaN
  const m = quantityRe.exec(q.trim())
  if (!m) return NaN
  const base = Number(m[1])
  const suffix = m[2] ?? ''
  if (suffix[0] === 'e' || suffix[0] === 'E') return base * 10 ** Number(suffix.slice(1))
  return base * multipliers[suffix]!
}

/** Quantity.Cmp with a tolerance that absorbs floating-point noise from milli and binary suffixes. */
export function compareQuantities(a: number, b: number): number {
  const diff = a - b
  const scale = Math.max(Math.abs(a), Math.abs(b), 1e-9)
  if (Math.abs(diff) <= scale * 1e-12) return 0
  return diff < 0 ? -1 : 1
}

/** How a Quantity prints back: the engine keeps the user's spelling (the real server canonicalises it). */
export function quantityString(q: unknown): string {
  return typeof q === 'string' ? q : String(q)
}

type ResourceList = Record<string, unknown> | undefined
interface ContainerLike {
  resources?: { requests?: ResourceList; limits?: ResourceList }
}

const qosResources = ['cpu', 'memory'] as const

/**
 * qos.ComputePodQOS: BestEffort when no container asks for cpu or memory at all, Guaranteed when every
 * container sets both limits and the requests equal the limits, Burstable otherwise.
 */
export function computePodQOS(containers: ContainerLike[]): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const requests = new Map<string, number>()
  const limits = new Map<string, number>()
  let guaranteed = true
  for (const c of containers) {
    const req = c?.resources?.requests
    const lim = c?.resources?.limits
    for (const name of qosResources) {
      const r = parseQuantity(req?.[name])
      if (r > 0) requests.set(name, (requests.get(name) ?? 0) + r)
    }
    let found = 0
    for (const name of qosResources) {
      const l = parseQuantity(lim?.[name])
      if (l > 0) {
        found++
        limits.set(name, (limits.get(name) ?? 0) + l)
      }
    }
    if (found !== qosResources.length) guaranteed = false
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort'
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name)
      if (lim === undefined || compareQuantities(lim, req) !== 0) {
        guaranteed = false
        break
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable'
}

const binarySuffixes: readonly [string, number][] = [
  ['Ei', 2 ** 60],
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
]
const decimalSuffixes: readonly [string, number][] = [
  ['E', 1e18],
  ['P', 1e15],
  ['T', 1e12],
  ['G', 1e9],
  ['M', 1e6],
  ['k', 1e3],
]

/**
 * A computed quantity (a sum) in the canonical form Quantity.String() gives: whole numbers with the largest
 * exact binary or decimal suffix, fractions in milli-units. The engine only formats values it added up.
 */
export function formatQuantity(value: number): string {
  if (!Number.isInteger(value)) return `${Math.round(value * 1000)}m`
  if (value === 0) return '0'
  for (const [suffix, size] of binarySuffixes) if (value % size === 0) return `${value / size}${suffix}`
  for (const [suffix, size] of decimalSuffixes) if (value % size === 0) return `${value / size}${suffix}`
  return String(value)
}
