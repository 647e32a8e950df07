// A raw API call, as `kubectl get --raw` sends one: exactly the path given, any Accept header, and the body
// as it is. It is how a scenario reaches what kubectl's verbs do not (discovery, OpenAPI, subresources).
import type { KubectlResult, ScenarioRequest } from '../scenario/types'
import type { HttpMethod, HttpRequest, RequestResult } from '../types'
import { kubectlError } from './messages'

export const RAW_METHODS = {
  get: 'GET',
  create: 'POST',
  update: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
} as const satisfies Partial<Record<ScenarioRequest['verb'], HttpMethod>>

export type RawVerb = keyof typeof RAW_METHODS

export function isRawVerb(verb: string): verb is RawVerb {
  return Object.hasOwn(RAW_METHODS, verb)
}

const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const

/** The body and its type: a manifest travels as the YAML text it is, an object or a patch as JSON. */
function bodyOf(request: ScenarioRequest): { body: string; contentType: string } | undefined {
  if (request.manifest !== undefined)
    return { body: request.manifest, contentType: request.contentType ?? 'application/yaml' }
  if (request.object !== undefined)
    return { body: JSON.stringify(request.object), contentType: request.contentType ?? 'application/json' }
  if (request.patch !== undefined)
    return {
      body: JSON.stringify(request.patch),
      contentType: request.contentType ?? PATCH_TYPES[request.patchType ?? 'merge'],
    }
  return undefined
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`
}

/**
 * kubectl has `--raw` for get, create, replace and delete, with no way to choose the Accept header or a
 * patch; anything else is shown as the curl call that sends the same request.
 */
export function rawCommandLine(request: ScenarioRequest): string {
  const raw = request.raw ?? ''
  const verb = request.verb as RawVerb
  const kubectlVerb = { get: 'get', create: 'create', update: 'replace', delete: 'delete', patch: '' }[verb]
  const hasBody = bodyOf(request) !== undefined
  const needsFile = verb === 'create' || verb === 'update'
  if (kubectlVerb && request.accept === undefined && request.contentType === undefined && hasBody === needsFile) {
    const parts = ['kubectl', kubectlVerb, '--raw', shellQuote(raw)]
    if (hasBody) parts.push('-f', 'manifest.yaml')
    if (request.token) parts.push(`--token=${shellQuote(request.token)}`)
    else if (request.as && request.as !== 'admin') parts.push(`--user=${shellQuote(request.as)}`)
    return parts.join(' ')
  }
  const body = bodyOf(request)
  const parts = ['curl']
  if (verb !== 'get') parts.push('-X', RAW_METHODS[verb])
  if (request.accept !== undefined) parts.push('-H', shellQuote(`Accept: ${request.accept}`))
  if (body) parts.push('-H', shellQuote(`Content-Type: ${body.contentType}`), '--data-binary', '@body')
  parts.push(shellQuote(`https://kubernetes${raw}`))
  return parts.join(' ')
}

/** What kubectl prints: the body as the server sent it, or the error kubectl makes of a failure. */
function rawOutput(result: RequestResult): string {
  const { code, body } = result.response
  if (code >= 200 && code < 300) return typeof body === 'string' ? body : JSON.stringify(body)
  return kubectlError(result.response)
}

export function runRaw(
  request: ScenarioRequest,
  label: string | undefined,
  credentials: Pick<HttpRequest, 'headers' | 'clientCertificate'>,
  handle: (req: HttpRequest) => RequestResult,
): KubectlResult {
  const method = RAW_METHODS[request.verb as RawVerb]
  const path = request.raw ?? ''
  const body = bodyOf(request)
  const req: HttpRequest = {
    method,
    path,
    headers: {
      Accept: request.accept ?? 'application/json, */*',
      'User-Agent': 'kubectl/v1.35.0 (linux/amd64) kubernetes/simulated',
      ...(credentials.headers ?? {}),
      ...(body ? { 'Content-Type': body.contentType } : {}),
    },
  }
  if (body) req.body = body.body
  if (credentials.clientCertificate) req.clientCertificate = credentials.clientCertificate
  const result = handle(req)
  return {
    name: label ?? `${method} ${path}`,
    calls: [result],
    request: { method, path, user: result.user },
    response: result.response,
    stoppedAt: result.stoppedAt,
    kubectl: rawOutput(result),
    commandLine: rawCommandLine(request),
  }
}
