// The MutatingAdmissionPolicy admission plugin (k8s.io/apiserver/pkg/admission/plugin/policy/mutating,
// admissionregistration.k8s.io/v1beta1 in v1.35). Beta but off by default: it acts only when the
// MutatingAdmissionPolicy feature gate is on. Each bound policy that matches applies its mutations in order:
// ApplyConfiguration (a CEL `Object{...}` merged into the object like server-side apply) or JSONPatch (a CEL
// list of `JSONPatch{op, path, value}`). reinvocationPolicy IfNeeded is noted; the chain's reinvocation is
// the webhook plugin's business.
import fastJsonPatch from 'fast-json-patch'
import { redecode } from '../../decoding/redecode'
import type { ResourceInfo } from '../../resources'
import { strictDecodingMessage } from '../../decoding/strict'
import { applyOperations } from '../../patches/jsonPatch'
import { compile, displayValue, fromCel, toCel } from '../../cel'
import { applyStrategic } from '../../patches/strategicMergePatch'
import type { JsonPatchOperation, KubeObject } from '../../types'
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
  notEvaluated,
  paramUsed,
  runMatchConditions,
  type PolicyVariable,
} from './common'
import type { MutationResult, PolicyDecision, PolicyEvaluation } from './results'

interface Mutation {
  patchType?: string
  applyConfiguration?: { expression?: string }
  jsonPatch?: { expression?: string }
}

interface MAPSpec {
  paramKind?: ParamKind
  matchConstraints?: MatchResources
  failurePolicy?: string
  matchConditions?: { name: string; expression: string }[]
  variables?: PolicyVariable[]
  mutations?: Mutation[]
  reinvocationPolicy?: string
}

interface BindingSpec {
  policyName?: string
  paramRef?: ParamRef
  matchResources?: MatchResources
}

type Json = Parameters<typeof applyStrategic>[0]

function applyConfiguration(obj: KubeObject, patch: unknown, kind: string): KubeObject {
  return applyStrategic(obj as Json, fromCel(patch) as Json, kind) as KubeObject
}

/**
 * patch/json_patch.go: the operations applied with json-patch's limits (a failed `test` leaves the object as it
 * was), then the result decoded strictly as the object's type, its error an InternalError.
 */
function applyJSONPatch(obj: KubeObject, ops: unknown, resource: ResourceInfo): KubeObject {
  const list = fromCel(ops)
  if (!Array.isArray(list)) throw new Error('JSONPatch expression must evaluate to a list of JSONPatch')
  const applied = applyOperations(obj, list as Record<string, unknown>[])
  if (!applied.ok) {
    if ((applied.cause as { name?: string } | undefined)?.name === 'TEST_OPERATION_FAILED') return obj
    throw new Error(`JSON Patch: ${applied.error}`)
  }
  const decoded = redecode(applied.value, resource)
  if (!decoded.ok) throw new Error(`Internal error occurred: ${decoded.error}`)
  if (decoded.strictErrors.length)
    throw new Error(`Internal error occurred: ${strictDecodingMessage(decoded.strictErrors)}`)
  return decoded.object
}

const mutationExpression = (mu: Mutation): string =>
  (mu.patchType === 'JSONPatch' ? mu.jsonPatch?.expression : mu.applyConfiguration?.expression) ?? ''

const isPlain = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v)

/** Makes `target` equal to `source`, keeping the identity of nested objects others may hold (metadata). */
function replaceInPlace(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const k of Object.keys(target)) if (!(k in source)) delete target[k]
  for (const [k, v] of Object.entries(source)) {
    const t = target[k]
    if (isPlain(t) && isPlain(v)) replaceInPlace(t, v)
    else target[k] = v
  }
}

const specOf = <T>(o: KubeObject): T => asObject(o.spec) as T
const nameOf = (o: KubeObject) => o.metadata?.name ?? ''
const byName = (a: KubeObject, b: KubeObject) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0)

export const mutatingAdmissionPolicy: AdmissionPlugin = {
  name: 'MutatingAdmissionPolicy',
  admit(attrs: AdmissionAttributes, ctx: AdmissionContext): PluginVerdict {
    if (!ctx.featureGates?.MutatingAdmissionPolicy) {
      return {
        allowed: true,
        skipped: true,
        summary: 'acts only with the MutatingAdmissionPolicy feature gate (beta, off by default)',
      }
    }
    const policies = ctx.cluster.list('mutatingadmissionpolicies', '').sort(byName)
    const bindings = ctx.cluster.list('mutatingadmissionpolicybindings', '').sort(byName)
    const bound = policies.filter((p) =>
      bindings.some((b) => specOf<BindingSpec>(b).policyName === nameOf(p)),
    )
    if (bound.length === 0)
      return {
        allowed: true,
        skipped: true,
        summary: 'no MutatingAdmissionPolicy has a binding in this cluster',
      }
    if (isExemptConfigurationResource(attrs) || !attrs.object)
      return { allowed: true, skipped: true, summary: 'policies do not mutate this request' }
    const details: string[] = []
    const evaluations: PolicyEvaluation[] = []
    const deny = (policy: string, binding: string, message: string): PluginVerdict => ({
      allowed: false,
      status: admissionForbidden(
        attrs,
        `policy '${policy}' with binding '${binding}' denied request: ${message}`,
      ),
      summary: `MutatingAdmissionPolicy '${policy}' failed`,
      details,
      data: { policies: evaluations },
    })
    for (const policy of bound) {
      const pname = nameOf(policy)
      const spec = specOf<MAPSpec>(policy)
      const failurePolicy = spec.failurePolicy ?? 'Fail'
      const newEvaluation = (
        binding: string | undefined,
        decision: PolicyDecision,
        note?: string,
        param?: KubeObject | null,
      ): PolicyEvaluation => ({
        kind: 'MutatingAdmissionPolicy',
        policy: pname,
        ...(binding !== undefined ? { binding } : {}),
        failurePolicy,
        ...(param ? { param: paramUsed(param) } : {}),
        decision,
        ...(note ? { note } : {}),
        matchConditions: [],
        variables: [],
        mutations: [],
        cost: 0,
      })
      if (!matchesResources(spec.matchConstraints, attrs, ctx)) {
        evaluations.push(newEvaluation(undefined, 'skip', 'matchConstraints do not match'))
        continue
      }
      const failClosed = failurePolicy !== 'Ignore'
      for (const binding of bindings.filter((b) => specOf<BindingSpec>(b).policyName === pname)) {
        const bname = nameOf(binding)
        const bspec = specOf<BindingSpec>(binding)
        if (!matchesResources(bspec.matchResources, attrs, ctx)) {
          evaluations.push(newEvaluation(bname, 'skip', 'matchResources do not match'))
          continue
        }
        const collected = collectParams(spec.paramKind, bspec.paramRef, attrs, ctx)
        if ('error' in collected) {
          const message = `failed to configure binding: ${collected.error}`
          evaluations.push(newEvaluation(bname, failClosed ? 'deny' : 'error', message))
          if (failClosed) return deny(pname, bname, message)
          continue
        }
        if (collected.params.length === 0)
          evaluations.push(newEvaluation(bname, 'skip', 'no params found; parameterNotFoundAction is Allow'))
        for (const param of collected.params) {
          const act = new Activation(attrs, ctx, param, !!spec.paramKind, spec.variables ?? [])
          const evaluation = newEvaluation(bname, 'admit', undefined, param)
          evaluations.push(evaluation)
          const finish = () => {
            evaluation.variables = act.variableReport()
            evaluation.cost = act.spent
          }
          const match = runMatchConditions(act, spec.matchConditions ?? [])
          evaluation.matchConditions = match.results
          if (!match.outcome.matches) {
            evaluation.mutations = (spec.mutations ?? []).map((mu) => ({
              patchType: mu.patchType ?? '',
              ...notEvaluated(mutationExpression(mu)),
            }))
            if ('error' in match.outcome) {
              const message = `failed to evaluate matchCondition '${match.outcome.error.name}': ${match.outcome.error.message}`
              evaluation.decision = failClosed ? 'deny' : 'error'
              evaluation.note = message
              finish()
              if (failClosed) return deny(pname, bname, message)
            } else {
              evaluation.decision = 'skip'
              evaluation.note = `matchCondition '${match.outcome.failed}' is false`
              finish()
            }
            continue
          }
          let changed = false
          for (const [i, mu] of (spec.mutations ?? []).entries()) {
            const expr = mutationExpression(mu)
            const patchType = mu.patchType ?? ''
            const c = compile(expr, { hasParams: !!spec.paramKind, patchTypes: true })
            let message: string | undefined
            if (!c.ok) {
              message = `compilation error: ${c.issue.summary}`
              evaluation.mutations!.push({
                patchType,
                expression: expr,
                result: 'error',
                error: message,
                cost: 0,
              })
            } else {
              const r = act.run(c.program)
              if (!r.ok) {
                message = `expression '${expr}' resulted in error: ${r.error}`
                evaluation.mutations!.push({
                  patchType,
                  expression: expr,
                  result: 'error',
                  error: message,
                  cost: r.cost,
                })
              } else {
                const result: MutationResult = {
                  patchType,
                  expression: expr,
                  result: 'value',
                  value: displayValue(r.value),
                  cost: r.cost,
                }
                evaluation.mutations!.push(result)
                try {
                  const before = JSON.parse(JSON.stringify(attrs.object)) as KubeObject
                  const next =
                    mu.patchType === 'JSONPatch'
                      ? applyJSONPatch(attrs.object, r.value, attrs.resource)
                      : applyConfiguration(attrs.object, r.value, attrs.resource.kind)
                  // Mutate in place so the chain sees (and diffs) the change.
                  replaceInPlace(attrs.object, next)
                  // Later mutations see the object as mutated so far.
                  act.vars.object = toCel(attrs.object)
                  result.patch = fastJsonPatch.compare(before, attrs.object) as JsonPatchOperation[]
                  if (result.patch.length) changed = true
                  details.push(`policy ${pname}, binding ${bname}: mutations[${i}] (${mu.patchType}) applied`)
                } catch (error) {
                  message = (error as Error).message
                  Object.assign(result, { result: 'error', error: message })
                }
              }
            }
            if (message) {
              details.push(`policy ${pname}, binding ${bname}: mutations[${i}]: ${message}`)
              if (failClosed) {
                evaluation.decision = 'deny'
                evaluation.note = message
                finish()
                return deny(pname, bname, message)
              }
              evaluation.decision = 'error'
            }
          }
          if (evaluation.decision === 'admit' && changed) evaluation.decision = 'mutate'
          finish()
          if (spec.reinvocationPolicy === 'IfNeeded')
            details.push(
              `policy ${pname}: reinvocationPolicy IfNeeded (runs again if a later mutation changes the object)`,
            )
        }
      }
    }
    return {
      allowed: true,
      summary: 'the bound mutating policies were applied',
      details,
      data: { policies: evaluations },
    }
  },
}
