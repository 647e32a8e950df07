// The typed operations of structured-merge-diff over plain JSON: the field set of an object, the
// comparison of two objects, the merge of an apply configuration into a live object, and the removal of
// owned items. Lists merge according to their list type and atomic fields are replaced whole.
import { cloneJson } from '../clone'
import { emptySet, insert, type FieldSet } from './fieldpath'
import { isAtomicAt, KEY_DEFAULTS, listTypeAt, type ListType } from './schema'

type Json = unknown
type JsonObject = Record<string, Json>

export class TypedError extends Error {}

const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)
const isEmptyContainer = (v: Json) =>
  v === null ||
  v === undefined ||
  (Array.isArray(v) ? v.length === 0 : isObject(v) && Object.keys(v).length === 0)

function deepEqual(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** The path element of a list item: `k:{...}` for keyed lists, `v:...` for sets. */
export function itemElement(type: ListType, item: Json, index: number): string {
  if (type.type === 'set') return `v:${JSON.stringify(item)}`
  if (type.type === 'map' && isObject(item)) {
    const key: JsonObject = {}
    for (const field of [...type.keys].sort()) {
      const value = field in item ? item[field] : KEY_DEFAULTS[field]
      if (value === undefined)
        throw new TypedError(
          `element ${index}: associative list with keys has an element that omits key field "${field}" (and doesn't have default value)`,
        )
      key[field] = value
    }
    return `k:${JSON.stringify(key)}`
  }
  return `i:${index}`
}

function itemsByElement(type: ListType, list: Json[]): Map<string, Json> {
  const out = new Map<string, Json>()
  list.forEach((item, i) => out.set(itemElement(type, item, i), item))
  return out
}

interface Walk {
  kind: string
  schemaPath: string[]
  path: string[]
}

function child(w: Walk, field: string): Walk {
  return { kind: w.kind, schemaPath: [...w.schemaPath, field], path: [...w.path, `f:${field}`] }
}

/** Object.ToFieldSet: every leaf, every list item, and every empty or atomic value. */
export function toFieldSet(obj: JsonObject, kind: string): FieldSet {
  const set = emptySet()
  const walk = (w: Walk, value: Json) => {
    if (!isObject(value) && !Array.isArray(value)) return insert(set, w.path)
    if (isEmptyContainer(value) || isAtomicAt(w.schemaPath)) return insert(set, w.path)
    if (Array.isArray(value)) {
      const type = listTypeAt(w.kind, w.schemaPath)
      if (type.type === 'atomic') return insert(set, w.path)
      for (const [element, item] of itemsByElement(type, value)) {
        const itemWalk = { ...w, path: [...w.path, element] }
        insert(set, itemWalk.path)
        if (isObject(item)) for (const [k, v] of Object.entries(item)) walk(child(itemWalk, k), v)
      }
      return
    }
    for (const [k, v] of Object.entries(value)) walk(child(w, k), v)
  }
  for (const [k, v] of Object.entries(obj)) walk(child({ kind, schemaPath: [], path: [] }, k), v)
  return set
}

export interface Comparison {
  added: FieldSet
  modified: FieldSet
  removed: FieldSet
}

/** TypedValue.Compare: leaves added, modified and removed, plus every container that appeared or went. */
export function compare(lhs: JsonObject, rhs: JsonObject, kind: string): Comparison {
  const result: Comparison = { added: emptySet(), modified: emptySet(), removed: emptySet() }
  // One path and one schema path, pushed and popped as the walk descends: every write goes through here.
  const path: string[] = []
  const schemaPath: string[] = []
  const leaf = (l: Json, r: Json) => {
    if (l === undefined) insert(result.added, path)
    else if (r === undefined) insert(result.removed, path)
    else if (l !== r && (typeof l === 'object' || typeof r === 'object') ? !deepEqual(l, r) : l !== r)
      insert(result.modified, path)
  }
  const nullish = (v: Json) => v === undefined || v === null
  const walk = (l: Json, r: Json) => {
    const lObj = isObject(l)
    const rObj = isObject(r)
    const asMap = (lObj || rObj) && (lObj || nullish(l)) && (rObj || nullish(r))
    const asList =
      !asMap &&
      (Array.isArray(l) || Array.isArray(r)) &&
      (Array.isArray(l) || nullish(l)) &&
      (Array.isArray(r) || nullish(r))
    if ((!asMap && !asList) || (isEmptyContainer(l) && isEmptyContainer(r)) || isAtomicAt(schemaPath))
      return leaf(l, r)
    if (asMap) fields(l, r)
    else {
      const type = listTypeAt(kind, schemaPath)
      if (type.type === 'atomic') return leaf(l, r)
      const left = itemsByElement(type, Array.isArray(l) ? l : [])
      const right = itemsByElement(type, Array.isArray(r) ? r : [])
      const visit = (element: string) => {
        path.push(element)
        walk(left.get(element), right.get(element))
        path.pop()
      }
      for (const element of left.keys()) visit(element)
      for (const element of right.keys()) if (!left.has(element)) visit(element)
    }
    if (l === undefined) insert(result.added, path)
    else if (r === undefined) insert(result.removed, path)
  }
  const fields = (l: Json, r: Json) => {
    const lo = isObject(l) ? l : undefined
    const ro = isObject(r) ? r : undefined
    const visit = (key: string) => {
      path.push(`f:${key}`)
      schemaPath.push(key)
      walk(lo?.[key], ro?.[key])
      path.pop()
      schemaPath.pop()
    }
    if (lo) for (const key in lo) visit(key)
    if (ro) for (const key in ro) if (!lo || !(key in lo)) visit(key)
  }
  fields(lhs, rhs)
  return result
}

/** TypedValue.Merge: the configuration wins on every leaf; keyed lists and maps merge item by item. */
export function merge(live: JsonObject, config: JsonObject, kind: string): JsonObject {
  const walk = (w: Walk, l: Json, r: Json): Json => {
    if (r === undefined) return cloneJson(l)
    if (l === undefined || isAtomicAt(w.schemaPath)) return cloneJson(r)
    if (isObject(l) && isObject(r)) return isEmptyContainer(l) && isEmptyContainer(r) ? {} : fields(w, l, r)
    if (Array.isArray(l) && Array.isArray(r)) {
      const type = listTypeAt(w.kind, w.schemaPath)
      if (type.type === 'atomic' || (l.length === 0 && r.length === 0)) return cloneJson(r)
      const left = itemsByElement(type, l)
      const right = itemsByElement(type, r)
      // Live items keep their places (merged with the configuration's item of the same key); items only
      // the configuration has follow, in its order.
      const out: Json[] = []
      for (const [element, li] of left) {
        const ri = right.get(element)
        const itemWalk = { ...w, path: [...w.path, element] }
        out.push(
          ri === undefined
            ? cloneJson(li)
            : isObject(li) && isObject(ri)
              ? fields(itemWalk, li, ri)
              : cloneJson(ri),
        )
      }
      for (const [element, ri] of right) if (!left.has(element)) out.push(cloneJson(ri))
      return out
    }
    return cloneJson(r)
  }
  const fields = (w: Walk, l: JsonObject, r: JsonObject): JsonObject => {
    const out: JsonObject = {}
    for (const key of Object.keys(l)) out[key] = walk(child(w, key), l[key], r[key])
    for (const key of Object.keys(r)) if (!(key in l)) out[key] = walk(child(w, key), undefined, r[key])
    return out
  }
  return fields({ kind, schemaPath: [], path: [] }, live, config)
}

/** TypedValue.RemoveItems: drops every field and list item whose path is a member of the set. */
export function removeItems(obj: JsonObject, set: FieldSet, kind: string): JsonObject {
  const walk = (w: Walk, value: Json, node: FieldSet | undefined): Json => {
    if (!node || !node.children.size) return value
    if (Array.isArray(value)) {
      const type = listTypeAt(w.kind, w.schemaPath)
      if (type.type === 'atomic') return value
      const out: Json[] = []
      value.forEach((item, index) => {
        const element = itemElement(type, item, index)
        const itemNode = node.children.get(element)
        if (itemNode?.member) return
        out.push(isObject(item) ? fields({ ...w, path: [...w.path, element] }, item, itemNode) : item)
      })
      return out
    }
    if (isObject(value) && !isAtomicAt(w.schemaPath)) return fields(w, value, node)
    return value
  }
  const fields = (w: Walk, value: JsonObject, node: FieldSet | undefined): JsonObject => {
    if (!node) return value
    const out: JsonObject = {}
    for (const [key, v] of Object.entries(value)) {
      const childNode = node.children.get(`f:${key}`)
      if (childNode?.member) continue
      out[key] = walk(child(w, key), v, childNode)
    }
    return out
  }
  return fields({ kind, schemaPath: [], path: [] }, obj, set)
}
