// POST serviceaccounts/{name}/token (TokenREST.Create in pkg/registry/core/serviceaccount/storage/token.go):
// a TokenRequest answered with a bound service-account token for the requested audiences (the API server's
// own when none are given) and lifetime (an hour when none is given), which the service-account
// authenticator then accepts only for its own audience and only until it expires.
import { headerValue, issueServiceAccountToken, SERVICE_ACCOUNT_ISSUER, serviceAccountUsername } from '../authentication'
import { decodeBody } from '../decoding'
import { etcdKey, subresourceKind, type ResourceInfo } from '../resources'
import { invalid, notFound, routeMethodNotAllowed } from '../status'
import type { FieldError } from '../types'
import { respondObject, respondStatus, type HandlerDeps, type RequestContext } from './context'

const TOKEN_REQUEST = subresourceKind('authentication.k8s.io', 'v1', 'TokenRequest', 'serviceaccounts', true)

/** ValidateTokenRequest: between ten minutes and 2^32 seconds. */
function validateExpiration(seconds: number): FieldError[] {
  if (seconds < 600)
    return [{ type: 'FieldValueInvalid', field: 'spec.expirationSeconds', badValue: seconds, detail: 'may not specify a duration less than 10 minutes' }]
  if (seconds > 2 ** 32)
    return [{ type: 'FieldValueInvalid', field: 'spec.expirationSeconds', badValue: seconds, detail: 'may not specify a duration larger than 2^32 seconds' }]
  return []
}

export function serveToken(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): void {
  const info = ctx.info!
  if (info.verb !== 'create') {
    ctx.trace.record('http', 'go-restful', 'rejected', `serviceaccounts/token has only a POST route, not ${info.verb}`)
    return respondStatus(ctx, 'http', routeMethodNotAllowed())
  }
  const decoded = decodeBody(ctx.req.body, headerValue(ctx.req, 'Content-Type'), TOKEN_REQUEST)
  if (!decoded.ok) {
    ctx.trace.record('decoding', 'decoder', 'rejected', `${decoded.status.code}: ${decoded.note}`)
    return respondStatus(ctx, 'decoding', decoded.status)
  }
  const request = decoded.object
  const spec = (request.spec ?? {}) as { audiences?: string[]; expirationSeconds?: number }
  const reject = (errors: FieldError[], name: string) => {
    ctx.trace.record('validation', 'TokenREST', 'rejected', `422: ${errors.map((e) => e.detail).join('; ')}`)
    respondStatus(ctx, 'validation', invalid(TOKEN_REQUEST.group, TOKEN_REQUEST.kind, name, errors))
  }
  // The body may name the service account and namespace, but only the URL's.
  const bodyName = request.metadata?.name ?? ''
  if (bodyName && bodyName !== info.name)
    return reject([{ type: 'FieldValueInvalid', field: 'metadata.name', badValue: bodyName, detail: 'must match the service account name if specified' }], info.name)
  const bodyNamespace = request.metadata?.namespace ?? ''
  if (bodyNamespace && bodyNamespace !== info.namespace)
    return reject([{ type: 'FieldValueInvalid', field: 'metadata.namespace', badValue: bodyNamespace, detail: 'must match the service account namespace if specified' }], info.name)
  // SetDefaults_TokenRequestSpec
  const expirationSeconds = typeof spec.expirationSeconds === 'number' ? spec.expirationSeconds : 3600
  const errors = validateExpiration(expirationSeconds)
  if (errors.length) return reject(errors, '')
  const account = deps.etcd.get(etcdKey(resource, info.namespace, info.name))?.value
  if (!account) {
    ctx.trace.record('storage', 'etcd3 get', 'rejected', `service account ${info.namespace}/${info.name} does not exist`)
    return respondStatus(ctx, 'storage', notFound({ group: '', resource: 'serviceaccounts' }, info.name))
  }
  const audiences = spec.audiences?.length ? spec.audiences : [SERVICE_ACCOUNT_ISSUER]
  const iat = Math.floor(Date.parse(deps.clock.now()) / 1000)
  const token = issueServiceAccountToken({
    aud: audiences,
    exp: iat + expirationSeconds,
    iat,
    iss: SERVICE_ACCOUNT_ISSUER,
    jti: deps.ids.uid(),
    'kubernetes.io': { namespace: info.namespace, serviceaccount: { name: info.name, uid: account.metadata?.uid ?? '' } },
    nbf: iat,
    sub: serviceAccountUsername(info.namespace, info.name),
  })
  const expires = new Date((iat + expirationSeconds) * 1000).toISOString().replace('.000Z', 'Z')
  ctx.trace.record('storage', 'TokenREST', 'passed', `signed a token for ${serviceAccountUsername(info.namespace, info.name)}, audiences [${audiences.join(', ')}], valid until ${expires}; nothing is stored`)
  respondObject(ctx, 201, {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name: info.name, namespace: info.namespace, creationTimestamp: null },
    spec: { audiences, expirationSeconds, boundObjectRef: null },
    status: { token, expirationTimestamp: expires },
  })
}
