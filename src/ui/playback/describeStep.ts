import type { KubectlResult } from '../../engine'
import { STAGES } from '../../state/stages'
import { stepWait } from '../../state/timeline'
import type { Step } from '../../state/timeline'
import { formatMicros } from '../format'

/** What a step of the timeline is, in words, for its tick and the slider's value. */
export function describeStep(step: Step, results: readonly KubectlResult[]): string {
  const call = results[step.result]?.calls[step.call]
  if (step.kind === 'response') return `Response ${step.code} back at kubectl`
  const entry = call?.trace[step.entry]
  const stage = STAGES.find((s) => s.id === step.stage)?.title ?? step.stage
  const wait = stepWait(step)
  return `${stage}: ${entry?.step ?? ''} ${step.outcome}${entry ? ` — ${entry.summary}` : ''}${wait ? ` (took ${formatMicros(wait)} of virtual time)` : ''}`
}
