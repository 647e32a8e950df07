// WATCH (?watch=true or a /watch/ path). kube-apiserver streams events until the client goes away; the
// simulation answers at once with the events a client connected since `resourceVersion` would have received
// by now, as a JSON array in the body: [{type: ADDED|MODIFIED|DELETED|BOOKMARK|ERROR, object}]. Events come
// from the store's change log (the watch cache in kube-apiserver); selectors are applied the way the
// cacher applies them, so an object that stops matching is seen as DELETED.
import { withResourceVersion } from '../encoding'
import { etcdListPrefix, type ResourceInfo } from '../resources'
import { matchesFields, requiredExactMatch, selectableFields } from '../selectors/fields'
import { parseListOptions, type ListOptions } from '../selectors/listOptions'
import { matchesLabels } from '../selectors/labels'
import { splitPathAndQuery } from '../http/requestInfo'
import type { Etcd, WatchEvent as EtcdChange } from '../storage/etcd'
import { headerValue } from '../authentication'
import { includeObjectPolicy, requestedTableVersion, toTable } from '../printers'
import { badRequest } from '../status'
import type { KubeObject, Status } from '../types'
import { respondObject, respondStatus, type HandlerDeps, type RequestContext } from './context'

// ---- statuses ----

function failure(code: number, reason: string, message: string, extra: Partial<Status> = {}): Status {
  const status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
  } as Status
  if (extra.details) status.details = extra.details
  status.code = code
  return status
}

/** errors.NewResourceExpired: 410 Gone with reason Expired. */
export function expired(message: string): Status {
  return failure(410, 'Expired', message)
}

/** storage.NewTooLargeResourceVersionError: the cacher waited and the store never got there. */
export function tooLargeResourceVersion(requested: number, current: number): Status {
  return failure(504, 'Timeout', `Timeout: Too large resource version: ${requested}, current: ${current}`, {
    details: {
      causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
      retryAfterSeconds: 1,
    },
  })
}

// ---- events ----

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR'
export interface WatchEvent {
  type: WatchEventType
  object: KubeObject | Status
}

export function matchesOptions(
  resource: ResourceInfo,
  options: Pick<ListOptions, 'labelSelector' | 'fieldSelector'>,
  obj: KubeObject,
): boolean {
  return (
    matchesLabels(options.labelSelector, obj.metadata?.labels) &&
    matchesFields(options.fieldSelector, selectableFields(resource, obj))
  )
}

/** cacheWatcher.convertToWatchEvent: what one etcd change looks like through a selector. */
export function toWatchEvent(
  change: EtcdChange<KubeObject>,
  matches: (obj: KubeObject) => boolean,
): WatchEvent | undefined {
  const cur = change.type === 'PUT' ? change.kv?.value : undefined
  const prev = change.prevKv?.value
  const curPasses = cur !== undefined && matches(cur)
  const prevPasses = prev !== undefined && matches(prev)
  if (curPasses && !prevPasses) return { type: 'ADDED', object: withResourceVersion(cur, change.revision) }
  if (curPasses && prevPasses) return { type: 'MODIFIED', object: withResourceVersion(cur, change.revision) }
  // The previous content, carrying the revision of the change that made it leave this watch.
  if (prevPasses) return { type: 'DELETED', object: withResourceVersion(prev, change.revision) }
  return undefined
}

/** The object a BOOKMARK carries: an empty object of the kind with only the resourceVersion set. */
export function bookmarkObject(
  resource: ResourceInfo,
  revision: number,
  initialEventsEnd = false,
): KubeObject {
  const metadata: Record<string, unknown> = { resourceVersion: String(revision), creationTimestamp: null }
  if (initialEventsEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' }
  const obj: KubeObject = {
    kind: resource.kind,
    apiVersion: resource.group ? `${resource.group}/${resource.version}` : resource.version,
    metadata,
  }
  // Empty Go structs that are not omitempty still encode.
  if (resource.kind === 'Pod') Object.assign(obj, { spec: { containers: null }, status: {} })
  return obj
}

export interface WatchComputation {
  events: WatchEvent[]
  /** The revision the stream stands at after these events. */
  revision: number
}

/** The events of a watch, given parsed options; an ERROR event stands for a failure after the watch began. */
export function computeWatch(
  etcd: Etcd,
  resource: ResourceInfo,
  namespace: string,
  options: ListOptions,
): WatchComputation {
  const prefix = etcdListPrefix(resource, namespace)
  const current = etcd.revision()
  const matches = (obj: KubeObject) => matchesOptions(resource, options, obj)
  const events: WatchEvent[] = []
  const initialState = () => {
    for (const kv of etcd.range(prefix))
      if (matches(kv.value))
        events.push({ type: 'ADDED', object: withResourceVersion(kv.value, kv.modRevision) })
  }
  const rv = options.resourceVersion
  // Unset and "0" start with the current state as ADDED events; so does sendInitialEvents=true.
  if (
    options.sendInitialEvents === true ||
    (options.sendInitialEvents === undefined && (rv === '' || rv === '0'))
  ) {
    if (rv !== '' && rv !== '0' && Number(rv) > current)
      return {
        events: [{ type: 'ERROR', object: tooLargeResourceVersion(Number(rv), current) }],
        revision: current,
      }
    initialState()
    if (options.sendInitialEvents === true)
      events.push({ type: 'BOOKMARK', object: bookmarkObject(resource, current, true) })
  } else {
    const from = Number(rv || current)
    if (from > current)
      return {
        events: [{ type: 'ERROR', object: tooLargeResourceVersion(from, current) }],
        revision: current,
      }
    const result = etcd.changesSince(from, prefix)
    if (!result.ok) {
      // The watch cache keeps a window of events; before it the watch cannot start.
      const oldest =
        result.error.code === 'Compacted' ? result.error.compactRevision : etcd.compactedRevision()
      return {
        events: [{ type: 'ERROR', object: expired(`too old resource version: ${from} (${oldest})`) }],
        revision: current,
      }
    }
    for (const change of result.events) {
      const event = toWatchEvent(change, matches)
      if (event) events.push(event)
    }
  }
  // A real server sends bookmarks now and then; the simulated stream ends with one at the current revision.
  if (options.allowWatchBookmarks && options.sendInitialEvents !== true)
    events.push({ type: 'BOOKMARK', object: bookmarkObject(resource, current) })
  return { events, revision: current }
}

export function watch(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): void {
  const info = ctx.info!
  const { query } = splitPathAndQuery(ctx.req.path)
  const parsed = parseListOptions(query, resource, true)
  if (!parsed.ok) {
    ctx.trace.record('decoding', 'ListOptions', 'rejected', `${parsed.status.code}: ${parsed.note}`)
    return respondStatus(ctx, 'decoding', parsed.status)
  }
  const options = parsed.options
  // A watch of one object (/watch/namespaces/ns/pods/name) is a watch with a metadata.name selector.
  const nameFromPath = info.parts.length >= 2 ? info.parts[1]! : ''
  if (nameFromPath) {
    if (options.fieldSelector.length) {
      if (requiredExactMatch(options.fieldSelector, 'metadata.name') !== nameFromPath) {
        ctx.trace.record('decoding', 'ListOptions', 'rejected', 'the field selector names another object')
        return respondStatus(
          ctx,
          'decoding',
          badRequest("fieldSelector metadata.name doesn't match requested name"),
        )
      }
    } else options.fieldSelector = [{ field: 'metadata.name', operator: '=', value: nameFromPath }]
  }
  const { events, revision } = computeWatch(deps.etcd, resource, info.namespace, options)
  const counts = events.reduce<Record<string, number>>(
    (acc, e) => ({ ...acc, [e.type]: (acc[e.type] ?? 0) + 1 }),
    {},
  )
  const described =
    Object.entries(counts)
      .map(([type, n]) => `${n} ${type}`)
      .join(', ') || 'no events'
  ctx.trace.record(
    'storage',
    'watch cache',
    events.some((e) => e.type === 'ERROR') ? 'rejected' : 'passed',
    `watch of ${etcdListPrefix(resource, info.namespace)} from resourceVersion ${options.resourceVersion || '(current state)'}: ${described}`,
    {
      data: { key: etcdListPrefix(resource, info.namespace), revision },
      details: [
        'A real watch is a stream that stays open; the simulation returns, as one array, the events a client watching since then has received by now.',
      ],
    },
  )
  respondObject(ctx, 200, tableEvents(ctx, resource, deps, events))
}

/** Under a Table Accept, each object event carries a one-row Table; only the first one has the columns. */
function tableEvents(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps, events: WatchEvent[]): WatchEvent[] {
  const version = requestedTableVersion(headerValue(ctx.req, 'Accept'))
  if (!version) return events
  const includeObject = includeObjectPolicy(splitPathAndQuery(ctx.req.path).query)
  if (typeof includeObject !== 'string') return events
  let first = true
  return events.map((event) => {
    if (event.type === 'ERROR' || event.type === 'BOOKMARK') return event
    const table = toTable(resource, event.object as KubeObject, { version, includeObject, now: deps.clock.now(), withColumns: first })
    first = false
    return { type: event.type, object: table as unknown as KubeObject }
  })
}
