// kube-apiserver is three API servers in one process, each handing what it does not serve to the next:
// kube-aggregator (APIService proxying, /apis group discovery, OpenAPI), then kube-apiserver itself (the
// built-in groups, through go-restful), then apiextensions-apiserver (custom resources), and at the end the
// NotFound handler's plain-text 404. A request meets them in this order after the filters.
import { respondText, type RequestContext } from './handlers/context'
import { PAGE_NOT_FOUND } from './status'

export interface DelegationTarget {
  name: 'kube-aggregator' | 'kube-apiserver' | 'apiextensions-apiserver'
  /** Answers the request, or returns false to hand it to the next server. */
  serve(ctx: RequestContext): boolean
}

export function runDelegationChain(ctx: RequestContext, chain: readonly DelegationTarget[]): void {
  for (const target of chain) if (target.serve(ctx)) return
  const info = ctx.info!
  const what = info.isResourceRequest
    ? info.apiGroup ? `${info.apiGroup}/${info.apiVersion}` : info.apiVersion
    : info.path
  ctx.trace.record('http', 'NotFoundHandler', 'rejected', `no API server in the delegation chain serves ${what}: 404 page not found`)
  respondText(ctx, 'http', 404, PAGE_NOT_FOUND)
}

/** The paths kube-aggregator answers itself: /apis, /apis/<group>, and the OpenAPI documents. */
export function aggregatorServes(path: string): boolean {
  const parts = path.split('/').filter(Boolean)
  return (parts[0] === 'apis' && parts.length <= 2) || parts[0] === 'openapi'
}
