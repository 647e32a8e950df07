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
  expressionResult,
  isExemptConfigurationResource,
  matchesResources,
  notEvaluated,
  paramUsed,
  runMatchConditions,
  type MatchResources,
  type ParamKind,
  type ParamRef,
  type PolicyVariable,
} from './common'
import type { ExpressionResult, PolicyDecision, PolicyEvaluation, ValidationResult } from './results'

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
function failureMessage(
  v: Validation,
  act: Activation,
): Pick<ValidationResult, 'message' | 'messageFrom' | 'messageExpression'> & { message: string } {
  let messageExpression: ExpressionResult | undefined
  if (v.messageExpression) {
    const r = act.eval(v.messageExpression)
    messageExpression = expressionResult(v.messageExpression, r)
    if (r.ok && typeof r.value === 'string') {
      const m = r.value.trim()
      if (m && new TextEncoder().encode(m).length <= MAX_MESSAGE_BYTES && !m.includes('\n'))
        return { message: m, messageFrom: 'messageExpression', messageExpression }
    }
  }
  const withExpr = messageExpression ? { messageExpression } : {}
  if (v.message?.trim()) return { message: v.message.trim(), messageFrom: 'message', ...withExpr }
  return { message: `failed expression: ${v.expression.trim()}`, messageFrom: 'expression', ...withExpr }
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
    const evaluations: PolicyEvaluation[] = []
    for (const policy of bound) {
      const pname = nameOf(policy)
      const spec = specOf<VAPSpec>(policy)
      const failurePolicy = spec.failurePolicy ?? 'Fail'
      let bname: string | undefined
      let actions: string[] = []
      const newEvaluation = (
        decision: PolicyDecision,
        note?: string,
        param?: KubeObject | null,
      ): PolicyEvaluation => ({
        kind: 'ValidatingAdmissionPolicy',
        policy: pname,
        ...(bname !== undefined ? { binding: bname } : {}),
        failurePolicy,
        ...(bname !== undefined ? { validationActions: [...actions] } : {}),
        ...(param ? { param: paramUsed(param) } : {}),
        decision,
        ...(note ? { note } : {}),
        matchConditions: [],
        variables: [],
        validations: [],
        auditAnnotations: [],
        cost: 0,
      })
      const finish = (e: PolicyEvaluation, act: Activation) => {
        e.variables = act.variableReport()
        e.cost = act.spent
        evaluations.push(e)
      }
      if (!matchesResources(spec.matchConstraints, attrs, ctx)) {
        details.push(`policy ${pname}: matchConstraints do not match`)
        evaluations.push(newEvaluation('skip', 'matchConstraints do not match'))
        continue
      }
      const failClosed = failurePolicy !== 'Ignore'
      const annotations = new Map<string, string[]>()
      for (const binding of bindings.filter((b) => specOf<BindingSpec>(b).policyName === pname)) {
        bname = nameOf(binding)
        const bspec = specOf<BindingSpec>(binding)
        actions = bspec.validationActions ?? []
        if (!matchesResources(bspec.matchResources, attrs, ctx)) {
          details.push(`policy ${pname}, binding ${bname}: matchResources do not match`)
          evaluations.push(newEvaluation('skip', 'matchResources do not match'))
          continue
        }
        const collected = collectParams(spec.paramKind, bspec.paramRef, attrs, ctx)
        if ('error' in collected) {
          details.push(`policy ${pname}, binding ${bname}: ${collected.error}`)
          const message = `failed to configure binding: ${collected.error}`
          if (failClosed) denials.push({ policy: pname, binding: bname, message })
          evaluations.push(newEvaluation(failClosed ? 'deny' : 'error', message))
          continue
        }
        if (collected.params.length === 0)
          evaluations.push(newEvaluation('skip', 'no params found; parameterNotFoundAction is Allow'))
        for (const param of collected.params) {
          const act = new Activation(attrs, ctx, param, !!spec.paramKind, spec.variables ?? [])
          const evaluation = newEvaluation('admit', undefined, param)
          const paramNote = param
            ? ` (params ${param.metadata?.namespace ? `${param.metadata.namespace}/` : ''}${nameOf(param)})`
            : ''
          const match = runMatchConditions(act, spec.matchConditions ?? [])
          evaluation.matchConditions = match.results
          if (!match.outcome.matches) {
            if ('error' in match.outcome) {
              const msg = `failed to evaluate matchCondition '${match.outcome.error.name}': ${match.outcome.error.message}`
              details.push(`policy ${pname}, binding ${bname}: ${msg}`)
              if (failClosed) denials.push({ policy: pname, binding: bname, message: msg })
              evaluation.decision = failClosed ? 'deny' : 'error'
              evaluation.note = msg
            } else {
              details.push(
                `policy ${pname}, binding ${bname}: matchCondition '${match.outcome.failed}' is false; skipped`,
              )
              evaluation.decision = 'skip'
              evaluation.note = `matchCondition '${match.outcome.failed}' is false`
            }
            evaluation.validations = (spec.validations ?? []).map((v) => notEvaluated(v.expression))
            evaluation.auditAnnotations = (spec.auditAnnotations ?? []).map((aa) => ({
              key: aa.key,
              ...notEvaluated(aa.valueExpression),
            }))
            finish(evaluation, act)
            continue
          }
          const acted = new Set<string>()
          for (const [i, v] of (spec.validations ?? []).entries()) {
            const r = act.eval(v.expression)
            const result: ValidationResult = expressionResult(v.expression, r)
            evaluation.validations!.push(result)
            let failed: { message: string; reason?: string } | undefined
            if (!r.ok) {
              details.push(`policy ${pname}, binding ${bname}${paramNote}: ${r.error}`)
              if (failClosed) {
                failed = { message: r.error }
                Object.assign(result, { message: r.error, messageFrom: 'error' })
              }
            } else if (r.value !== true) {
              const m = failureMessage(v, act)
              failed = { message: m.message, reason: v.reason ?? 'Invalid' }
              Object.assign(result, m, { reason: failed.reason })
            } else {
              details.push(
                `policy ${pname}, binding ${bname}${paramNote}: validations[${i}] passed: ${v.expression}`,
              )
            }
            if (!failed) continue
            result.actions = [...actions]
            for (const action of actions) {
              acted.add(action)
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
            evaluation.auditAnnotations!.push({ key: aa.key, ...expressionResult(aa.valueExpression, r) })
            if (!r.ok) {
              if (failClosed) {
                denials.push({ policy: pname, binding: bname, message: r.error })
                acted.add('Deny')
              }
              continue
            }
            if (typeof r.value === 'string' && r.value.trim()) {
              const list = annotations.get(aa.key) ?? []
              if (!list.includes(r.value.trim())) list.push(r.value.trim().slice(0, 10 * 1024))
              annotations.set(aa.key, list)
            }
          }
          evaluation.decision = acted.has('Deny')
            ? 'deny'
            : acted.has('Warn')
              ? 'warn'
              : acted.has('Audit')
                ? 'audit'
                : 'admit'
          finish(evaluation, act)
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
        data: { policies: evaluations },
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
    verdict.data = { policies: evaluations }
    return verdict
  },
}
