// /openapi/v2, /openapi/v3 and /openapi/v3/<group-version>, as kube-aggregator's OpenAPI handlers answer
// them. The index goes out through http.ServeContent with no file extension to go by, so Go sniffs its type
// (text/plain); the documents are JSON with an ETag, and immutable when asked for by their hash.
import { respondObject, respondText, type RequestContext } from '../handlers/context'
import { splitPathAndQuery } from '../http/requestInfo'
import type { OpenApiDocument, OpenApiSource } from './source'

export type { OpenApiSource } from './source'

function respondDocument(ctx: RequestContext, doc: OpenApiDocument, contentType: string): void {
  respondObject(ctx, 200, doc.body)
  Object.assign(ctx.response!.headers, { 'Content-Type': contentType, Etag: `"${doc.etag}"` })
}

/** Answers /openapi/* when the documents are loaded; false to let the request go on to the NotFound handler. */
export function serveOpenApi(ctx: RequestContext, source: OpenApiSource | undefined): boolean {
  const { pathname, query } = splitPathAndQuery(ctx.req.path)
  if (!source || ctx.req.method !== 'GET' || !(pathname === '/openapi/v2' || pathname === '/openapi/v3' || pathname.startsWith('/openapi/v3/'))) return false
  if (pathname === '/openapi/v2') {
    ctx.trace.record('http', 'OpenAPI', 'passed', '/openapi/v2 answers with the OpenAPI v2 document of every served group-version')
    respondDocument(ctx, source.v2(), 'application/json')
    return true
  }
  if (pathname === '/openapi/v3') {
    ctx.trace.record('http', 'OpenAPI', 'passed', '/openapi/v3 answers with the list of OpenAPI v3 documents, one per group-version')
    respondDocument(ctx, source.v3Index(), 'text/plain; charset=utf-8')
    return true
  }
  const name = pathname.slice('/openapi/v3/'.length)
  const doc = source.v3(name)
  if (!doc) {
    ctx.trace.record('http', 'OpenAPI', 'rejected', `no OpenAPI v3 document for ${name}: 404 with an empty body`)
    respondText(ctx, 'http', 404, '')
    delete ctx.response!.headers['Content-Type']
    return true
  }
  const hash = query.get('hash')
  if (hash && hash !== doc.etag) {
    const location = `/openapi/v3/${name}?hash=${doc.etag}`
    ctx.trace.record('http', 'OpenAPI', 'passed', `the ${name} document has changed: 301 to its current hash`)
    respondText(ctx, null, 301, `<a href="${location}">Moved Permanently</a>.\n\n`)
    Object.assign(ctx.response!.headers, { 'Content-Type': 'text/html; charset=utf-8', Location: location })
    return true
  }
  ctx.trace.record('http', 'OpenAPI', 'passed', `/openapi/v3/${name} answers with the OpenAPI v3 document of ${name}`)
  respondDocument(ctx, doc, 'application/json')
  Object.assign(ctx.response!.headers, { Vary: 'Accept', ...(hash ? { 'Cache-Control': 'public, immutable' } : {}) })
  return true
}
