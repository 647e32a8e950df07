// PUT (update) and PATCH (k8s.io/apiserver/pkg/endpoints/handlers/update.go and patch.go, then the
// registry's Store.Update inside GuaranteedUpdate). A patch is applied to the live object first; from then on
// both follow the same path: admission, optimistic concurrency, PrepareForUpdate, ValidateUpdate, the
// validating half of admission, and a write guarded on the key's mod revision.
import fastJsonPatch from 'fast-json-patch'
import jsonMergePatch from 'json-merge-patch'
import { runAdmissionPhase } from '../admission/chain'
import { enabledPlugins } from '../admission/plugins'
import { headerValue } from '../authentication'
import { cloneJson } from '../clone'
import { decodeBody } from '../decoding'
import { jsonDepthError } from '../decoding/depth'
import { redecode } from '../decoding/redecode'
import { strictDecodingMessage, type FieldValidation } from '../decoding/strict'
import { encodeForResponse, withResourceVersion } from '../encoding'
import { updateManagedFields } from '../fieldmanager/fieldManager'
import { splitPathAndQuery } from '../http/requestInfo'
import { changesMadeBy } from '../patch'
import { applyJsonPatch } from '../patches/jsonPatch'
import { applyStrategic } from '../patches/strategicMergePatch'
import { applyDefaults, createStrategyFor } from '../registry/strategy'
import { apiVersionOf, etcdKey, type ResourceInfo } from '../resources'
import { badRequest, conflict, invalid, notFound, unsupportedMediaType } from '../status'
import type { FieldError, KubeObject, ManagedFieldsEntry, Status } from '../types'
import {
  admissionAttributes,
  fieldManagerOf,
  respondInvalid,
  respondObject,
  respondNamespaceMoved,
  respondStatus,
  type HandlerDeps,
  type RequestContext,
} from './context'
import { finishDeletionIfDone } from './delete'
import { writeOptionsErrors } from './options'
import { passesEscalationCheck } from './rbacRegistry'
import { validateUpdate } from './validateUpdate'

export const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
]

const OPTIMISTIC_LOCK_MESSAGE =
  'the object has been modified; please apply your changes to the latest version and try again'

export function fieldValidationOf(ctx: RequestContext): FieldValidation | Status {
  const { query } = splitPathAndQuery(ctx.req.path)
  const errors = writeOptionsErrors(query)
  if (errors.length) return invalid('meta.k8s.io', 'UpdateOptions', '', errors)
  return (query.get('fieldValidation') || 'Warn') as FieldValidation
}

/** PUT: the body replaces the object. */
export function update(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): void {
  const fieldValidation = fieldValidationOf(ctx)
  if (typeof fieldValidation !== 'string') {
    ctx.trace.record('decoding', 'UpdateOptions', 'rejected', 'fieldValidation is not a supported value')
    return respondStatus(ctx, 'decoding', fieldValidation)
  }
  const decoded = decodeBody(ctx.req.body, headerValue(ctx.req, 'Content-Type'), resource, fieldValidation)
  if (!decoded.ok) {
    ctx.trace.record('decoding', 'decoder', 'rejected', `${decoded.status.code}: ${decoded.note}`)
    return respondStatus(ctx, 'decoding', decoded.status)
  }
  ctx.trace.record('decoding', 'decoder', 'passed', decoded.note)
  const obj = decoded.object
  recordDefaults(ctx, obj, resource)
  updateObject(ctx, resource, deps, obj, decoded.warnings)
}

/** PATCH: the patch is applied to the live object, and the result goes the way of an update. */
export function patch(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): void {
  const info = ctx.info!
  const gr = { group: resource.group, resource: resource.resource }
  const contentType = (headerValue(ctx.req, 'Content-Type') ?? '').split(';')[0]!.trim()
  if (!PATCH_TYPES.includes(contentType)) {
    ctx.trace.record(
      'decoding',
      'patcher',
      'rejected',
      `Content-Type ${contentType || '(none)'} is not a patch type`,
    )
    return respondStatus(ctx, 'decoding', unsupportedMediaType(PATCH_TYPES))
  }
  const options = patchOptionsErrors(ctx, contentType === 'application/apply-patch+yaml')
  if (options.length) {
    ctx.trace.record('decoding', 'PatchOptions', 'rejected', options.map((e) => `${e.field}: ${e.detail}`).join('; '))
    return respondStatus(ctx, 'decoding', invalid('meta.k8s.io', 'PatchOptions', '', options))
  }
  if (contentType === 'application/apply-patch+yaml') return deps.applyPatch(ctx, resource, deps)
  const key = etcdKey(resource, info.namespace, info.name)
  const existing = deps.etcd.get(key)
  if (!existing) {
    ctx.trace.record('storage', 'etcd3 get', 'rejected', `${key} does not exist`, {
      data: { key, revision: deps.etcd.revision() },
    })
    return respondStatus(ctx, 'storage', notFound(gr, info.name))
  }
  const tooDeep = jsonDepthError(ctx.req.body ?? '')
  if (tooDeep) {
    ctx.trace.record('decoding', 'patcher', 'rejected', 'the patch is nested too deeply')
    // MergePatch answers any undecodable patch with ErrBadJSONPatch; the others pass Go's error on.
    return respondStatus(ctx, 'decoding', badRequest(contentType === 'application/merge-patch+json' ? 'Invalid JSON Patch' : tooDeep))
  }
  let body: unknown
  try {
    body = JSON.parse(ctx.req.body ?? '')
  } catch (error) {
    ctx.trace.record('decoding', 'patcher', 'rejected', 'the patch is not JSON')
    return respondStatus(
      ctx,
      'decoding',
      badRequest(`error decoding patch: ${error instanceof Error ? error.message : String(error)}`),
    )
  }
  const live = withResourceVersion(existing.value, existing.modRevision)
  let patched = patchLiveObject(ctx, live, body, contentType, resource.kind)
  if (!patched) return
  const fieldValidation = fieldValidationOf(ctx)
  const redecoded = decodePatched(patched, resource, typeof fieldValidation === 'string' ? fieldValidation : 'Warn')
  if (!redecoded.ok) {
    ctx.trace.record('decoding', 'patcher', 'rejected', `the patched object does not decode: ${redecoded.note}`)
    return respondStatus(ctx, 'decoding', redecoded.status)
  }
  patched = redecoded.object
  const patchName = contentType.replace('application/', '').replace('+json', '')
  ctx.trace.record(
    'decoding',
    'patcher',
    'mutated',
    `applied the ${patchName} to the live object at resourceVersion ${existing.modRevision}`,
    {
      patch: fastJsonPatch.compare(live, patched) as never,
    },
  )
  const obj = cloneJson(patched)
  recordDefaults(ctx, obj, resource)
  updateObject(ctx, resource, deps, obj, redecoded.warnings)
}

/**
 * jsonPatcher.applyPatchToCurrentObject's runtime.DecodeInto of the patched JSON: a failure, or strict errors
 * under Strict, are a 422 on the field `patch` whose value is the patched object; under Warn the strict
 * errors are warnings.
 */
function decodePatched(
  patched: unknown,
  resource: ResourceInfo,
  fieldValidation: FieldValidation,
): { ok: true; object: KubeObject; warnings: string[] } | { ok: false; status: Status; note: string } {
  const r = redecode(patched, resource)
  const refuse = (detail: string, note: string) => {
    const status = invalid('', '', '', [
      { type: 'FieldValueInvalid', field: 'patch', badValue: patchedJson(patched), detail },
    ])
    delete status.details?.kind
    return { ok: false as const, status, note }
  }
  if (!r.ok) return refuse(r.error, r.error)
  if (r.strictErrors.length && fieldValidation === 'Strict')
    return refuse(strictDecodingMessage(r.strictErrors), `fieldValidation=Strict: ${r.strictErrors.join(', ')}`)
  return { ok: true, object: r.object, warnings: fieldValidation === 'Warn' ? r.strictErrors : [] }
}

/** The patched JSON as json-patch hands it to the decoder: the top-level keys sorted (it holds a Go map). */
function patchedJson(value: unknown): string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return JSON.stringify(value) ?? 'null'
  const obj = value as Record<string, unknown>
  return `{${Object.keys(obj)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(obj[k])}`)
    .join(',')}}`
}

/**
 * Applies a JSON, merge or strategic merge patch to the live object; a patch that does not apply is answered
 * with the patcher's 422 and undefined is returned. Subresources (scale) patch their own view the same way.
 */
export function patchLiveObject(
  ctx: RequestContext,
  live: KubeObject,
  body: unknown,
  contentType: string,
  kind: string,
): KubeObject | undefined {
  if (contentType === 'application/json-patch+json') {
    const result = applyJsonPatch(live, body)
    if (result.ok) return result.value as KubeObject
    ctx.trace.record('decoding', 'patcher', 'rejected', `the patch does not apply: ${result.note}`)
    respondStatus(ctx, 'decoding', result.status)
    return undefined
  }
  try {
    if (contentType === 'application/merge-patch+json') return jsonMergePatch.apply(cloneJson(live), body) as KubeObject
    return applyStrategic(live, body, kind) as KubeObject
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error)
    ctx.trace.record('decoding', 'patcher', 'rejected', `the patch does not apply: ${message}`)
    respondStatus(ctx, 'decoding', {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason: 'Invalid',
      code: 422,
    } as Status)
    return undefined
  }
}

/** Defaulting of the object an update or patch produced, recorded as its own step of decoding. */
export function recordDefaults(ctx: RequestContext, obj: KubeObject, resource: ResourceInfo): void {
  const { patch: defaults } = changesMadeBy(obj, () => applyDefaults(obj, resource))
  ctx.trace.record(
    'decoding',
    'defaulting',
    defaults.length ? 'mutated' : 'passed',
    defaults.length ? `applied ${defaults.length} defaults` : 'nothing to default',
    { patch: defaults },
  )
}

/** ValidatePatchOptions: apply needs a field manager, and only apply may be forced. */
export function patchOptionsErrors(ctx: RequestContext, isApply: boolean): FieldError[] {
  const { query } = splitPathAndQuery(ctx.req.path)
  const errors: FieldError[] = []
  if (isApply && !query.get('fieldManager'))
    errors.push({ type: 'FieldValueRequired', field: 'fieldManager', detail: 'is required for apply patch' })
  if (!isApply && query.has('force'))
    errors.push({ type: 'FieldValueForbidden', field: 'force', detail: 'may not be specified for non-apply patch' })
  return [...errors, ...writeOptionsErrors(query)]
}

/**
 * Everything after decoding, shared by PUT and PATCH (server-side apply included, which brings the
 * managedFields it computed).
 */
export function updateObject(
  ctx: RequestContext,
  resource: ResourceInfo,
  deps: HandlerDeps,
  obj: KubeObject,
  warnings: string[],
  managedFields?: ManagedFieldsEntry[],
): void {
  const info = ctx.info!
  const gr = { group: resource.group, resource: resource.resource }
  const { query } = splitPathAndQuery(ctx.req.path)
  const dryRun = query.get('dryRun') === 'All'
  ctx.decodedObject = cloneJson(obj)
  let meta = (obj.metadata ??= {})
  if ((meta.name ?? '') !== info.name) {
    ctx.trace.record(
      'decoding',
      'name check',
      'rejected',
      `the body names "${meta.name ?? ''}" but the URL names "${info.name}"`,
    )
    return respondStatus(
      ctx,
      'decoding',
      badRequest(
        `the name of the object (${meta.name ?? ''}) does not match the name on the URL (${info.name})`,
      ),
      warnings,
    )
  }
  if (resource.namespaced) {
    if (!meta.namespace) meta.namespace = info.namespace
    else if (meta.namespace !== info.namespace) {
      return respondStatus(
        ctx,
        'decoding',
        badRequest('the namespace of the provided object does not match the namespace sent on the request'),
        warnings,
      )
    }
  }
  const key = etcdKey(resource, info.namespace, info.name)
  const existing = deps.etcd.get(key)
  if (!existing) {
    ctx.trace.record(
      'storage',
      'etcd3 get',
      'rejected',
      `${key} does not exist, and ${resource.resource} cannot be created by an update`,
      { data: { key } },
    )
    return respondStatus(ctx, 'storage', notFound(gr, info.name), warnings)
  }
  const old = withResourceVersion(existing.value, existing.modRevision)
  const subresource = info.subresource || undefined
  meta.managedFields =
    managedFields ??
    updateManagedFields(old, obj, {
      manager: fieldManagerOf(ctx),
      apiVersion: apiVersionOf(resource),
      ...(subresource ? { subresource } : {}),
      time: deps.clock.now(),
    })

  const attrs = admissionAttributes(ctx, resource, 'UPDATE', obj, old)
  const plugins = enabledPlugins(deps.config.admission)
  const mutating = runAdmissionPhase('mutating', plugins, attrs, deps.admissionContext, ctx.trace)
  if (!mutating.allowed) return respondStatus(ctx, 'mutating-admission', mutating.status, warnings)
  warnings.push(...mutating.warnings)
  if (!passesEscalationCheck(ctx, resource, obj, deps)) return
  // A mutating plugin may have replaced the whole object.
  meta = obj.metadata ??= {}
  // rest.BeforeUpdate's ValidNamespace, which sees the object as admission left it.
  if (resource.namespaced && (meta.namespace ||= info.namespace) !== info.namespace)
    return respondNamespaceMoved(ctx, meta.namespace, info.namespace, warnings)

  // Optimistic concurrency: a resourceVersion in the body must be the one stored.
  const sentVersion = meta.resourceVersion
  if (sentVersion && sentVersion !== String(existing.modRevision)) {
    ctx.trace.record(
      'validation',
      'resourceVersion check',
      'rejected',
      `the body was read at resourceVersion ${sentVersion}; the object is now at ${existing.modRevision}`,
    )
    return respondStatus(ctx, 'validation', conflict(gr, info.name, OPTIMISTIC_LOCK_MESSAGE), warnings)
  }
  ctx.trace.record(
    'validation',
    'resourceVersion check',
    'passed',
    sentVersion
      ? `resourceVersion ${sentVersion} is current`
      : 'no resourceVersion sent: an unconditional update, which this kind allows',
  )

  const { patch: prepared } = changesMadeBy(obj, () =>
    subresource === 'status' ? prepareForStatusUpdate(obj, old) : prepareForUpdate(obj, old, resource),
  )
  ctx.trace.record(
    'validation',
    'PrepareForUpdate',
    prepared.length ? 'mutated' : 'passed',
    subresource === 'status'
      ? 'the status endpoint writes status only: spec and metadata were kept from the stored object'
      : 'kept uid, creationTimestamp and status from the stored object; generation follows spec changes',
    { patch: prepared },
  )
  const errors: FieldError[] = [
    ...createStrategyFor(resource).validate(obj),
    ...validateUpdate(obj, old, resource),
  ]
  if (errors.length) return respondInvalid(ctx, 'ValidateUpdate', resource, info.name, errors, warnings)
  ctx.trace.record('validation', 'ValidateUpdate', 'passed', `the updated ${resource.kind} is valid`)

  const validating = runAdmissionPhase('validating', plugins, attrs, deps.admissionContext, ctx.trace)
  if (!validating.allowed) return respondStatus(ctx, 'validating-admission', validating.status, warnings)
  warnings.push(...validating.warnings)

  delete meta.resourceVersion
  const stored = encodeForResponse(obj)
  // GuaranteedUpdate writes nothing when the new bytes equal the stored ones (managedFields timestamps aside).
  if (sameIgnoringTimes(stored, existing.value)) {
    ctx.trace.record(
      'storage',
      'etcd3 update',
      'skipped',
      `nothing changed: ${key} stays at revision ${existing.modRevision}`,
      { data: { key, revision: existing.modRevision } },
    )
    return respondObject(ctx, 200, old, warnings)
  }
  // An object being deleted goes once the update removes its last finalizer.
  if (finishDeletionIfDone(ctx, resource, deps, { key, existing, updated: stored, dryRun, warnings })) return
  if (dryRun) {
    ctx.trace.record(
      'storage',
      'etcd3 update',
      'skipped',
      `dry run: ${key} would be updated, but nothing is stored`,
      { data: { key, dryRun: true } },
    )
    return respondObject(ctx, 200, withResourceVersion(stored, existing.modRevision), warnings)
  }
  const result = deps.etcd.update(key, stored, existing.modRevision)
  if (!result.ok) {
    ctx.trace.record('storage', 'etcd3 update', 'rejected', `${key} changed under the update`)
    return respondStatus(ctx, 'storage', conflict(gr, info.name, OPTIMISTIC_LOCK_MESSAGE), warnings)
  }
  ctx.trace.record(
    'storage',
    'etcd3 update',
    'passed',
    `wrote ${key} at revision ${result.revision} (version ${result.value.version})`,
    {
      data: {
        key,
        revision: result.revision,
        createRevision: result.value.createRevision,
        version: result.value.version,
      },
    },
  )
  const updated = withResourceVersion(stored, result.revision)
  respondObject(ctx, 200, updated, warnings)
  deps.config.afterWrite?.({ type: 'updated', resource, object: updated })
}

function sameIgnoringTimes(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) =>
    JSON.stringify({
      ...o,
      metadata: {
        ...o.metadata,
        resourceVersion: undefined,
        managedFields: o.metadata?.managedFields?.map((m) => ({ ...m, time: undefined })),
      },
    })
  return strip(a) === strip(b)
}

/**
 * The status strategies' PrepareForUpdate: everything but status comes from the stored object. Some kinds
 * let a status write change labels or annotations too; the engine keeps all metadata.
 */
function prepareForStatusUpdate(obj: KubeObject, old: KubeObject): void {
  const status = obj.status
  const managedFields = obj.metadata?.managedFields
  for (const key of Object.keys(obj)) delete obj[key]
  Object.assign(obj, cloneJson(old))
  const meta = (obj.metadata ??= {})
  delete meta.resourceVersion
  if (managedFields) meta.managedFields = managedFields
  if (status === undefined) delete obj.status
  else obj.status = status
}

/** rest.BeforeUpdate with the strategies' PrepareForUpdate: what a client may not change on an update. */
function prepareForUpdate(obj: KubeObject, old: KubeObject, resource: ResourceInfo): void {
  const meta = obj.metadata!
  const oldMeta = old.metadata ?? {}
  if (!meta.uid) meta.uid = oldMeta.uid
  meta.creationTimestamp = oldMeta.creationTimestamp
  if (oldMeta.deletionTimestamp) meta.deletionTimestamp = oldMeta.deletionTimestamp
  if (oldMeta.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds
  // Status is written through the status subresource only.
  if ('status' in old) obj.status = cloneJson(old.status)
  else delete obj.status
  if (oldMeta.generation !== undefined) {
    const specChanged = JSON.stringify(obj.spec) !== JSON.stringify(old.spec)
    meta.generation = oldMeta.generation + (specChanged ? 1 : 0)
  }
  // A Service keeps the cluster IPs and node ports it was given unless the update names them.
  if (resource.kind === 'Service') {
    const spec = (obj.spec ??= {}) as Record<string, unknown>
    const oldSpec = (old.spec ?? {}) as Record<string, unknown>
    for (const field of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy'])
      if (spec[field] === undefined && oldSpec[field] !== undefined) spec[field] = cloneJson(oldSpec[field])
  }
}
