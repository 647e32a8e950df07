// Plain functions of the state, unit-tested without React. Components reach them through hooks.ts.
import type { KubectlResult, RequestResult, StageId, TraceEntry } from '../engine'
import { STAGE_ORDER } from './stages'
import { callOf, currentStep, entriesFor, lastPosition, stageView, tokenStage } from './timeline'
import type { StageView, Step } from './timeline'
import type { AppState, Selectable } from './types'

export function selectCurrentStep(state: AppState): Step | undefined {
  return currentStep(state.steps, state.position)
}

export function selectCurrentCall(state: AppState): RequestResult | undefined {
  return callOf(state.results, selectCurrentStep(state))
}

export function selectCurrentResult(state: AppState): KubectlResult | undefined {
  const step = selectCurrentStep(state)
  return step ? state.results[step.result] : undefined
}

export function selectFinished(state: AppState): boolean {
  return state.steps.length > 0 && state.position >= lastPosition(state.steps)
}

/** Whether the answer to the call on screen is back at the client. */
export function selectResponseArrived(state: AppState): boolean {
  return selectCurrentStep(state)?.kind === 'response'
}

export function selectStageView(state: AppState, stage: StageId): StageView {
  return stageView(state.results, state.steps, state.position, stage, STAGE_ORDER)
}

/**
 * The stage the inspector explains: the learner's pick, else where the request is, else (at the end) the
 * stage that decided it.
 */
export function selectFocusedStage(state: AppState): Selectable {
  if (state.selectedStage) return state.selectedStage
  const step = selectCurrentStep(state)
  if (!step) return 'client'
  if (step.kind === 'entry') return step.stage
  // Once the answer is back, the stage that decided it (the worker says which) says more than kubectl.
  if (selectFinished(state) && state.decidedBy) return state.decidedBy
  return step.stoppedAt ?? 'client'
}

export function selectStageEntries(state: AppState, stage: StageId): TraceEntry[] {
  return entriesFor(state.results, state.steps, state.position, stage)
}

/** Where the token is: at a stage, or back at the client with the HTTP status. */
export function selectTokenAt(state: AppState): { at: Selectable; code: number | null } {
  const step = selectCurrentStep(state)
  if (!step) return { at: 'client', code: null }
  if (step.kind === 'response') return { at: 'client', code: step.code }
  return { at: tokenStage(state.steps, state.position, STAGE_ORDER) ?? step.stage, code: null }
}

/** Results whose last call has answered by now, for the kubectl output. */
export function selectAnsweredResults(state: AppState): KubectlResult[] {
  const step = selectCurrentStep(state)
  if (!step) return []
  const done = state.results.slice(0, step.result)
  const current = state.results[step.result]
  if (current && step.kind === 'response' && step.call === current.calls.length - 1) done.push(current)
  return done
}

/** Mutating (or validating) admission plugins this cluster runs, in the order the chain calls them. */
export function selectAdmissionPlugins(state: AppState, phase: 'mutating' | 'validating'): string[] {
  return (state.snapshot?.admission ?? [])
    .filter((p) => p.enabled && (phase === 'mutating' ? p.mutating : p.validating))
    .map((p) => p.name)
}
