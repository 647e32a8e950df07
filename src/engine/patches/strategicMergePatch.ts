// Strategic merge patch, the patch type kubectl uses for built-in kinds: like a JSON merge patch, except that
// lists with a patch merge key are merged item by item, and a few $-directives steer the merge
// (k8s.io/apimachinery/pkg/util/strategicpatch). This is the Kubernetes-specific part; plain RFC 7396 merge
// patches use the json-merge-patch library.
import { isMergedScalarList, mergeKeyFor } from './mergeKeys'

type Json = unknown
type JsonObject = Record<string, Json>

export function isPlainObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const SET_ORDER = '$setElementOrder/'
const DELETE_FROM_PRIMITIVE = '$deleteFromPrimitiveList/'

function stripDirectives(value: Json): Json {
  if (Array.isArray(value)) return value.map(stripDirectives)
  if (!isPlainObject(value)) return value
  const out: JsonObject = {}
  for (const [k, v] of Object.entries(value)) if (!k.startsWith('$')) out[k] = stripDirectives(v)
  return out
}

function mergeList(
  original: Json[],
  patch: Json[],
  key: string,
  kind: string,
  path: string[],
  order?: Json[],
): Json[] {
  if (patch.some((item) => isPlainObject(item) && item.$patch === 'replace'))
    return patch.filter((item) => !(isPlainObject(item) && item.$patch === 'replace')).map(stripDirectives)
  const result = original.map((item) => item)
  for (const item of patch) {
    if (!isPlainObject(item)) continue
    const index = result.findIndex((existing) => isPlainObject(existing) && existing[key] === item[key])
    if (item.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1)
      continue
    }
    if (index >= 0) result[index] = applyStrategic(result[index], item, kind, path)
    else result.push(stripDirectives(item))
  }
  if (!order) return result
  // $setElementOrder: the items it names come first, in its order; the rest keep theirs after them.
  const keys = order.filter(isPlainObject).map((o) => o[key])
  const named = keys.flatMap((k) => result.filter((item) => isPlainObject(item) && item[key] === k))
  return [...named, ...result.filter((item) => !named.includes(item))]
}

/** Applies a strategic merge patch to `original` (not changed) and returns the result. */
export function applyStrategic(original: Json, patch: Json, kind: string, path: string[] = []): Json {
  if (!isPlainObject(patch)) return patch
  if (patch.$patch === 'replace') return stripDirectives(patch)
  if (patch.$patch === 'delete') return undefined
  const base: JsonObject = isPlainObject(original) ? { ...original } : {}
  const retain = patch.$retainKeys
  if (Array.isArray(retain))
    for (const k of Object.keys(base)) if (!retain.includes(k) && !(k in patch)) delete base[k]
  for (const [k, value] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith(SET_ORDER)) continue
    if (k.startsWith(DELETE_FROM_PRIMITIVE)) {
      const field = k.slice(DELETE_FROM_PRIMITIVE.length)
      if (Array.isArray(base[field]) && Array.isArray(value))
        base[field] = (base[field] as Json[]).filter((v) => !value.includes(v))
      continue
    }
    const childPath = [...path, k]
    if (value === null) {
      delete base[k]
      continue
    }
    const current = base[k]
    const key = mergeKeyFor(kind, childPath)
    if (Array.isArray(value) && key) {
      const order = patch[`${SET_ORDER}${k}`]
      base[k] = mergeList(
        Array.isArray(current) ? current : [],
        value,
        key,
        kind,
        childPath,
        Array.isArray(order) ? order : undefined,
      )
    } else if (Array.isArray(value) && isMergedScalarList(childPath) && Array.isArray(current)) {
      base[k] = [...current, ...value.filter((v) => !current.includes(v))]
    } else if (isPlainObject(value)) {
      const merged = applyStrategic(current, value, kind, childPath)
      if (merged === undefined) delete base[k]
      else base[k] = merged
    } else {
      base[k] = value
    }
  }
  return base
}

function deepEqual(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function diffList(
  original: Json[],
  modified: Json[],
  current: Json[],
  key: string,
  kind: string,
  path: string[],
): Json[] {
  const find = (list: Json[], id: Json) => list.find((item) => isPlainObject(item) && item[key] === id)
  const patch: Json[] = []
  for (const item of modified) {
    if (!isPlainObject(item)) continue
    const live = find(current, item[key])
    if (!isPlainObject(live)) {
      patch.push(item)
      continue
    }
    const before = find(original, item[key])
    const sub = threeWayPatch(isPlainObject(before) ? before : {}, item, live, kind, path)
    if (Object.keys(sub).length) patch.push({ [key]: item[key], ...sub })
  }
  for (const item of original) {
    if (!isPlainObject(item)) continue
    if (!find(modified, item[key]) && find(current, item[key]))
      patch.push({ $patch: 'delete', [key]: item[key] })
  }
  return patch
}

/**
 * The three-way strategic merge patch kubectl apply sends (CreateThreeWayMergePatch): fields removed since the
 * last applied configuration are deleted, fields that differ from the live object are set, and fields only
 * the server or others set are left alone.
 */
export function threeWayPatch(
  original: JsonObject,
  modified: JsonObject,
  current: JsonObject,
  kind: string,
  path: string[] = [],
): JsonObject {
  const patch: JsonObject = {}
  for (const k of Object.keys(original)) if (!(k in modified) && k in current) patch[k] = null
  for (const [k, m] of Object.entries(modified)) {
    const c = current[k]
    const o = original[k]
    const childPath = [...path, k]
    const key = mergeKeyFor(kind, childPath)
    if (c === undefined) patch[k] = m
    else if (isPlainObject(m) && isPlainObject(c)) {
      const sub = threeWayPatch(isPlainObject(o) ? o : {}, m, c, kind, childPath)
      if (Object.keys(sub).length) patch[k] = sub
    } else if (Array.isArray(m) && Array.isArray(c) && key) {
      const sub = diffList(Array.isArray(o) ? o : [], m, c, key, kind, childPath)
      if (sub.length) {
        patch[`${SET_ORDER}${k}`] = m.filter(isPlainObject).map((item) => ({ [key]: item[key] }))
        patch[k] = sub
      }
    } else if (!deepEqual(m, c)) patch[k] = m
  }
  return patch
}
