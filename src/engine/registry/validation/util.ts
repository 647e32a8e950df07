// Small readers for untyped JSON objects: validation must never throw on a malformed manifest.
export type Obj = Record<string, unknown>

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
export const asObj = (v: unknown): Obj => (isObj(v) ? v : {})
export const str = (v: unknown): string => (typeof v === 'string' ? v : '')
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
export const strMap = (v: unknown): Record<string, string> | undefined =>
  isObj(v) ? (v as Record<string, string>) : undefined
/** An int32/int64 field: missing reads as Go's zero value. */
export const int = (v: unknown): number => (typeof v === 'number' ? v : 0)
