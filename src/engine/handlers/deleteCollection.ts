// DELETE on a collection (verb deletecollection; handlers/delete.go DeleteCollection, then
// Store.DeleteCollection): list what the selectors match, delete each item as a single DELETE would
// (admission included), and answer with the list as it was before the deletes.
import { splitPathAndQuery } from '../http/requestInfo'
import { etcdListPrefix, type ResourceInfo } from '../resources'
import { parseListOptions } from '../selectors/listOptions'
import { isStatus } from '../status'
import { respondObject, respondStatus, type HandlerDeps, type RequestContext } from './context'
import { deleteObject, deleteOptionsFor } from './delete'
import { listItem, readListPage } from './read'

export function deleteCollection(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): void {
  const info = ctx.info!
  const { query } = splitPathAndQuery(ctx.req.path)
  const parsed = parseListOptions(query, resource)
  if (!parsed.ok) {
    ctx.trace.record('decoding', 'ListOptions', 'rejected', `${parsed.status.code}: ${parsed.note}`)
    return respondStatus(ctx, 'decoding', parsed.status)
  }
  const options = deleteOptionsFor(ctx)
  if (!options) return
  const page = readListPage(deps.etcd, resource, info.namespace, parsed.options)
  if (isStatus(page)) {
    ctx.trace.record('storage', 'etcd3 range', 'rejected', `${page.code}: ${page.message ?? ''}`)
    return respondStatus(ctx, 'storage', page)
  }
  const prefix = etcdListPrefix(resource, info.namespace)
  ctx.trace.record(
    'storage',
    'etcd3 range',
    'passed',
    `${page.kvs.length} item${page.kvs.length === 1 ? '' : 's'} under ${prefix} match: each is deleted as a single DELETE would be`,
    { data: { key: prefix, revision: page.revision } },
  )
  const listed = page.kvs.map((kv) => listItem(kv, resource.version))
  for (const kv of page.kvs) {
    const meta = kv.value.metadata ?? {}
    // Each delete gets its own copy of the options: BeforeDelete may change them.
    const outcome = deleteObject(ctx, resource, deps, meta.namespace ?? '', meta.name ?? '', { ...options })
    // An item someone else deleted meanwhile is not an error; any other failure ends the request.
    if (outcome.kind === 'failed' && outcome.status.code !== 404)
      return respondStatus(ctx, outcome.stage, outcome.status)
  }
  respondObject(ctx, 200, {
    kind: `${resource.kind}List`,
    apiVersion: resource.group ? `${resource.group}/${resource.version}` : resource.version,
    metadata: { resourceVersion: String(page.revision) },
    items: listed,
  })
}
