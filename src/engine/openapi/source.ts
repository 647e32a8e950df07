// The OpenAPI documents the server publishes, each serialized and hashed once: /openapi/v2, the
// /openapi/v3 index and one v3 document per group-version. The hash in each serverRelativeURL is the
// SHA-512 of the document's bytes, as kube-openapi's handler3 computes its ETag.
import { hexUpper, sha512, utf8 } from '../sha2'
import type { OpenApiV2 } from './types'
import { buildV3Document, documentNames } from './v3'

export interface OpenApiDocument {
  body: unknown
  etag: string
}

export interface OpenApiSource {
  v2(): OpenApiDocument
  v3Index(): OpenApiDocument
  /** The v3 document of `api/v1`, `apis/apps/v1`, ...; undefined for a group-version nobody serves. */
  v3(name: string): OpenApiDocument | undefined
}

function hashed(body: unknown): OpenApiDocument {
  return { body, etag: hexUpper(sha512(utf8(JSON.stringify(body)))) }
}

export function createOpenApiSource(spec: OpenApiV2): OpenApiSource {
  const names = documentNames(spec)
  const v3Cache = new Map<string, OpenApiDocument>()
  let v2: OpenApiDocument | undefined
  let index: OpenApiDocument | undefined
  const v3 = (name: string): OpenApiDocument | undefined => {
    if (!names.includes(name)) return undefined
    if (!v3Cache.has(name)) v3Cache.set(name, hashed(buildV3Document(spec, name)))
    return v3Cache.get(name)
  }
  return {
    v2: () => (v2 ??= hashed(spec)),
    v3Index: () =>
      (index ??= hashed({
        paths: Object.fromEntries(names.map((n) => [n, { serverRelativeURL: `/openapi/v3/${n}?hash=${v3(n)!.etag}` }])),
      })),
    v3,
  }
}
