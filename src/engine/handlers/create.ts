// POST: create (k8s.io/apiserver/pkg/endpoints/handlers/create.go, then the registry's Store.Create).
import { runAdmissionPhase } from '../admission/chain'
import { enabledPlugins } from '../admission/plugins'
import { headerValue } from '../authentication'
import { cloneJson } from '../clone'
import { decodeBody } from '../decoding'
import type { FieldValidation } from '../decoding/strict'
import { encodeForResponse, withResourceVersion } from '../encoding'
import { updateManagedFields } from '../fieldmanager/fieldManager'
import { splitPathAndQuery } from '../http/requestInfo'
import { changesMadeBy } from '../patch'
import { convertFromStorageVersion, convertToStorageVersion } from '../registry/conversion/hpa'
import {
  applyDefaults,
  createStrategyFor,
  wipeObjectMetaSystemFields,
  type RegistryContext,
} from '../registry/strategy'
import { apiVersionOf, etcdKey, type ResourceInfo } from '../resources'
import { alreadyExists, badRequest, fieldErrorString, internalError, invalid } from '../status'
import type { JsonPatchOperation, KubeObject, ManagedFieldsEntry } from '../types'
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
import { writeOptionsErrors } from './options'
import { answerReview, passesEscalationCheck } from './rbacRegistry'

export function create(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): void {
  const { query } = splitPathAndQuery(ctx.req.path)

  // CreateOptions come from the query and are validated before the body is read.
  const fieldValidation = query.get('fieldValidation') ?? ''
  const optionErrors = writeOptionsErrors(query)
  if (optionErrors.length) {
    ctx.trace.record('decoding', 'CreateOptions', 'rejected', optionErrors.map(fieldErrorString).join('; '))
    return respondStatus(ctx, 'decoding', invalid('meta.k8s.io', 'CreateOptions', '', optionErrors))
  }

  // Decode, default (while decoding, before admission) and check the namespace.
  const decoded = decodeBody(
    ctx.req.body,
    headerValue(ctx.req, 'Content-Type'),
    resource,
    (fieldValidation || 'Warn') as FieldValidation,
  )
  if (!decoded.ok) {
    ctx.trace.record('decoding', 'decoder', 'rejected', `${decoded.status.code}: ${decoded.note}`)
    return respondStatus(ctx, 'decoding', decoded.status)
  }
  // Warnings go out as Warning headers as soon as they are recorded, so even a failure later carries them.
  const warnings = [...decoded.warnings]
  ctx.trace.record('decoding', 'decoder', 'passed', decoded.note, {
    details: decoded.warnings.map((w) => `Warning: ${w}`),
  })
  const obj = decoded.object
  const { patch: defaultsPatch } = changesMadeBy(obj, () => applyDefaults(obj, resource))
  ctx.decodedObject = cloneJson(obj)
  ctx.trace.record(
    'decoding',
    'defaulting',
    defaultsPatch.length ? 'mutated' : 'passed',
    defaultsPatch.length
      ? `applied ${defaultsPatch.length} default${defaultsPatch.length === 1 ? '' : 's'} for ${resource.kind} ${resource.version}`
      : 'nothing to default',
    {
      patch: defaultsPatch,
      details: [
        'Defaulting is part of decoding: the versioned object gets its defaults before any admission plugin sees it.',
      ],
    },
  )

  createObject(ctx, resource, deps, obj, warnings)
}

/**
 * Everything after decoding and defaulting: the namespace check, managedFields, admission, the strategy
 * and the write. A server-side apply that creates the object comes in here too, with its managedFields.
 */
export function createObject(
  ctx: RequestContext,
  resource: ResourceInfo,
  deps: HandlerDeps,
  obj: KubeObject,
  warnings: string[],
  managedFields?: ManagedFieldsEntry[],
): void {
  const info = ctx.info!
  const { query } = splitPathAndQuery(ctx.req.path)
  const dryRun = query.get('dryRun') === 'All'
  const gr = { group: resource.group, resource: resource.resource }
  let meta = (obj.metadata ??= {})
  if (resource.kind === 'Namespace' && meta.name) info.namespace = meta.name
  const requestNamespace = resource.namespaced ? info.namespace : ''
  if (resource.namespaced) {
    if (!meta.namespace) meta.namespace = requestNamespace
    else if (meta.namespace !== requestNamespace) {
      ctx.trace.record(
        'decoding',
        'namespace check',
        'rejected',
        `the object says namespace "${meta.namespace}" but the URL says "${requestNamespace}"`,
      )
      return respondStatus(
        ctx,
        'decoding',
        badRequest('the namespace of the provided object does not match the namespace sent on the request'),
        warnings,
      )
    }
  }
  wipeObjectMetaSystemFields(meta)
  meta.managedFields =
    managedFields ??
    updateManagedFields(undefined, obj, {
      manager: fieldManagerOf(ctx),
      apiVersion: apiVersionOf(resource),
      time: deps.clock.now(),
    })

  // Mutating admission.
  const attrs = admissionAttributes(ctx, resource, 'CREATE', obj, undefined)
  const plugins = enabledPlugins(deps.config.admission)
  const mutating = runAdmissionPhase('mutating', plugins, attrs, deps.admissionContext, ctx.trace)
  if (!mutating.allowed) return respondStatus(ctx, 'mutating-admission', mutating.status, warnings)
  warnings.push(...mutating.warnings)
  if (resource.computed) return answerReview(ctx, resource, obj, deps)
  if (!passesEscalationCheck(ctx, resource, obj, deps)) return
  // A mutating plugin may have replaced the whole object.
  meta = obj.metadata ??= {}
  // rest.BeforeCreate's ValidNamespace, which sees the object as admission left it.
  if (resource.namespaced && (meta.namespace ||= requestNamespace) !== requestNamespace)
    return respondNamespaceMoved(ctx, meta.namespace, requestNamespace, warnings)

  // The registry: system fields, generated name, PrepareForCreate, Validate.
  const strategy = createStrategyFor(resource)
  const generatesName = !meta.name && Boolean(meta.generateName)
  // These fields were just wiped, so each is an add; the patch is written out rather than diffed.
  const systemFieldsPatch: JsonPatchOperation[] = []
  meta.uid = deps.ids.uid()
  systemFieldsPatch.push({ op: 'add', path: '/metadata/uid', value: meta.uid })
  meta.creationTimestamp = deps.clock.now()
  systemFieldsPatch.push({ op: 'add', path: '/metadata/creationTimestamp', value: meta.creationTimestamp })
  if (generatesName) {
    meta.name = meta.generateName!.slice(0, 58) + deps.ids.randomSuffix(5)
    systemFieldsPatch.push({ op: 'add', path: '/metadata/name', value: meta.name })
  }
  if (!resource.namespaced && meta.namespace !== undefined) {
    delete meta.namespace
    systemFieldsPatch.push({ op: 'remove', path: '/metadata/namespace' })
  }
  ctx.trace.record(
    'validation',
    'FillObjectMetaSystemFields',
    'mutated',
    'set uid and creationTimestamp' + (generatesName ? ', generated the name from generateName' : ''),
    {
      patch: systemFieldsPatch,
    },
  )
  const { patch: preparePatch } = changesMadeBy(obj, () =>
    strategy.prepareForCreate(obj, { ...deps.registryContext, user: ctx.user! } as RegistryContext),
  )
  ctx.trace.record(
    'validation',
    'PrepareForCreate',
    preparePatch.length ? 'mutated' : 'passed',
    preparePatch.length
      ? `${resource.kind} strategy prepared the object for storage (status reset, generation set)`
      : 'nothing to prepare',
    { patch: preparePatch },
  )
  const errors = strategy.validate(obj)
  if (errors.length > 0) return respondInvalid(ctx, 'Validate', resource, meta.name ?? '', errors, warnings)
  ctx.trace.record('validation', 'Validate', 'passed', `the ${resource.kind} is valid`)
  warnings.push(...strategy.warningsOnCreate(obj))

  // Validating admission sees the object as it will be stored.
  attrs.name = meta.name ?? ''
  const validating = runAdmissionPhase('validating', plugins, attrs, deps.admissionContext, ctx.trace)
  if (!validating.allowed) return respondStatus(ctx, 'validating-admission', validating.status, warnings)
  warnings.push(...validating.warnings)

  if (meta.resourceVersion) {
    ctx.trace.record(
      'storage',
      'etcd3 create',
      'rejected',
      'the object carries a resourceVersion, which a create must not have',
    )
    return respondStatus(
      ctx,
      'storage',
      internalError('resourceVersion should not be set on objects to be created'),
    )
  }
  const key = etcdKey(resource, meta.namespace ?? '', meta.name ?? '')
  // etcd holds the storage version; the answer comes back in the version the client sent.
  const stored = encodeForResponse(convertToStorageVersion(obj))
  const answer = (o: typeof stored) => convertFromStorageVersion(o, resource.version)
  if (dryRun) {
    if (deps.etcd.get(key)) {
      ctx.trace.record('storage', 'etcd3 create', 'rejected', `dry run: ${key} already exists`, {
        data: { key },
      })
      return respondStatus(ctx, 'storage', alreadyExists(gr, meta.name ?? ''), warnings)
    }
    ctx.trace.record(
      'storage',
      'etcd3 create',
      'skipped',
      `dry run: the object would be written to ${key}, but nothing is stored`,
      {
        data: { key, revision: deps.etcd.revision(), dryRun: true },
      },
    )
    return respondObject(ctx, 201, answer(stored), warnings)
  }
  const result = deps.etcd.create(key, stored)
  if (!result.ok) {
    ctx.trace.record(
      'storage',
      'etcd3 create',
      'rejected',
      `${key} already exists: the transaction's guard (mod_revision == 0) failed`,
      {
        data: { key, revision: deps.etcd.revision() },
      },
    )
    return respondStatus(ctx, 'storage', alreadyExists(gr, meta.name ?? ''), warnings)
  }
  ctx.trace.record('storage', 'etcd3 create', 'passed', `wrote ${key} at revision ${result.revision}`, {
    data: {
      key,
      revision: result.revision,
      createRevision: result.value.createRevision,
      version: result.value.version,
    },
  })
  const created = answer(withResourceVersion(stored, result.revision))
  respondObject(ctx, 201, created, warnings)
  deps.config.afterWrite?.({ type: 'created', resource, object: created })
}
