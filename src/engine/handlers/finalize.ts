// PUT namespaces/{name}/finalize (FinalizeREST in pkg/registry/core/namespace/storage): the one write that
// may change spec.finalizers, which is how the namespace controller (or a desperate admin) lets a
// Terminating namespace go. Everything but spec.finalizers is kept from the stored namespace.
import { headerValue } from '../authentication'
import { decodeBody } from '../decoding'
import { withResourceVersion } from '../encoding'
import { etcdKey, type ResourceInfo } from '../resources'
import { badRequest, notFound, routeMethodNotAllowed } from '../status'
import { respondStatus, type HandlerDeps, type RequestContext } from './context'
import { fieldValidationOf, updateObject } from './update'

export function serveFinalize(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): void {
  const info = ctx.info!
  if (info.verb !== 'update') {
    ctx.trace.record('http', 'go-restful', 'rejected', `namespaces/finalize has only a PUT route, not ${info.verb}`)
    return respondStatus(ctx, 'http', routeMethodNotAllowed())
  }
  const fieldValidation = fieldValidationOf(ctx)
  if (typeof fieldValidation !== 'string') return respondStatus(ctx, 'decoding', fieldValidation)
  const decoded = decodeBody(ctx.req.body, headerValue(ctx.req, 'Content-Type'), resource, fieldValidation)
  if (!decoded.ok) {
    ctx.trace.record('decoding', 'decoder', 'rejected', `${decoded.status.code}: ${decoded.note}`)
    return respondStatus(ctx, 'decoding', decoded.status)
  }
  const name = decoded.object.metadata?.name ?? ''
  if (name !== info.name)
    return respondStatus(ctx, 'decoding', badRequest(`the name of the object (${name}) does not match the name on the URL (${info.name})`))
  const existing = deps.etcd.get(etcdKey(resource, '', info.name))
  if (!existing) return respondStatus(ctx, 'storage', notFound({ group: '', resource: 'namespaces' }, info.name))
  // finalizeNamespaceStrategy.PrepareForUpdate: only spec.finalizers comes from the request.
  const stored = withResourceVersion(existing.value, existing.modRevision)
  const finalizers = (decoded.object.spec as { finalizers?: unknown } | undefined)?.finalizers
  const obj = { ...stored, metadata: { ...stored.metadata }, spec: { ...(stored.spec as object) } as Record<string, unknown> }
  if (finalizers === undefined) delete obj.spec.finalizers
  else obj.spec.finalizers = finalizers
  const resourceVersion = decoded.object.metadata?.resourceVersion
  if (resourceVersion) obj.metadata.resourceVersion = resourceVersion
  else delete obj.metadata.resourceVersion
  ctx.trace.record('decoding', 'finalize', 'passed', `spec.finalizers becomes [${Array.isArray(finalizers) ? finalizers.join(', ') : ''}]; everything else is kept`)
  updateObject(ctx, resource, deps, obj, decoded.warnings)
}
