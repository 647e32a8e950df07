// corev1.ResourceList arithmetic as k8s.io/apiserver/pkg/quota/v1/resources.go does it. Lists are Maps from
// resource name to Quantity; insertion order does not matter because everything printed is sorted by name.
import {
  add,
  compare,
  isZero,
  quantityToString,
  sign,
  subtract,
  toQuantity,
  type Quantity,
} from '../../quantity'

export type ResourceList = Map<string, Quantity>

/** A ResourceList from JSON (`{cpu: "500m"}`), skipping what is not an object. */
export function resourceListFrom(json: unknown): ResourceList {
  const list: ResourceList = new Map()
  if (!json || typeof json !== 'object' || Array.isArray(json)) return list
  for (const [name, value] of Object.entries(json as Record<string, unknown>))
    list.set(name, toQuantity(value))
  return list
}

/** The JSON form: keys sorted (Go marshals maps that way) and canonical quantities. */
export function resourceListToJson(list: ResourceList): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of [...list.keys()].sort()) out[name] = quantityToString(list.get(name)!)
  return out
}

/** quota.Add: keys of both; where both have a value, the left one's format wins. */
export function addLists(a: ResourceList, b: ResourceList): ResourceList {
  const result: ResourceList = new Map()
  for (const [name, q] of a) {
    const other = b.get(name)
    result.set(name, other ? add(q, other) : q)
  }
  for (const [name, q] of b) if (!a.has(name)) result.set(name, q)
  return result
}

/** quota.SubtractWithNonNegativeResult: a - b per key of a, never below zero. */
export function subtractNonNegative(a: ResourceList, b: ResourceList): ResourceList {
  const result: ResourceList = new Map()
  for (const [name, q] of a) {
    const other = b.get(name)
    let value = other ? subtract(q, other) : q
    if (sign(value) < 0) value = { nanos: 0n, format: value.format }
    result.set(name, value)
  }
  return result
}

/** quota.Mask: only the named keys. */
export function mask(list: ResourceList, names: Iterable<string>): ResourceList {
  const result: ResourceList = new Map()
  for (const name of names) {
    const q = list.get(name)
    if (q) result.set(name, q)
  }
  return result
}

export function removeZeros(list: ResourceList): ResourceList {
  return new Map([...list].filter(([, q]) => !isZero(q)))
}

/** quota.IsNegative: the names whose value is below zero. */
export function negativeNames(list: ResourceList): string[] {
  return [...list].filter(([, q]) => sign(q) < 0).map(([name]) => name)
}

/** quota.LessThanOrEqual: whether every value of a fits under b's value for the same name (absent in b fits). */
export function exceededNames(a: ResourceList, b: ResourceList): string[] {
  const exceeded: string[] = []
  for (const [name, q] of a) {
    const limit = b.get(name)
    if (limit && compare(q, limit) > 0) exceeded.push(name)
  }
  return exceeded
}

/** quota.Equals: same keys with equal values (formats aside). */
export function listsEqual(a: ResourceList, b: ResourceList): boolean {
  if (a.size !== b.size) return false
  for (const [name, q] of a) {
    const other = b.get(name)
    if (!other || compare(q, other) !== 0) return false
  }
  return true
}

/** prettyPrint in the quota controller: `name=value` sorted by name, joined with ",". */
export function prettyPrint(list: ResourceList): string {
  return [...list.keys()]
    .sort()
    .map((name) => `${name}=${quantityToString(list.get(name)!)}`)
    .join(',')
}

/** maxResourceList: keeps, per name, the larger of the current and the new value. */
export function maxInto(target: ResourceList, other: ResourceList): void {
  for (const [name, q] of other) {
    const current = target.get(name)
    if (!current || compare(q, current) > 0) target.set(name, q)
  }
}

/** addResourceList: adds other into target in place. */
export function addInto(target: ResourceList, other: ResourceList): void {
  for (const [name, q] of other) {
    const current = target.get(name)
    target.set(name, current ? add(current, q) : q)
  }
}
