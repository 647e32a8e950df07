// The MutatingAdmissionPolicy admission plugin (k8s.io/apiserver/pkg/admission/plugin/policy/mutating,
// admissionregistration.k8s.io/v1beta1 in v1.35). Beta but off by default: it acts only when the
// MutatingAdmissionPolicy feature gate is on. Each bound policy that matches applies its mutations in order:
// ApplyConfiguration (a CEL `Object{...}` merged into the object like server-side apply) or JSONPatch (a CEL
// list of `JSONPatch{op, path, value}`). reinvocationPolicy IfNeeded is noted; the chain's reinvocation is
// the webhook plugin's business.
import fastJsonPatch from 'fast-json-patch'
import { compile, fromCel, toCel } from '../../cel'
import { applyStrategic } from '../../patches/strategicMergePatch'
import type { KubeObject } from '../../types'
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

function applyJSONPatch(obj: KubeObject, ops: unknown): KubeObject {
  const list = fromCel(ops)
  if (!Array.isArray(list)) throw new Error('JSONPatch expression must evaluate to a list of JSONPatch')
  return fastJsonPatch.applyPatch(obj, list as never, true, false).newDocument as KubeObject
}

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
    const deny = (policy: string, binding: string, message: string): PluginVerdict => ({
      allowed: false,
      status: admissionForbidden(
        attrs,
        `policy '${policy}' with binding '${binding}' denied request: ${message}`,
      ),
      summary: `MutatingAdmissionPolicy '${policy}' failed`,
      details,
    })
    for (const policy of bound) {
      const pname = nameOf(policy)
      const spec = specOf<MAPSpec>(policy)
      if (!matchesResources(spec.matchConstraints, attrs, ctx)) continue
      const failClosed = (spec.failurePolicy ?? 'Fail') !== 'Ignore'
      for (const binding of bindings.filter((b) => specOf<BindingSpec>(b).policyName === pname)) {
        const bname = nameOf(binding)
        const bspec = specOf<BindingSpec>(binding)
        if (!matchesResources(bspec.matchResources, attrs, ctx)) continue
        const collected = collectParams(spec.paramKind, bspec.paramRef, attrs, ctx)
        if ('error' in collected) {
          if (failClosed) return deny(pname, bname, `failed to configure binding: ${collected.error}`)
          continue
        }
        for (const param of collected.params) {
          const act = new Activation(attrs, ctx, param, !!spec.paramKind, spec.variables ?? [])
          let matched = true
          for (const mc of spec.matchConditions ?? []) {
            const r = act.eval(mc.expression)
            if (!r.ok) {
              if (failClosed)
                return deny(pname, bname, `failed to evaluate matchCondition '${mc.name}': ${r.error}`)
              matched = false
              break
            }
            if (r.value !== true) {
              matched = false
              break
            }
          }
          if (!matched) continue
          for (const [i, mu] of (spec.mutations ?? []).entries()) {
            const expr =
              mu.patchType === 'JSONPatch' ? mu.jsonPatch?.expression : mu.applyConfiguration?.expression
            const c = compile(expr ?? '', { hasParams: !!spec.paramKind, patchTypes: true })
            let message: string | undefined
            if (!c.ok) message = `compilation error: ${c.issue.summary}`
            else {
              const r = act.run(c.program)
              if (!r.ok) message = `expression '${expr}' resulted in error: ${r.error}`
              else {
                try {
                  const next =
                    mu.patchType === 'JSONPatch'
                      ? applyJSONPatch(attrs.object, r.value)
                      : applyConfiguration(attrs.object, r.value, attrs.resource.kind)
                  // Mutate in place so the chain sees (and diffs) the change.
                  replaceInPlace(attrs.object, next)
                  // Later mutations see the object as mutated so far.
                  act.vars.object = toCel(attrs.object)
                  details.push(`policy ${pname}, binding ${bname}: mutations[${i}] (${mu.patchType}) applied`)
                } catch (error) {
                  message = (error as Error).message
                }
              }
            }
            if (message) {
              details.push(`policy ${pname}, binding ${bname}: mutations[${i}]: ${message}`)
              if (failClosed) return deny(pname, bname, message)
            }
          }
          if (spec.reinvocationPolicy === 'IfNeeded')
            details.push(
              `policy ${pname}: reinvocationPolicy IfNeeded (runs again if a later mutation changes the object)`,
            )
        }
      }
    }
    return { allowed: true, summary: 'the bound mutating policies were applied', details }
  },
}
