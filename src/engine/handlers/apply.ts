// Server-side apply: PATCH with Content-Type application/apply-patch+yaml (handlers/patch.go's applyPatcher,
// then the field manager). The body is the manager's whole intent for the object; the field manager merges
// it into the live object, prunes what the manager stopped applying, and refuses to take fields another
// manager owns unless `force=true`. An apply to an object that does not exist creates it.
import fastJsonPatch from 'fast-json-patch'
import { parse } from 'yaml'
import { cloneJson } from '../clone'
import { MAX_REQUEST_BODY_BYTES } from '../decoding'
import { checkFields } from '../decoding/strict'
import { withResourceVersion } from '../encoding'
import {
  applyConfiguration,
  applyConflictStatus,
  ownershipOf,
  type Writer,
} from '../fieldmanager/fieldManager'
import { pathString } from '../fieldmanager/fieldpath'
import { itemElement } from '../fieldmanager/typed'
import { listTypeAt } from '../fieldmanager/schema'
import { splitPathAndQuery } from '../http/requestInfo'
import { apiVersionOf, etcdKey, type ResourceInfo } from '../resources'
import { badRequest, forbidden, notFound, requestEntityTooLarge } from '../status'
import type { JsonPatchOperation, KubeObject, Status } from '../types'
import { respondStatus, type HandlerDeps, type RequestContext } from './context'
import { createObject } from './create'
import { recordDefaults, updateObject } from './update'

export function apply(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): void {
  const info = ctx.info!
  const { query } = splitPathAndQuery(ctx.req.path)
  const text = ctx.req.body ?? ''
  if (new TextEncoder().encode(text).length > MAX_REQUEST_BODY_BYTES) {
    ctx.trace.record('decoding', 'patcher', 'rejected', 'the apply configuration is larger than 3 MiB')
    return respondStatus(ctx, 'decoding', requestEntityTooLarge(`limit is ${MAX_REQUEST_BODY_BYTES}`))
  }
  const decoded = decodeConfiguration(text)
  if (!decoded.ok) {
    ctx.trace.record(
      'decoding',
      'patcher',
      'rejected',
      decoded.status.message ?? 'the apply configuration does not decode',
    )
    return respondStatus(ctx, 'decoding', decoded.status)
  }
  const config = decoded.config
  const problem = checkConfiguration(config, resource)
  if (problem) {
    ctx.trace.record('decoding', 'field manager', 'rejected', problem.message ?? '')
    return respondStatus(ctx, 'decoding', problem)
  }
  const name = config.metadata?.name ?? ''
  if (name !== info.name) {
    ctx.trace.record(
      'decoding',
      'name check',
      'rejected',
      `the configuration names "${name}" but the URL names "${info.name}"`,
    )
    return respondStatus(
      ctx,
      'decoding',
      badRequest(`the name of the object (${name}) does not match the name on the URL (${info.name})`),
    )
  }

  const manager = query.get('fieldManager')!
  const force = query.get('force') === 'true'
  const subresource = info.subresource || undefined
  const writer: Writer = {
    manager,
    apiVersion: apiVersionOf(resource),
    ...(subresource ? { subresource } : {}),
    time: deps.clock.now(),
  }
  const key = etcdKey(resource, info.namespace, info.name)
  const existing = deps.etcd.get(key)
  const live = existing ? withResourceVersion(existing.value, existing.modRevision) : undefined

  if (!live && subresource) {
    // Only the main resource can be created by an apply; a subresource needs the object to exist.
    ctx.trace.record('storage', 'etcd3 get', 'rejected', `${key} does not exist`, { data: { key } })
    return respondStatus(
      ctx,
      'storage',
      notFound({ group: resource.group, resource: resource.resource }, info.name),
    )
  }
  if (!live && !allowedToCreate(ctx, resource, deps)) return
  const result = applyConfiguration(live, config, writer, force)
  if (!result.ok) {
    const status = applyConflictStatus(result.conflicts)
    ctx.trace.record(
      'decoding',
      'field manager',
      'rejected',
      `409: ${result.conflicts.length} field${result.conflicts.length === 1 ? '' : 's'} of the configuration belong to another manager`,
      {
        details: [
          ...result.conflicts.map((c) => `${c.path} is owned by ${c.managerText}`),
          'Re-send with force=true (kubectl apply --server-side --force-conflicts) to take them, or leave them out of the configuration.',
        ],
        data: { conflicts: result.conflicts, ownership: ownershipOf(live?.metadata?.managedFields) },
      },
    )
    return respondStatus(ctx, 'decoding', status)
  }
  const details = [
    ...result.overridden.map((c) =>
      force
        ? `forced: took ${c.path} from ${c.managerText}`
        : `took ${c.path} from ${c.managerText}, which kubectl's client-side apply had recorded in the last-applied annotation`,
    ),
    ...result.pruned.map(
      (p) => `removed ${p}: applied last time, not this time, and no other manager owns it`,
    ),
  ]
  const obj = cloneJson(result.object ?? live!)
  const meta = (obj.metadata ??= {})
  meta.managedFields = result.managedFields
  if (live) meta.resourceVersion = config.metadata?.resourceVersion
  if (!meta.resourceVersion) delete meta.resourceVersion
  ctx.trace.record(
    'decoding',
    'field manager',
    result.object ? 'mutated' : 'passed',
    live
      ? result.object
        ? `merged the configuration of "${manager}" into the live object`
        : `the configuration of "${manager}" changes no field of the live object`
      : `the configuration of "${manager}" becomes a new object`,
    {
      details,
      data: { manager, force, ownership: ownershipOf(result.managedFields) },
      ...(live && result.object ? { patch: mergePatch(live, obj) } : {}),
    },
  )
  recordDefaults(ctx, obj, resource)
  if (!live) return createObject(ctx, resource, deps, obj, [], result.managedFields)
  updateObject(ctx, resource, deps, obj, [], result.managedFields)
}

/** What the merge changed in the object, managedFields and resourceVersion aside. */
function mergePatch(live: KubeObject, merged: KubeObject) {
  const strip = (o: KubeObject) => {
    const copy = cloneJson(o)
    delete copy.metadata?.managedFields
    delete copy.metadata?.resourceVersion
    return copy
  }
  return fastJsonPatch.compare(strip(live), strip(merged)) as JsonPatchOperation[]
}

function decodeConfiguration(text: string): { ok: true; config: KubeObject } | { ok: false; status: Status } {
  let value: unknown
  try {
    value = parse(text, { uniqueKeys: false, maxAliasCount: 100 })
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    return { ok: false, status: badRequest(`error decoding YAML: yaml: ${message}`) }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value
    return {
      ok: false,
      status: badRequest(
        `error decoding YAML: json: cannot unmarshal ${type} into Go value of type map[string]interface {}`,
      ),
    }
  }
  return { ok: true, config: value as KubeObject }
}

/** The field manager's checks of the configuration before it merges anything. */
function checkConfiguration(config: KubeObject, resource: ResourceInfo): Status | undefined {
  // versionCheckManager, the outermost manager: the group, version and kind must be the endpoint's.
  const gvk = appliedKind(config)
  if (gvk.group !== resource.group || gvk.version !== resource.version || gvk.kind !== resource.kind)
    return badRequest(`invalid object type: ${gvk.group}/${gvk.version}, Kind=${gvk.kind}`)
  const expected = apiVersionOf(resource)
  if (config.apiVersion !== expected)
    return badRequest(
      `Incorrect version specified in apply patch. Specified patch version: ${config.apiVersion ?? ''}, expected: ${expected}`,
    )
  if (config.metadata?.managedFields !== undefined) return badRequest('metadata.managedFields must be nil')
  const unknown = checkFields(config, resource).unknownFields.find((f) => f.startsWith('unknown field'))
  if (unknown) {
    const field = /"(.*)"/.exec(unknown)![1]!
    const gvk = `${resource.group}/${resource.version}, Kind=${resource.kind}`
    const where = `${config.metadata?.namespace ?? ''}/${config.metadata?.name ?? ''}; ${gvk}`
    // Not a Status error in kube-apiserver: it reaches the client as a 500 with no reason.
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `failed to create typed patch object (${where}): ${typedPath(config, field, resource.kind)}: field not declared in schema`,
      code: 500,
    } as Status
  }
  return undefined
}

/**
 * The unstructured object's GroupVersionKind: a non-string field reads as empty, and an apiVersion that
 * does not parse as group/version keeps only the kind (schema.FromAPIVersionAndKind).
 */
function appliedKind(config: KubeObject): { group: string; version: string; kind: string } {
  const apiVersion = typeof config.apiVersion === 'string' ? config.apiVersion : ''
  const kind = typeof config.kind === 'string' ? config.kind : ''
  const parts = apiVersion.split('/')
  if (parts.length > 2) return { group: '', version: '', kind }
  return parts.length === 2 ? { group: parts[0]!, version: parts[1]!, kind } : { group: '', version: apiVersion, kind }
}

/** `spec.containers[0].imagee` as structured-merge-diff names it: `.spec.containers[name="nginx"].imagee`. */
function typedPath(config: KubeObject, field: string, kind: string): string {
  const elements: string[] = []
  const names: string[] = []
  let value: unknown = config
  for (const token of field.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    if (token.startsWith('[')) {
      const index = Number(token.slice(1, -1))
      const item = Array.isArray(value) ? value[index] : undefined
      elements.push(itemElement(listTypeAt(kind, names), item, index))
      value = item
    } else {
      elements.push(`f:${token}`)
      names.push(token)
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[token] : undefined
    }
  }
  return pathString(elements)
}

/** A patch that creates the object needs permission to create, on top of patch (patch.go withAuthorization). */
function allowedToCreate(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): boolean {
  const info = ctx.info!
  const decision = deps.authorizer.authorize({
    user: ctx.user!,
    verb: 'create',
    namespace: info.namespace,
    apiGroup: info.apiGroup,
    apiVersion: info.apiVersion,
    resource: info.resource,
    subresource: '',
    name: info.name,
    isResourceRequest: true,
    path: info.path,
  })
  if (decision.decision === 'Allow') {
    ctx.trace.record(
      'authorization',
      decision.authorizer,
      'passed',
      'the apply creates the object, and the user may also create it',
    )
    return true
  }
  ctx.trace.record(
    'authorization',
    decision.authorizer,
    'rejected',
    'the apply would create the object, but the user may not create it',
    {
      details: ['A patch that creates an object is authorized twice: for patch, and for create.'],
    },
  )
  respondStatus(
    ctx,
    'authorization',
    forbidden({ group: resource.group, resource: resource.resource }, info.name, decision.reason),
  )
  return false
}
