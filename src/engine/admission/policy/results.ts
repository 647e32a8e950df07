// What the admission policies' CEL expressions gave for one request, recorded in the trace as
// `data.policies` of the ValidatingAdmissionPolicy and MutatingAdmissionPolicy steps: one evaluation per
// policy, binding and param, so the inspector can show each expression with its result, not only the verdict.
import type { JsonValue } from '../../cel'
import type { JsonPatchOperation } from '../../types'

/**
 * `true` / `false` for a boolean result, `value` for any other result (a variable, a message, a patch),
 * `error` when evaluation failed, `not evaluated` when the policy never got to it for this request.
 */
export type ExpressionOutcome = 'true' | 'false' | 'value' | 'error' | 'not evaluated'

export interface ExpressionResult {
  expression: string
  result: ExpressionOutcome
  /** The value, for results other than true and false. */
  value?: JsonValue
  error?: string
  /** Cost units spent on this expression. */
  cost?: number
}

export interface MatchConditionResult extends ExpressionResult {
  name: string
}

export interface VariableResult extends ExpressionResult {
  name: string
}

export interface ValidationResult extends ExpressionResult {
  /** The failure message the API server used: from messageExpression, message, or the expression itself. */
  message?: string
  messageFrom?: 'messageExpression' | 'message' | 'expression' | 'error'
  messageExpression?: ExpressionResult
  /** The status reason a Deny would use. */
  reason?: string
  /** The binding's validationActions that acted on this failure. */
  actions?: string[]
}

export interface AuditAnnotationResult extends ExpressionResult {
  key: string
}

export interface MutationResult extends ExpressionResult {
  patchType: string
  /** What the mutation changed in the object. */
  patch?: JsonPatchOperation[]
}

export interface ParamUsed {
  apiVersion?: string
  kind?: string
  namespace?: string
  name: string
}

export type PolicyDecision = 'admit' | 'deny' | 'warn' | 'audit' | 'mutate' | 'skip' | 'error'

export interface PolicyEvaluation {
  kind: 'ValidatingAdmissionPolicy' | 'MutatingAdmissionPolicy'
  policy: string
  /** Absent when the policy's matchConstraints did not match, before any binding was looked at. */
  binding?: string
  failurePolicy: string
  validationActions?: string[]
  param?: ParamUsed
  /** What this evaluation did to the request. */
  decision: PolicyDecision
  /** Why this evaluation stopped before its expressions, or failed as a whole. */
  note?: string
  matchConditions: MatchConditionResult[]
  variables: VariableResult[]
  validations?: ValidationResult[]
  auditAnnotations?: AuditAnnotationResult[]
  mutations?: MutationResult[]
  /** Cost units spent by all expressions of this evaluation, out of the policy's runtime budget. */
  cost: number
}
