// The Go types behind each served kind, derived once from the editor's JSON Schema (src/schemas/kubernetes.json,
// generated from kubernetes-models). Definition names are the Go struct names (`PodSpec`), and every served struct
// lives in a package named `v1`, so `v1.PodSpec` is what reflect prints. goTypes.ts adds what the schema lost.
import schemaJson from '../../schemas/kubernetes.json'
import {
  FIELDS_ADDED_AFTER_SCHEMA,
  inlineStructName,
  intBits,
  isByteMap,
  isInlineIntOrString,
  namedMap,
  namedString,
  timeKind,
} from './goTypes'

interface PropSchema {
  type?: string | string[]
  $ref?: string
  items?: PropSchema
  additionalProperties?: PropSchema | boolean
  properties?: Record<string, PropSchema>
}
interface Definition extends PropSchema {
  properties?: Record<string, PropSchema>
}

/** How the Go decoder treats a value, with the type name reflect prints for it. */
export type GoType =
  | { kind: 'struct'; go: string; name: string; fields: () => ReadonlyMap<string, GoType> }
  /** A struct the schema does not describe (status): its shape is checked, its fields are not. */
  | { kind: 'opaqueStruct'; go: string }
  | { kind: 'slice'; go: string; elem: GoType }
  | { kind: 'map'; go: string; elem: GoType }
  | { kind: 'string'; go: string }
  | { kind: 'bool'; go: 'bool' }
  | { kind: 'int'; go: 'int32' | 'int64'; bits: 32 | 64 }
  /** []byte: base64 text. */
  | { kind: 'bytes'; go: '[]uint8' }
  | { kind: 'intOrString'; go: 'intstr.IntOrString' }
  | { kind: 'quantity'; go: 'resource.Quantity' }
  | { kind: 'time'; go: 'v1.Time' }
  | { kind: 'microTime'; go: 'v1.MicroTime' }
  /** Anything goes (FieldsV1, fields newer than the schema). */
  | { kind: 'any'; go: string }

const REF = '#/definitions/'
const definitions = (schemaJson as unknown as { definitions: Record<string, Definition> }).definitions

const STRING: GoType = { kind: 'string', go: 'string' }
const BOOL: GoType = { kind: 'bool', go: 'bool' }
const INT32: GoType = { kind: 'int', go: 'int32', bits: 32 }
const INT64: GoType = { kind: 'int', go: 'int64', bits: 64 }
const BYTES: GoType = { kind: 'bytes', go: '[]uint8' }
const INT_OR_STRING: GoType = { kind: 'intOrString', go: 'intstr.IntOrString' }
const QUANTITY: GoType = { kind: 'quantity', go: 'resource.Quantity' }
const TIME: GoType = { kind: 'time', go: 'v1.Time' }
const MICRO_TIME: GoType = { kind: 'microTime', go: 'v1.MicroTime' }
const ANY: GoType = { kind: 'any', go: 'interface {}' }

const structs = new Map<string, GoType>()

/** A struct type; its field table is built the first time a value of it is walked. */
function struct(name: string, def: Definition): GoType {
  let fields: Map<string, GoType> | undefined
  return {
    kind: 'struct',
    go: `v1.${name}`,
    name,
    fields: () => {
      if (fields) return fields
      fields = new Map()
      for (const [prop, ps] of Object.entries(def.properties ?? {}))
        fields.set(prop, propType(name, prop, ps))
      for (const prop of FIELDS_ADDED_AFTER_SCHEMA[name] ?? []) if (!fields.has(prop)) fields.set(prop, ANY)
      return fields
    },
  }
}

function refType(ref: string): GoType {
  const name = decodeURIComponent(ref.slice(REF.length))
  if (name === 'IntOrString') return INT_OR_STRING
  if (name === 'Quantity') return QUANTITY
  if (name === 'FieldsV1') return { kind: 'any', go: 'v1.FieldsV1' }
  let t = structs.get(name)
  if (!t) {
    const def = definitions[name]
    t = def ? struct(name, def) : ANY
    structs.set(name, t)
  }
  return t
}

/** The Go type of `def.prop`, or of its elements when `elem` (arrays and maps name their element by the field). */
function propType(def: string, prop: string, ps: PropSchema, elem = false): GoType {
  if (ps.$ref) return refType(ps.$ref)
  const type = ps.type
  if (Array.isArray(type)) {
    if (type.includes('string') && type.includes('number'))
      return isInlineIntOrString(def, prop) ? INT_OR_STRING : QUANTITY
    if (type.includes('string') && type.includes('integer')) return INT_OR_STRING
    return ANY
  }
  switch (type) {
    case 'string': {
      const time = elem ? undefined : timeKind(def, prop)
      if (time) return time === 'time' ? TIME : MICRO_TIME
      const go = namedString(def, prop)
      return go === 'string' ? STRING : { kind: 'string', go }
    }
    case 'boolean':
      return BOOL
    case 'integer':
      return intBits(def, prop) === 64 ? INT64 : INT32
    case 'array': {
      const item = ps.items ? propType(def, prop, ps.items, true) : ANY
      return { kind: 'slice', go: `[]${item.go}`, elem: item }
    }
    case 'object': {
      if (ps.properties) {
        const name = inlineStructName(def, prop) ?? `${def}.${prop}`
        return struct(name, ps)
      }
      if (ps.additionalProperties && typeof ps.additionalProperties === 'object') {
        const value = isByteMap(def, prop) ? BYTES : propType(def, prop, ps.additionalProperties, true)
        return { kind: 'map', go: namedMap(def, prop) ?? `map[string]${value.go}`, elem: value }
      }
      // The generator replaced every status struct by a bare object; the Go type is still <Struct>Status.
      if (prop === 'status') return { kind: 'opaqueStruct', go: `v1.${def}Status` }
      return ANY
    }
    default:
      return ANY
  }
}

/** The Go type of a served kind (`Pod` → struct v1.Pod); undefined for kinds the schema lacks. */
export function kindType(kind: string, apiVersion?: string): GoType | undefined {
  const definition = definitions[kind] as { properties?: { apiVersion?: { const?: string } } } | undefined
  if (!definition) return undefined
  // The schema holds one version of each kind (the preferred one); another version has other fields.
  const served = definition.properties?.apiVersion?.const
  if (apiVersion && served && served !== apiVersion) return undefined
  return refType(REF + kind)
}
