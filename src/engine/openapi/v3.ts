// OpenAPI v3 documents per group-version, made from the v2 document the way kube-openapi's v2-to-v3
// conversion reads it: body parameters become a requestBody, every response gets one content entry per
// media type the operation produces, parameters carry a schema, shared parameters are written in place, and
// definitions move to components.schemas. A $ref with a description beside it is wrapped in allOf, because
// OpenAPI 3.0 ignores the siblings of a $ref.
import type { OpenApiV2, Operation, Parameter, PathItem } from './types'

type Json = Record<string, unknown>

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const

function ref(value: string): string {
  return value.replace('#/definitions/', '#/components/schemas/')
}

export function schemaV3(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(schemaV3)
  if (!schema || typeof schema !== 'object') return schema
  const node = schema as Json
  if (typeof node.$ref === 'string') {
    const others = Object.entries(node).filter(([k]) => k !== '$ref')
    if (others.length === 0) return { $ref: ref(node.$ref) }
    return { allOf: [{ $ref: ref(node.$ref) }], ...Object.fromEntries(others.map(([k, v]) => [k, schemaV3(v)])) }
  }
  const out: Json = {}
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' || key === 'patternProperties') {
      out[key] = Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, schemaV3(v)]))
    } else if (key === 'items' || key === 'additionalProperties' || key === 'allOf' || key === 'anyOf' || key === 'oneOf' || key === 'not') {
      out[key] = schemaV3(value)
    } else out[key] = value
  }
  return out
}

function resolveParameter(spec: OpenApiV2, p: Parameter): Parameter {
  return p.$ref ? (spec.parameters[p.$ref.replace('#/parameters/', '')] ?? p) : p
}

function parameterV3(p: Parameter): Json {
  const { name, in: location, description, required, type, uniqueItems, items, format } = p
  const schema: Json = { type }
  if (format !== undefined) schema.format = format
  if (items !== undefined) schema.items = items
  if (uniqueItems !== undefined) schema.uniqueItems = uniqueItems
  return {
    name,
    in: location,
    ...(description !== undefined ? { description } : {}),
    ...(required ? { required } : {}),
    schema,
  }
}

function operationV3(spec: OpenApiV2, op: Operation): Json {
  const params = (op.parameters ?? []).map((p) => resolveParameter(spec, p))
  const body = params.find((p) => p.in === 'body')
  const out: Json = {}
  if (op.tags) out.tags = op.tags
  if (op.description !== undefined) out.description = op.description
  if (op.operationId !== undefined) out.operationId = op.operationId
  const rest = params.filter((p) => p.in !== 'body')
  if (rest.length) out.parameters = rest.map(parameterV3)
  if (body) {
    const types = op.consumes && !op.consumes.includes('*/*') ? op.consumes : ['*/*']
    out.requestBody = {
      content: Object.fromEntries(types.map((t) => [t, { schema: schemaV3(body.schema) }])),
      ...(body.required ? { required: true } : {}),
    }
  }
  out.responses = Object.fromEntries(
    Object.entries(op.responses ?? {}).map(([code, r]) => [
      code,
      r.schema
        ? { description: r.description, content: Object.fromEntries((op.produces ?? ['application/json']).map((t) => [t, { schema: schemaV3(r.schema) }])) }
        : { description: r.description },
    ]),
  )
  for (const [key, value] of Object.entries(op)) if (key.startsWith('x-')) out[key] = value
  return out
}

function pathItemV3(spec: OpenApiV2, item: PathItem): Json {
  const out: Json = {}
  for (const method of METHODS) {
    const op = item[method]
    if (op) out[method] = operationV3(spec, op)
  }
  if (item.parameters?.length) out.parameters = item.parameters.map((p) => parameterV3(resolveParameter(spec, p)))
  return out
}

/** Every definition a value refers to, directly or through other definitions. */
function reachableDefinitions(spec: OpenApiV2, roots: unknown): string[] {
  const seen = new Set<string>()
  const stack: unknown[] = [roots]
  while (stack.length) {
    const node = stack.pop()
    if (Array.isArray(node)) stack.push(...node)
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') {
          const name = value.split('/').at(-1)!
          if (value.startsWith('#/parameters/')) stack.push(spec.parameters[name])
          else if (!seen.has(name)) {
            seen.add(name)
            stack.push(spec.definitions[name])
          }
        } else stack.push(value)
      }
    }
  }
  return [...seen].sort()
}

/** The document name of a path: `api/v1`, `apis/apps/v1`, `apis/apps`, `api`, `apis`, `version`. */
export function documentNameOf(path: string): string {
  const parts = path.split('/').filter(Boolean)
  if (parts[0] === 'api') return parts.slice(0, 2).join('/')
  if (parts[0] === 'apis') return parts.slice(0, 3).join('/')
  return parts[0] ?? ''
}

export function buildV3Document(spec: OpenApiV2, name: string): Json | undefined {
  const paths = Object.keys(spec.paths).filter((p) => documentNameOf(p) === name)
  if (paths.length === 0) return undefined
  const selected = Object.fromEntries(paths.map((p) => [p, spec.paths[p]!]))
  const schemas = Object.fromEntries(reachableDefinitions(spec, selected).map((d) => [d, schemaV3(spec.definitions[d])]))
  return {
    openapi: '3.0.0',
    info: spec.info,
    paths: Object.fromEntries(paths.map((p) => [p, pathItemV3(spec, selected[p]!)])),
    components: { schemas, securitySchemes: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } } },
  }
}

export function documentNames(spec: OpenApiV2): string[] {
  return [...new Set(Object.keys(spec.paths).map(documentNameOf))].sort()
}
