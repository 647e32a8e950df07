// The admission chain (k8s.io/apiserver/pkg/admission/chain.go): one ordered list of plugins; the mutating
// phase calls Admit on those that have it, the validating phase calls Validate; the first rejection stops
// the chain. Every enabled plugin appears in the trace, acting or not, so the learner sees the real chain.
import fastJsonPatch from 'fast-json-patch'
import type { TraceRecorder } from '../trace'
import type { JsonPatchOperation, Status } from '../types'
import type { PluginSpec } from './plugins'
import type { AdmissionAttributes, AdmissionContext, PluginVerdict } from './types'

export type AdmissionPhase = 'mutating' | 'validating'

export type ChainResult = { allowed: true; warnings: string[] } | { allowed: false; status: Status; plugin: string }

function idleVerdict(spec: PluginSpec, attrs: AdmissionAttributes): PluginVerdict {
  if (spec.actsOn?.(attrs)) {
    return { allowed: true, summary: `would act on this request (${spec.does}), but the simulation does not model it yet` }
  }
  return { allowed: true, skipped: true, summary: `does not act on this request: ${spec.does}` }
}

function runOnce(
  phase: AdmissionPhase,
  plugins: readonly PluginSpec[],
  attrs: AdmissionAttributes,
  ctx: AdmissionContext,
  trace: TraceRecorder,
  round: number,
): ChainResult & { reinvoke: boolean } {
  const stage = phase === 'mutating' ? 'mutating-admission' : 'validating-admission'
  const again = (summary: string) => (round > 1 ? `reinvoked: ${summary}` : summary)
  const warnings: string[] = []
  let reinvoke = false
  // Only the mutating half may change the object; what each plugin changed is shown as a patch. The object
  // is compared as text, carried from one plugin to the next, and diffed field by field only on a change;
  // a plugin that says it skipped the request has, by contract, not touched it.
  let before = phase === 'mutating' && attrs.object ? JSON.stringify(attrs.object) : ''
  for (const spec of plugins) {
    if (phase === 'mutating' ? !spec.mutating : !spec.validating) continue
    const run = phase === 'mutating' ? spec.plugin?.admit : spec.plugin?.validate
    let patch: JsonPatchOperation[] = []
    const verdict: PluginVerdict = run ? run(attrs, ctx) : idleVerdict(spec, attrs)
    if (run && phase === 'mutating' && attrs.object && !('skipped' in verdict)) {
      const after = JSON.stringify(attrs.object)
      if (after !== before) {
        patch = fastJsonPatch.compare(JSON.parse(before) as object, attrs.object) as JsonPatchOperation[]
        before = after
      }
    }
    const data = 'data' in verdict ? verdict.data : undefined
    if (!verdict.allowed) {
      trace.record(stage, spec.name, 'rejected', again(verdict.summary), {
        details: verdict.details,
        phase,
        data,
        waitedMicros: waitedMicros(data),
      })
      return { allowed: false, status: verdict.status, plugin: spec.name, reinvoke: false }
    }
    if ('skipped' in verdict) {
      if (round === 1) trace.record(stage, spec.name, 'skipped', verdict.summary, { phase })
      continue
    }
    if ('reinvoke' in verdict && verdict.reinvoke) reinvoke = true
    if (verdict.warnings) warnings.push(...verdict.warnings)
    trace.record(stage, spec.name, patch.length ? 'mutated' : 'passed', again(verdict.summary), {
      details: verdict.details,
      warnings: verdict.warnings,
      patch,
      phase,
      data,
      waitedMicros: waitedMicros(data),
    })
  }
  return { allowed: true, warnings, reinvoke }
}

/**
 * One phase of the chain. When a mutating webhook or policy asks for it (reinvocationPolicy: IfNeeded and a
 * later plugin changed the object), the whole mutating phase runs once more, in-tree plugins included
 * (k8s.io/apiserver/pkg/admission/reinvocation.go); never a third time.
 */
export function runAdmissionPhase(
  phase: AdmissionPhase,
  plugins: readonly PluginSpec[],
  attrs: AdmissionAttributes,
  ctx: AdmissionContext,
  trace: TraceRecorder,
): ChainResult {
  const first = runOnce(phase, plugins, attrs, ctx, trace, 1)
  if (!first.allowed || phase !== 'mutating' || !first.reinvoke) return first
  const second = runOnce(phase, plugins, attrs, ctx, trace, 2)
  if (!second.allowed) return second
  return { allowed: true, warnings: [...first.warnings, ...second.warnings] }
}

/** Webhook plugins report the round trip they waited for; the virtual clock moves by as much. */
function waitedMicros(data: Record<string, unknown> | undefined): number {
  const ms = data?.latencyMs
  return typeof ms === 'number' && ms > 0 ? Math.round(ms * 1000) : 0
}
