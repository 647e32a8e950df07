// The checks kube-apiserver's JSON decoder (sigs.k8s.io/json, a fork of Go's encoding/json) makes while it fills
// the kind's Go struct, with Go's own wording:
//
// - Type mismatches are UnmarshalTypeErrors: `json: cannot unmarshal <json type> into Go struct field
//   <innermost struct>.<json path without indexes> of type <reflect type>`. The decoder notes the first one and
//   carries on; an error from a type's own UnmarshalJSON (IntOrString, Quantity, Time) stops it at once and wins.
//   Either way the request fails, whatever fieldValidation says.
// - Unknown and duplicate fields are strict errors, collected in the order the decoder meets them, each message
//   once, at most 100: `unknown field "spec.containers[0].imagee"`, `duplicate field "metadata.name"`. Keys match
//   case-sensitively. The value of an unknown field is skipped unread, so nothing inside it is reported.
//   Strict: `strict decoding error: ` + the messages joined with `, `; Warn: one warning per message.
import type { ResourceInfo } from '../resources'
import { base64Error, fitsGoInt, quantityError, QUANTITY_FORMAT_WRONG, rfc3339Error } from './goTypes'
import { goQuote } from '../goQuote'
import { RawNumber, RawObject, parseRawJson } from './rawJson'
import { kindType, type GoType } from './schemaIndex'

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore'

export interface DecodeCheck {
  /** A type mismatch Go's decoder cannot get past: the 400 message after `<Kind> in version "<v>" cannot be handled as a <Kind>: `. Type errors fail whatever fieldValidation says. */
  typeError?: string
  /** Unknown and duplicate fields, each as kube-apiserver words it: `unknown field "spec.containers[0].imagee"`, `duplicate field "metadata.name"`. Empty when there is a typeError: the server then reports only that. */
  unknownFields: string[]
}

export interface CheckOptions {
  /**
   * The JSON body exactly as sent. When given (and valid JSON) it is walked instead of `obj`, which lets the check
   * see what JSON.parse hides: repeated keys (`duplicate field`) and number literals such as `1.0` or `1e3`, which
   * Go cannot store in an int32.
   */
  jsonText?: string
  /**
   * The body was YAML. The server converts YAML to JSON by way of a Go map, so every object's keys reach the
   * decoder sorted, and that is the order of the unknown fields it reports.
   */
  yaml?: boolean
}

/** The message kube-apiserver sends for strict errors under fieldValidation=Strict (runtime.strictDecodingError). */
export function strictDecodingMessage(unknownFields: readonly string[]): string {
  return `strict decoding error: ${unknownFields.join(', ')}`
}

const MAX_STRICT_ERRORS = 100

type JsonKind = 'object' | 'array' | 'string' | 'number' | 'bool' | 'null'

function kindOf(v: unknown): JsonKind {
  if (v === null || v === undefined) return 'null'
  if (Array.isArray(v)) return 'array'
  if (v instanceof RawNumber) return 'number'
  switch (typeof v) {
    case 'string':
      return 'string'
    case 'number':
    case 'bigint':
      return 'number'
    case 'boolean':
      return 'bool'
    default:
      return 'object'
  }
}

/** The literal Go would see for a number: the text as sent, or how Go's YAML-to-JSON step prints the value. */
function numberText(v: unknown): string {
  if (v instanceof RawNumber) return v.text
  if (typeof v === 'bigint') return v.toString()
  const n = v as number
  if (Number.isInteger(n) && !Number.isSafeInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString()
  return String(n)
}

/** The raw JSON of a scalar or container, as an UnmarshalJSON method receives it (enough for its error). */
function rawText(v: unknown): string {
  switch (kindOf(v)) {
    case 'string':
      return `"${v as string}"`
    case 'number':
      return numberText(v)
    case 'bool':
      return String(v)
    case 'null':
      return 'null'
    case 'array':
      return '[]'
    default:
      return '{}'
  }
}

class Walk {
  readonly strict: string[] = []
  private readonly seen = new Set<string>()
  saved: string | undefined
  fatal: string | undefined

  private readonly sortKeys: boolean

  constructor(sortKeys: boolean) {
    this.sortKeys = sortKeys
  }

  private strictError(message: string) {
    if (this.strict.length >= MAX_STRICT_ERRORS || this.seen.has(message)) return
    this.seen.add(message)
    this.strict.push(message)
  }

  /** UnmarshalTypeError with the decoder's error context: the innermost struct and the indexless field path. */
  private typeError(value: string, go: string, struct: string, field: string): string {
    return struct || field
      ? `json: cannot unmarshal ${value} into Go struct field ${struct}.${field} of type ${go}`
      : `json: cannot unmarshal ${value} into Go value of type ${go}`
  }

  private save(message: string) {
    this.saved ??= message
  }

  /** Iterates an object's entries in the order the decoder meets them. */
  private entries(v: unknown, each: (key: string, value: unknown) => void) {
    if (v instanceof RawObject) {
      for (let k = 0; k < v.keys.length && !this.fatal; k++) each(v.keys[k]!, v.values[k])
      return
    }
    const obj = v as Record<string, unknown>
    const keys = Object.keys(obj)
    if (this.sortKeys) keys.sort()
    for (const key of keys) {
      if (this.fatal) return
      each(key, obj[key])
    }
  }

  /**
   * @param struct Go name of the innermost struct whose field holds the value (`Container`).
   * @param field JSON path of that field without indexes or map keys (`spec.containers.image`).
   * @param path The path strict errors use, with indexes and map keys (`spec.containers[0].image`).
   */
  value(v: unknown, type: GoType, struct: string, field: string, path: string): void {
    if (this.fatal) return
    const kind = kindOf(v)
    // null leaves any Go value as it is (or nil); it is never an error.
    if (kind === 'null') return
    switch (type.kind) {
      case 'any':
        return
      case 'struct': {
        if (kind !== 'object') return this.save(this.typeError(kind, type.go, struct, field))
        const fields = type.fields()
        const present = new Set<string>()
        this.entries(v, (key, child) => {
          const childPath = path ? `${path}.${key}` : key
          const fieldType = fields.get(key)
          if (!fieldType) {
            this.strictError(`unknown field ${goQuote(childPath)}`)
            return
          }
          if (present.has(key)) this.strictError(`duplicate field ${goQuote(childPath)}`)
          present.add(key)
          this.value(child, fieldType, type.name, field ? `${field}.${key}` : key, childPath)
        })
        return
      }
      case 'opaqueStruct':
        if (kind !== 'object') this.save(this.typeError(kind, type.go, struct, field))
        return
      case 'slice':
        if (kind !== 'array') {
          // A JSON string is how []byte travels; any other slice takes only arrays.
          return this.save(this.typeError(kind, type.go, struct, field))
        }
        ;(v as unknown[]).forEach((item, i) => this.value(item, type.elem, struct, field, `${path}[${i}]`))
        return
      case 'map': {
        if (kind !== 'object') return this.save(this.typeError(kind, type.go, struct, field))
        const present = new Set<string>()
        this.entries(v, (key, child) => {
          const childPath = path ? `${path}.${key}` : key
          if (present.has(key)) this.strictError(`duplicate field ${goQuote(childPath)}`)
          present.add(key)
          this.value(child, type.elem, struct, field, childPath)
        })
        return
      }
      case 'string':
        if (kind !== 'string') this.save(this.typeError(kind, type.go, struct, field))
        return
      case 'bool':
        if (kind !== 'bool') this.save(this.typeError(kind, type.go, struct, field))
        return
      case 'int': {
        if (kind !== 'number') return this.save(this.typeError(kind, type.go, struct, field))
        const text = numberText(v)
        // ParseInt on the literal: fractions, exponents and out-of-range values name the number.
        if (!fitsGoInt(text, type.bits)) this.save(this.typeError(`number ${text}`, type.go, struct, field))
        return
      }
      case 'bytes': {
        if (kind === 'array') return // Go fills a []byte from an array of numbers too.
        if (kind !== 'string') return this.save(this.typeError(kind, type.go, struct, field))
        const error = base64Error(v as string)
        if (error) this.save(error)
        return
      }
      case 'intOrString': {
        // IntOrString.UnmarshalJSON: a string is the string; anything else is unmarshalled into an int32 by
        // encoding/json, whose error the decoder returns at once with this field's context added.
        if (kind === 'string') return
        if (kind === 'number') {
          const text = numberText(v)
          if (!fitsGoInt(text, 32)) this.fatal = this.typeError(`number ${text}`, 'int32', struct, field)
          return
        }
        this.fatal = this.typeError(kind, 'int32', struct, field)
        return
      }
      case 'quantity': {
        const error =
          kind === 'string' || kind === 'number' ? quantityError(rawText(v)) : QUANTITY_FORMAT_WRONG
        if (error) this.fatal = error
        return
      }
      case 'time':
      case 'microTime': {
        // Time.UnmarshalJSON unmarshals into a string first, then time.Parse(RFC3339) (MicroTime: RFC3339Micro,
        // whose parse errors are not modelled).
        if (kind !== 'string') {
          this.fatal = this.typeError(kind, 'string', struct, field)
          return
        }
        if (type.kind === 'time') {
          const error = rfc3339Error(v as string)
          if (error) this.fatal = error
        }
        return
      }
    }
  }
}

/**
 * Walk the decoded JSON against the kind's schema the way the Go decoder would. `apiVersion` and `kind` are
 * expected to have been checked already (meta.Interpret reads them before this decode).
 */
export function checkFields(obj: unknown, info: ResourceInfo, options: CheckOptions = {}): DecodeCheck {
  const type = kindType(info.kind, info.group ? `${info.group}/${info.version}` : info.version)
  if (!type) return { unknownFields: [] }
  let root = obj
  if (options.jsonText !== undefined) {
    const raw = parseRawJson(options.jsonText)
    if (raw !== undefined) root = raw
  }
  const walk = new Walk(Boolean(options.yaml) && !(root instanceof RawObject))
  walk.value(root, type, '', '', '')
  const typeError = walk.fatal ?? walk.saved
  return typeError ? { typeError, unknownFields: [] } : { unknownFields: walk.strict }
}
