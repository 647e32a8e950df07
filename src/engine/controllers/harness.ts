// A small cluster for tests of the delete, list, watch and controller code: the real API server over a real
// etcd model, plus what the lead's wiring will add (watch and deletecollection routing, delete-on-update in
// the update path, the controller loop). Test-only: nothing in the product imports it.
import { createApiServer } from '../apiserver'
import { createAuthorizer, type RbacObjects } from '../authorization'
import { bootstrapObjects, namespaceDefaults } from '../bootstrap/cluster'
import { cloneJson } from '../clone'
import { createFixedClock, createSeededIds } from '../clock'
import { encodeForResponse } from '../encoding'
import { createTraceRecorder } from '../trace'
import { parseRequestInfo } from '../http/requestInfo'
import { apply } from '../handlers/apply'
import { deleteCollection } from '../handlers/deleteCollection'
import { shouldDeleteDuringUpdate } from '../handlers/delete'
import type { HandlerDeps, RequestContext } from '../handlers/context'
import { watch } from '../handlers/watch'
import { etcdKey, etcdListPrefix, parseApiVersion, resourceByName, resourceFor, resourceForKind } from '../resources'
import { createEtcd, type Etcd } from '../storage/etcd'
import type { HttpRequest, KubeObject, RequestResult } from '../types'
import { runControllers, type ControllerCall } from './loop'

export const ADMIN = {
  clientCertificate: { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] },
}

export interface Harness {
  etcd: Etcd
  clock: ReturnType<typeof createFixedClock>
  send(method: HttpRequest['method'], path: string, body?: unknown, contentType?: string): RequestResult
  /** Runs the controllers until they settle, as the simulator will after each request. */
  settle(): ControllerCall[]
  get(resource: string, namespace: string, name: string): KubeObject | undefined
  list(resource: string, namespace: string): KubeObject[]
}

export function createHarness(): Harness {
  const clock = createFixedClock()
  const ids = createSeededIds(7)
  const real = createEtcd()
  // What the lead wires into update.ts: an update that empties the finalizers of a deleting object deletes it.
  const etcd: Etcd = {
    ...real,
    update(key, value, expected, options) {
      const current = real.get(key)
      if (current && current.modRevision === expected && shouldDeleteDuringUpdate(value, current.value))
        return real.delete(key, expected)
      return real.update(key, value, expected, options)
    },
  } as Etcd
  const store = (object: KubeObject) => {
    const info = resourceForKind({ ...parseApiVersion(object.apiVersion ?? ''), kind: object.kind ?? '' })!
    const meta = { ...(object.metadata ?? {}), uid: ids.uid(), creationTimestamp: clock.now() }
    real.create(
      etcdKey(info, meta.namespace ?? '', meta.name ?? ''),
      encodeForResponse({ ...cloneJson(object), metadata: meta }),
    )
  }
  let ip = 10
  const server = createApiServer({
    etcd,
    clock,
    ids,
    tokenUsers: [],
    anonymousAuth: true,
    admission: {},
    allocateClusterIP: () => `10.96.0.${ip++}`,
    allocateNodePort: () => 30000 + ip++,
    afterWrite(event) {
      if (event.resource.kind === 'Namespace' && event.type === 'created')
        for (const o of namespaceDefaults(event.object.metadata?.name ?? '')) store(o)
    },
  })
  for (const o of bootstrapObjects()) store(o)
  const rbacResource = (resource: string) => resourceByName(resource)!
  const values = (prefix: string) => real.range(prefix).map((kv) => kv.value)
  const rbac: RbacObjects = {
    clusterRoleBindings: () => values(etcdListPrefix(rbacResource('clusterrolebindings'), '')),
    roleBindings: (ns) => values(etcdListPrefix(rbacResource('rolebindings'), ns)),
    clusterRole: (name) => real.get(etcdKey(rbacResource('clusterroles'), '', name))?.value,
    role: (ns, name) => real.get(etcdKey(rbacResource('roles'), ns, name))?.value,
    allRoleBindings: () => values(etcdListPrefix(rbacResource('rolebindings'), '')),
    allRoles: () => values(etcdListPrefix(rbacResource('roles'), '')),
  }
  const deps: HandlerDeps = {
    authorizer: createAuthorizer(rbac),
    rbac,
    etcd,
    clock,
    ids,
    config: { admission: {} },
    admissionContext: { cluster: server.cluster, ids, clock },
    registryContext: { clock, ids, allocateClusterIP: () => '10.96.0.99', allocateNodePort: () => 30999 },
    applyPatch: apply,
  }
  const handle = (req: HttpRequest): RequestResult => {
    const info = parseRequestInfo(req.method, req.path)
    const resource = resourceFor(info.apiGroup, info.apiVersion, info.resource)
    if (resource && (info.verb === 'watch' || info.verb === 'deletecollection')) {
      // Routing the lead adds to apiserver.ts; authentication and authorization are the admin's here.
      const ctx: RequestContext = {
        req,
        trace: createTraceRecorder(),
        auditId: 'test',
        info,
        user: { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] },
        stoppedAt: null,
      }
      if (info.verb === 'watch') watch(ctx, resource, deps)
      else deleteCollection(ctx, resource, deps)
      return {
        request: req,
        requestInfo: info,
        user: ctx.user,
        response: ctx.response!,
        stoppedAt: ctx.stoppedAt,
        trace: ctx.trace.entries,
      }
    }
    return server.handle(req)
  }
  const send: Harness['send'] = (method, path, body, contentType = 'application/json') => {
    const req: HttpRequest = { method, path, ...ADMIN, headers: { Accept: 'application/json' } }
    if (body !== undefined) {
      req.headers!['Content-Type'] = contentType
      req.body = typeof body === 'string' ? body : JSON.stringify(body)
    }
    return handle(req)
  }
  return {
    etcd: real,
    clock,
    send,
    settle: () =>
      runControllers({
        view: server.cluster,
        now: () => clock.now(),
        send: (r) => send(r.method, r.path, r.body, r.contentType),
      }),
    get: (resource, namespace, name) => server.cluster.get(resource, namespace, name),
    list: (resource, namespace) => server.cluster.list(resource, namespace),
  }
}
