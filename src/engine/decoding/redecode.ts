// An object a patch or a mutating webhook produced goes back through the decoder before anything else sees
// it, as in kube-apiserver: the patcher's runtime.DecodeInto (endpoints/handlers/patch.go) and the mutating
// webhook dispatcher's jsonSerializer.Decode (admission/plugin/webhook/mutating/dispatcher.go). What can go
// wrong, in the order Go meets it:
// - apiVersion or kind is not a string: SimpleMetaFactory.Interpret's `couldn't get version/kind; json parse
//   error: json: cannot unmarshal array into Go struct field .kind of type string`;
// - the group, version and kind are not registered: `no kind "Bogus" is registered for version "v1" in scheme
//   "pkg/api/legacyscheme/scheme.go:30"`;
// - they name another registered type: the decode succeeds, and converting it to the endpoint's internal type
//   fails: `converting (v1.Secret) to (core.ConfigMap): unknown conversion`;
// - a field has the wrong Go type: the UnmarshalTypeError;
// - unknown and duplicate fields, which only a strict decoder reports (the patcher's, under Strict or Warn).
// Empty apiVersion and kind are taken from the endpoint's type, as gvkWithDefaults does.
import { dropField } from '../decoding'
import { apiVersionOf, parseApiVersion, resourceForKind, type ResourceInfo } from '../resources'
import type { KubeObject } from '../types'
import { checkFields } from './strict'

const SCHEME = 'pkg/api/legacyscheme/scheme.go:30'

export type RedecodeResult =
  | { ok: true; object: KubeObject; strictErrors: string[] }
  | { ok: false; error: string; stage: 'decode' | 'conversion' }

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array'
  if (v === null) return 'null'
  if (typeof v === 'boolean') return 'bool'
  return typeof v === 'object' ? 'object' : typeof v
}

const TYPE_META = 'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }'

/** The Go package of a group's internal types: core for the legacy group, else the group's first label. */
function internalPackage(info: ResourceInfo): string {
  return info.group ? info.group.split('.')[0]! : 'core'
}

/** Decodes `value` as an object of the endpoint's type; the object returned has unknown fields removed. */
export function redecode(value: unknown, info: ResourceInfo): RedecodeResult {
  const interpret = (why: string): RedecodeResult => ({
    ok: false,
    stage: 'decode',
    error: `couldn't get version/kind; json parse error: ${why}`,
  })
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return interpret(`json: cannot unmarshal ${jsonType(value)} into Go value of type ${TYPE_META}`)
  const obj = value as KubeObject
  for (const field of ['apiVersion', 'kind'] as const) {
    const v = obj[field]
    if (v !== undefined && v !== null && typeof v !== 'string')
      return interpret(`json: cannot unmarshal ${jsonType(v)} into Go struct field .${field} of type string`)
  }
  const apiVersion = typeof obj.apiVersion === 'string' && obj.apiVersion ? obj.apiVersion : apiVersionOf(info)
  const kind = typeof obj.kind === 'string' && obj.kind ? obj.kind : info.kind
  const gv = parseApiVersion(apiVersion)
  if (kind !== info.kind || gv.group !== info.group || gv.version !== info.version) {
    if (!resourceForKind({ ...gv, kind }))
      return {
        ok: false,
        stage: 'decode',
        error: `no kind ${JSON.stringify(kind)} is registered for version ${JSON.stringify(apiVersion)} in scheme ${JSON.stringify(SCHEME)}`,
      }
    return {
      ok: false,
      stage: 'conversion',
      error: `converting (${gv.version}.${kind}) to (${internalPackage(info)}.${info.kind}): unknown conversion`,
    }
  }
  const check = checkFields(obj, info, {})
  if (check.typeError) return { ok: false, stage: 'decode', error: check.typeError }
  const object: KubeObject = { ...obj, apiVersion, kind }
  for (const message of check.unknownFields) {
    const path = /^unknown field "(.*)"$/.exec(message)?.[1]
    if (path) dropField(object, path)
  }
  return { ok: true, object, strictErrors: check.unknownFields }
}
