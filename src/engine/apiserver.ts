// kube-apiserver's request path. The filters are listed in the order a request meets them; Go builds the
// same chain inside out in DefaultBuildHandlerChain (k8s.io/apiserver/pkg/server/config.go). The filters
// that only shape traffic (audit, panic recovery, timeouts, priority and fairness) are left out: they never
// decide anything for a single request in the simulation.
import type { AdmissionConfig } from './admission/plugins'
import type { AdmissionContext, ClusterReader } from './admission/types'
import type { WebhookServerSpec } from './admission/webhook/types'
import {
  authenticateRequest,
  clientCertificateAuthenticator,
  serviceAccountTokenAuthenticator,
  staticTokenAuthenticator,
  jwtAuthenticator,
  type JwtAuthenticatorConfig,
  type RequestAuthenticator,
  type StaticTokenUser,
} from './authentication'
import {
  createAuthorizer,
  forbiddenMessage,
  type AuthorizationAttributes,
  type Authorizer,
  type RbacObjects,
} from './authorization'
import { suggestFix } from './authorization/suggest'
import {
  respondStatus,
  respondText,
  type HandlerDeps,
  type RequestContext,
  type WriteEvent,
} from './handlers/context'
import { apply } from './handlers/apply'
import { create } from './handlers/create'
import { serveSubresource } from './handlers/subresources'
import { remove } from './handlers/delete'
import { deleteCollection } from './handlers/deleteCollection'
import { watch } from './handlers/watch'
import { get, list } from './handlers/read'
import { patch, update } from './handlers/update'
import { parseRequestInfo } from './http/requestInfo'
import { impersonate } from './impersonation'
import type { RegistryContext } from './registry/strategy'
import { aggregatorServes, runDelegationChain, type DelegationTarget } from './delegation'
import { goRestfulOwns } from './discovery/routes'
import { serveServerInfo } from './discovery/serve'
import { serveOpenApi, type OpenApiSource } from './openapi/serve'
import { createResourceRegistry, type ResourceRegistry } from './resourceRegistry'
import { etcdKey, etcdListPrefix } from './resources'
import {
  forbidden,
  internalError,
  methodNotSupported,
  routeMethodNotAllowed,
  routeNotFound,
} from './status'
import type { Etcd } from './storage/etcd'
import { createTraceRecorder } from './trace'
import type { Clock, HttpRequest, IdSource, RequestInfo, RequestResult, Status, UserInfo } from './types'

export interface ApiServerConfig {
  etcd: Etcd
  clock: Clock
  ids: IdSource
  tokenUsers: readonly StaticTokenUser[]
  anonymousAuth: boolean
  featureGates?: Record<string, boolean>
  webhookServers?: WebhookServerSpec[]
  /** OIDC issuers from the structured authentication configuration. */
  jwt?: readonly JwtAuthenticatorConfig[]
  admission: AdmissionConfig
  allocateClusterIP(): string
  allocateNodePort(): number
  /** What this server serves; the built-in resources unless given. */
  resources?: ResourceRegistry
  /** The OpenAPI documents, when loaded (they are large, so the app loads them after its first paint). */
  openapi?(): OpenApiSource | undefined
  /** What the cluster's controllers do after a successful write (service accounts for new namespaces...). */
  afterWrite?(event: WriteEvent): void
}

export interface ApiServer {
  handle(req: HttpRequest): RequestResult
  /** Only the authentication filter: the user a request's credential stands for, or null when rejected. */
  authenticate(req: HttpRequest): UserInfo | null
  /** The informer view admission plugins and controllers read. */
  readonly cluster: ClusterReader
  /** What the server serves, which can change while it runs. */
  readonly resources: ResourceRegistry
}

type Filter = (ctx: RequestContext) => void

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
  const resources = config.resources ?? createResourceRegistry()
  const { resourceByName } = resources
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
  const values = (prefix: string) => etcd.range(prefix).map((kv) => kv.value)
  const rbac: RbacObjects = {
    clusterRoleBindings: () => values(etcdListPrefix(rbacResource('clusterrolebindings'), '')),
    roleBindings: (ns) => values(etcdListPrefix(rbacResource('rolebindings'), ns)),
    clusterRole: (name) => etcd.get(etcdKey(rbacResource('clusterroles'), '', name))?.value,
    role: (ns, name) => etcd.get(etcdKey(rbacResource('roles'), ns, name))?.value,
    // Only read to explain a denial (bindings and roles in other namespaces that nearly matched).
    allRoleBindings: () => values(etcdListPrefix(rbacResource('rolebindings'), '')),
    allRoles: () => values(etcdListPrefix(rbacResource('roles'), '')),
  }
  const authorizer: Authorizer = createAuthorizer(rbac)

  const authenticators: RequestAuthenticator[] = [
    clientCertificateAuthenticator(),
    staticTokenAuthenticator(config.tokenUsers),
    serviceAccountTokenAuthenticator(
      { uid: (ns, name) => cluster.get('serviceaccounts', ns, name)?.metadata?.uid },
      nowSeconds,
    ),
    // Token authenticators come before OIDC in kube-apiserver's union.
    ...(config.jwt ?? []).map((c) => jwtAuthenticator(c, nowSeconds)),
  ]
  const registryContext: RegistryContext = {
    clock,
    ids,
    allocateClusterIP: config.allocateClusterIP,
    allocateNodePort: config.allocateNodePort,
  }
  const admissionContext: AdmissionContext = {
    cluster,
    ids,
    clock,
    featureGates: config.featureGates ?? {},
    webhookServers: config.webhookServers ?? [],
    authorize: (attrs) => authorizer.authorize(attrs),
    // NamespaceAutoProvision creates the namespace through the API server's own loopback client, which is
    // in system:masters.
    createNamespace(name) {
      const result = handle({
        method: 'POST',
        path: '/api/v1/namespaces',
        clientCertificate: { commonName: 'system:apiserver', organizations: ['system:masters'] },
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }),
      })
      return result.response.code === 201 ? undefined : (result.response.body as Status)
    },
  }
  const deps: HandlerDeps = { etcd, clock, ids, config, admissionContext, registryContext, authorizer, rbac, applyPatch: apply }

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
      ctx.trace.record(
        'authentication',
        result.kind === 'failed' ? result.authenticator : 'union',
        'rejected',
        `401 Unauthorized: ${reason}`,
        {
          details: consulted,
        },
      )
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
    ctx.trace.record(
      'authentication',
      result.authenticator,
      'passed',
      `authenticated as ${describeUser(result.user)}`,
      {
        details: [...result.details, ...consulted],
        data: { user: result.user },
      },
    )
  }

  const withImpersonation: Filter = (ctx) => {
    const outcome = impersonate(ctx.req, ctx.user!, (attrs) => authorizer.authorize(attrs))
    if (outcome.kind === 'none') {
      ctx.trace.record(
        'impersonation',
        'Impersonate-*',
        'skipped',
        'no Impersonate-* headers: the request acts as its own user',
      )
      return
    }
    if (outcome.kind === 'malformed') {
      ctx.trace.record('impersonation', 'Impersonate-*', 'rejected', `500: ${outcome.summary}`)
      const uri = ctx.req.path.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      return respondText(ctx, 'impersonation', 500, `Internal Server Error: "${uri}": ${outcome.text}\n`)
    }
    if (outcome.kind === 'rejected') {
      ctx.trace.record('impersonation', 'Impersonate-*', 'rejected', outcome.summary, {
        details: outcome.details,
      })
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
      ctx.trace.record(
        'authorization',
        decision.authorizer,
        'passed',
        decision.reason || `allowed by ${decision.authorizer}`,
        {
          details: decision.details,
          data: { attributes: { ...attrs, user: undefined }, decision: decision.decision },
        },
      )
      return
    }
    const message = forbiddenMessage(attrs, decision.reason)
    const suggestion = suggestFix(attrs, decision, rbac)
    const status = info.isResourceRequest
      ? forbidden({ group: info.apiGroup, resource: info.resource }, info.name, message)
      : forbidden({ group: '', resource: '' }, '', message)
    ctx.trace.record('authorization', decision.authorizer, 'rejected', `403 Forbidden: ${message}`, {
      details: decision.details,
      data: { attributes: { ...attrs, user: undefined }, decision: decision.decision, ...(suggestion ? { suggestion } : {}) },
    })
    respondStatus(ctx, 'authorization', status)
  }

  const FILTERS: readonly Filter[] = [
    withRequestInfo,
    withAuthentication,
    withImpersonation,
    withAuthorization,
  ]

  // ---- after the filters: routing and the REST handlers ----

  function route(ctx: RequestContext): void {
    const info = ctx.info!
    const groupVersion = info.apiGroup ? `${info.apiGroup}/${info.apiVersion}` : info.apiVersion
    const resource = resources.resourceFor(info.apiGroup, info.apiVersion, info.resource)
    const subresourceKnown = !info.subresource || resource?.subresources.includes(info.subresource)
    const scopeFits = !resource || resource.namespaced || !info.namespace || info.resource === 'namespaces'
    if (!resource || !subresourceKnown || !scopeFits) {
      ctx.trace.record(
        'http',
        'go-restful',
        'rejected',
        `${groupVersion} has no route for ${info.parts.join('/')}: 404`,
      )
      return respondStatus(ctx, 'http', routeNotFound())
    }
    ctx.trace.record(
      'http',
      'go-restful',
      'passed',
      `routed to the ${resource.kind} REST handler (${info.verb})`,
    )
    if (info.subresource === 'status' && !['get', 'update', 'patch'].includes(info.verb)) {
      // The status storage serves GET, PUT and PATCH only; go-restful answers any other method itself.
      ctx.trace.record('http', 'go-restful', 'rejected', `the status subresource has no ${info.verb} route`)
      return respondStatus(ctx, 'http', routeMethodNotAllowed())
    }
    if (info.subresource && info.subresource !== 'status') return serveSubresource(ctx, resource, deps)
    switch (info.verb) {
      case 'create':
        return create(ctx, resource, deps)
      case 'get':
        return get(ctx, resource, deps)
      case 'list':
        return list(ctx, resource, deps)
      case 'delete':
        return remove(ctx, resource, deps)
      case 'update':
        return update(ctx, resource, deps)
      case 'patch':
        return patch(ctx, resource, deps)
      case 'watch':
        return watch(ctx, resource, deps)
      case 'deletecollection':
        return deleteCollection(ctx, resource, deps)
      default:
        ctx.trace.record('http', 'go-restful', 'rejected', `the verb "${info.verb}" is not simulated yet`)
        return respondStatus(
          ctx,
          'http',
          methodNotSupported({ group: resource.group, resource: resource.resource }, info.verb),
        )
    }
  }

  /** go-restful's own 404 for a path under one of its web services' roots that no route matches. */
  function goRestfulNotFound(ctx: RequestContext): boolean {
    if (!goRestfulOwns(ctx.info!.path, resources.all())) return false
    ctx.trace.record('http', 'go-restful', 'rejected', `no route for ${ctx.info!.path}: 404`)
    respondStatus(ctx, 'http', routeNotFound())
    return true
  }

  const DELEGATION_CHAIN: readonly DelegationTarget[] = [
    {
      name: 'kube-aggregator',
      serve: (ctx) =>
        !ctx.info!.isResourceRequest &&
        aggregatorServes(ctx.info!.path) &&
        (serveOpenApi(ctx, config.openapi?.()) || serveServerInfo(ctx, resources.all())),
    },
    {
      name: 'kube-apiserver',
      serve(ctx) {
        const info = ctx.info!
        if (!info.isResourceRequest) return serveServerInfo(ctx, resources.all()) || goRestfulNotFound(ctx)
        if (!resources.servesGroupVersion(info.apiGroup, info.apiVersion)) return goRestfulNotFound(ctx)
        route(ctx)
        return true
      },
    },
    // Serves custom resources once CustomResourceDefinitions register them; until then it hands everything on.
    { name: 'apiextensions-apiserver', serve: () => false },
  ]

  function handle(req: HttpRequest): RequestResult {
    const ctx: RequestContext = {
      req,
      trace: createTraceRecorder(),
      auditId: ids.uid(),
      user: null,
      stoppedAt: null,
    }
    try {
      for (const filter of FILTERS) {
        filter(ctx)
        if (ctx.response) break
      }
      if (!ctx.response) runDelegationChain(ctx, DELEGATION_CHAIN)
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

  function authenticate(req: HttpRequest): UserInfo | null {
    const { result } = authenticateRequest(req, authenticators, config.anonymousAuth)
    return result.kind === 'authenticated' ? result.user : null
  }

  return { handle, authenticate, cluster, resources }
}
