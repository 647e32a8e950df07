// pods/log, pods/exec, pods/attach and pods/portforward (LogLocation, streamLocation and PortForwardLocation
// in pkg/registry/core/pod/strategy.go). kube-apiserver only finds the kubelet to forward to: the Pod must
// exist, the container must be one of its own, and the Pod must be on a node. The simulated cluster has no
// kubelet, so a Pod on a node answers as a kubelet does for a container that never started.
import { splitPathAndQuery } from '../http/requestInfo'
import { etcdKey, resourceByName, type ResourceInfo } from '../resources'
import { badRequest, notFound, routeMethodNotAllowed } from '../status'
import type { KubeObject } from '../types'
import { respondStatus, type HandlerDeps, type RequestContext } from './context'

type Container = { name?: string }

/** The methods each connect subresource has a route for. */
const ROUTES: Record<string, string[]> = {
  log: ['get'],
  exec: ['get', 'create'],
  attach: ['get', 'create'],
  portforward: ['get', 'create'],
}

/** podutil.VisitContainers order: init containers, containers, ephemeral containers. */
function allContainerNames(spec: Record<string, unknown>): string[] {
  return ['initContainers', 'containers', 'ephemeralContainers'].flatMap((field) =>
    ((spec[field] ?? []) as Container[]).map((c) => c.name ?? ''),
  )
}

/** validateContainer: the container asked for, or the only one; the message lists the choices Go-style. */
function validateContainer(pod: KubeObject, container: string): string | { error: string } {
  const spec = (pod.spec ?? {}) as Record<string, unknown>
  const name = pod.metadata?.name ?? ''
  if (!container) {
    const containers = (spec.containers ?? []) as Container[]
    if (containers.length === 1) return containers[0]!.name ?? ''
    if (containers.length === 0) return { error: `a container name must be specified for pod ${name}` }
    return { error: `a container name must be specified for pod ${name}, choose one of: [${allContainerNames(spec).join(' ')}]` }
  }
  if (!allContainerNames(spec).includes(container)) return { error: `container ${container} is not valid for pod ${name}` }
  return container
}

export function servePodConnect(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): void {
  const info = ctx.info!
  const subresource = info.subresource
  if (!ROUTES[subresource]?.includes(info.verb)) {
    ctx.trace.record('http', 'go-restful', 'rejected', `pods/${subresource} has no ${info.verb} route`)
    return respondStatus(ctx, 'http', routeMethodNotAllowed())
  }
  const key = etcdKey(resource, info.namespace, info.name)
  const kv = deps.etcd.get(key)
  if (!kv) {
    ctx.trace.record('storage', 'etcd3 get', 'rejected', `${key} does not exist`)
    return respondStatus(ctx, 'storage', notFound({ group: '', resource: 'pods' }, info.name))
  }
  const pod = kv.value
  let container = ''
  if (subresource !== 'portforward') {
    const chosen = validateContainer(pod, splitPathAndQuery(ctx.req.path).query.get('container') ?? '')
    if (typeof chosen !== 'string') {
      ctx.trace.record('validation', 'validateContainer', 'rejected', `400: ${chosen.error}`)
      return respondStatus(ctx, 'validation', badRequest(chosen.error))
    }
    container = chosen
  }
  const nodeName = ((pod.spec ?? {}) as { nodeName?: string }).nodeName ?? ''
  if (!nodeName) {
    if (subresource === 'log') {
      // LogLocation returns no location, and the empty stream is answered 204 No Content.
      ctx.trace.record('http', 'LocationStreamer', 'passed', `the Pod is on no node, so there is no log to stream: 204 No Content`)
      ctx.response = { code: 204, headers: { 'Audit-Id': ctx.auditId, 'Cache-Control': 'no-cache, private' }, body: '', warnings: [] }
      return
    }
    ctx.trace.record('validation', `${subresource}Location`, 'rejected', '400: the Pod has not been scheduled to a node')
    return respondStatus(ctx, 'validation', badRequest(`pod ${info.name} does not have a host assigned`))
  }
  // GetConnectionInfo reads the Node the Pod is bound to.
  if (!deps.etcd.get(etcdKey(resourceByName('nodes')!, '', nodeName))) {
    ctx.trace.record('storage', 'NodeConnectionInfo', 'rejected', `the Pod's node ${nodeName} does not exist`)
    return respondStatus(ctx, 'storage', notFound({ group: '', resource: 'nodes' }, nodeName))
  }
  const target = subresource === 'portforward' ? 'the Pod' : `container ${JSON.stringify(container)} in pod ${JSON.stringify(info.name)}`
  ctx.trace.record('http', 'kubelet', 'rejected', `the simulated kubelet on ${nodeName} has not started ${target}`)
  respondStatus(ctx, 'http', badRequest(`container ${JSON.stringify(container)} in pod ${JSON.stringify(info.name)} is waiting to start: ContainerCreating`))
}
