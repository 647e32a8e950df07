// GET: get and list, straight from storage.
import { withResourceVersion } from '../encoding'
import { etcdKey, etcdListPrefix, type ResourceInfo } from '../resources'
import { notFound } from '../status'
import { respondObject, respondStatus, type HandlerDeps, type RequestContext } from './context'

export function get(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): void {
  const info = ctx.info!
  const key = etcdKey(resource, info.namespace, info.name)
  const kv = deps.etcd.get(key)
  if (!kv) {
    ctx.trace.record('storage', 'etcd3 get', 'rejected', `${key} does not exist`, {
      data: { key, revision: deps.etcd.revision() },
    })
    return respondStatus(
      ctx,
      'storage',
      notFound({ group: resource.group, resource: resource.resource }, info.name),
    )
  }
  ctx.trace.record('storage', 'etcd3 get', 'passed', `read ${key} (mod revision ${kv.modRevision})`, {
    data: { key, revision: kv.modRevision, createRevision: kv.createRevision, version: kv.version },
  })
  respondObject(ctx, 200, withResourceVersion(kv.value, kv.modRevision))
}

export function list(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): void {
  const info = ctx.info!
  const prefix = etcdListPrefix(resource, info.namespace)
  const items = deps.etcd.range(prefix).map((kv) => {
    // Items of a list carry no apiVersion or kind: the list's kind says what they are.
    const { apiVersion: _a, kind: _k, ...rest } = withResourceVersion(kv.value, kv.modRevision)
    return rest
  })
  ctx.trace.record(
    'storage',
    'etcd3 range',
    'passed',
    `read ${items.length} key${items.length === 1 ? '' : 's'} under ${prefix}`,
    {
      data: { key: prefix, revision: deps.etcd.revision() },
    },
  )
  respondObject(ctx, 200, {
    kind: `${resource.kind}List`,
    apiVersion: resource.group ? `${resource.group}/${resource.version}` : resource.version,
    metadata: { resourceVersion: String(deps.etcd.revision()) },
    items,
  })
}
