import fastJsonPatch from 'fast-json-patch'
import type { JsonPatchOperation, KubeObject } from './types'

/**
 * Runs `mutate` on `obj` and returns what it changed as an RFC 6902 patch. Most steps change nothing, so the
 * object is compared as text first and only diffed field by field when it did change.
 */
export function changesMadeBy<T>(obj: KubeObject, mutate: () => T): { result: T; patch: JsonPatchOperation[] } {
  const before = JSON.stringify(obj)
  const result = mutate()
  if (JSON.stringify(obj) === before) return { result, patch: [] }
  return { result, patch: fastJsonPatch.compare(JSON.parse(before) as KubeObject, obj) as JsonPatchOperation[] }
}
