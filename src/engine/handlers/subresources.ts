// Which REST handler serves a subresource other than status. A subresource listed in discovery that has no
// handler here yet answers with the 405 a REST storage without that verb gives.
import type { ResourceInfo } from '../resources'
import { methodNotSupported } from '../status'
import { respondStatus, type HandlerDeps, type RequestContext } from './context'
import { serveEviction } from './eviction'
import { serveFinalize } from './finalize'
import { servePodConnect } from './podConnect'
import { serveScale } from './scale'
import { serveToken } from './token'

type SubresourceHandler = (ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps) => void

const HANDLERS: Record<string, SubresourceHandler> = {
  'deployments/scale': serveScale,
  'replicasets/scale': serveScale,
  'statefulsets/scale': serveScale,
  'replicationcontrollers/scale': serveScale,
  'pods/eviction': serveEviction,
  'namespaces/finalize': serveFinalize,
  'serviceaccounts/token': serveToken,
  'pods/log': servePodConnect,
  'pods/exec': servePodConnect,
  'pods/attach': servePodConnect,
  'pods/portforward': servePodConnect,
}

export function serveSubresource(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): void {
  const subresource = ctx.info!.subresource
  const handler = HANDLERS[`${resource.resource}/${subresource}`]
  if (handler) return handler(ctx, resource, deps)
  ctx.trace.record('http', 'go-restful', 'rejected', `the ${subresource} subresource is not simulated yet`)
  respondStatus(
    ctx,
    'http',
    methodNotSupported({ group: resource.group, resource: `${resource.resource}/${subresource}` }, ctx.info!.verb),
  )
}
