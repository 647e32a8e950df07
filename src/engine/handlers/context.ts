// What the REST handlers share: the request context that filters fill in, the ways to answer, and the
// server's parts a handler uses.
import type { AdmissionConfig } from '../admission/plugins'
import type { Authorizer, RbacObjects } from '../authorization'
import type { AdmissionAttributes, AdmissionContext, Operation } from '../admission/types'
import { headerValue } from '../authentication'
import { splitPathAndQuery } from '../http/requestInfo'
import type { RegistryContext } from '../registry/strategy'
import type { ResourceInfo } from '../resources'
import { badRequest, invalid } from '../status'
import type { Etcd } from '../storage/etcd'
import type { TraceRecorder } from '../trace'
import type {
  Clock,
  FieldError,
  HttpRequest,
  HttpResponse,
  IdSource,
  KubeObject,
  RequestInfo,
  StageId,
  Status,
  UserInfo,
} from '../types'

/** What one request carries from filter to filter, as the request context does in Go. */
export interface RequestContext {
  req: HttpRequest
  trace: TraceRecorder
  auditId: string
  info?: RequestInfo
  user: UserInfo | null
  response?: HttpResponse
  stoppedAt: StageId | null
  decodedObject?: KubeObject
}

export interface WriteEvent {
  type: 'created' | 'updated' | 'deleted'
  resource: ResourceInfo
  object: KubeObject
}

export interface HandlerDeps {
  authorizer: Authorizer
  rbac: RbacObjects
  etcd: Etcd
  clock: Clock
  ids: IdSource
  config: { admission: AdmissionConfig; afterWrite?(event: WriteEvent): void }
  admissionContext: AdmissionContext
  registryContext: RegistryContext
  /** Server-side apply, handed in rather than imported: it builds on the update path, which routes to it. */
  applyPatch(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): void
}

function headersFor(ctx: RequestContext, contentType: string, isError: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'Audit-Id': ctx.auditId,
    'Cache-Control': 'no-cache, private',
    'Content-Type': contentType,
  }
  if (isError) headers['X-Content-Type-Options'] = 'nosniff'
  return headers
}

export function respondStatus(
  ctx: RequestContext,
  stage: StageId,
  status: Status,
  warnings: string[] = [],
): void {
  ctx.response = {
    code: status.code,
    headers: headersFor(ctx, 'application/json', true),
    body: status,
    warnings,
  }
  ctx.stoppedAt = stage
}

export function respondText(ctx: RequestContext, stage: StageId | null, code: number, text: string): void {
  ctx.response = {
    code,
    headers: headersFor(ctx, 'text/plain; charset=utf-8', code >= 400),
    body: text,
    warnings: [],
  }
  ctx.stoppedAt = stage
}

export function respondObject(
  ctx: RequestContext,
  code: number,
  body: unknown,
  warnings: string[] = [],
): void {
  ctx.response = { code, headers: headersFor(ctx, 'application/json', false), body, warnings }
}

export function admissionAttributes(
  ctx: RequestContext,
  resource: ResourceInfo,
  operation: Operation,
  object: KubeObject | undefined,
  oldObject: KubeObject | undefined,
): AdmissionAttributes {
  const { query } = splitPathAndQuery(ctx.req.path)
  return {
    name: ctx.info!.name || (object?.metadata?.name ?? ''),
    namespace: ctx.info!.namespace,
    resource,
    subresource: ctx.info!.subresource,
    operation,
    object,
    oldObject,
    userInfo: ctx.user!,
    dryRun: query.get('dryRun') === 'All',
    ...(query.get('fieldManager') ? { fieldManager: query.get('fieldManager')! } : {}),
    ...(query.get('fieldValidation') ? { fieldValidation: query.get('fieldValidation')! } : {}),
  }
}

/** A strategy's validation failed: 422 Invalid with every field error, each listed in the trace. */
export function respondInvalid(
  ctx: RequestContext,
  step: string,
  resource: ResourceInfo,
  name: string,
  errors: FieldError[],
  warnings: string[],
): void {
  const status = invalid(resource.group, resource.kind, name, errors)
  ctx.trace.record(
    'validation',
    step,
    'rejected',
    `422: ${errors.length} field error${errors.length === 1 ? '' : 's'}`,
    {
      details: status.details?.causes?.map((c) => `${c.field}: ${c.message}`),
    },
  )
  respondStatus(ctx, 'validation', status, warnings)
}

/**
 * managerOrUserAgent: the field manager a write records is `?fieldManager=`, or else the User-Agent up to its
 * first `/` (printable characters only, at most 128 bytes), so a controller without one still has a name.
 */
export function fieldManagerOf(ctx: RequestContext): string {
  const { query } = splitPathAndQuery(ctx.req.path)
  const given = query.get('fieldManager')
  if (given) return given
  const agent = (headerValue(ctx.req, 'User-Agent') ?? '').split('/')[0]!
  let out = ''
  for (const ch of agent) {
    if (/\p{C}/u.test(ch)) continue
    if (new TextEncoder().encode(out + ch).length > 128) break
    out += ch
  }
  return out
}

/** rest.BeforeCreate and BeforeUpdate: admission moved the object to a namespace the request did not name. */
export function respondNamespaceMoved(ctx: RequestContext, objectNamespace: string, requestNamespace: string, warnings: string[]): void {
  ctx.trace.record(
    'validation',
    'namespace check',
    'rejected',
    `after admission the object says namespace "${objectNamespace}" but the request is for "${requestNamespace}"`,
  )
  respondStatus(
    ctx,
    'validation',
    badRequest('the namespace of the provided object does not match the namespace sent on the request'),
    warnings,
  )
}
