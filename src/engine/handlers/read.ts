// GET: get and list. A list decodes its ListOptions (selectors, limit, continue, resourceVersion), reads a
// consistent snapshot and pages through it the way the etcd3 store's GetList does.
import { withResourceVersion } from '../encoding'
import { convertFromStorageVersion } from '../registry/conversion/hpa'
import { splitPathAndQuery } from '../http/requestInfo'
import { etcdKey, etcdListPrefix, type ResourceInfo } from '../resources'
import { decodeContinue, encodeContinue, parseListOptions, type ListOptions } from '../selectors/listOptions'
import type { Etcd, KeyValue } from '../storage/etcd'
import { headerValue } from '../authentication'
import { negotiateTable } from '../printers'
import { badRequest, notFound } from '../status'
import type { KubeObject, Status } from '../types'
import { respondObject, respondStatus, type HandlerDeps, type RequestContext } from './context'
import { expired, matchesOptions, tooLargeResourceVersion } from './watch'

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
  // etcd holds the storage version; the answer is in the version the client asked for.
  respondReadObject(ctx, resource, deps, convertFromStorageVersion(withResourceVersion(kv.value, kv.modRevision), resource.version))
}

/** The object, or the Table of it when the client's Accept asks for one (kubectl get does). */
function respondReadObject(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps, object: KubeObject): void {
  const negotiated = negotiateTable(headerValue(ctx.req, 'Accept'), splitPathAndQuery(ctx.req.path).query, resource, object, deps.clock.now())
  if ('status' in negotiated) return respondStatus(ctx, 'storage', negotiated.status)
  respondObject(ctx, 200, negotiated.body)
}

const EXPIRED_LIST = 'The resourceVersion for the provided list is too old.'
const INCONSISTENT_CONTINUE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list ' +
  'without the continue parameter, or use the continue token in this response to retrieve the remainder of the ' +
  'results. Continuing with the provided token results in an inconsistent list - objects that were created, ' +
  'modified, or deleted between the time the first chunk was returned and now may show up in the list.'

export interface ListPage {
  kvs: KeyValue[]
  /** The revision the page was read at: the list's resourceVersion. */
  revision: number
  continue?: string
  remainingItemCount?: number
  /** How the snapshot was chosen, for the trace. */
  note: string
}

/** The list's metadata, in ListMeta's field order. */
function listMeta(page: ListPage): Record<string, unknown> {
  const meta: Record<string, unknown> = { resourceVersion: String(page.revision) }
  if (page.continue) meta.continue = page.continue
  if (page.remainingItemCount !== undefined) meta.remainingItemCount = page.remainingItemCount
  return meta
}

/**
 * Which snapshot a list reads and which page of it. Errors are the Status the client gets: a bad continue
 * token (400), a resourceVersion older than the compaction (410) or newer than the store (504).
 */
export function readListPage(
  etcd: Etcd,
  resource: ResourceInfo,
  namespace: string,
  options: ListOptions,
): ListPage | Status {
  const prefix = etcdListPrefix(resource, namespace)
  const current = etcd.revision()
  let fromKey = prefix
  let revision = current
  let limit = options.limit > 0 ? options.limit : 0
  let note = 'a consistent read at the current revision'
  const rv = options.resourceVersion
  if (options.continue) {
    const decoded = decodeContinue(options.continue, prefix)
    if (!decoded.ok) return badRequest(`invalid continue token: ${decoded.error}`)
    if (rv && rv !== '0') return badRequest('specifying resource version is not allowed when using continue')
    fromKey = decoded.fromKey
    // rv -1 is the token a 410 hands out: carry on at the latest revision, knowingly inconsistent.
    if (decoded.revision > 0) {
      revision = decoded.revision
      if (revision !== current && !etcd.range(prefix, { revision }).ok) {
        const status = expired(INCONSISTENT_CONTINUE)
        ;(status as { metadata: Record<string, unknown> }).metadata = {
          continue: encodeContinue(fromKey, prefix, -1),
        }
        return status
      }
      note = `the snapshot at revision ${revision} that the continue token names`
    } else note = 'the latest revision (an inconsistent continuation)'
  } else if (rv === '0') {
    // Served from the watch cache, which does not page: the limit is ignored.
    limit = 0
    note = 'any recent state (resourceVersion=0, from the watch cache; the limit is ignored)'
  } else if (rv) {
    if (!/^\d+$/.test(rv))
      return badRequest(
        `invalid resource version: resourceVersion: Invalid value: ${JSON.stringify(rv)}: strconv.ParseUint: parsing ${JSON.stringify(rv)}: invalid syntax`,
      )
    const n = Number(rv)
    // Without resourceVersionMatch, a paged list at an explicit version is an exact read (legacy semantics).
    const match = options.resourceVersionMatch || (limit > 0 ? 'Exact' : 'NotOlderThan')
    if (n > current) return tooLargeResourceVersion(n, current)
    if (match === 'Exact') {
      if (n !== current && !etcd.range(prefix, { revision: n }).ok) return expired(EXPIRED_LIST)
      revision = n
      note = `exactly revision ${n}`
    } else note = `a state not older than revision ${n}`
  }
  let kvs: KeyValue[]
  if (revision === current) kvs = etcd.range(prefix)
  else {
    const snapshot = etcd.range(prefix, { revision })
    if (!snapshot.ok) return expired(EXPIRED_LIST)
    kvs = snapshot.kvs
  }
  kvs = kvs.filter((kv) => kv.key >= fromKey)
  const selecting = options.labelSelector.length > 0 || options.fieldSelector.length > 0
  const matched: KeyValue[] = []
  let lastKey = ''
  let hasMore = false
  for (const kv of kvs) {
    if (limit > 0 && matched.length >= limit) {
      hasMore = true
      break
    }
    lastKey = kv.key
    if (matchesOptions(resource, options, kv.value)) matched.push(kv)
  }
  const page: ListPage = { kvs: matched, revision, note }
  if (hasMore) {
    page.continue = encodeContinue(`${lastKey}\u0000`, prefix, revision)
    // The count of keys left is only known to mean items when nothing is filtered out.
    if (!selecting) page.remainingItemCount = kvs.filter((kv) => kv.key > lastKey).length
  }
  return page
}

function isStatus(value: ListPage | Status): value is Status {
  return (value as Status).kind === 'Status'
}

/** Items of a list carry no apiVersion or kind: the list's kind says what they are. */
export function listItem(kv: KeyValue, version: string): KubeObject {
  const { apiVersion: _a, kind: _k, ...rest } = convertFromStorageVersion(
    withResourceVersion(kv.value, kv.modRevision),
    version,
  )
  return rest
}

export function list(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): void {
  const info = ctx.info!
  const { query } = splitPathAndQuery(ctx.req.path)
  const parsed = parseListOptions(query, resource)
  if (!parsed.ok) {
    ctx.trace.record('decoding', 'ListOptions', 'rejected', `${parsed.status.code}: ${parsed.note}`)
    return respondStatus(ctx, 'decoding', parsed.status)
  }
  const options = parsed.options
  const selectors = [
    options.labelSelectorText && `labelSelector ${options.labelSelectorText}`,
    options.fieldSelectorText && `fieldSelector ${options.fieldSelectorText}`,
    options.limit > 0 && `limit ${options.limit}`,
    options.continue && 'a continue token',
  ].filter(Boolean)
  ctx.trace.record(
    'decoding',
    'ListOptions',
    'passed',
    selectors.length ? `list options: ${selectors.join(', ')}` : 'no list options: the whole collection',
  )
  const prefix = etcdListPrefix(resource, info.namespace)
  const page = readListPage(deps.etcd, resource, info.namespace, options)
  if (isStatus(page)) {
    ctx.trace.record('storage', 'etcd3 range', 'rejected', `${page.code}: ${page.message ?? ''}`, {
      data: { key: prefix, revision: deps.etcd.revision() },
    })
    return respondStatus(ctx, 'storage', page)
  }
  const items = page.kvs.map((kv) => listItem(kv, resource.version))
  ctx.trace.record(
    'storage',
    'etcd3 range',
    'passed',
    `read ${items.length} item${items.length === 1 ? '' : 's'} under ${prefix} from ${page.note}${page.continue ? '; more remain (continue token issued)' : ''}`,
    { data: { key: prefix, revision: page.revision } },
  )
  respondReadObject(ctx, resource, deps, {
    kind: `${resource.kind}List`,
    apiVersion: resource.group ? `${resource.group}/${resource.version}` : resource.version,
    metadata: listMeta(page),
    items,
  })
}
