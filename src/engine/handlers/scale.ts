// The scale subresource of Deployments, ReplicaSets, StatefulSets and ReplicationControllers: an
// autoscaling/v1 Scale view of the parent (ScaleREST in pkg/registry/{apps,core}/.../storage/storage.go).
// A write moves spec.replicas and resourceVersion into the parent and then takes the parent's own update
// path, so generation, validation, admission and the controllers follow as for any update of the parent.
import { headerValue } from '../authentication'
import { decodeBody } from '../decoding'
import { withResourceVersion } from '../encoding'
import { etcdKey, subresourceKind, type ResourceInfo } from '../resources'
import { fromMetaLabelSelector, labelSelectorString, type LabelSelector } from '../selectors/labels'
import { badRequest, conflict, invalid, notFound, routeMethodNotAllowed, unsupportedMediaType } from '../status'
import type { KubeObject } from '../types'
import { respondObject, respondStatus, type HandlerDeps, type RequestContext } from './context'
import {
  fieldValidationOf,
  PATCH_TYPES,
  patchLiveObject,
  patchOptionsErrors,
  updateObject,
} from './update'

/** What the decoder expects a scale body to be. */
const SCALE = subresourceKind('autoscaling', 'v1', 'Scale', 'scale')

/** The parent's selector as Selector.String() prints it: requirements sorted by key. */
function selectorOf(parent: KubeObject): string {
  const spec = (parent.spec ?? {}) as Record<string, unknown>
  let selector: LabelSelector | undefined
  if (parent.kind === 'ReplicationController') {
    // labels.SelectorFromSet(rc.Spec.Selector)
    const set = (spec.selector ?? {}) as Record<string, string>
    selector = Object.entries(set).map(([key, value]) => ({ key, operator: '=' as const, values: [value] }))
  } else {
    selector = fromMetaLabelSelector(spec.selector as never)
  }
  const sorted = [...(selector ?? [])].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  return labelSelectorString(sorted)
}

/** scaleFromDeployment and its siblings: name, namespace, uid, resourceVersion, creationTimestamp only. */
export function scaleFrom(parent: KubeObject): KubeObject {
  const meta = parent.metadata ?? {}
  const metadata: Record<string, unknown> = { name: meta.name }
  if (meta.namespace) metadata.namespace = meta.namespace
  if (meta.uid) metadata.uid = meta.uid
  if (meta.resourceVersion) metadata.resourceVersion = meta.resourceVersion
  metadata.creationTimestamp = meta.creationTimestamp ?? null
  const replicas = (parent.spec as { replicas?: number } | undefined)?.replicas ?? 0
  const status: Record<string, unknown> = {
    replicas: (parent.status as { replicas?: number } | undefined)?.replicas ?? 0,
  }
  const selector = selectorOf(parent)
  if (selector) status.selector = selector
  // ScaleSpec.replicas is omitempty: a parent scaled to zero shows `spec: {}`.
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: metadata as KubeObject['metadata'],
    spec: replicas ? { replicas } : {},
    status,
  }
}

/** GET, PUT and PATCH are the routes; go-restful answers any other method itself. */
export function serveScale(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): void {
  const verb = ctx.info!.verb
  if (verb === 'get') return getScale(ctx, resource, deps)
  if (verb === 'update') return putScale(ctx, resource, deps)
  if (verb === 'patch') return patchScale(ctx, resource, deps)
  ctx.trace.record('http', 'go-restful', 'rejected', `the scale subresource has no ${verb} route`)
  respondStatus(ctx, 'http', routeMethodNotAllowed())
}

function readParent(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): KubeObject | undefined {
  const info = ctx.info!
  const key = etcdKey(resource, info.namespace, info.name)
  const kv = deps.etcd.get(key)
  if (!kv) {
    ctx.trace.record('storage', 'etcd3 get', 'rejected', `${key} does not exist`, {
      data: { key, revision: deps.etcd.revision() },
    })
    return undefined
  }
  ctx.trace.record('storage', 'etcd3 get', 'passed', `read ${key} (mod revision ${kv.modRevision})`, {
    data: { key, revision: kv.modRevision },
  })
  return withResourceVersion(kv.value, kv.modRevision)
}

function getScale(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): void {
  const parent = readParent(ctx, resource, deps)
  // ScaleREST.Get returns the store's own error: the parent's resource is named, not the subresource.
  if (!parent)
    return respondStatus(ctx, 'storage', notFound({ group: resource.group, resource: resource.resource }, ctx.info!.name))
  respondObject(ctx, 200, scaleFrom(parent))
}

/** scaleUpdatedObjectInfo.UpdatedObject names the subresource when the parent is missing. */
function missingParent(ctx: RequestContext, resource: ResourceInfo): void {
  respondStatus(
    ctx,
    'storage',
    notFound({ group: resource.group, resource: `${resource.resource}/scale` }, ctx.info!.name),
  )
}

function putScale(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): void {
  const info = ctx.info!
  const fieldValidation = fieldValidationOf(ctx)
  if (typeof fieldValidation !== 'string') return respondStatus(ctx, 'decoding', fieldValidation)
  const decoded = decodeBody(ctx.req.body, headerValue(ctx.req, 'Content-Type'), SCALE, fieldValidation)
  if (!decoded.ok) {
    ctx.trace.record('decoding', 'decoder', 'rejected', `${decoded.status.code}: ${decoded.note}`)
    return respondStatus(ctx, 'decoding', decoded.status)
  }
  ctx.trace.record('decoding', 'decoder', 'passed', decoded.note)
  const scale = decoded.object
  const name = scale.metadata?.name ?? ''
  if (name !== info.name) {
    ctx.trace.record('decoding', 'name check', 'rejected', `the body names "${name}" but the URL names "${info.name}"`)
    return respondStatus(
      ctx,
      'decoding',
      badRequest(`the name of the object (${name}) does not match the name on the URL (${info.name})`),
    )
  }
  const namespace = scale.metadata?.namespace
  if (namespace && namespace !== info.namespace)
    return respondStatus(
      ctx,
      'decoding',
      badRequest('the namespace of the provided object does not match the namespace sent on the request'),
    )
  const parent = readParent(ctx, resource, deps)
  if (!parent) return missingParent(ctx, resource)
  writeScale(ctx, resource, deps, parent, scale, decoded.warnings)
}

function patchScale(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): void {
  const contentType = (headerValue(ctx.req, 'Content-Type') ?? '').split(';')[0]!.trim()
  if (!PATCH_TYPES.includes(contentType)) {
    ctx.trace.record('decoding', 'patcher', 'rejected', `Content-Type ${contentType || '(none)'} is not a patch type`)
    return respondStatus(ctx, 'decoding', unsupportedMediaType(PATCH_TYPES))
  }
  const isApply = contentType === 'application/apply-patch+yaml'
  const options = patchOptionsErrors(ctx, isApply)
  if (options.length) return respondStatus(ctx, 'decoding', invalid('meta.k8s.io', 'PatchOptions', '', options))
  if (isApply) {
    ctx.trace.record('decoding', 'patcher', 'rejected', 'server-side apply to the scale subresource is not simulated')
    return respondStatus(ctx, 'decoding', badRequest('server-side apply to the scale subresource is not simulated'))
  }
  let body: unknown
  try {
    body = JSON.parse(ctx.req.body ?? '')
  } catch (error) {
    return respondStatus(
      ctx,
      'decoding',
      badRequest(`error decoding patch: ${error instanceof Error ? error.message : String(error)}`),
    )
  }
  const parent = readParent(ctx, resource, deps)
  if (!parent) return missingParent(ctx, resource)
  const patched = patchLiveObject(ctx, scaleFrom(parent), body, contentType, 'Scale')
  if (!patched) return
  ctx.trace.record('decoding', 'patcher', 'mutated', `applied the patch to the ${resource.kind}'s Scale`)
  writeScale(ctx, resource, deps, parent, patched, [])
}

/** The rest of scaleUpdatedObjectInfo.UpdatedObject, then the parent's update; the answer is a Scale again. */
function writeScale(
  ctx: RequestContext,
  resource: ResourceInfo,
  deps: HandlerDeps,
  parent: KubeObject,
  scale: KubeObject,
  warnings: string[],
): void {
  const name = ctx.info!.name
  const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas ?? 0
  if (typeof replicas === 'number' && replicas < 0) {
    // ValidateScale
    ctx.trace.record('validation', 'ValidateScale', 'rejected', '422: spec.replicas is negative')
    return respondStatus(
      ctx,
      'validation',
      invalid('autoscaling', 'Scale', name, [
        { type: 'FieldValueInvalid', field: 'spec.replicas', badValue: replicas, detail: 'must be greater than or equal to 0' },
      ]),
      warnings,
    )
  }
  const uid = scale.metadata?.uid
  if (uid && uid !== parent.metadata?.uid) {
    ctx.trace.record('validation', 'Scale precondition', 'rejected', '409: the Scale names another uid')
    return respondStatus(
      ctx,
      'validation',
      conflict(
        { group: resource.group, resource: `${resource.resource}/scale` },
        name,
        `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${parent.metadata?.uid ?? ''}`,
      ),
      warnings,
    )
  }
  const updated = { ...parent, metadata: { ...parent.metadata }, spec: { ...(parent.spec as object), replicas } }
  const resourceVersion = scale.metadata?.resourceVersion
  if (resourceVersion) updated.metadata.resourceVersion = resourceVersion
  else delete updated.metadata.resourceVersion
  ctx.trace.record('decoding', 'Scale to parent', 'mutated', `the ${resource.kind}'s spec.replicas becomes ${String(replicas)}`)
  updateObject(ctx, resource, deps, updated, warnings)
  const response = ctx.response
  if (response && response.code === 200) response.body = scaleFrom(response.body as KubeObject)
}
