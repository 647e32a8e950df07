// kube-apiserver's request path. The filters are listed in the order a request meets them; Go builds the
// same chain inside out in DefaultBuildHandlerChain (k8s.io/apiserver/pkg/server/config.go). The filters
// that only shape traffic (audit, panic recovery, timeouts, priority and fairness) are left out: they never
// decide anything for a single request in the simulation.
import { cloneJson } from './clone'
import { changesMadeBy } from './patch'
import { runAdmissionPhase } from './admission/chain'
import { enabledPlugins, type AdmissionConfig } from './admission/plugins'
import type { AdmissionAttributes, AdmissionContext, ClusterReader, Operation } from './admission/types'
import {
  authenticateRequest,
  clientCertificateAuthenticator,
  headerValue,
  serviceAccountTokenAuthenticator,
  staticTokenAuthenticator,
  type RequestAuthenticator,
  type StaticTokenUser,
} from './authentication'
import { createAuthorizer, forbiddenMessage, type AuthorizationAttributes, type Authorizer } from './authorization'
import { decodeBody } from './decoding'
import type { FieldValidation } from './decoding/strict'
import { encodeForResponse, managedFieldsFor, withResourceVersion } from './encoding'
import { parseRequestInfo, splitPathAndQuery } from './http/requestInfo'
import { impersonate } from './impersonation'
import { applyDefaults, createStrategyFor, type RegistryContext } from './registry/strategy'
import { etcdKey, etcdListPrefix, resourceByName, resourceFor, SERVED_GROUP_VERSIONS, type ResourceInfo } from './resources'
import {
  alreadyExists,
  badRequest,
  deleteSuccess,
  forbidden,
  internalError,
  invalid,
  methodNotSupported,
  notFound,
  PAGE_NOT_FOUND,
  routeNotFound,
} from './status'
import type { Etcd } from './storage/etcd'
import { createTraceRecorder, type TraceRecorder } from './trace'
import type { Clock, HttpRequest, HttpResponse, IdSource, KubeObject, RequestInfo, RequestResult, StageId, Status, UserInfo } from './types'

export interface ApiServerConfig {
  etcd: Etcd
  clock: Clock
  ids: IdSource
  tokenUsers: readonly StaticTokenUser[]
  anonymousAuth: boolean
  admission: AdmissionConfig
  allocateClusterIP(): string
  allocateNodePort(): number
  /** What the cluster's controllers do after a successful write (service accounts for new namespaces...). */
  afterWrite?(event: { type: 'created' | 'deleted'; resource: ResourceInfo; object: KubeObject }): void
}

export interface ApiServer {
  handle(req: HttpRequest): RequestResult
  /** The informer view admission plugins and controllers read. */
  readonly cluster: ClusterReader
}

/** What one request carries from filter to filter, as the request context does in Go. */
interface RequestContext {
  req: HttpRequest
  trace: TraceRecorder
  auditId: string
  info?: RequestInfo
  user: UserInfo | null
  response?: HttpResponse
  stoppedAt: StageId | null
  decodedObject?: KubeObject
}

type Filter = (ctx: RequestContext) => void

function headersFor(ctx: RequestContext, contentType: string, isError: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'Audit-Id': ctx.auditId,
    'Cache-Control': 'no-cache, private',
    'Content-Type': contentType,
  }
  if (isError) headers['X-Content-Type-Options'] = 'nosniff'
  return headers
}

function respondStatus(ctx: RequestContext, stage: StageId, status: Status, warnings: string[] = []): void {
  ctx.response = { code: status.code, headers: headersFor(ctx, 'application/json', true), body: status, warnings }
  ctx.stoppedAt = stage
}

function respondText(ctx: RequestContext, stage: StageId | null, code: number, text: string): void {
  ctx.response = { code, headers: headersFor(ctx, 'text/plain; charset=utf-8', code >= 400), body: text, warnings: [] }
  ctx.stoppedAt = stage
}

function respondObject(ctx: RequestContext, code: number, body: unknown, warnings: string[] = []): void {
  ctx.response = { code, headers: headersFor(ctx, 'application/json', false), body, warnings }
}

function describeUser(user: UserInfo): string {
  return `${user.username} (groups: ${user.groups.join(', ') || 'none'})`
}

function authorizationAttributes(info: RequestInfo, user: UserInfo): AuthorizationAttributes {
  return {
    user,
    verb: info.verb,
    namespace: info.namespace,
    apiGroup: info.apiGroup,
    apiVersion: info.apiVersion,
    resource: info.resource,
    subresource: info.subresource,
    name: info.name,
    isResourceRequest: info.isResourceRequest,
    path: info.path,
  }
}

export function createApiServer(config: ApiServerConfig): ApiServer {
  const { etcd, clock, ids } = config
  const nowSeconds = () => Math.floor(Date.parse(clock.now()) / 1000)

  const cluster: ClusterReader = {
    get(resource, namespace, name) {
      const info = resourceByName(resource)
      return info ? etcd.get(etcdKey(info, namespace, name))?.value : undefined
    },
    list(resource, namespace) {
      const info = resourceByName(resource)
      return info ? etcd.range(etcdListPrefix(info, namespace)).map((kv) => kv.value) : []
    },
  }

  const rbacResource = (resource: string) => resourceByName(resource)!
  const authorizer: Authorizer = createAuthorizer({
    clusterRoleBindings: () => etcd.range(etcdListPrefix(rbacResource('clusterrolebindings'), '')).map((kv) => kv.value),
    roleBindings: (ns) => etcd.range(etcdListPrefix(rbacResource('rolebindings'), ns)).map((kv) => kv.value),
    clusterRole: (name) => etcd.get(etcdKey(rbacResource('clusterroles'), '', name))?.value,
    role: (ns, name) => etcd.get(etcdKey(rbacResource('roles'), ns, name))?.value,
  })

  const authenticators: RequestAuthenticator[] = [
    clientCertificateAuthenticator(),
    staticTokenAuthenticator(config.tokenUsers),
    serviceAccountTokenAuthenticator(
      { uid: (ns, name) => cluster.get('serviceaccounts', ns, name)?.metadata?.uid },
      nowSeconds,
    ),
  ]
  const registryContext: RegistryContext = { clock, ids, allocateClusterIP: config.allocateClusterIP, allocateNodePort: config.allocateNodePort }
  const admissionContext: AdmissionContext = { cluster, ids, clock }

  // ---- filters, in the order a request passes them ----

  const withRequestInfo: Filter = (ctx) => {
    ctx.info = parseRequestInfo(ctx.req.method, ctx.req.path)
    const info = ctx.info
    const summary = info.isResourceRequest
      ? `${ctx.req.method} ${info.path} is a resource request: verb "${info.verb}" on ${info.resource}${info.subresource ? `/${info.subresource}` : ''}${info.apiGroup ? ` in API group "${info.apiGroup}"` : ' in the core API group'}${info.namespace ? ` in namespace "${info.namespace}"` : ''}`
      : `${ctx.req.method} ${info.path} is a non-resource request: verb "${info.verb}" on path ${info.path}`
    ctx.trace.record('http', 'RequestInfo', 'passed', summary, { data: { requestInfo: info } })
  }

  const withAuthentication: Filter = (ctx) => {
    const { result, consulted } = authenticateRequest(ctx.req, authenticators, config.anonymousAuth)
    if (result.kind !== 'authenticated') {
      const reason = result.kind === 'failed' ? result.reason : 'no authenticator recognised the request'
      ctx.trace.record('authentication', result.kind === 'failed' ? result.authenticator : 'union', 'rejected', `401 Unauthorized: ${reason}`, {
        details: consulted,
      })
      respondStatus(ctx, 'authentication', {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      })
      return
    }
    ctx.user = result.user
    ctx.trace.record('authentication', result.authenticator, 'passed', `authenticated as ${describeUser(result.user)}`, {
      details: [...result.details, ...consulted],
      data: { user: result.user },
    })
  }

  const withImpersonation: Filter = (ctx) => {
    const outcome = impersonate(ctx.req, ctx.user!, (attrs) => authorizer.authorize(attrs))
    if (outcome.kind === 'none') {
      ctx.trace.record('impersonation', 'Impersonate-*', 'skipped', 'no Impersonate-* headers: the request acts as its own user')
      return
    }
    if (outcome.kind === 'malformed') {
      ctx.trace.record('impersonation', 'Impersonate-*', 'rejected', `500: ${outcome.summary}`)
      const uri = ctx.req.path.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      return respondText(ctx, 'impersonation', 500, `Internal Server Error: "${uri}": ${outcome.text}\n`)
    }
    if (outcome.kind === 'rejected') {
      ctx.trace.record('impersonation', 'Impersonate-*', 'rejected', outcome.summary, { details: outcome.details })
      respondStatus(ctx, 'impersonation', outcome.status)
      return
    }
    ctx.trace.record('impersonation', 'Impersonate-*', 'passed', `acting as ${describeUser(outcome.user)}`, {
      details: outcome.details,
      data: { user: outcome.user, impersonator: ctx.user },
    })
    ctx.user = outcome.user
  }

  const withAuthorization: Filter = (ctx) => {
    const info = ctx.info!
    const attrs = authorizationAttributes(info, ctx.user!)
    const decision = authorizer.authorize(attrs)
    if (decision.decision === 'Allow') {
      ctx.trace.record('authorization', decision.authorizer, 'passed', decision.reason || `allowed by ${decision.authorizer}`, {
        details: decision.details,
        data: { attributes: { ...attrs, user: undefined }, decision: decision.decision },
      })
      return
    }
    const message = forbiddenMessage(attrs, decision.reason)
    const status = info.isResourceRequest
      ? forbidden({ group: info.apiGroup, resource: info.resource }, info.name, message)
      : forbidden({ group: '', resource: '' }, '', message)
    ctx.trace.record('authorization', decision.authorizer, 'rejected', `403 Forbidden: ${message}`, {
      details: decision.details,
      data: { attributes: { ...attrs, user: undefined }, decision: decision.decision },
    })
    respondStatus(ctx, 'authorization', status)
  }

  const FILTERS: readonly Filter[] = [withRequestInfo, withAuthentication, withImpersonation, withAuthorization]

  // ---- after the filters: routing and the REST handlers ----

  function route(ctx: RequestContext): void {
    const info = ctx.info!
    if (!info.isResourceRequest) return serveNonResource(ctx)
    const groupVersion = info.apiGroup ? `${info.apiGroup}/${info.apiVersion}` : info.apiVersion
    if (!SERVED_GROUP_VERSIONS.has(groupVersion)) {
      ctx.trace.record('http', 'NotFoundHandler', 'rejected', `no API server in the delegation chain serves ${groupVersion}: 404 page not found`)
      return respondText(ctx, 'http', 404, PAGE_NOT_FOUND)
    }
    const resource = resourceFor(info.apiGroup, info.apiVersion, info.resource)
    const subresourceKnown = !info.subresource || resource?.subresources.includes(info.subresource)
    const scopeFits = !resource || resource.namespaced || !info.namespace || info.resource === 'namespaces'
    if (!resource || !subresourceKnown || !scopeFits) {
      ctx.trace.record('http', 'go-restful', 'rejected', `${groupVersion} has no route for ${info.parts.join('/')}: 404`)
      return respondStatus(ctx, 'http', routeNotFound())
    }
    ctx.trace.record('http', 'go-restful', 'passed', `routed to the ${resource.kind} REST handler (${info.verb})`)
    if (info.subresource) {
      ctx.trace.record('http', 'go-restful', 'rejected', `the ${info.subresource} subresource is not simulated yet`)
      return respondStatus(ctx, 'http', methodNotSupported({ group: resource.group, resource: `${resource.resource}/${info.subresource}` }, info.verb))
    }
    switch (info.verb) {
      case 'create':
        return create(ctx, resource)
      case 'get':
        return get(ctx, resource)
      case 'list':
        return list(ctx, resource)
      case 'delete':
        return remove(ctx, resource)
      default:
        ctx.trace.record('http', 'go-restful', 'rejected', `the verb "${info.verb}" is not simulated yet`)
        return respondStatus(ctx, 'http', methodNotSupported({ group: resource.group, resource: resource.resource }, info.verb))
    }
  }

  function serveNonResource(ctx: RequestContext): void {
    const path = ctx.info!.path
    const bodies: Record<string, unknown> = {
      '/version': {
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
      },
      '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '172.18.0.2:6443' }] },
    }
    if (['/healthz', '/livez', '/readyz'].includes(path)) {
      ctx.trace.record('http', 'healthz', 'passed', `${path} answers ok`)
      return respondText(ctx, null, 200, 'ok')
    }
    if (path in bodies) {
      ctx.trace.record('http', 'discovery', 'passed', `${path} answers with server information`)
      return respondObject(ctx, 200, bodies[path])
    }
    ctx.trace.record('http', 'NotFoundHandler', 'rejected', `nothing is served at ${path}: 404 page not found`)
    respondText(ctx, 'http', 404, PAGE_NOT_FOUND)
  }

  function admissionAttributes(
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
    }
  }

  function create(ctx: RequestContext, resource: ResourceInfo): void {
    const info = ctx.info!
    const { query } = splitPathAndQuery(ctx.req.path)
    const dryRun = query.get('dryRun') === 'All'
    const gr = { group: resource.group, resource: resource.resource }

    // CreateOptions come from the query and are validated before the body is read.
    const fieldValidation = query.get('fieldValidation') ?? ''
    if (!['', 'Ignore', 'Strict', 'Warn'].includes(fieldValidation)) {
      const status = invalid('meta.k8s.io', 'CreateOptions', '', [
        { type: 'FieldValueNotSupported', field: 'fieldValidation', badValue: fieldValidation, detail: 'supported values: "", "Ignore", "Strict", "Warn"' },
      ])
      ctx.trace.record('decoding', 'CreateOptions', 'rejected', `fieldValidation=${fieldValidation} is not a supported value`)
      return respondStatus(ctx, 'decoding', status)
    }

    // Decode, default (while decoding, before admission) and check the namespace.
    const decoded = decodeBody(ctx.req.body, headerValue(ctx.req, 'Content-Type'), resource, (fieldValidation || 'Warn') as FieldValidation)
    if (!decoded.ok) {
      ctx.trace.record('decoding', 'decoder', 'rejected', `${decoded.status.code}: ${decoded.note}`)
      return respondStatus(ctx, 'decoding', decoded.status)
    }
    // Warnings go out as Warning headers as soon as they are recorded, so even a failure later carries them.
    const warnings = [...decoded.warnings]
    ctx.trace.record('decoding', 'decoder', 'passed', decoded.note, {
      details: decoded.warnings.map((w) => `Warning: ${w}`),
    })
    const obj = decoded.object
    const { patch: defaultsPatch } = changesMadeBy(obj, () => applyDefaults(obj, resource))
    ctx.decodedObject = cloneJson(obj)
    ctx.trace.record('decoding', 'defaulting', defaultsPatch.length ? 'mutated' : 'passed',
      defaultsPatch.length ? `applied ${defaultsPatch.length} default${defaultsPatch.length === 1 ? '' : 's'} for ${resource.kind} ${resource.version}` : 'nothing to default',
      {
        patch: defaultsPatch,
        details: ['Defaulting is part of decoding: the versioned object gets its defaults before any admission plugin sees it.'],
      })

    const meta = (obj.metadata ??= {})
    if (resource.kind === 'Namespace' && meta.name) info.namespace = meta.name
    const requestNamespace = resource.namespaced ? info.namespace : ''
    if (resource.namespaced) {
      if (!meta.namespace) meta.namespace = requestNamespace
      else if (meta.namespace !== requestNamespace) {
        ctx.trace.record('decoding', 'namespace check', 'rejected', `the object says namespace "${meta.namespace}" but the URL says "${requestNamespace}"`)
        return respondStatus(ctx, 'decoding', badRequest('the namespace of the provided object does not match the namespace sent on the request'), warnings)
      }
    }
    // WipeObjectMetaSystemFields: the client does not get to choose these.
    for (const field of ['creationTimestamp', 'uid', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink'])
      delete meta[field]
    const fieldManager = query.get('fieldManager') ?? 'kubectl-create'
    meta.managedFields = managedFieldsFor(obj, fieldManager, 'Update', clock.now())

    // Mutating admission.
    const attrs = admissionAttributes(ctx, resource, 'CREATE', obj, undefined)
    const plugins = enabledPlugins(config.admission)
    const mutating = runAdmissionPhase('mutating', plugins, attrs, admissionContext, ctx.trace)
    if (!mutating.allowed) return respondStatus(ctx, 'mutating-admission', mutating.status, warnings)
    warnings.push(...mutating.warnings)

    // The registry: system fields, generated name, PrepareForCreate, Validate.
    const strategy = createStrategyFor(resource)
    const generatesName = !meta.name && Boolean(meta.generateName)
    const { patch: systemFieldsPatch } = changesMadeBy(obj, () => {
      meta.uid = ids.uid()
      meta.creationTimestamp = clock.now()
      if (generatesName) meta.name = meta.generateName!.slice(0, 58) + ids.randomSuffix(5)
      if (!resource.namespaced) delete meta.namespace
    })
    ctx.trace.record('validation', 'FillObjectMetaSystemFields', 'mutated', 'set uid and creationTimestamp' + (generatesName ? ', generated the name from generateName' : ''), {
      patch: systemFieldsPatch,
    })
    const { patch: preparePatch } = changesMadeBy(obj, () => strategy.prepareForCreate(obj, registryContext))
    ctx.trace.record('validation', 'PrepareForCreate', preparePatch.length ? 'mutated' : 'passed',
      preparePatch.length ? `${resource.kind} strategy prepared the object for storage (status reset, generation set)` : 'nothing to prepare',
      { patch: preparePatch })
    const errors = strategy.validate(obj)
    if (errors.length > 0) {
      const status = invalid(resource.group, resource.kind, meta.name ?? '', errors)
      ctx.trace.record('validation', 'Validate', 'rejected', `422: ${errors.length} field error${errors.length === 1 ? '' : 's'}`, {
        details: status.details?.causes?.map((c) => `${c.field}: ${c.message}`),
      })
      return respondStatus(ctx, 'validation', status, warnings)
    }
    ctx.trace.record('validation', 'Validate', 'passed', `the ${resource.kind} is valid`)
    warnings.push(...strategy.warningsOnCreate(obj))

    // Validating admission sees the object as it will be stored.
    attrs.name = meta.name ?? ''
    const validating = runAdmissionPhase('validating', plugins, attrs, admissionContext, ctx.trace)
    if (!validating.allowed) return respondStatus(ctx, 'validating-admission', validating.status, warnings)
    warnings.push(...validating.warnings)

    if (meta.resourceVersion) {
      ctx.trace.record('storage', 'etcd3 create', 'rejected', 'the object carries a resourceVersion, which a create must not have')
      return respondStatus(ctx, 'storage', internalError('resourceVersion should not be set on objects to be created'))
    }
    const key = etcdKey(resource, meta.namespace ?? '', meta.name ?? '')
    const stored = encodeForResponse(obj)
    if (dryRun) {
      if (etcd.get(key)) {
        ctx.trace.record('storage', 'etcd3 create', 'rejected', `dry run: ${key} already exists`, { data: { key } })
        return respondStatus(ctx, 'storage', alreadyExists(gr, meta.name ?? ''), warnings)
      }
      ctx.trace.record('storage', 'etcd3 create', 'skipped', `dry run: the object would be written to ${key}, but nothing is stored`, {
        data: { key, revision: etcd.revision(), dryRun: true },
      })
      return respondObject(ctx, 201, stored, warnings)
    }
    const result = etcd.create(key, stored)
    if (!result.ok) {
      ctx.trace.record('storage', 'etcd3 create', 'rejected', `${key} already exists: the transaction's guard (mod_revision == 0) failed`, {
        data: { key, revision: etcd.revision() },
      })
      return respondStatus(ctx, 'storage', alreadyExists(gr, meta.name ?? ''), warnings)
    }
    ctx.trace.record('storage', 'etcd3 create', 'passed', `wrote ${key} at revision ${result.revision}`, {
      data: { key, revision: result.revision, createRevision: result.value.createRevision, version: result.value.version },
    })
    const created = withResourceVersion(stored, result.revision)
    respondObject(ctx, 201, created, warnings)
    config.afterWrite?.({ type: 'created', resource, object: created })
  }

  function get(ctx: RequestContext, resource: ResourceInfo): void {
    const info = ctx.info!
    const key = etcdKey(resource, info.namespace, info.name)
    const kv = etcd.get(key)
    if (!kv) {
      ctx.trace.record('storage', 'etcd3 get', 'rejected', `${key} does not exist`, { data: { key, revision: etcd.revision() } })
      return respondStatus(ctx, 'storage', notFound({ group: resource.group, resource: resource.resource }, info.name))
    }
    ctx.trace.record('storage', 'etcd3 get', 'passed', `read ${key} (mod revision ${kv.modRevision})`, {
      data: { key, revision: kv.modRevision, createRevision: kv.createRevision, version: kv.version },
    })
    respondObject(ctx, 200, withResourceVersion(kv.value, kv.modRevision))
  }

  function list(ctx: RequestContext, resource: ResourceInfo): void {
    const info = ctx.info!
    const prefix = etcdListPrefix(resource, info.namespace)
    const items = etcd.range(prefix).map((kv) => {
      // Items of a list carry no apiVersion or kind: the list's kind says what they are.
      const { apiVersion: _a, kind: _k, ...rest } = withResourceVersion(kv.value, kv.modRevision)
      return rest
    })
    ctx.trace.record('storage', 'etcd3 range', 'passed', `read ${items.length} key${items.length === 1 ? '' : 's'} under ${prefix}`, {
      data: { key: prefix, revision: etcd.revision() },
    })
    respondObject(ctx, 200, {
      kind: `${resource.kind}List`,
      apiVersion: resource.group ? `${resource.group}/${resource.version}` : resource.version,
      metadata: { resourceVersion: String(etcd.revision()) },
      items,
    })
  }

  function remove(ctx: RequestContext, resource: ResourceInfo): void {
    const info = ctx.info!
    const gr = { group: resource.group, resource: resource.resource }
    const key = etcdKey(resource, info.namespace, info.name)
    const existing = etcd.get(key)
    if (!existing) {
      ctx.trace.record('storage', 'etcd3 get', 'rejected', `${key} does not exist`, { data: { key, revision: etcd.revision() } })
      return respondStatus(ctx, 'storage', notFound(gr, info.name))
    }
    // A delete runs both admission halves, with the stored object as oldObject.
    const attrs = admissionAttributes(ctx, resource, 'DELETE', undefined, existing.value)
    const plugins = enabledPlugins(config.admission)
    for (const phase of ['mutating', 'validating'] as const) {
      const result = runAdmissionPhase(phase, plugins, attrs, admissionContext, ctx.trace)
      if (!result.allowed) return respondStatus(ctx, phase === 'mutating' ? 'mutating-admission' : 'validating-admission', result.status)
    }
    if (attrs.dryRun) {
      ctx.trace.record('storage', 'etcd3 delete', 'skipped', `dry run: ${key} would be deleted`, { data: { key, dryRun: true } })
      return respondObject(ctx, 200, withResourceVersion(existing.value, existing.modRevision))
    }
    if (resource.kind === 'Namespace') {
      // Namespaces go through Terminating: the namespace controller empties them, then removes the finalizer.
      const terminating = cloneJson(existing.value)
      terminating.metadata!.deletionTimestamp = clock.now()
      terminating.status = { ...(terminating.status as object), phase: 'Terminating' }
      const updated = etcd.update(key, terminating, existing.modRevision)
      ctx.trace.record('storage', 'etcd3 update', 'passed', `marked ${key} as Terminating at revision ${etcd.revision()}; the namespace controller deletes its contents next`, {
        data: { key, revision: etcd.revision() },
      })
      respondObject(ctx, 200, withResourceVersion(terminating, updated.ok ? updated.revision : existing.modRevision))
      config.afterWrite?.({ type: 'deleted', resource, object: terminating })
      return
    }
    const deleted = etcd.delete(key)
    ctx.trace.record('storage', 'etcd3 delete', 'passed', `deleted ${key} at revision ${deleted.ok ? deleted.revision : etcd.revision()}`, {
      data: { key, revision: etcd.revision() },
    })
    // Pods answer with the object; most kinds answer with a Success Status.
    if (resource.kind === 'Pod') respondObject(ctx, 200, withResourceVersion(existing.value, existing.modRevision))
    else
      respondObject(
        ctx,
        200,
        deleteSuccess({ name: info.name, ...(resource.group ? { group: resource.group } : {}), kind: resource.resource, uid: existing.value.metadata?.uid }),
      )
    config.afterWrite?.({ type: 'deleted', resource, object: existing.value })
  }

  function handle(req: HttpRequest): RequestResult {
    const ctx: RequestContext = { req, trace: createTraceRecorder(), auditId: ids.uid(), user: null, stoppedAt: null }
    try {
      for (const filter of FILTERS) {
        filter(ctx)
        if (ctx.response) break
      }
      if (!ctx.response) route(ctx)
    } catch (error) {
      // WithPanicRecovery: a bug in a stage must not take the server down with it.
      const message = error instanceof Error ? error.message : String(error)
      const stage = ctx.trace.entries.at(-1)?.stage ?? 'http'
      ctx.trace.record(stage, 'panic recovery', 'rejected', `500: ${message}`)
      respondStatus(ctx, stage, internalError(message))
    }
    return {
      request: req,
      requestInfo: ctx.info,
      user: ctx.user,
      response: ctx.response!,
      stoppedAt: ctx.stoppedAt,
      trace: ctx.trace.entries,
      ...(ctx.decodedObject ? { decodedObject: ctx.decodedObject } : {}),
    }
  }

  return { handle, cluster }
}
