// Defaulting and validation of the policy kinds (pkg/apis/admissionregistration/v1/defaults.go and
// pkg/apis/admissionregistration/validation/validation.go): ValidatingAdmissionPolicy and its binding,
// MutatingAdmissionPolicy and its binding. Every CEL expression is compiled when the object is written, so a
// type error is a 422 naming the field: `spec.validations[0].expression: Invalid value: "...": compilation
// failed: ERROR: <input>:1:25: undeclared reference to 'params' (in container '')`.
// strategy.ts looks these tables up by `<group>/<Kind>`.
import { compileDetail } from '../../cel'
import { forbidden, invalid, notSupported, required, type ErrorList } from '../../registry/validation/errors'
import { validateObjectMeta } from '../../registry/validation/meta'
import { nameIsDNSSubdomain } from '../../registry/validation/names'
import type { FieldError } from '../../types'

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v)
const asObj = (v: unknown): Obj => (isObj(v) ? v : {})
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const str = (v: unknown): string => (typeof v === 'string' ? v : '')

const G = 'admissionregistration.k8s.io'

function clusterMeta(obj: Obj, errs: ErrorList): void {
  validateObjectMeta(
    obj.metadata as never,
    { namespaced: false, nameFn: nameIsDNSSubdomain, kubeFinalizers: false },
    errs,
  )
}

/** One CEL expression: Required when empty, Invalid with the compiler's detail when it does not compile. */
function celField(
  errs: ErrorList,
  field: string,
  expr: unknown,
  hasParams: boolean,
  returnTypes: readonly string[],
  patchTypes = false,
): void {
  const e = str(expr)
  if (e.trim() === '') {
    errs.push(required(field, ''))
    return
  }
  const detail = compileDetail(e, { hasParams, patchTypes }, returnTypes)
  if (detail) errs.push(invalid(field, e, detail))
}

// ---- defaulting ----

function defaultMatchResources(mr: unknown): void {
  if (!isObj(mr)) return
  mr.namespaceSelector ??= {}
  mr.objectSelector ??= {}
  mr.matchPolicy ??= 'Equivalent'
  for (const rule of [...list(mr.resourceRules), ...list(mr.excludeResourceRules)])
    if (isObj(rule)) rule.scope ??= '*'
}

function defaultPolicy(obj: Obj): void {
  const spec = isObj(obj.spec) ? obj.spec : (obj.spec = {})
  spec.failurePolicy ??= 'Fail'
  defaultMatchResources(spec.matchConstraints)
}

function defaultBinding(obj: Obj): void {
  const spec = isObj(obj.spec) ? obj.spec : (obj.spec = {})
  defaultMatchResources(spec.matchResources)
}

function defaultMutatingPolicy(obj: Obj): void {
  defaultPolicy(obj)
  const spec = asObj(obj.spec)
  spec.reinvocationPolicy ??= 'Never'
}

// ---- validation ----

const FAILURE_POLICIES = ['Fail', 'Ignore']
const REASONS = ['Unauthorized', 'Forbidden', 'Invalid', 'RequestEntityTooLarge']

function validateMatchConstraints(errs: ErrorList, mc: unknown, field: string): void {
  if (!isObj(mc)) {
    errs.push(required(field, ''))
    return
  }
  if (list(mc.resourceRules).length === 0) errs.push(required(`${field}.resourceRules`, ''))
}

function validateCommon(spec: Obj, errs: ErrorList, hasParams: boolean): void {
  if (spec.failurePolicy !== undefined && !FAILURE_POLICIES.includes(str(spec.failurePolicy)))
    errs.push(notSupported('spec.failurePolicy', spec.failurePolicy, FAILURE_POLICIES))
  const pk = spec.paramKind
  if (pk !== undefined) {
    const p = asObj(pk)
    if (!str(p.apiVersion)) errs.push(required('spec.paramKind.apiVersion', ''))
    if (!str(p.kind)) errs.push(required('spec.paramKind.kind', ''))
  }
  validateMatchConstraints(errs, spec.matchConstraints, 'spec.matchConstraints')
  for (const [i, mc] of list(spec.matchConditions).entries()) {
    const m = asObj(mc)
    if (!str(m.name)) errs.push(required(`spec.matchConditions[${i}].name`, ''))
    celField(errs, `spec.matchConditions[${i}].expression`, m.expression, hasParams, ['bool'])
  }
  for (const [i, v] of list(spec.variables).entries()) {
    const m = asObj(v)
    if (!str(m.name)) errs.push(required(`spec.variables[${i}].name`, ''))
    celField(errs, `spec.variables[${i}].expression`, m.expression, hasParams, ['any'])
  }
}

function validateValidatingPolicy(obj: Obj): ErrorList {
  const errs: ErrorList = []
  clusterMeta(obj, errs)
  const spec = asObj(obj.spec)
  const hasParams = spec.paramKind !== undefined
  validateCommon(spec, errs, hasParams)
  const validations = list(spec.validations)
  if (validations.length === 0 && list(spec.auditAnnotations).length === 0)
    errs.push(required('spec.validations', 'validations or auditAnnotations must contain at least one item'))
  for (const [i, v] of validations.entries()) {
    const m = asObj(v)
    const f = `spec.validations[${i}]`
    celField(errs, `${f}.expression`, m.expression, hasParams, ['bool'])
    if (m.messageExpression !== undefined && str(m.messageExpression).trim() !== '')
      celField(errs, `${f}.messageExpression`, m.messageExpression, hasParams, ['string'])
    if (m.message !== undefined && str(m.message).includes('\n'))
      errs.push(invalid(`${f}.message`, m.message, 'message must not contain line breaks'))
    if (m.reason !== undefined && !REASONS.includes(str(m.reason)))
      errs.push(notSupported(`${f}.reason`, m.reason, REASONS))
  }
  for (const [i, a] of list(spec.auditAnnotations).entries()) {
    const m = asObj(a)
    if (!str(m.key)) errs.push(required(`spec.auditAnnotations[${i}].key`, ''))
    celField(errs, `spec.auditAnnotations[${i}].valueExpression`, m.valueExpression, hasParams, [
      'string',
      'null_type',
    ])
  }
  return errs
}

const ACTIONS = ['Deny', 'Warn', 'Audit']

function validateParamRef(errs: ErrorList, ref: unknown): void {
  if (ref === undefined) return
  const r = asObj(ref)
  if (r.name !== undefined && r.selector !== undefined)
    errs.push(forbidden('spec.paramRef.name', '`name` and `selector` are mutually exclusive'))
  if (r.name === undefined && r.selector === undefined)
    errs.push(required('spec.paramRef', 'one of `name` or `selector` must be set'))
  const action = r.parameterNotFoundAction
  if (action === undefined) errs.push(required('spec.paramRef.parameterNotFoundAction', ''))
  else if (!['Allow', 'Deny'].includes(str(action)))
    errs.push(notSupported('spec.paramRef.parameterNotFoundAction', action, ['Allow', 'Deny']))
}

function validateValidatingBinding(obj: Obj): ErrorList {
  const errs: ErrorList = []
  clusterMeta(obj, errs)
  const spec = asObj(obj.spec)
  if (!str(spec.policyName)) errs.push(required('spec.policyName', ''))
  validateParamRef(errs, spec.paramRef)
  const actions = list(spec.validationActions)
  if (actions.length === 0) errs.push(required('spec.validationActions', ''))
  const seen = new Set<unknown>()
  for (const [i, a] of actions.entries()) {
    if (!ACTIONS.includes(str(a))) errs.push(notSupported(`spec.validationActions[${i}]`, a, ACTIONS))
    else if (seen.has(a))
      errs.push({
        type: 'FieldValueDuplicate',
        field: `spec.validationActions[${i}]`,
        badValue: a,
      } as FieldError)
    seen.add(a)
  }
  if (seen.has('Deny') && seen.has('Warn'))
    errs.push(
      invalid(
        'spec.validationActions',
        actions,
        'must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)',
      ),
    )
  return errs
}

const PATCH_TYPES = ['ApplyConfiguration', 'JSONPatch']

function validateMutatingPolicy(obj: Obj): ErrorList {
  const errs: ErrorList = []
  clusterMeta(obj, errs)
  const spec = asObj(obj.spec)
  const hasParams = spec.paramKind !== undefined
  validateCommon(spec, errs, hasParams)
  const mutations = list(spec.mutations)
  if (mutations.length === 0)
    errs.push(required('spec.mutations', 'mutations must contain at least one item'))
  for (const [i, mu] of mutations.entries()) {
    const m = asObj(mu)
    const f = `spec.mutations[${i}]`
    const t = str(m.patchType)
    if (!PATCH_TYPES.includes(t)) {
      errs.push(t ? notSupported(`${f}.patchType`, t, PATCH_TYPES) : required(`${f}.patchType`, ''))
      continue
    }
    if (t === 'ApplyConfiguration')
      celField(
        errs,
        `${f}.applyConfiguration.expression`,
        asObj(m.applyConfiguration).expression,
        hasParams,
        ['any'],
        true,
      )
    else celField(errs, `${f}.jsonPatch.expression`, asObj(m.jsonPatch).expression, hasParams, ['any'], true)
  }
  const rp = spec.reinvocationPolicy
  if (rp !== undefined && !['Never', 'IfNeeded'].includes(str(rp)))
    errs.push(notSupported('spec.reinvocationPolicy', rp, ['Never', 'IfNeeded']))
  return errs
}

function validateMutatingBinding(obj: Obj): ErrorList {
  const errs: ErrorList = []
  clusterMeta(obj, errs)
  const spec = asObj(obj.spec)
  if (!str(spec.policyName)) errs.push(required('spec.policyName', ''))
  validateParamRef(errs, spec.paramRef)
  return errs
}

export const POLICY_KIND_DEFAULTERS: Record<string, (obj: Obj) => void> = {
  [`${G}/ValidatingAdmissionPolicy`]: defaultPolicy,
  [`${G}/ValidatingAdmissionPolicyBinding`]: defaultBinding,
  [`${G}/MutatingAdmissionPolicy`]: defaultMutatingPolicy,
  [`${G}/MutatingAdmissionPolicyBinding`]: defaultBinding,
}

export const POLICY_KIND_VALIDATORS: Record<string, (obj: Obj) => ErrorList> = {
  [`${G}/ValidatingAdmissionPolicy`]: validateValidatingPolicy,
  [`${G}/ValidatingAdmissionPolicyBinding`]: validateValidatingBinding,
  [`${G}/MutatingAdmissionPolicy`]: validateMutatingPolicy,
  [`${G}/MutatingAdmissionPolicyBinding`]: validateMutatingBinding,
}
