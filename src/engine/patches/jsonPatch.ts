// RFC 6902 JSON patch as kube-apiserver applies it (jsonPatcher.applyJSPatch in
// k8s.io/apiserver/pkg/endpoints/handlers/patch.go, over gopkg.in/evanphx/json-patch.v4):
// - the body must decode as a list of operations (jsonpatch.DecodePatch), else 400 with Go's error;
// - more than 10,000 operations is 413 `The allowed maximum operations in a JSON patch is 10000, got N`;
// - copy operations may add at most 3 MiB in total (jsonpatch.AccumulatedCopySizeLimit, which the server sets
//   to JSONPatchMaxCopyBytes), each copy counted by the size of its value marshalled as JSON; going past it, or
//   any operation that does not apply, is the generic 422 of errors.NewGenericServerResponse.
import fastJsonPatch from 'fast-json-patch'
import { cloneJson } from '../clone'
import { badRequest, requestEntityTooLarge } from '../status'
import type { Status } from '../types'

/** maxJSONPatchOperations in patch.go. */
export const MAX_JSON_PATCH_OPERATIONS = 10_000
/** GenericAPIServer's JSONPatchMaxCopyBytes default, the value of json-patch's AccumulatedCopySizeLimit. */
export const JSON_PATCH_MAX_COPY_BYTES = 3 * 1024 * 1024

export type JsonPatchResult = { ok: true; value: unknown } | { ok: false; status: Status; note: string }

/** NewGenericServerResponse(422, ...): the patch's own error text is not sent, only this. */
function patchDoesNotApply(note: string): JsonPatchResult {
  return {
    ok: false,
    note,
    status: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server rejected our request due to an error in our request',
      reason: 'Invalid',
      details: {},
      code: 422,
    } as Status,
  }
}

function jsonTypeName(v: unknown): string {
  if (v === null) return 'null'
  if (typeof v === 'boolean') return 'bool'
  return typeof v
}

/** len(json.Marshal(v)): UTF-8 bytes, with Go's HTML-safe escapes of <, > and & and of U+2028/U+2029. */
export function goJsonSize(v: unknown): number {
  const text = JSON.stringify(v) ?? 'null'
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x3c || c === 0x3e || c === 0x26) bytes += 6
    else if (c === 0x2028 || c === 0x2029) bytes += 6
    else if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}

function valueAt(doc: unknown, pointer: string): { found: boolean; value?: unknown } {
  try {
    const value: unknown = fastJsonPatch.getValueByPointer(doc, pointer)
    return { found: value !== undefined, value }
  } catch {
    return { found: false }
  }
}

/** Applies `patch` (the parsed body) to a copy of `doc`. */
export function applyJsonPatch(doc: unknown, patch: unknown): JsonPatchResult {
  if (!Array.isArray(patch))
    return {
      ok: false,
      note: 'the body is not a list of operations',
      status: badRequest(`json: cannot unmarshal ${jsonTypeName(patch)} into Go value of type jsonpatch.Patch`),
    }
  if (patch.some((op) => op === null || typeof op !== 'object' || Array.isArray(op))) {
    const bad = patch.find((op) => op === null || typeof op !== 'object' || Array.isArray(op)) as unknown
    const type = Array.isArray(bad) ? 'array' : jsonTypeName(bad)
    return {
      ok: false,
      note: 'an operation is not an object',
      status: badRequest(`json: cannot unmarshal ${type} into Go value of type jsonpatch.Operation`),
    }
  }
  if (patch.length > MAX_JSON_PATCH_OPERATIONS)
    return {
      ok: false,
      note: `${patch.length} operations; the limit is ${MAX_JSON_PATCH_OPERATIONS}`,
      status: requestEntityTooLarge(
        `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${patch.length}`,
      ),
    }
  const applied = applyOperations(doc, patch as Record<string, unknown>[])
  if (!applied.ok) return patchDoesNotApply(applied.error)
  return { ok: true, value: applied.value }
}

/**
 * Patch.Apply over a copy of `doc`: the operations in order, copies counted against the 3 MiB limit. The
 * error is json-patch's own text for the copy limit, else the failing operation's.
 */
export function applyOperations(
  doc: unknown,
  ops: readonly Record<string, unknown>[],
): { ok: true; value: unknown } | { ok: false; error: string; cause?: unknown } {
  let current: unknown = cloneJson(doc)
  let copied = 0
  for (const [i, op] of ops.entries()) {
    if (op.op === 'copy' && typeof op.from === 'string') {
      const source = valueAt(current, op.from)
      if (source.found) {
        copied += goJsonSize(source.value)
        if (copied > JSON_PATCH_MAX_COPY_BYTES)
          return {
            ok: false,
            error: `Unable to complete the copy, the accumulated size increase of copy is ${copied}, exceeding the limit ${JSON_PATCH_MAX_COPY_BYTES}`,
          }
      }
    }
    try {
      current = fastJsonPatch.applyOperation(current, cloneJson(op) as never, true, true, true, i).newDocument
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0]! : String(error)
      return { ok: false, error: `operation ${i} does not apply: ${message}`, cause: error }
    }
  }
  return { ok: true, value: current }
}
