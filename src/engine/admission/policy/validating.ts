// The ValidatingAdmissionPolicy admission plugin (k8s.io/apiserver/pkg/admission/plugin/policy/validating,
// v1.35): every policy with at least one binding, whose matchConstraints and binding's matchResources match
// the request, is evaluated once per param: matchConditions, then validations (message precedence:
// messageExpression, message, `failed expression: <expr>`), then auditAnnotations. A failed validation is
// acted on as the binding's validationActions say: Deny rejects (reason Invalid → 422 unless the validation
// names another), Warn adds a warning, Audit records an audit annotation. Evaluation errors follow failurePolicy.
import type { KubeObject, Status } from '../../types'
import { admissionForbidden } from '../forbidden'
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin, PluginVerdict } from '../types'
import {
  Activation,
  asObject,
  collectParams,
  isExemptConfigurationResource,
  matchesResources,
  type MatchResources,
  type ParamKind,
  type ParamRef,
  type PolicyVariable,
} from './common'

interface Validation {
  expression: string
  message?: string
  messageExpression?: string
  reason?: string
}

interface VAPSpec {
  paramKind?: ParamKind
  matchConstraints?: MatchResources
  validations?: Validation[]
  failurePolicy?: string
  auditAnnotations?: { key: string; valueExpression: string }[]
  matchConditions?: { name: string; expression: string }[]
  variables?: PolicyVariable[]
}

interface BindingSpec {
  policyName?: string
  paramRef?: ParamRef
  matchResources?: MatchResources
  validationActions?: string[]
}

/** celconfig.MaxEvaluatedMessageExpressionSizeBytes */
const MAX_MESSAGE_BYTES = 5 * 1024

const REASON_CODES: Record<string, number> = {
  Forbidden: 403,
  Unauthorized: 401,
  RequestEntityTooLarge: 413,
  Invalid: 422,
}

interface Denial {
  policy: string
  binding?: string
  message: string
  reason?: string
}

const specOf = <T>(o: KubeObject): T => asObject(o.spec) as T
const nameOf = (o: KubeObject) => o.metadata?.name ?? ''
const byName = (a: KubeObject, b: KubeObject) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0)

/** The rejection: admission.NewForbidden with the reason and code replaced and the message as a cause. */
function denialStatus(attrs: AdmissionAttributes, d: Denial): Status {
  const message = d.binding
    ? `ValidatingAdmissionPolicy '${d.policy}' with binding '${d.binding}' denied request: ${d.message}`
    : `ValidatingAdmissionPolicy '${d.policy}' denied request: ${d.message}`
  const status = admissionForbidden(attrs, message)
  const reason = d.reason || 'Invalid'
  status.reason = reason as Status['reason']
  status.code = REASON_CODES[reason] ?? 422
  const details = status.details ?? (status.details = {})
  details.causes = [...(details.causes ?? []), { message }]
  return status
}

/** The message of a failed validation, in the validator's order of precedence. */
function failureMessage(v: Validation, act: Activation): string {
  if (v.messageExpression) {
    const r = act.eval(v.messageExpression)
    if (r.ok && typeof r.value === 'string') {
      const m = r.value.trim()
      if (m && new TextEncoder().encode(m).length <= MAX_MESSAGE_BYTES && !m.includes('\n')) return m
    }
  }
  if (v.message?.trim()) return v.message.trim()
  return `failed expression: ${v.expression.trim()}`
}

export const validatingAdmissionPolicy: AdmissionPlugin = {
  name: 'ValidatingAdmissionPolicy',
  validate(attrs: AdmissionAttributes, ctx: AdmissionContext): PluginVerdict {
    const policies = ctx.cluster.list('validatingadmissionpolicies', '').sort(byName)
    const bindings = ctx.cluster.list('validatingadmissionpolicybindings', '').sort(byName)
    const bound = policies.filter((p) =>
      bindings.some((b) => specOf<BindingSpec>(b).policyName === nameOf(p)),
    )
    if (bound.length === 0) {
      return {
        allowed: true,
        skipped: true,
        summary: 'no ValidatingAdmissionPolicy has a binding in this cluster',
      }
    }
    if (isExemptConfigurationResource(attrs)) {
      return {
        allowed: true,
        skipped: true,
        summary: 'admission configuration kinds are exempt from policies',
      }
    }
    const denials: Denial[] = []
    const warnings: string[] = []
    const details: string[] = []
    for (const policy of bound) {
      const pname = nameOf(policy)
      const spec = specOf<VAPSpec>(policy)
      if (!matchesResources(spec.matchConstraints, attrs, ctx)) {
        details.push(`policy ${pname}: matchConstraints do not match`)
        continue
      }
      const failClosed = (spec.failurePolicy ?? 'Fail') !== 'Ignore'
      const annotations = new Map<string, string[]>()
      for (const binding of bindings.filter((b) => specOf<BindingSpec>(b).policyName === pname)) {
        const bname = nameOf(binding)
        const bspec = specOf<BindingSpec>(binding)
        if (!matchesResources(bspec.matchResources, attrs, ctx)) {
          details.push(`policy ${pname}, binding ${bname}: matchResources do not match`)
          continue
        }
        const collected = collectParams(spec.paramKind, bspec.paramRef, attrs, ctx)
        if ('error' in collected) {
          details.push(`policy ${pname}, binding ${bname}: ${collected.error}`)
          if (failClosed)
            denials.push({
              policy: pname,
              binding: bname,
              message: `failed to configure binding: ${collected.error}`,
            })
          continue
        }
        const actions = bspec.validationActions ?? []
        for (const param of collected.params) {
          const act = new Activation(attrs, ctx, param, !!spec.paramKind, spec.variables ?? [])
          const paramNote = param
            ? ` (params ${param.metadata?.namespace ? `${param.metadata.namespace}/` : ''}${nameOf(param)})`
            : ''
          // matchConditions: all must be true; an error follows failurePolicy.
          let skip = false
          for (const mc of spec.matchConditions ?? []) {
            const r = act.eval(mc.expression)
            if (!r.ok) {
              const msg = `failed to evaluate matchCondition '${mc.name}': ${r.error}`
              details.push(`policy ${pname}, binding ${bname}: ${msg}`)
              if (failClosed) denials.push({ policy: pname, binding: bname, message: msg })
              skip = true
              break
            }
            if (r.value !== true) {
              details.push(`policy ${pname}, binding ${bname}: matchCondition '${mc.name}' is false; skipped`)
              skip = true
              break
            }
          }
          if (skip) continue
          for (const [i, v] of (spec.validations ?? []).entries()) {
            const r = act.eval(v.expression)
            let failed: { message: string; reason?: string } | undefined
            if (!r.ok) {
              details.push(`policy ${pname}, binding ${bname}${paramNote}: ${r.error}`)
              if (failClosed) failed = { message: r.error }
            } else if (r.value !== true) {
              failed = { message: failureMessage(v, act), reason: v.reason ?? 'Invalid' }
            } else {
              details.push(
                `policy ${pname}, binding ${bname}${paramNote}: validations[${i}] passed: ${v.expression}`,
              )
            }
            if (!failed) continue
            for (const action of actions) {
              if (action === 'Deny') denials.push({ policy: pname, binding: bname, ...failed })
              else if (action === 'Warn')
                warnings.push(
                  `Validation failed for ValidatingAdmissionPolicy '${pname}' with binding '${bname}': ${failed.message}`,
                )
              else if (action === 'Audit')
                details.push(
                  `audit annotation validation.policy.admission.k8s.io/validation_failure: ${JSON.stringify([
                    {
                      message: failed.message,
                      policy: pname,
                      binding: bname,
                      expressionIndex: i,
                      validationActions: actions,
                    },
                  ])}`,
                )
            }
          }
          for (const aa of spec.auditAnnotations ?? []) {
            const r = act.eval(aa.valueExpression)
            if (!r.ok) {
              if (failClosed) denials.push({ policy: pname, binding: bname, message: r.error })
              continue
            }
            if (typeof r.value === 'string' && r.value.trim()) {
              const list = annotations.get(aa.key) ?? []
              if (!list.includes(r.value.trim())) list.push(r.value.trim().slice(0, 10 * 1024))
              annotations.set(aa.key, list)
            }
          }
        }
      }
      for (const [key, values] of annotations)
        details.push(`audit annotation ${pname}/${key}: ${values.join(', ')}`)
    }
    if (denials.length) {
      const d = denials[0]!
      return {
        allowed: false,
        status: denialStatus(attrs, d),
        summary: `ValidatingAdmissionPolicy '${d.policy}'${d.binding ? ` with binding '${d.binding}'` : ''} denied the request`,
        details,
      }
    }
    const verdict: PluginVerdict = {
      allowed: true,
      summary: warnings.length
        ? `the bound policies admit the request, with ${warnings.length} warning${warnings.length === 1 ? '' : 's'}`
        : 'the bound policies admit the request',
    }
    if (details.length) verdict.details = details
    if (warnings.length) verdict.warnings = warnings
    return verdict
  },
}
