// The create-only, never-stored review resources: authorization.k8s.io/v1 SelfSubjectAccessReview,
// SubjectAccessReview, LocalSubjectAccessReview, SelfSubjectRulesReview and authentication.k8s.io/v1
// SelfSubjectReview (pkg/registry/authorization/* and pkg/registry/authentication/selfsubjectreview, v1.35).
// The REST storage validates the body, asks the authorizer (or the rule resolver) and answers 201 with the object
// and its status filled in. Nothing reaches etcd.
import { rulesFor } from './authorization/resolver'
import type { Authorizer, AuthorizationAttributes, RbacObjects } from './authorization/types'
import { nodeIdentity } from './authorization/node'
import { wipeObjectMetaSystemFields } from './registry/strategy'
import { aggregateMessage, badRequest, invalid } from './status'
import type { FieldError, KubeObject, Status, UserInfo } from './types'

export type ReviewKind =
  | 'SelfSubjectAccessReview'
  | 'SubjectAccessReview'
  | 'LocalSubjectAccessReview'
  | 'SelfSubjectRulesReview'
  | 'SelfSubjectReview'

export interface ReviewContext {
  /** The user after authentication and impersonation. */
  user: UserInfo
  /** The namespace of the URL ("" for the cluster-scoped reviews). */
  namespace: string
  authorizer: Authorizer
  rbac: RbacObjects
  /** RFC 3339 time, for SelfSubjectReview's creationTimestamp (the only review that sets one). */
  now?: string
}

export interface ReviewResponse {
  code: number
  body: KubeObject | Status
}

const AUTHZ = 'authorization.k8s.io'
const AUTHN = 'authentication.k8s.io'

type Json = Record<string, unknown>

function obj(value: unknown): Json | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

/** Copies the listed keys in this order, dropping empty ones: Go's field order with omitempty. */
function pick(source: Json, keys: readonly string[]): Json {
  const out: Json = {}
  for (const key of keys) {
    const v = source[key]
    if (v === undefined || v === null || v === '' || v === false) continue
    if (Array.isArray(v) && v.length === 0) continue
    if (
      typeof v === 'object' &&
      !Array.isArray(v) &&
      Object.keys(v).length === 0 &&
      key !== 'fieldSelector' &&
      key !== 'labelSelector'
    )
      continue
    out[key] = v
  }
  return out
}

const RESOURCE_ATTRIBUTE_KEYS = [
  'namespace',
  'verb',
  'group',
  'version',
  'resource',
  'subresource',
  'name',
  'fieldSelector',
  'labelSelector',
]

function resourceAttributes(value: unknown): Json | undefined {
  const o = obj(value)
  return o ? pick(o, RESOURCE_ATTRIBUTE_KEYS) : undefined
}

function nonResourceAttributes(value: unknown): Json | undefined {
  const o = obj(value)
  return o ? pick(o, ['path', 'verb']) : undefined
}

/** The spec as the server echoes it: only known fields, in Go order, empty ones left out. */
function accessSpec(spec: Json, withSubject: boolean): Json {
  const out: Json = {}
  const ra = resourceAttributes(spec.resourceAttributes)
  const nra = nonResourceAttributes(spec.nonResourceAttributes)
  if (ra) out.resourceAttributes = ra
  if (nra) out.nonResourceAttributes = nra
  if (withSubject) Object.assign(out, pick(spec, ['user', 'groups', 'extra', 'uid']))
  return out
}

/** The metadata as echoed: what the client sent minus the system fields the create handler wipes. */
function echoedMetadata(body: Json): Json {
  const meta = { ...(obj(body.metadata) ?? {}) }
  wipeObjectMetaSystemFields(meta)
  return meta
}

/** Validation compares ObjectMeta with its zero value, ignoring managedFields (and namespace for the local review). */
function metadataProblems(meta: Json, allowNamespace: boolean): Json | undefined {
  const rest = { ...meta }
  delete rest.managedFields
  if (allowNamespace) delete rest.namespace
  const nonEmpty = Object.entries(rest).some(
    ([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
  )
  // The bad value is the whole ObjectMeta, which JSON-encodes with a null creationTimestamp.
  return nonEmpty ? { ...meta, creationTimestamp: null } : undefined
}

const SELECTOR_OPERATORS: Record<'fieldSelector' | 'labelSelector', readonly string[]> = {
  fieldSelector: ['In', 'NotIn', 'Exists', 'DoesNotExist'],
  labelSelector: ['In', 'NotIn', 'Exists', 'DoesNotExist'],
}

function validateSelectors(ra: Json | undefined): FieldError[] {
  const errors: FieldError[] = []
  if (!ra) return errors
  for (const key of ['fieldSelector', 'labelSelector'] as const) {
    const selector = obj(ra[key])
    if (!selector) continue
    const path = `spec.resourceAttributes.${key}`
    const raw = str(selector.rawSelector)
    const requirements = Array.isArray(selector.requirements) ? selector.requirements : []
    if (raw && requirements.length > 0)
      errors.push({
        type: 'FieldValueInvalid',
        field: `${path}.rawSelector`,
        badValue: raw,
        detail: 'may not specified at the same time as requirements',
      })
    if (!raw && requirements.length === 0)
      errors.push({
        type: 'FieldValueRequired',
        field: `${path}.requirements`,
        detail: `when ${path} is specified, requirements or rawSelector is required`,
      })
  }
  return errors
}

/** The selector part of BuildEvaluationError: requirements whose operator the server cannot use are dropped. */
function selectorEvaluationErrors(ra: Json | undefined): string[] {
  const out: string[] = []
  if (!ra) return out
  for (const key of ['fieldSelector', 'labelSelector'] as const) {
    const requirements = obj(ra[key])?.requirements
    if (!Array.isArray(requirements) || requirements.length === 0) continue
    let bad = 0
    for (const r of requirements) {
      const req = obj(r) ?? {}
      const op = str(req.operator)
      const values = strings(req.values)
      const usable =
        key === 'labelSelector'
          ? SELECTOR_OPERATORS.labelSelector.includes(op)
          : (op === 'In' || op === 'NotIn') && values.length === 1
      if (!usable) bad++
    }
    if (bad === 0) continue
    out.push(
      `spec.resourceAttributes.${key} ${bad < requirements.length ? 'partially ignored' : 'ignored'} due to parse error`,
    )
  }
  return out
}

function validateAccessSpec(spec: Json, withSubject: boolean): FieldError[] {
  const errors: FieldError[] = []
  const ra = obj(spec.resourceAttributes)
  const nra = obj(spec.nonResourceAttributes)
  if (ra && nra) {
    // The internal type has no JSON tags, so the bad value prints with Go's field names.
    errors.push({
      type: 'FieldValueInvalid',
      field: 'spec.nonResourceAttributes',
      badValue: { Path: str(nra.path), Verb: str(nra.verb) },
      detail: 'cannot be specified in combination with resourceAttributes',
    })
  }
  if (!ra && !nra) {
    errors.push({
      type: 'FieldValueInvalid',
      field: 'spec.resourceAttributes',
      badValue: null,
      detail: 'exactly one of nonResourceAttributes or resourceAttributes must be specified',
    })
  }
  if (withSubject && !str(spec.user) && strings(spec.groups).length === 0) {
    errors.push({
      type: 'FieldValueInvalid',
      field: 'spec.user',
      badValue: str(spec.user),
      detail: 'at least one of user or group must be specified',
    })
  }
  errors.push(...validateSelectors(ra))
  return errors
}

function attributesFor(user: UserInfo, spec: Json): AuthorizationAttributes {
  const ra = obj(spec.resourceAttributes)
  if (ra) {
    return {
      user,
      verb: str(ra.verb),
      namespace: str(ra.namespace),
      apiGroup: str(ra.group),
      apiVersion: str(ra.version) || '*',
      resource: str(ra.resource),
      subresource: str(ra.subresource),
      name: str(ra.name),
      isResourceRequest: true,
      path: '',
    }
  }
  const nra = obj(spec.nonResourceAttributes) ?? {}
  return {
    user,
    verb: str(nra.verb),
    namespace: '',
    apiGroup: '',
    apiVersion: '',
    resource: '',
    subresource: '',
    name: '',
    isResourceRequest: false,
    path: str(nra.path),
  }
}

function specUser(spec: Json): UserInfo {
  const user: UserInfo = { username: str(spec.user), groups: strings(spec.groups) }
  if (str(spec.uid)) user.uid = str(spec.uid)
  const extra = obj(spec.extra)
  if (extra) user.extra = Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, strings(v)]))
  return user
}

function accessReview(kind: ReviewKind, body: Json, ctx: ReviewContext): ReviewResponse {
  const withSubject = kind !== 'SelfSubjectAccessReview'
  const spec = obj(body.spec) ?? {}
  const metadata = echoedMetadata(body)
  if (kind === 'LocalSubjectAccessReview') {
    // The create handler fills an empty namespace from the URL and refuses a different one, before the REST code.
    if (!metadata.namespace) metadata.namespace = ctx.namespace
    else if (metadata.namespace !== ctx.namespace)
      return {
        code: 400,
        body: badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        ),
      }
  }
  const errors = validateAccessSpec(spec, withSubject)
  const metaBad = metadataProblems(metadata, kind === 'LocalSubjectAccessReview')
  if (metaBad)
    errors.push({
      type: 'FieldValueInvalid',
      field: 'metadata',
      badValue: metaBad,
      detail: kind === 'LocalSubjectAccessReview' ? 'must be empty except for namespace' : 'must be empty',
    })
  if (kind === 'LocalSubjectAccessReview') {
    const ra = obj(spec.resourceAttributes)
    if (ra && str(ra.namespace) !== str(metadata.namespace))
      errors.push({
        type: 'FieldValueInvalid',
        field: 'spec.resourceAttributes.namespace',
        badValue: str(ra.namespace),
        detail: 'must match metadata.namespace',
      })
    if (obj(spec.nonResourceAttributes))
      errors.push({
        type: 'FieldValueInvalid',
        field: 'spec.nonResourceAttributes',
        badValue: nonResourceAttributes(spec.nonResourceAttributes),
        detail: 'disallowed on this kind of request',
      })
  }
  if (errors.length > 0) return { code: 422, body: invalid(AUTHZ, kind, '', errors) }
  if (kind === 'LocalSubjectAccessReview') {
    if (!ctx.namespace)
      return { code: 400, body: badRequest(`namespace is required on this type: ${ctx.namespace}`) }
    if (ctx.namespace !== str(metadata.namespace))
      return {
        code: 400,
        body: badRequest(`spec.resourceAttributes.namespace must match namespace: ${ctx.namespace}`),
      }
  }

  const subject = withSubject ? specUser(spec) : ctx.user
  const decision = ctx.authorizer.authorize(attributesFor(subject, spec))
  const status: Json = { allowed: decision.decision === 'Allow' }
  if (decision.decision === 'Deny') status.denied = true
  if (decision.reason) status.reason = decision.reason
  const evaluationErrors = selectorEvaluationErrors(obj(spec.resourceAttributes))
  if (evaluationErrors.length) status.evaluationError = evaluationErrors.join('; ')
  return {
    code: 201,
    body: { kind, apiVersion: `${AUTHZ}/v1`, metadata, spec: accessSpec(spec, withSubject), status },
  }
}

interface ResourceRule {
  verbs: string[]
  apiGroups?: string[]
  resources?: string[]
  resourceNames?: string[]
}

interface NonResourceRule {
  verbs: string[]
  nonResourceURLs?: string[]
}

/** What SelfSubjectRulesReview answers: the union of the Node and RBAC rule resolvers (system:masters has none). */
export function subjectRules(
  user: UserInfo,
  namespace: string,
  rbac: RbacObjects,
): {
  resourceRules: ResourceRule[]
  nonResourceRules: NonResourceRule[]
  incomplete: boolean
  errors: string[]
} {
  const errors: string[] = []
  let incomplete = false
  if (nodeIdentity(user.username, user.groups) !== undefined) {
    // Kubelets get their rights from the Node authorizer's graph, which cannot be listed.
    incomplete = true
    errors.push('node authorizer does not support user rule resolution')
  }
  const resolved = rulesFor(user, namespace, rbac, 'lister')
  errors.push(...resolved.errors)
  const resourceRules: ResourceRule[] = []
  const nonResourceRules: NonResourceRule[] = []
  for (const rule of resolved.rules) {
    if (rule.resources?.length) {
      const r: ResourceRule = { verbs: [...(rule.verbs ?? [])] }
      if (rule.apiGroups?.length) r.apiGroups = [...rule.apiGroups]
      r.resources = [...rule.resources]
      if (rule.resourceNames?.length) r.resourceNames = [...rule.resourceNames]
      resourceRules.push(r)
    }
    if (rule.nonResourceURLs?.length)
      nonResourceRules.push({ verbs: [...(rule.verbs ?? [])], nonResourceURLs: [...rule.nonResourceURLs] })
  }
  return { resourceRules, nonResourceRules, incomplete, errors }
}

function rulesReview(body: Json, ctx: ReviewContext): ReviewResponse {
  const namespace = str(obj(body.spec)?.namespace)
  if (!namespace) return { code: 400, body: badRequest('no namespace on request') }
  const rules = subjectRules(ctx.user, namespace, ctx.rbac)
  const status: Json = {
    resourceRules: rules.resourceRules,
    nonResourceRules: rules.nonResourceRules,
    incomplete: rules.incomplete,
  }
  if (rules.errors.length) status.evaluationError = aggregateMessage(rules.errors)
  // The storage answers with a fresh object: the spec (and its namespace) is not echoed.
  return {
    code: 201,
    body: { kind: 'SelfSubjectRulesReview', apiVersion: `${AUTHZ}/v1`, metadata: {}, spec: {}, status },
  }
}

function selfSubjectReview(ctx: ReviewContext): ReviewResponse {
  const userInfo: Json = {}
  if (ctx.user.username) userInfo.username = ctx.user.username
  if (ctx.user.uid) userInfo.uid = ctx.user.uid
  if (ctx.user.groups.length) userInfo.groups = [...ctx.user.groups]
  if (ctx.user.extra && Object.keys(ctx.user.extra).length) {
    userInfo.extra = Object.fromEntries(
      Object.keys(ctx.user.extra)
        .sort()
        .map((k) => [k, [...ctx.user.extra![k]!]]),
    )
  }
  const metadata: Json = ctx.now ? { creationTimestamp: ctx.now } : {}
  return {
    code: 201,
    body: { kind: 'SelfSubjectReview', apiVersion: `${AUTHN}/v1`, metadata, status: { userInfo } },
  }
}

/**
 * The REST Create of a review resource. `body` is the decoded request object (after the generic create path's
 * decoding, system-field wiping and admission); the answer is the 201 object or the error Status.
 */
export function handleReview(kind: ReviewKind, body: unknown, ctx: ReviewContext): ReviewResponse {
  const json = obj(body) ?? {}
  switch (kind) {
    case 'SelfSubjectAccessReview':
    case 'SubjectAccessReview':
    case 'LocalSubjectAccessReview':
      return accessReview(kind, json, ctx)
    case 'SelfSubjectRulesReview':
      return rulesReview(json, ctx)
    case 'SelfSubjectReview':
      return selfSubjectReview(ctx)
  }
}
