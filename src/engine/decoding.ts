// Reading a request body the way the REST handler does: content type, size limit, then one decode call that
// parses, fills in apiVersion/kind from the endpoint when absent, and checks the kind is one this endpoint
// serves. Defaulting follows in the same call in kube-apiserver; the pipeline records it separately.
import { LineCounter, parseDocument } from 'yaml'
import { jsonDepthError, MAX_NESTING_DEPTH, valueDepth } from './decoding/depth'
import { goYamlError, unsupportedFloatError, yamlDuplicateKeysError } from './decoding/yamlStrict'
import { checkFields, strictDecodingMessage, type FieldValidation } from './decoding/strict'
import { apiVersionOf, parseApiVersion, type ResourceInfo } from './resources'
import { badRequest, requestEntityTooLarge, unsupportedMediaType } from './status'
import type { KubeObject, Status } from './types'

/** MaxRequestBodyBytes: 3 MiB, etcd's own limit on a value being 1.5 MiB. */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024

const ACCEPTED_MEDIA_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']

/** The scheme location kube-apiserver's legacy (core) and other group registrations name in decode errors. */
const LEGACY_SCHEME = 'pkg/api/legacyscheme/scheme.go:30'

export type DecodeResult =
  | { ok: true; object: KubeObject; note: string; warnings: string[] }
  | { ok: false; status: Status; note: string }

/** summarizeData: the first 30 bytes of the body, or their hex form when the body is not JSON-looking. */
function summarize(body: string): string {
  const limit = 30
  const bytes = new TextEncoder().encode(body)
  if (bytes.length === 0) return ''
  if (body.trimStart().startsWith('{')) {
    const head = new TextDecoder().decode(bytes.slice(0, limit))
    return bytes.length > limit ? `${head} ...` : head
  }
  const hex = [...bytes.slice(0, limit)].map((b) => b.toString(16).padStart(2, '0')).join('')
  return bytes.length > limit ? `${hex} ...` : hex
}

/** Go's encoding/json wording for the ways a body fails to parse, from V8's description of the same failure. */
function goJsonError(body: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const position = /position (\d+)/.exec(message)
  const offset = position ? Number(position[1]) : body.length
  if (body.trim() === '' || offset >= body.length || /Unterminated|end of JSON/i.test(message)) return 'unexpected end of JSON input'
  const ch = body[offset]!
  const quoted = ch === "'" ? "'\\''" : `'${ch}'`
  if (/Expected property name/.test(message)) return `invalid character ${quoted} looking for beginning of object key string`
  if (/after property value/.test(message)) return `invalid character ${quoted} after object key:value pair`
  if (/after array element/.test(message)) return `invalid character ${quoted} after array element`
  if (/after property name/.test(message)) return `invalid character ${quoted} after object key`
  if (/non-whitespace character after JSON/.test(message)) return `invalid character ${quoted} after top-level value`
  return `invalid character ${quoted} looking for beginning of value`
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array'
  if (value === null) return 'null'
  return typeof value === 'object' ? 'object' : typeof value === 'string' ? 'string' : typeof value === 'boolean' ? 'bool' : 'number'
}

type Parsed =
  | { ok: true; value: unknown; yamlStrictError?: string }
  | { ok: false; error: string; yaml?: boolean }

function parseBody(body: string, contentType: string): Parsed {
  if (contentType === 'application/yaml') return parseYaml(body)
  const tooDeep = jsonDepthError(body)
  if (tooDeep) return { ok: false, error: tooDeep }
  try {
    return { ok: true, value: JSON.parse(body) }
  } catch (error) {
    return { ok: false, error: goJsonError(body, error) }
  }
}

/**
 * YAMLToJSON: a YAML error, a value JSON cannot hold, or nesting past the JSON scanner's limit fail the body
 * before the decoder sees it. Duplicate keys are kept for the strict decoder to report.
 */
function parseYaml(body: string): Parsed {
  try {
    const lines = new LineCounter()
    const doc = parseDocument(body, { uniqueKeys: false, lineCounter: lines })
    const first = doc.errors[0]?.message.split('\n')[0]
    if (first?.includes('Maximum call stack size exceeded')) return { ok: false, error: "invalid character '[' exceeded max depth" }
    if (first !== undefined) return { ok: false, yaml: true, error: `yaml: ${first}` }
    // The alias limit stops "billion laughs" documents from expanding without bound.
    const value: unknown = doc.toJS({ maxAliasCount: 100 })
    if (valueDepth(value) > MAX_NESTING_DEPTH) return { ok: false, error: "invalid character '[' exceeded max depth" }
    const unsupported = unsupportedFloatError(value)
    if (unsupported) return { ok: false, yaml: true, error: unsupported }
    const yamlStrictError = yamlDuplicateKeysError(doc, lines)
    return yamlStrictError ? { ok: true, value, yamlStrictError } : { ok: true, value }
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, error: "invalid character '[' exceeded max depth" }
    return { ok: false, yaml: true, error: goYamlError(error instanceof Error ? error.message : String(error)) }
  }
}

/**
 * Decodes a create body meant for `info`. `fieldValidation` decides what unknown and duplicate fields do:
 * Strict fails the request, Warn answers with warnings, Ignore drops them silently.
 */
export function decodeBody(
  body: string | undefined,
  contentTypeHeader: string | undefined,
  info: ResourceInfo,
  fieldValidation: FieldValidation = 'Warn',
): DecodeResult {
  const contentType = (contentTypeHeader ?? 'application/json').split(';')[0]!.trim().toLowerCase()
  if (!ACCEPTED_MEDIA_TYPES.includes(contentType)) {
    return { ok: false, status: unsupportedMediaType(ACCEPTED_MEDIA_TYPES), note: `Content-Type ${contentType} is not one the server decodes` }
  }
  const text = body ?? ''
  const size = new TextEncoder().encode(text).length
  if (size > MAX_REQUEST_BODY_BYTES) {
    return {
      ok: false,
      status: requestEntityTooLarge(`limit is ${MAX_REQUEST_BODY_BYTES}`),
      note: `the body is ${size} bytes; the limit is ${MAX_REQUEST_BODY_BYTES} (3 MiB)`,
    }
  }
  if (contentType === 'application/vnd.kubernetes.protobuf') {
    return { ok: false, status: badRequest('protobuf request bodies are not simulated'), note: 'protobuf bodies are not simulated' }
  }
  const parsed = parseBody(text, contentType)
  const unrecognized = (why: string) =>
    badRequest(`the object provided is unrecognized (must be of type ${info.kind}): ${why} (${summarize(text)})`)
  if (!parsed.ok) {
    // YAMLToJSON's errors come back bare; JSON's come from the meta factory reading apiVersion and kind.
    const why = parsed.yaml ? parsed.error : `couldn't get version/kind; json parse error: ${parsed.error}`
    return { ok: false, status: unrecognized(why), note: 'the body does not parse' }
  }
  const value = parsed.value
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const why = `couldn't get version/kind; json parse error: json: cannot unmarshal ${typeOf(value)} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`
    return { ok: false, status: unrecognized(why), note: 'the body is not a JSON object' }
  }
  const object = value as KubeObject
  // Missing apiVersion or kind are taken from the endpoint, as the decoder's defaults do.
  const apiVersion = typeof object.apiVersion === 'string' && object.apiVersion ? object.apiVersion : apiVersionOf(info)
  const kind = typeof object.kind === 'string' && object.kind ? object.kind : info.kind
  const gv = parseApiVersion(apiVersion)
  const cannotHandle = (why: string) => badRequest(`${kind} in version "${gv.version}" cannot be handled as a ${info.kind}: ${why}`)
  if (kind !== info.kind) {
    const why = `no kind "${kind}" is registered for version "${apiVersion}" in scheme "${LEGACY_SCHEME}"`
    return { ok: false, status: cannotHandle(why), note: `kind ${kind} is not what ${info.resource} holds` }
  }
  if (gv.group !== info.group || gv.version !== info.version) {
    return {
      ok: false,
      status: badRequest(
        `the API version in the data (${apiVersion}) does not match the expected API version (${apiVersionOf(info)})`,
      ),
      note: `apiVersion ${apiVersion} is not the version of this endpoint`,
    }
  }
  const check = checkFields(object, info, contentType === 'application/yaml' ? { yaml: true } : { jsonText: text })
  if (check.typeError) return { ok: false, status: cannotHandle(check.typeError), note: 'a field has the wrong type for the Go struct' }
  const warnings: string[] = []
  const strictErrors = [...(parsed.yamlStrictError ? [parsed.yamlStrictError] : []), ...check.unknownFields]
  if (strictErrors.length > 0) {
    if (fieldValidation === 'Strict') {
      return {
        ok: false,
        status: cannotHandle(strictDecodingMessage(strictErrors)),
        note: `fieldValidation=Strict and the body has ${strictErrors.length} unknown or duplicate field${strictErrors.length === 1 ? '' : 's'}`,
      }
    }
    if (fieldValidation === 'Warn') warnings.push(...strictErrors)
  }
  const decoded: KubeObject = { ...object, apiVersion, kind }
  for (const message of check.unknownFields) {
    const path = /^unknown field "(.*)"$/.exec(message)?.[1]
    if (path) dropField(decoded, path)
  }
  const dropped = check.unknownFields.length && fieldValidation !== 'Strict' ? `; ${check.unknownFields.length} unknown field(s) dropped (fieldValidation=${fieldValidation})` : ''
  return { ok: true, object: decoded, note: `decoded ${contentType} as ${apiVersion} ${kind}${dropped}`, warnings }
}

/** The decoder never stores a field its Go struct lacks: with Warn or Ignore the field is simply gone. */
export function dropField(obj: KubeObject, path: string): void {
  const steps = path.match(/[^.[\]]+|\[\d+\]/g) ?? []
  let node: unknown = obj
  for (let i = 0; i < steps.length - 1 && node && typeof node === 'object'; i++) {
    const step = steps[i]!
    node = step.startsWith('[') ? (node as unknown[])[Number(step.slice(1, -1))] : (node as Record<string, unknown>)[step]
  }
  const last = steps.at(-1)
  if (node && typeof node === 'object' && last && !last.startsWith('[')) delete (node as Record<string, unknown>)[last]
}
