// What ValidatingAdmissionPolicy and MutatingAdmissionPolicy share (k8s.io/apiserver/pkg/admission/plugin/
// policy/generic and .../cel/matching): matching a request against matchConstraints and a binding's
// matchResources, collecting params, and the CEL activation (object, oldObject, request, namespaceObject,
// params, variables) evaluated under one runtime cost budget.
import type { ParseResult } from '@marcbachmann/cel-js'
import {
  compile,
  compileFailure,
  displayValue,
  evaluate,
  PER_CALL_LIMIT,
  RUNTIME_CEL_COST_BUDGET,
  toCel,
  type EvalResult,
} from '../../cel'
import { parseApiVersion, resourceForKind } from '../../resources'
import { fromMetaLabelSelector, matchesLabels } from '../../selectors/labels'
import type { KubeObject } from '../../types'
import type { AdmissionAttributes, AdmissionContext } from '../types'
import type { ExpressionResult, MatchConditionResult, ParamUsed, VariableResult } from './results'

type Obj = Record<string, unknown>
const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {})
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []

export interface RuleWithOperations {
  operations?: string[]
  apiGroups?: string[]
  apiVersions?: string[]
  resources?: string[]
  resourceNames?: string[]
  scope?: string
}

export interface MatchResources {
  namespaceSelector?: { matchLabels?: Record<string, string>; matchExpressions?: never[] }
  objectSelector?: { matchLabels?: Record<string, string>; matchExpressions?: never[] }
  resourceRules?: RuleWithOperations[]
  excludeResourceRules?: RuleWithOperations[]
  matchPolicy?: string
}

/** Requests for the admission configuration kinds themselves are never subject to policies. */
export function isExemptConfigurationResource(attrs: AdmissionAttributes): boolean {
  return (
    attrs.resource.group === 'admissionregistration.k8s.io' &&
    [
      'validatingadmissionpolicies',
      'validatingadmissionpolicybindings',
      'mutatingadmissionpolicies',
      'mutatingadmissionpolicybindings',
      'validatingwebhookconfigurations',
      'mutatingwebhookconfigurations',
    ].includes(attrs.resource.resource)
  )
}

const listHas = (list: string[] | undefined, value: string) =>
  !!list && (list.includes('*') || list.includes(value))

/** One RuleWithOperations against the request (admission/plugin/webhook/predicates/rules). */
function ruleMatches(rule: RuleWithOperations, attrs: AdmissionAttributes): boolean {
  if (!listHas(rule.operations, attrs.operation)) return false
  if (!listHas(rule.apiGroups, attrs.resource.group)) return false
  if (!listHas(rule.apiVersions, attrs.resource.version)) return false
  const scope = rule.scope ?? '*'
  if (scope === 'Cluster' && attrs.resource.namespaced) return false
  if (scope === 'Namespaced' && !attrs.resource.namespaced) return false
  const res = attrs.resource.resource
  const sub = attrs.subresource
  const want = sub ? `${res}/${sub}` : res
  const resourceOk = strings(rule.resources).some((r) => {
    if (r === '*/*' || r === want) return true
    if (r === '*') return sub === ''
    const [rr, rs] = r.split('/')
    if (rs === '*') return rr === res && sub !== ''
    if (rr === '*') return rs === sub
    return false
  })
  if (!resourceOk) return false
  const names = strings(rule.resourceNames)
  return names.length === 0 || names.includes(attrs.name)
}

function objectLabels(attrs: AdmissionAttributes): Array<Record<string, string> | undefined> {
  return [attrs.object, attrs.oldObject]
    .filter((o): o is KubeObject => !!o)
    .map((o) => (o.metadata?.labels ?? {}) as Record<string, string>)
}

/** matching.Matcher.Match: namespaceSelector, objectSelector, then resource rules minus exclusions. */
export function matchesResources(
  mr: MatchResources | undefined,
  attrs: AdmissionAttributes,
  ctx: AdmissionContext,
): boolean {
  if (!mr) return true
  // namespaceSelector: namespaced requests use the namespace's labels; a Namespace uses its own.
  const nsSel = fromMetaLabelSelector(mr.namespaceSelector ?? {})
  if (nsSel && nsSel.length) {
    let labels: Record<string, string> | undefined
    if (attrs.resource.group === '' && attrs.resource.resource === 'namespaces')
      labels = objectLabels(attrs)[0]
    else if (attrs.resource.namespaced && attrs.namespace)
      labels = (ctx.cluster.get('namespaces', '', attrs.namespace)?.metadata?.labels ?? {}) as Record<
        string,
        string
      >
    if (labels && !matchesLabels(nsSel, labels)) return false
  }
  const objSel = fromMetaLabelSelector(mr.objectSelector ?? {})
  if (objSel && objSel.length && !objectLabels(attrs).some((l) => matchesLabels(objSel, l))) return false
  if (mr.resourceRules && !mr.resourceRules.some((r) => ruleMatches(r, attrs))) return false
  if (mr.excludeResourceRules?.some((r) => ruleMatches(r, attrs))) return false
  return true
}

// ---- params ----

export interface ParamKind {
  apiVersion?: string
  kind?: string
}

export interface ParamRef {
  name?: string
  namespace?: string
  selector?: { matchLabels?: Record<string, string> }
  parameterNotFoundAction?: string
}

/** generic.CollectParams: the param objects a binding points at; [null] without paramKind. */
export function collectParams(
  paramKind: ParamKind | undefined,
  paramRef: ParamRef | undefined,
  attrs: AdmissionAttributes,
  ctx: AdmissionContext,
): { params: Array<KubeObject | null> } | { error: string } {
  if (!paramKind) return { params: [null] }
  if (!paramRef) return { error: 'paramKind kind `' + `${paramKind.kind}` + '` is set but paramRef is nil' }
  const gv = parseApiVersion(paramKind.apiVersion ?? '')
  const info = resourceForKind({ group: gv.group, version: gv.version, kind: paramKind.kind ?? '' })
  if (!info)
    return {
      error: `failed to find resource referenced by paramKind: '${paramKind.apiVersion}, Kind=${paramKind.kind}'`,
    }
  let namespace = ''
  if (info.namespaced) {
    namespace = paramRef.namespace ?? attrs.namespace
    if (!namespace)
      return {
        error: 'cannot use namespaced paramRef in policy binding that matches cluster-scoped resources',
      }
  }
  let params: KubeObject[]
  if (paramRef.name) {
    const found = ctx.cluster.get(info.resource, namespace, paramRef.name)
    params = found ? [found] : []
  } else {
    const sel = fromMetaLabelSelector(paramRef.selector ?? {}) ?? []
    params = ctx.cluster
      .list(info.resource, namespace)
      .filter((p) => matchesLabels(sel, (p.metadata?.labels ?? {}) as Record<string, string>))
  }
  if (params.length === 0) {
    if (paramRef.parameterNotFoundAction === 'Allow') return { params: [] }
    return { error: 'no params found for policy binding with `Deny` parameterNotFoundAction' }
  }
  // The param reaches CEL with its TypeMeta filled in.
  return { params: params.map((p) => ({ apiVersion: paramKind.apiVersion, kind: paramKind.kind, ...p })) }
}

// ---- activation ----

/** cel.CreateAdmissionRequest, as the `request` variable sees it. */
export function admissionRequest(attrs: AdmissionAttributes): Obj {
  const r = attrs.resource
  const gvk = { group: r.group, version: r.version, kind: r.kind }
  const gvr = { group: r.group, version: r.version, resource: r.resource }
  return {
    kind: gvk,
    resource: gvr,
    subResource: attrs.subresource,
    requestKind: gvk,
    requestResource: gvr,
    requestSubResource: attrs.subresource,
    name: attrs.name || attrs.object?.metadata?.name || '',
    namespace: attrs.namespace,
    operation: attrs.operation,
    userInfo: {
      username: attrs.userInfo.username,
      uid: attrs.userInfo.uid ?? '',
      groups: attrs.userInfo.groups,
      extra: attrs.userInfo.extra ?? {},
    },
    dryRun: attrs.dryRun,
  }
}

/** cel.CreateNamespaceObject: the namespace's metadata, spec and status; null for cluster-scoped requests. */
function namespaceObject(attrs: AdmissionAttributes, ctx: AdmissionContext): Obj | null {
  const isNamespace = attrs.resource.group === '' && attrs.resource.resource === 'namespaces'
  if (!attrs.namespace || isNamespace) return null
  const ns = ctx.cluster.get('namespaces', '', attrs.namespace)
  if (!ns) return null
  return { metadata: ns.metadata ?? {}, spec: ns.spec ?? {}, status: ns.status ?? {} }
}

export interface PolicyVariable {
  name: string
  expression: string
}

export type Evaluated =
  { ok: true; value: unknown; cost: number } | { ok: false; error: string; cost: number }

/** Evaluates a policy's expressions for one request and one param, against one cost budget. */
export class Activation {
  readonly vars: Record<string, unknown>
  readonly hasParams: boolean
  private remaining = RUNTIME_CEL_COST_BUDGET
  private variableValues: Record<string, unknown> = {}
  private readonly variables: readonly PolicyVariable[]
  private readonly variableResults = new Map<string, EvalResult>()
  outOfBudget = false

  constructor(
    attrs: AdmissionAttributes,
    ctx: AdmissionContext,
    param: KubeObject | null,
    hasParams: boolean,
    variables: readonly PolicyVariable[],
  ) {
    this.hasParams = hasParams
    this.variables = variables
    this.vars = {
      object: toCel(attrs.operation === 'DELETE' ? null : (attrs.object ?? null)),
      oldObject: toCel(attrs.oldObject ?? null),
      request: toCel(admissionRequest(attrs)),
      namespaceObject: toCel(namespaceObject(attrs, ctx)),
      variables: this.variableValues,
    }
    if (hasParams) this.vars.params = toCel(param)
    // Composition: each variable is evaluated when first read, and its error surfaces where it is used.
    for (const v of variables) {
      Object.defineProperty(this.variableValues, v.name, {
        enumerable: true,
        get: () => {
          let cached = this.variableResults.get(v.name)
          if (!cached) {
            const c = compile(v.expression, { hasParams })
            cached = c.ok
              ? this.run(c.program)
              : {
                  ok: false,
                  error: `composited variable "${v.name}" fails to compile: ${c.issue.message}`,
                  costExceeded: false,
                  cost: 0,
                }
            this.variableResults.set(v.name, cached)
          }
          if (!cached.ok) throw new Error(cached.error)
          return cached.value
        },
      })
    }
  }

  /** Cost units spent so far by every expression of this activation. */
  get spent(): number {
    return RUNTIME_CEL_COST_BUDGET - this.remaining
  }

  /** Runs one program with the per-call limit, charging the policy's budget. */
  run(program: ParseResult): EvalResult {
    const r = evaluate(program, this.vars, Math.min(PER_CALL_LIMIT, this.remaining + 1))
    this.remaining -= r.cost
    if (this.remaining < 0) this.outOfBudget = true
    return r
  }

  /** Compiles and evaluates; `expression '...' resulted in error: ...` on failure, as activation.Evaluate words it. */
  eval(expression: string): Evaluated {
    const c = compile(expression, { hasParams: this.hasParams })
    if (!c.ok)
      return { ok: false, error: `compilation error: ${compileFailure(c.issue)}`, cost: 0 }
    if (this.outOfBudget)
      return {
        ok: false,
        error: 'validation failed due to running out of cost budget, no further validation rules will be run',
        cost: 0,
      }
    const r = this.run(c.program)
    if (r.ok) return { ok: true, value: r.value, cost: r.cost }
    return { ok: false, error: `expression '${expression}' resulted in error: ${r.error}`, cost: r.cost }
  }

  /** Every variable with what it evaluated to; variables no expression read were never evaluated. */
  variableReport(): VariableResult[] {
    return this.variables.map((v) => {
      const r = this.variableResults.get(v.name)
      if (!r) return { name: v.name, expression: v.expression, result: 'not evaluated' }
      return r.ok
        ? {
            name: v.name,
            expression: v.expression,
            result: 'value',
            value: displayValue(r.value),
            cost: r.cost,
          }
        : { name: v.name, expression: v.expression, result: 'error', error: r.error, cost: r.cost }
    })
  }
}

/** An expression's result as the trace shows it: true or false for a boolean, else the value or the error. */
export function expressionResult(expression: string, r: Evaluated): ExpressionResult {
  if (!r.ok) return { expression, result: 'error', error: r.error, cost: r.cost }
  if (typeof r.value === 'boolean') return { expression, result: r.value ? 'true' : 'false', cost: r.cost }
  return { expression, result: 'value', value: displayValue(r.value), cost: r.cost }
}

export interface MatchCondition {
  name: string
  expression: string
}

export type MatchOutcome =
  | { matches: true }
  | { matches: false; failed: string }
  | { matches: false; error: { name: string; message: string } }

/**
 * matchconditions.Matcher.Match: every condition is evaluated; the first false one means the policy does not
 * apply, and only when none is false do evaluation errors count (then the failurePolicy decides).
 */
export function runMatchConditions(
  act: Activation,
  conditions: readonly MatchCondition[],
): { outcome: MatchOutcome; results: MatchConditionResult[] } {
  const results: MatchConditionResult[] = []
  let failed: string | undefined
  let error: { name: string; message: string } | undefined
  for (const mc of conditions) {
    const r = act.eval(mc.expression)
    results.push({ name: mc.name, ...expressionResult(mc.expression, r) })
    if (!r.ok) error ??= { name: mc.name, message: r.error }
    else if (r.value !== true) failed ??= mc.name
  }
  if (failed !== undefined) return { outcome: { matches: false, failed }, results }
  if (error) return { outcome: { matches: false, error }, results }
  return { outcome: { matches: true }, results }
}

/** Which param object an evaluation used, by name. */
export function paramUsed(param: KubeObject | null): ParamUsed | undefined {
  if (!param) return undefined
  const used: ParamUsed = { name: param.metadata?.name ?? '' }
  if (param.apiVersion) used.apiVersion = param.apiVersion
  if (param.kind) used.kind = param.kind
  if (param.metadata?.namespace) used.namespace = param.metadata.namespace
  return used
}

/** Expressions a policy never reached for this request, listed so the inspector shows them all. */
export function notEvaluated(expression: string): ExpressionResult {
  return { expression, result: 'not evaluated' }
}

export const asObject = asObj
