// The admission chain (k8s.io/apiserver/pkg/admission/chain.go): one ordered list of plugins; the mutating
// phase calls Admit on those that have it, the validating phase calls Validate; the first rejection stops
// the chain. Every enabled plugin appears in the trace, acting or not, so the learner sees the real chain.
import { changesMadeBy } from '../patch'
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

export function runAdmissionPhase(
  phase: AdmissionPhase,
  plugins: readonly PluginSpec[],
  attrs: AdmissionAttributes,
  ctx: AdmissionContext,
  trace: TraceRecorder,
): ChainResult {
  const stage = phase === 'mutating' ? 'mutating-admission' : 'validating-admission'
  const warnings: string[] = []
  for (const spec of plugins) {
    if (phase === 'mutating' ? !spec.mutating : !spec.validating) continue
    const run = phase === 'mutating' ? spec.plugin?.admit : spec.plugin?.validate
    let verdict: PluginVerdict
    let patch: JsonPatchOperation[] = []
    // Only the mutating half may change the object; what it changed is shown as a patch.
    if (run && phase === 'mutating' && attrs.object) ({ result: verdict, patch } = changesMadeBy(attrs.object, () => run(attrs, ctx)))
    else verdict = run ? run(attrs, ctx) : idleVerdict(spec, attrs)
    if (!verdict.allowed) {
      trace.record(stage, spec.name, 'rejected', verdict.summary, { details: verdict.details, phase })
      return { allowed: false, status: verdict.status, plugin: spec.name }
    }
    if ('skipped' in verdict) {
      trace.record(stage, spec.name, 'skipped', verdict.summary, { phase })
      continue
    }
    if (verdict.warnings) warnings.push(...verdict.warnings)
    trace.record(stage, spec.name, patch.length ? 'mutated' : 'passed', verdict.summary, {
      details: verdict.details,
      warnings: verdict.warnings,
      patch,
      phase,
    })
  }
  return { allowed: true, warnings }
}
