// CEL values as JSON, for showing what an expression evaluated to. The trace crosses a worker boundary and
// is compared in tests, so every value becomes plain data: ints as numbers (or text when too large for
// one), maps as objects, and the library's own types (quantities, URLs, IPs, durations) as their text. A
// list or map past a few hundred entries shows its first ones and how many more there are: a value near the
// cost limit can hold millions, which no one reads and the trace should not carry.
import { Optional } from '@marcbachmann/cel-js'
import { CIDR, IPAddr, ipString, KubeURL, Quantity } from './library'

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

const hasOwnToString = (v: object) => {
  const ts = (v as { toString?: unknown }).toString
  return typeof ts === 'function' && ts !== Object.prototype.toString
}

const MAX_SHOWN = 256

function shownList(items: unknown[]): JsonValue[] {
  const shown = items.slice(0, MAX_SHOWN).map(displayValue)
  if (items.length > MAX_SHOWN) shown.push(`… ${items.length - MAX_SHOWN} more`)
  return shown
}

export function displayValue(value: unknown): JsonValue {
  if (value === null || value === undefined) return null
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return value
    case 'number':
      return Number.isFinite(value) ? value : String(value)
    case 'bigint':
      return Number.isSafeInteger(Number(value)) ? Number(value) : String(value)
    case 'object':
      break
    default:
      return String(value)
  }
  if (Array.isArray(value)) return shownList(value)
  if (value instanceof Map)
    return Object.fromEntries([...value].map(([k, v]) => [String(k), displayValue(v)]))
  if (value instanceof Optional) return value.hasValue() ? displayValue(value.value()) : 'optional.none()'
  if (value instanceof Quantity) return value.text
  if (value instanceof KubeURL) return value.url.href
  if (value instanceof IPAddr) return ipString(value)
  if (value instanceof CIDR) return `${ipString(value.ip)}/${value.prefix}`
  if (value instanceof Uint8Array) return `b"${new TextDecoder().decode(value)}"`
  if (value instanceof Date) return value.toISOString()
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, JsonValue> = {}
    for (const [k, v] of Object.entries(value)) out[k] = displayValue(v)
    return out
  }
  return hasOwnToString(value) ? String(value) : (value.constructor?.name ?? 'object')
}
