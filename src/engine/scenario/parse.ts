// Reading scenario files and manifests. Both are YAML a learner wrote, so both are read defensively: size
// and alias limits, and errors that name the line or the field.
import type { ErrorObject } from 'ajv'
import { goYamlError } from '../decoding/yamlStrict'
import { LineCounter, parseAllDocuments, parseDocument } from 'yaml'
import { isKnownPlugin } from '../admission/plugins'
import { isRawVerb } from '../kubectl/raw'
import { validateEncryptionConfiguration } from '../storage/encryptionConfig'
import type { KubeObject } from '../types'
import { validateScenario } from './scenarioValidator'
import type { Scenario } from './types'

const MAX_TEXT = 3 * 1024 * 1024
const MAX_ALIASES = 100

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string }

function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, seg) => (/^\d+$/.test(seg) ? `${path}[${seg}]` : path ? `${path}.${seg}` : seg), '')
}

export function parseScenario(text: string): ParseResult<Scenario> {
  const read = readYamlDocument(text, 'scenario')
  return read.ok ? checkScenario(read.value) : read
}

/** One YAML document a person wrote, read with the size and alias limits; errors name the line. */
export function readYamlDocument(text: string, what: string): ParseResult<unknown> {
  if (text.length > MAX_TEXT) return { ok: false, error: `${what} is larger than ${MAX_TEXT} bytes` }
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!
    const pos = lineCounter.linePos(err.pos[0])
    return { ok: false, error: `line ${pos.line}: ${err.message.split('\n')[0]}` }
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIASES }) as unknown }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) }
  }
}

/** A schema error as the parsers report it: the field's path, then what is wrong with it. */
export function describeSchemaError(err: ErrorObject): string {
  const field = fieldPath(err.instancePath) || '(top level)'
  const extra =
    err.keyword === 'additionalProperties'
      ? `: unknown field "${(err.params as { additionalProperty: string }).additionalProperty}"`
      : err.keyword === 'enum'
        ? `: must be one of ${(err.params as { allowedValues: string[] }).allowedValues.join(', ')}`
        : err.keyword === 'required'
          ? `: missing required field "${(err.params as { missingProperty: string }).missingProperty}"`
          : `: ${err.message}`
  return `${field}${extra}`
}

/** A scenario already read from YAML (or built by a lesson): the schema, then the rules it cannot say. */
export function checkScenario(value: unknown): ParseResult<Scenario> {
  if (!validateScenario(value)) return { ok: false, error: describeSchemaError(validateScenario.errors![0]!) }
  const scenario = value
  for (const [i, request] of (scenario.requests ?? []).entries()) {
    if (request.manifest !== undefined && request.object !== undefined)
      return { ok: false, error: `requests[${i}]: give either object or manifest, not both` }
    if (request.raw !== undefined && !isRawVerb(request.verb))
      return { ok: false, error: `requests[${i}].verb: a raw request is one of get, create, update, patch, delete` }
    if (request.raw !== undefined && [request.object, request.manifest, request.patch].filter((b) => b !== undefined).length > 1)
      return { ok: false, error: `requests[${i}]: a raw request has one body: object, manifest or patch` }
    if (request.raw === undefined && (request.accept !== undefined || request.contentType !== undefined))
      return { ok: false, error: `requests[${i}]: accept and contentType are for raw requests only` }
  }
  for (const list of ['enable', 'disable'] as const) {
    for (const [i, name] of (scenario.cluster?.admission?.[list] ?? []).entries())
      if (!isKnownPlugin(name)) return { ok: false, error: `cluster.admission.${list}[${i}]: unknown admission plugin "${name}"` }
  }
  const encryption = scenario.cluster?.encryption && validateEncryptionConfiguration(scenario.cluster.encryption)
  if (encryption) return { ok: false, error: `cluster.encryption.${encryption}` }
  return { ok: true, value: scenario }
}

/**
 * The documents of a manifest, as kubectl reads them: empty documents are skipped, and a syntax error is
 * kubectl's client-side "error converting YAML to JSON".
 */
export function parseManifest(text: string): ParseResult<KubeObject[]> {
  if (text.length > MAX_TEXT) return { ok: false, error: `error: the manifest is larger than ${MAX_TEXT} bytes` }
  const lineCounter = new LineCounter()
  const docs = parseAllDocuments(text, { lineCounter })
  const objects: KubeObject[] = []
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) {
      const err = doc.errors[0]!
      const pos = lineCounter.linePos(err.pos[0])
      return { ok: false, error: `error: error parsing manifest.yaml: error converting YAML to JSON: yaml: line ${pos.line}: ${err.message.split('\n')[0]}` }
    }
    let value: unknown
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const unresolved = message.startsWith('Unresolved alias')
      return {
        ok: false,
        error: unresolved
          ? `error: error parsing manifest.yaml: error converting YAML to JSON: ${goYamlError(message)}`
          : `error: error parsing manifest.yaml: ${message}`,
      }
    }
    if (value === null || value === undefined) continue
    if (typeof value !== 'object' || Array.isArray(value))
      return { ok: false, error: `error: error parsing manifest.yaml: error unmarshaling JSON: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type map[string]interface {}` }
    objects.push(value as KubeObject)
  }
  return { ok: true, value: objects }
}
