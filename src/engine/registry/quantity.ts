// The registry's view of resource.Quantity: validation and defaulting compare and add values as numbers,
// which is exact for anything a manifest holds; parsing is engine/quantity.ts's, and QoS compares exactly.
import {
  add,
  compare,
  parseQuantityExact,
  quantityToString,
  sign,
  toNumber,
  zeroQuantity,
  type Quantity,
} from '../quantity'

/** The quantity's value, or NaN when it does not parse (decoding would have rejected it with a 400). */
export function parseQuantity(q: unknown): number {
  const parsed = parseQuantityExact(q)
  return parsed ? toNumber(parsed) : NaN
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

/** A positive quantity from a resource list, or undefined: ComputePodQOS ignores zero and negative values. */
function positive(list: ResourceList, name: string): Quantity | undefined {
  const q = parseQuantityExact(list?.[name])
  return q && sign(q) > 0 ? q : undefined
}

/**
 * qos.ComputePodQOS: BestEffort when no container asks for cpu or memory at all, Guaranteed when every
 * container sets both limits and the requests equal the limits, Burstable otherwise.
 */
export function computePodQOS(containers: ContainerLike[]): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const requests = new Map<string, Quantity>()
  const limits = new Map<string, Quantity>()
  let guaranteed = true
  for (const c of containers) {
    const req = c?.resources?.requests
    const lim = c?.resources?.limits
    for (const name of qosResources) {
      const r = positive(req, name)
      if (r) requests.set(name, add(requests.get(name) ?? zeroQuantity(), r))
    }
    let found = 0
    for (const name of qosResources) {
      const l = positive(lim, name)
      if (l) {
        found++
        limits.set(name, add(limits.get(name) ?? zeroQuantity(), l))
      }
    }
    if (found !== qosResources.length) guaranteed = false
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort'
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name)
      if (lim === undefined || compare(lim, req) !== 0) {
        guaranteed = false
        break
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable'
}

/**
 * A computed quantity (a sum) in the canonical form Quantity.String() gives: a whole number of units a
 * multiple of 1024 prints with a binary suffix, anything else with a decimal one. Fractions are kept to the
 * nano, which also drops the floating-point noise of adding them up.
 */
export function formatQuantity(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  const whole = Math.trunc(value)
  const nanos = BigInt(whole) * 1_000_000_000n + BigInt(Math.round((value - whole) * 1e9))
  const binary = nanos !== 0n && nanos % 1_024_000_000_000n === 0n
  return quantityToString({ nanos, format: binary ? 'BinarySI' : 'DecimalSI' })
}
