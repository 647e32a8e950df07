// DELETE (k8s.io/apiserver/pkg/endpoints/handlers/delete.go, then the registry's Store.Delete with
// rest.BeforeDelete). DeleteOptions come from the body, or from the query when there is no body. An object
// leaves storage at once unless it is deleted gracefully (a Pod on a node) or has finalizers; then it gets a
// deletionTimestamp and stays until the grace period ends or its last finalizer is removed by an update.
import { runAdmissionPhase } from '../admission/chain'
import { enabledPlugins } from '../admission/plugins'
import { cloneJson } from '../clone'
import { encodeForResponse, withResourceVersion } from '../encoding'
import { splitPathAndQuery } from '../http/requestInfo'
import { etcdKey, type ResourceInfo } from '../resources'
import type { KeyValue } from '../storage/etcd'
import { badRequest, conflict, deleteSuccess, invalid, notFound } from '../status'
import type { FieldError, KubeObject, Status } from '../types'
import {
  admissionAttributes,
  respondObject,
  respondStatus,
  type HandlerDeps,
  type RequestContext,
} from './context'

export const FINALIZER_ORPHAN = 'orphan'
export const FINALIZER_FOREGROUND = 'foregroundDeletion'

export type PropagationPolicy = 'Foreground' | 'Background' | 'Orphan'

/** metav1.DeleteOptions as the handler decodes it. */
export interface DeleteOptions {
  gracePeriodSeconds?: number
  preconditions?: { uid?: string; resourceVersion?: string }
  orphanDependents?: boolean
  propagationPolicy?: string
  dryRun?: string[]
}

export type DeleteOptionsOutcome =
  { ok: true; options: DeleteOptions } | { ok: false; status: Status; note: string }

/** The body wins; without one, the query's gracePeriodSeconds, orphanDependents, propagationPolicy, dryRun. */
export function decodeDeleteOptions(path: string, body: string | undefined): DeleteOptionsOutcome {
  const options: DeleteOptions = {}
  if (body && body.trim() !== '') {
    let parsed: unknown
    try {
      parsed = JSON.parse(body)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      return {
        ok: false,
        status: badRequest(`error decoding DeleteOptions: ${reason}`),
        note: 'the body is not JSON',
      }
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      return {
        ok: false,
        status: badRequest('json: cannot unmarshal into Go value of type v1.DeleteOptions'),
        note: 'the body is not an object',
      }
    const o = parsed as Record<string, unknown>
    if (typeof o.kind === 'string' && o.kind !== '' && o.kind !== 'DeleteOptions')
      return {
        ok: false,
        status: badRequest(`decoded object cannot be converted to DeleteOptions`),
        note: `the body is a ${o.kind}`,
      }
    if (typeof o.gracePeriodSeconds === 'number')
      options.gracePeriodSeconds = Math.trunc(o.gracePeriodSeconds)
    if (o.preconditions && typeof o.preconditions === 'object') {
      const p = o.preconditions as Record<string, unknown>
      options.preconditions = {}
      if (typeof p.uid === 'string') options.preconditions.uid = p.uid
      if (typeof p.resourceVersion === 'string') options.preconditions.resourceVersion = p.resourceVersion
    }
    if (typeof o.orphanDependents === 'boolean') options.orphanDependents = o.orphanDependents
    if (typeof o.propagationPolicy === 'string') options.propagationPolicy = o.propagationPolicy
    if (Array.isArray(o.dryRun)) options.dryRun = o.dryRun.map(String)
    return { ok: true, options }
  }
  const { query } = splitPathAndQuery(path)
  const grace = query.get('gracePeriodSeconds')
  if (grace !== null && grace !== '') {
    if (!/^[+-]?\d+$/.test(grace))
      return {
        ok: false,
        status: badRequest(`strconv.ParseInt: parsing ${JSON.stringify(grace)}: invalid syntax`),
        note: 'gracePeriodSeconds is not a number',
      }
    options.gracePeriodSeconds = Number(grace)
  }
  const orphan = query.get('orphanDependents')
  if (orphan !== null) options.orphanDependents = ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(orphan)
  const policy = query.get('propagationPolicy')
  if (policy !== null) options.propagationPolicy = policy
  const dryRun = query.getAll('dryRun')
  if (dryRun.length) options.dryRun = dryRun
  return { ok: true, options }
}

/** ValidateDeleteOptions. */
export function validateDeleteOptions(options: DeleteOptions): FieldError[] {
  const errs: FieldError[] = []
  if (options.orphanDependents !== undefined && options.propagationPolicy !== undefined)
    errs.push({
      type: 'FieldValueInvalid',
      field: 'propagationPolicy',
      badValue: options.propagationPolicy,
      detail: 'orphanDependents and deletionPropagation cannot be both set',
    })
  if (
    options.propagationPolicy !== undefined &&
    !['Foreground', 'Background', 'Orphan'].includes(options.propagationPolicy)
  )
    errs.push({
      type: 'FieldValueNotSupported',
      field: 'propagationPolicy',
      badValue: options.propagationPolicy,
      detail: 'supported values: "Foreground", "Background", "Orphan", "nil"',
    })
  if (options.dryRun && options.dryRun.some((v) => v !== 'All'))
    errs.push({
      type: 'FieldValueNotSupported',
      field: 'dryRun',
      badValue: options.dryRun,
      detail: 'supported values: "All"',
    })
  return errs
}

const isDryRun = (options: DeleteOptions) => (options.dryRun?.length ?? 0) > 0

/** Kinds whose strategy implements RESTGracefulDeleteStrategy. */
const gracefulKinds = new Set(['/Pod'])

/** podStrategy.CheckGracefulDelete: the period a Pod's deletion waits for the kubelet. */
function podGracePeriod(pod: KubeObject, options: DeleteOptions): number {
  const spec = (pod.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number }
  const phase = (pod.status as { phase?: string } | undefined)?.phase
  let period = options.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 0
  // Nothing runs an unscheduled Pod, and a finished one has nothing left to stop.
  if (!spec.nodeName) period = 0
  if (phase === 'Succeeded' || phase === 'Failed') period = 0
  return period
}

type BeforeDelete =
  | { kind: 'error'; status: Status; note: string }
  | { kind: 'graceful'; object: KubeObject; period: number }
  | { kind: 'pending' }
  | { kind: 'plain' }

const addSeconds = (time: string, seconds: number) =>
  new Date(Date.parse(time) + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')

/**
 * rest.BeforeDelete: the preconditions checked early against the stored object, then graceful deletion:
 * a first graceful delete sets deletionTimestamp = now + period; a later one may only shorten it.
 */
export function beforeDelete(
  resource: ResourceInfo,
  stored: KubeObject,
  options: DeleteOptions,
  now: string,
): BeforeDelete {
  const meta = stored.metadata ?? {}
  const gk = { group: resource.group, resource: resource.kind }
  const pre = options.preconditions
  if (pre?.uid !== undefined && pre.uid !== (meta.uid ?? ''))
    return {
      kind: 'error',
      note: 'the UID precondition does not match',
      status: conflict(
        gk,
        meta.name ?? '',
        `the UID in the precondition (${pre.uid}) does not match the UID in record (${meta.uid ?? ''}). The object might have been deleted and then recreated`,
      ),
    }
  if (pre?.resourceVersion !== undefined && pre.resourceVersion !== (meta.resourceVersion ?? ''))
    return {
      kind: 'error',
      note: 'the resourceVersion precondition does not match',
      status: conflict(
        gk,
        meta.name ?? '',
        `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${meta.resourceVersion ?? ''}). The object might have been modified`,
      ),
    }
  // Negative periods mean one second on the delete path.
  if (options.gracePeriodSeconds !== undefined && options.gracePeriodSeconds < 0)
    options.gracePeriodSeconds = 1
  if (!gracefulKinds.has(`${resource.group}/${resource.kind}`)) return { kind: 'plain' }
  const object = cloneJson(stored)
  const m = object.metadata!
  if (m.deletionGracePeriodSeconds !== undefined && m.deletionGracePeriodSeconds < 0)
    m.deletionGracePeriodSeconds = 1
  if (m.deletionTimestamp) {
    const current = m.deletionGracePeriodSeconds
    if (current === undefined || current === 0) return { kind: 'plain' }
    if (options.gracePeriodSeconds === undefined || options.gracePeriodSeconds >= current)
      return { kind: 'pending' }
    const period = options.gracePeriodSeconds
    m.deletionTimestamp = addSeconds(m.deletionTimestamp, period - current)
    m.deletionGracePeriodSeconds = period
    return { kind: 'graceful', object, period }
  }
  const period = podGracePeriod(object, options)
  m.deletionTimestamp = addSeconds(now, period)
  m.deletionGracePeriodSeconds = period
  if (m.generation !== undefined && m.generation > 0) m.generation += 1
  return { kind: 'graceful', object, period }
}

/** Whether this delete orphans the dependents (shouldOrphanDependents). */
function shouldOrphan(options: DeleteOptions, finalizers: string[]): boolean {
  if (options.orphanDependents !== undefined) return options.orphanDependents
  if (options.propagationPolicy === 'Orphan') return true
  if (options.propagationPolicy === 'Background' || options.propagationPolicy === 'Foreground') return false
  for (const f of finalizers) {
    if (f === FINALIZER_ORPHAN) return true
    if (f === FINALIZER_FOREGROUND) return false
  }
  // apps/v1 and every other served version default to deleting dependents in the background.
  return false
}

/** Whether this delete waits for the dependents (shouldDeleteDependents). */
function shouldForeground(options: DeleteOptions, finalizers: string[]): boolean {
  if (options.orphanDependents !== undefined) return false
  if (options.propagationPolicy === 'Foreground') return true
  if (options.propagationPolicy === 'Background' || options.propagationPolicy === 'Orphan') return false
  for (const f of finalizers) {
    if (f === FINALIZER_FOREGROUND) return true
    if (f === FINALIZER_ORPHAN) return false
  }
  return false
}

/**
 * deletionFinalizersForGarbageCollection: the orphan or foregroundDeletion finalizer the garbage collector
 * needs, replacing either one already there. Undefined when the set would not change.
 */
export function gcFinalizers(options: DeleteOptions, finalizers: string[]): string[] | undefined {
  const next = finalizers.filter((f) => f !== FINALIZER_ORPHAN && f !== FINALIZER_FOREGROUND)
  if (shouldOrphan(options, finalizers)) next.push(FINALIZER_ORPHAN)
  if (shouldForeground(options, finalizers)) next.push(FINALIZER_FOREGROUND)
  const same = new Set(next).size === new Set(finalizers).size && next.every((f) => finalizers.includes(f))
  return same ? undefined : next
}

/** markAsDeleting: what a delete writes to an object its finalizers keep. */
function markAsDeleting(obj: KubeObject, now: string): void {
  const m = obj.metadata!
  if (!m.deletionTimestamp && m.generation !== undefined && m.generation > 0) m.generation += 1
  if (!m.deletionTimestamp || m.deletionTimestamp > now) m.deletionTimestamp = now
  m.deletionGracePeriodSeconds = 0
}

function stripResourceVersion(obj: KubeObject): KubeObject {
  const copy = cloneJson(obj)
  delete copy.metadata?.resourceVersion
  return encodeForResponse(copy)
}

/** Store.finalizeDelete: Pods answer with the object, other kinds with a Success Status. */
function deletedBody(resource: ResourceInfo, obj: KubeObject): unknown {
  if (resource.kind === 'Pod') return obj
  return deleteSuccess({
    name: obj.metadata?.name ?? '',
    ...(resource.group ? { group: resource.group } : {}),
    kind: resource.resource,
    uid: obj.metadata?.uid,
  })
}

/** What one delete did, for deletecollection and the controllers' bookkeeping. */
export type DeleteOutcome =
  | {
      kind: 'failed'
      stage: 'storage' | 'validation' | 'mutating-admission' | 'validating-admission'
      status: Status
    }
  | { kind: 'deleted'; body: unknown; object: KubeObject }
  | { kind: 'pending'; object: KubeObject }

/**
 * Store.Delete for one object (the handler's work after the options are decoded and valid). Runs the
 * admission chain with the stored object as oldObject, once, as AdmissionToValidateObjectDeleteFunc does.
 */
export function deleteObject(
  ctx: RequestContext,
  resource: ResourceInfo,
  deps: HandlerDeps,
  namespace: string,
  name: string,
  options: DeleteOptions,
): DeleteOutcome {
  const gr = { group: resource.group, resource: resource.resource }
  const key = etcdKey(resource, namespace, name)
  const existing = deps.etcd.get(key)
  if (!existing) {
    ctx.trace.record('storage', 'etcd3 get', 'rejected', `${key} does not exist`, {
      data: { key, revision: deps.etcd.revision() },
    })
    return { kind: 'failed', stage: 'storage', status: notFound(gr, name) }
  }
  const stored = withResourceVersion(existing.value, existing.modRevision)
  const now = deps.clock.now()
  const before = beforeDelete(resource, stored, options, now)
  if (before.kind === 'error') {
    ctx.trace.record('validation', 'BeforeDelete', 'rejected', `409: ${before.note}`)
    return { kind: 'failed', stage: 'validation', status: before.status }
  }
  const dryRun = isDryRun(options)

  // Admission sees a DELETE with the stored object as oldObject.
  const attrs = admissionAttributes(ctx, resource, 'DELETE', undefined, stored)
  attrs.name = name
  attrs.namespace = namespace
  attrs.dryRun = dryRun
  const plugins = enabledPlugins(deps.config.admission)
  for (const phase of ['mutating', 'validating'] as const) {
    const result = runAdmissionPhase(phase, plugins, attrs, deps.admissionContext, ctx.trace)
    if (!result.allowed)
      return {
        kind: 'failed',
        stage: phase === 'mutating' ? 'mutating-admission' : 'validating-admission',
        status: result.status,
      }
  }

  if (resource.kind === 'Namespace') return deleteNamespace(ctx, resource, deps, existing, dryRun)
  if (before.kind === 'pending') {
    ctx.trace.record(
      'validation',
      'BeforeDelete',
      'skipped',
      `${name} is already being deleted with a grace period no longer than the one asked for: nothing changes`,
    )
    return { kind: 'pending', object: stored }
  }

  const graceful = before.kind === 'graceful'
  const candidate = graceful ? before.object : cloneJson(stored)
  const finalizers = candidate.metadata?.finalizers ?? []
  const updatedFinalizers = gcFinalizers(options, finalizers)
  if (updatedFinalizers) candidate.metadata!.finalizers = updatedFinalizers
  const pendingFinalizers = (candidate.metadata?.finalizers ?? []).length > 0
  if (graceful) {
    ctx.trace.record(
      'validation',
      'BeforeDelete',
      'mutated',
      `graceful deletion: deletionTimestamp ${candidate.metadata!.deletionTimestamp}, deletionGracePeriodSeconds ${before.period}` +
        (before.period === 0 ? ' (nothing to wait for: the Pod is not running on a node)' : ''),
    )
  }
  if (updatedFinalizers)
    ctx.trace.record(
      'validation',
      'garbage collection finalizers',
      'mutated',
      `finalizers become [${updatedFinalizers.join(', ')}] so the garbage collector ${updatedFinalizers.includes(FINALIZER_ORPHAN) ? 'orphans the dependents first' : updatedFinalizers.includes(FINALIZER_FOREGROUND) ? 'deletes the dependents first' : 'has nothing to hold'}`,
    )

  let current: KeyValue = existing
  let last = stored
  if (graceful || pendingFinalizers || updatedFinalizers) {
    if (!graceful && pendingFinalizers) markAsDeleting(candidate, now)
    const value = stripResourceVersion(candidate)
    const unchanged = JSON.stringify(value) === JSON.stringify(existing.value)
    if (unchanged || dryRun) {
      last = withResourceVersion(value, existing.modRevision)
      ctx.trace.record(
        'storage',
        'etcd3 update',
        'skipped',
        dryRun ? `dry run: ${key} would be marked for deletion` : `${key} is already marked for deletion`,
        { data: { key, revision: existing.modRevision, ...(dryRun ? { dryRun: true } : {}) } },
      )
    } else {
      const written = deps.etcd.update(key, value, existing.modRevision)
      if (!written.ok)
        return {
          kind: 'failed',
          stage: 'storage',
          status: conflict(
            gr,
            name,
            'the object has been modified; please apply your changes to the latest version and try again',
          ),
        }
      current = written.value
      last = withResourceVersion(value, written.revision)
      ctx.trace.record(
        'storage',
        'etcd3 update',
        'passed',
        `set deletionTimestamp on ${key} at revision ${written.revision}`,
        { data: { key, revision: written.revision } },
      )
      deps.config.afterWrite?.({ type: 'updated', resource, object: last })
    }
    const period = graceful ? before.period : 0
    if (pendingFinalizers || period > 0) {
      const why = pendingFinalizers
        ? `its finalizers [${(candidate.metadata?.finalizers ?? []).join(', ')}] keep it until they are removed`
        : `the kubelet has ${period}s to stop its containers`
      ctx.trace.record('storage', 'etcd3 delete', 'skipped', `${key} stays: ${why}`)
      return { kind: 'pending', object: last }
    }
    if (dryRun)
      return {
        kind: 'deleted',
        body: resource.kind === 'Pod' ? last : deletedBody(resource, last),
        object: last,
      }
  }

  if (dryRun) {
    ctx.trace.record('storage', 'etcd3 delete', 'skipped', `dry run: ${key} would be deleted`, {
      data: { key, dryRun: true },
    })
    return { kind: 'deleted', body: deletedBody(resource, last), object: last }
  }
  const deleted = deps.etcd.delete(key)
  if (!deleted.ok) return { kind: 'failed', stage: 'storage', status: notFound(gr, name) }
  ctx.trace.record('storage', 'etcd3 delete', 'passed', `deleted ${key} at revision ${deleted.revision}`, {
    data: { key, revision: deleted.revision },
  })
  const gone = withResourceVersion(current.value, current.modRevision)
  deps.config.afterWrite?.({ type: 'deleted', resource, object: gone })
  return { kind: 'deleted', body: deletedBody(resource, gone), object: gone }
}

const NAMESPACE_STILL_TERMINATING =
  'The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.'

/**
 * The namespace REST's Delete: the first delete only marks the namespace Terminating, for the namespace
 * controller to empty it; a delete while spec.finalizers is not yet empty is a 409; once the controller has
 * finalized it, the delete removes it.
 */
function deleteNamespace(
  ctx: RequestContext,
  resource: ResourceInfo,
  deps: HandlerDeps,
  existing: KeyValue,
  dryRun: boolean,
): DeleteOutcome {
  const key = existing.key
  const name = existing.value.metadata?.name ?? ''
  if (existing.value.metadata?.deletionTimestamp) {
    const finalizers = ((existing.value.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [])
    if (finalizers.length) {
      ctx.trace.record('validation', 'namespace REST', 'rejected', `409: ${name} is Terminating and spec.finalizers is [${finalizers.join(', ')}]`)
      return { kind: 'failed', stage: 'validation', status: conflict({ group: '', resource: 'namespaces' }, name, NAMESPACE_STILL_TERMINATING) }
    }
    const gone = withResourceVersion(existing.value, existing.modRevision)
    if (dryRun) return { kind: 'deleted', body: gone, object: gone }
    const deleted = deps.etcd.delete(key)
    if (!deleted.ok) return { kind: 'failed', stage: 'storage', status: notFound({ group: '', resource: 'namespaces' }, name) }
    ctx.trace.record('storage', 'etcd3 delete', 'passed', `deleted ${key} at revision ${deleted.revision}: the namespace is empty and finalized`, {
      data: { key, revision: deleted.revision },
    })
    deps.config.afterWrite?.({ type: 'deleted', resource, object: gone })
    return { kind: 'deleted', body: gone, object: gone }
  }
  const terminating = cloneJson(existing.value)
  terminating.metadata!.deletionTimestamp = deps.clock.now()
  terminating.status = { ...(terminating.status as object), phase: 'Terminating' }
  if (dryRun) {
    ctx.trace.record('storage', 'etcd3 update', 'skipped', `dry run: ${key} would be marked Terminating`)
    return { kind: 'pending', object: withResourceVersion(terminating, existing.modRevision) }
  }
  const updated = deps.etcd.update(key, terminating, existing.modRevision)
  const revision = updated.ok ? updated.revision : existing.modRevision
  ctx.trace.record(
    'storage',
    'etcd3 update',
    'passed',
    `marked ${key} as Terminating at revision ${revision}; the namespace controller deletes its contents next`,
    { data: { key, revision } },
  )
  const object = withResourceVersion(terminating, revision)
  deps.config.afterWrite?.({ type: 'updated', resource, object })
  return { kind: 'pending', object }
}

/** Decode and validate DeleteOptions as the handler does, recording the outcome. */
export function deleteOptionsFor(ctx: RequestContext): DeleteOptions | undefined {
  const decoded = decodeDeleteOptions(ctx.req.path, ctx.req.body)
  if (!decoded.ok) {
    ctx.trace.record('decoding', 'DeleteOptions', 'rejected', `400: ${decoded.note}`)
    respondStatus(ctx, 'decoding', decoded.status)
    return undefined
  }
  const errors = validateDeleteOptions(decoded.options)
  if (errors.length) {
    ctx.trace.record('decoding', 'DeleteOptions', 'rejected', '422: the DeleteOptions are not valid')
    respondStatus(ctx, 'decoding', invalid('meta.k8s.io', 'DeleteOptions', '', errors))
    return undefined
  }
  const o = decoded.options
  const parts = [
    o.propagationPolicy && `propagationPolicy ${o.propagationPolicy}`,
    o.orphanDependents !== undefined && `orphanDependents ${o.orphanDependents}`,
    o.gracePeriodSeconds !== undefined && `gracePeriodSeconds ${o.gracePeriodSeconds}`,
    o.preconditions && 'preconditions',
    o.dryRun && 'dryRun',
  ].filter(Boolean)
  ctx.trace.record(
    'decoding',
    'DeleteOptions',
    'passed',
    parts.length ? `DeleteOptions: ${parts.join(', ')}` : 'no DeleteOptions: the defaults apply',
  )
  return o
}

export function remove(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): void {
  const info = ctx.info!
  const options = deleteOptionsFor(ctx)
  if (!options) return
  const outcome = deleteObject(ctx, resource, deps, info.namespace, info.name, options)
  if (outcome.kind === 'failed') return respondStatus(ctx, outcome.stage, outcome.status)
  if (outcome.kind === 'deleted') return respondObject(ctx, 200, outcome.body)
  // Not deleted yet: 202 only for the deprecated orphanDependents=false, as the handler has always done.
  respondObject(ctx, options.orphanDependents === false ? 202 : 200, outcome.object)
}

// ---- delete on update: the update path calls this ----

/**
 * Store.Update's shouldDeleteDuringUpdate: an update that leaves no finalizers on an object that had some and
 * is being deleted (with no grace period pending) deletes it instead of writing it.
 */
export function shouldDeleteDuringUpdate(updated: KubeObject, existing: KubeObject): boolean {
  if ((updated.metadata?.finalizers ?? []).length > 0) return false
  if ((existing.metadata?.finalizers ?? []).length === 0) return false
  if (!existing.metadata?.deletionTimestamp) return false
  const grace = existing.metadata.deletionGracePeriodSeconds
  return grace === undefined || grace === 0
}

/**
 * For update.ts, right before its etcd write: when the update removed the last finalizer of an object being
 * deleted, delete the object (Store.deleteWithoutFinalizers), answer 200 with the updated object and return
 * true; otherwise return false and let the update be written.
 */
export function finishDeletionIfDone(
  ctx: RequestContext,
  resource: ResourceInfo,
  deps: HandlerDeps,
  args: { key: string; existing: KeyValue; updated: KubeObject; dryRun: boolean; warnings?: string[] },
): boolean {
  const { key, existing, updated, dryRun } = args
  if (!shouldDeleteDuringUpdate(updated, existing.value)) return false
  const response = withResourceVersion(updated, existing.modRevision)
  if (dryRun) {
    ctx.trace.record(
      'storage',
      'etcd3 delete',
      'skipped',
      `dry run: the last finalizer is gone, so ${key} would be deleted`,
      {
        data: { key, dryRun: true },
      },
    )
    respondObject(ctx, 200, response, args.warnings ?? [])
    return true
  }
  const deleted = deps.etcd.delete(key)
  if (!deleted.ok) {
    // Someone else removed it first; a client still expects the updated object.
    respondObject(ctx, 200, response, args.warnings ?? [])
    return true
  }
  ctx.trace.record(
    'storage',
    'etcd3 delete',
    'passed',
    `the update removed the last finalizer of ${key}, which was being deleted: deleted at revision ${deleted.revision} instead of written`,
    { data: { key, revision: deleted.revision } },
  )
  // etcd3's Delete answers with the object at the revision of the delete.
  respondObject(ctx, 200, withResourceVersion(updated, deleted.revision), args.warnings ?? [])
  deps.config.afterWrite?.({
    type: 'deleted',
    resource,
    object: withResourceVersion(existing.value, existing.modRevision),
  })
  return true
}
