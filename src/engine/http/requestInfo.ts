// RequestInfo as k8s.io/apiserver/pkg/endpoints/request/requestinfo.go derives it from method and path:
// the attributes authorization checks, worked out before anything else runs.
import type { HttpMethod, RequestInfo } from '../types'

const API_PREFIXES = new Set(['api', 'apis'])
const GROUPLESS_PREFIXES = new Set(['api'])
const SPECIAL_VERBS = new Set(['proxy', 'watch'])
const SPECIAL_VERBS_WITHOUT_SUBRESOURCES = new Set(['proxy'])
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize'])

const METHOD_VERBS: Record<HttpMethod, string> = {
  POST: 'create',
  GET: 'get',
  HEAD: 'get',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
}

export function splitPathAndQuery(path: string): { pathname: string; query: URLSearchParams } {
  const q = path.indexOf('?')
  return q < 0
    ? { pathname: path, query: new URLSearchParams() }
    : { pathname: path.slice(0, q), query: new URLSearchParams(path.slice(q + 1)) }
}

/**
 * Go's http server hands kube-apiserver r.URL.Path, the path with its %XX escapes decoded (%2F included), and
 * that is what the request info splits: `/pods/web%3FdryRun=All` names the pod `web?dryRun=All`. A path that
 * does not decode as UTF-8 is kept as sent.
 */
function decodedPath(raw: string): string {
  if (!raw.includes('%')) return raw
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

export function parseRequestInfo(method: HttpMethod, path: string): RequestInfo {
  const split = splitPathAndQuery(path)
  const query = split.query
  const pathname = decodedPath(split.pathname)
  const nonResource: RequestInfo = {
    isResourceRequest: false,
    path: pathname,
    verb: method.toLowerCase(),
    apiPrefix: '',
    apiGroup: '',
    apiVersion: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
    parts: [],
  }
  let parts = pathname.replace(/^\/+|\/+$/g, '').split('/').filter((p) => p !== '')
  if (parts.length < 3 || !API_PREFIXES.has(parts[0]!)) return nonResource
  const info: RequestInfo = { ...nonResource, apiPrefix: parts[0]! }
  parts = parts.slice(1)
  if (!GROUPLESS_PREFIXES.has(info.apiPrefix)) {
    // /apis/<group>/<version>/<resource> needs one part more than /api/<version>/<resource>.
    if (parts.length < 3) return nonResource
    info.apiGroup = parts[0]!
    parts = parts.slice(1)
  }
  info.isResourceRequest = true
  info.apiVersion = parts[0]!
  parts = parts.slice(1)

  if (SPECIAL_VERBS.has(parts[0]!)) {
    info.verb = parts[0]!
    parts = parts.slice(1)
  } else {
    info.verb = METHOD_VERBS[method]
  }

  if (parts[0] === 'namespaces') {
    if (parts.length > 1) {
      info.namespace = parts[1]!
      // /namespaces/<ns>/<resource>...: what follows the namespace is a resource in its own right,
      // unless it is one of the namespace's own subresources.
      if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2]!)) parts = parts.slice(2)
    }
  }
  info.parts = parts
  if (parts.length >= 3 && !SPECIAL_VERBS_WITHOUT_SUBRESOURCES.has(info.verb)) info.subresource = parts[2]!
  if (parts.length >= 2) info.name = parts[1]!
  if (parts.length >= 1) info.resource = parts[0]!

  if (!info.name && info.verb === 'get') {
    info.verb = query.get('watch') === 'true' || query.get('watch') === '1' ? 'watch' : 'list'
    const byName = /^metadata\.name=([^,]+)$/.exec(query.get('fieldSelector') ?? '')
    if (byName) info.name = byName[1]!
  }
  if (!info.name && info.verb === 'delete') info.verb = 'deletecollection'
  return info
}
