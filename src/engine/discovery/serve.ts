// The non-resource endpoints that describe the server: discovery, /version and the health checks. Each is
// reached only after authentication and authorization, as every path is (system:discovery and
// system:public-info-viewer grant them). What is not served falls through to the NotFound handler.
import { headerValue } from '../authentication'
import { respondObject, respondStatus, respondText, type RequestContext } from '../handlers/context'
import { splitPathAndQuery } from '../http/requestInfo'
import type { ResourceInfo } from '../resources'
import { hexUpper, sha512, utf8 } from '../sha2'
import type { Status } from '../types'
import { aggregatedDiscovery, apiGroupDocument, apiGroupList, apiResourceList, apiVersions } from './documents'
import { AGGREGATED_DISCOVERY_CONTENT_TYPE, negotiateDiscovery, SUPPORTED_MEDIA_TYPES } from './negotiation'

export const VERSION_INFO = {
  major: '1',
  minor: '35',
  emulationMajor: '1',
  emulationMinor: '35',
  minCompatibilityMajor: '1',
  minCompatibilityMinor: '34',
  gitVersion: 'v1.35.0',
  gitCommit: 'simulated',
  gitTreeState: 'clean',
  buildDate: '2025-12-17T00:00:00Z',
  goVersion: 'go1.25.5',
  compiler: 'gc',
  platform: 'linux/amd64',
}

function notAcceptable(): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `only the following media types are accepted: ${SUPPORTED_MEDIA_TYPES.join(', ')}`,
    reason: 'NotAcceptable',
    code: 406,
  }
}

/** ServeHTTPWithETag: the SHA-512 of the document as its ETag, and 304 when the client has it already. */
function respondAggregated(ctx: RequestContext, body: unknown): void {
  const etag = `"${hexUpper(sha512(utf8(JSON.stringify(body))))}"`
  if (headerValue(ctx.req, 'If-None-Match') === etag) {
    respondText(ctx, null, 304, '')
  } else respondObject(ctx, 200, body)
  Object.assign(ctx.response!.headers, {
    'Cache-Control': 'public',
    // Go's Header.Set writes the canonical form of "ETag".
    Etag: etag,
    Vary: 'Accept',
    ...(ctx.response!.code === 200 ? { 'Content-Type': AGGREGATED_DISCOVERY_CONTENT_TYPE } : {}),
  })
  if (ctx.response!.code === 304) delete ctx.response!.headers['Content-Type']
}

/** The legacy document for a discovery path, or undefined when the path is no discovery endpoint. */
function legacyDocument(pathname: string, served: readonly ResourceInfo[]): unknown {
  const parts = pathname.split('/').filter(Boolean)
  if (parts[0] === 'api') {
    if (parts.length === 1) return apiVersions(served)
    if (parts.length === 2) return apiResourceList(served, '', parts[1]!)
  }
  if (parts[0] === 'apis') {
    if (parts.length === 1) return apiGroupList(served)
    if (parts.length === 2) return apiGroupDocument(served, parts[1]!)
    if (parts.length === 3) return apiResourceList(served, parts[1]!, parts[2]!)
  }
  return undefined
}

/** Answers the request when its path is a discovery, version or health endpoint; false otherwise. */
export function serveServerInfo(ctx: RequestContext, served: readonly ResourceInfo[]): boolean {
  const { pathname } = splitPathAndQuery(ctx.req.path)
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname
  if (['/healthz', '/livez', '/readyz'].includes(path) && ctx.req.method === 'GET') {
    ctx.trace.record('http', 'healthz', 'passed', `${path} answers ok: every check passes`)
    respondText(ctx, null, 200, 'ok')
    ctx.response!.headers['X-Content-Type-Options'] = 'nosniff'
    return true
  }
  if (path === '/version' && ctx.req.method === 'GET') {
    ctx.trace.record('http', 'version', 'passed', '/version answers with the build information of v1.35.0')
    respondObject(ctx, 200, VERSION_INFO)
    return true
  }
  if (ctx.req.method !== 'GET') return false
  const document = legacyDocument(path, served)
  if (document === undefined) return false
  const aggregatable = path === '/api' || path === '/apis'
  const negotiated = negotiateDiscovery(headerValue(ctx.req, 'Accept'), aggregatable)
  if (negotiated.kind === 'notAcceptable') {
    ctx.trace.record('http', 'discovery', 'rejected', `406: ${path} cannot answer in any media type the Accept header lists`)
    respondStatus(ctx, 'http', notAcceptable())
    return true
  }
  if (negotiated.kind === 'aggregated') {
    const body = aggregatedDiscovery(served, path === '/api')
    ctx.trace.record('http', 'discovery', 'passed', `${path} answers with aggregated discovery (apidiscovery.k8s.io/v2 APIGroupDiscoveryList, ${body.items.length} groups)`)
    respondAggregated(ctx, body)
    return true
  }
  ctx.trace.record('http', 'discovery', 'passed', `${path} answers with its discovery document`)
  respondObject(ctx, 200, document)
  return true
}
