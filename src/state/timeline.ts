// Playback maths over the engine's results. The engine has already decided everything; this file only
// answers "at playback position p, where is the request and what does each node show?". Pure functions.
//
// The timeline has one step per trace entry, and after each HTTP call one `response` step, where the
// answer is back at the client. kubectl apply makes two calls (GET, then POST or PATCH), so the request
// visibly returns to kubectl in between. Position p means: step p is where the request is now.
import type { KubectlResult, Outcome, RequestResult, StageId, TraceEntry } from '../engine'

export type Step =
  | {
      kind: 'entry'
      result: number
      call: number
      entry: number
      stage: StageId
      outcome: Outcome
      /** Virtual microseconds the step took (its `at` less the previous entry's). */
      elapsed: number
    }
  | { kind: 'response'; result: number; call: number; code: number; stoppedAt: StageId | null }

/**
 * Steps inside the API server cost microseconds, a write to etcd a millisecond and a half; a step that took
 * longer was waiting on something outside it (a webhook's round trip). Playback does not make the learner
 * sit through that wait, so the timeline marks it with its real length instead.
 */
export const WAIT_MARK_MICROS = 5_000

/** The virtual time a step spent waiting, or 0 when it simply ran. */
export function stepWait(step: Step): number {
  return step.kind === 'entry' && step.elapsed >= WAIT_MARK_MICROS ? step.elapsed : 0
}

export type NodeState = 'idle' | 'active' | 'passed' | 'mutated' | 'rejected' | 'skipped'

export interface StageView {
  state: NodeState
  /** For `mutated`: how many JSON patch operations the stage applied. */
  changes: number
}

export function buildTimeline(results: readonly KubectlResult[]): Step[] {
  const steps: Step[] = []
  results.forEach((result, r) => {
    result.calls.forEach((call, c) => {
      call.trace.forEach((entry, e) => {
        steps.push({
          kind: 'entry',
          result: r,
          call: c,
          entry: e,
          stage: entry.stage,
          outcome: entry.outcome,
          elapsed: Math.max(0, entry.at - (call.trace[e - 1]?.at ?? 0)),
        })
      })
      steps.push({
        kind: 'response',
        result: r,
        call: c,
        code: call.response.code,
        stoppedAt: call.stoppedAt,
      })
    })
  })
  return steps
}

export function lastPosition(steps: readonly Step[]): number {
  return Math.max(0, steps.length - 1)
}

export function clampPosition(position: number, steps: readonly Step[]): number {
  return Math.max(0, Math.min(lastPosition(steps), Math.round(position)))
}

export function currentStep(steps: readonly Step[], position: number): Step | undefined {
  return steps[clampPosition(position, steps)]
}

export function callOf(results: readonly KubectlResult[], step: Step | undefined): RequestResult | undefined {
  return step ? results[step.result]?.calls[step.call] : undefined
}

/** Trace entries of the current call that are done (the current entry is not, yet). */
function doneEntries(call: RequestResult, step: Step): TraceEntry[] {
  return step.kind === 'response' ? call.trace : call.trace.slice(0, step.entry)
}

function aggregate(entries: readonly TraceEntry[]): StageView {
  if (entries.some((e) => e.outcome === 'rejected')) return { state: 'rejected', changes: 0 }
  const mutated = entries.filter((e) => e.outcome === 'mutated')
  if (mutated.length > 0) {
    return { state: 'mutated', changes: mutated.reduce((n, e) => n + Math.max(1, e.patch?.length ?? 0), 0) }
  }
  // Every step had nothing to do (no Impersonate-* headers, no plugin applies): the request still went
  // through the stage, so it passed. `skipped` is kept for stages a request bypasses (a GET and admission).
  return { state: 'passed', changes: 0 }
}

/** What the node for `stage` shows at `position`, for the call being played. */
export function stageView(
  results: readonly KubectlResult[],
  steps: readonly Step[],
  position: number,
  stage: StageId,
  stageOrder: readonly StageId[],
): StageView {
  const step = currentStep(steps, position)
  const call = callOf(results, step)
  if (!step || !call) return { state: 'idle', changes: 0 }
  if (step.kind === 'entry' && step.stage === stage) return { state: 'active', changes: 0 }
  const mine = doneEntries(call, step).filter((e) => e.stage === stage)
  if (mine.length > 0) return aggregate(mine)
  if (step.kind === 'entry') return { state: 'idle', changes: 0 }
  // The call is over and never reached this stage: skipped if the request went past it (or succeeded),
  // idle if the request was turned back before getting here.
  if (call.stoppedAt === null) return { state: 'skipped', changes: 0 }
  return stageOrder.indexOf(stage) < stageOrder.indexOf(call.stoppedAt)
    ? { state: 'skipped', changes: 0 }
    : { state: 'idle', changes: 0 }
}

/** Trace entries of `stage` in the call being played, up to and including where the request is. */
export function entriesFor(
  results: readonly KubectlResult[],
  steps: readonly Step[],
  position: number,
  stage: StageId,
): TraceEntry[] {
  const step = currentStep(steps, position)
  const call = callOf(results, step)
  if (!step || !call) return []
  const upTo = step.kind === 'response' ? call.trace.length : step.entry + 1
  return call.trace.slice(0, upTo).filter((e) => e.stage === stage)
}

/**
 * The stage the token sits on. The HTTP handler appears twice in a trace (parsing the URL, then routing
 * after authorization); rather than jump back, the token waits at the furthest stage reached.
 */
export function tokenStage(
  steps: readonly Step[],
  position: number,
  stageOrder: readonly StageId[],
): StageId | null {
  const step = currentStep(steps, position)
  if (!step || step.kind === 'response') return null
  let furthest = step.stage
  for (let i = clampPosition(position, steps) - 1; i >= 0; i--) {
    const s = steps[i]!
    if (s.kind === 'response' || s.result !== step.result || s.call !== step.call) break
    if (stageOrder.indexOf(s.stage) > stageOrder.indexOf(furthest)) furthest = s.stage
  }
  return furthest
}
