// The parts of an OpenAPI v2 document the engine reads.

export interface Parameter {
  $ref?: string
  name?: string
  in?: string
  description?: string
  required?: boolean
  type?: string
  format?: string
  uniqueItems?: boolean
  items?: unknown
  schema?: unknown
}

export interface Operation {
  tags?: string[]
  description?: string
  operationId?: string
  consumes?: string[]
  produces?: string[]
  parameters?: Parameter[]
  responses?: Record<string, { description: string; schema?: unknown }>
  [extension: `x-${string}`]: unknown
}

export interface PathItem {
  get?: Operation
  put?: Operation
  post?: Operation
  delete?: Operation
  options?: Operation
  head?: Operation
  patch?: Operation
  parameters?: Parameter[]
}

export interface OpenApiV2 {
  swagger: string
  info: { title: string; version: string }
  paths: Record<string, PathItem>
  definitions: Record<string, unknown>
  parameters: Record<string, Parameter>
  securityDefinitions: unknown
  security: unknown
}
