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

/**
 * How long playback at 1× stays on step `index`. The token's moves carry the story, so a step that brings
 * the request to another stage (or back to kubectl) gets time to glide there; further steps inside the
 * same stage (one per admission plugin) tick by, and steps that had nothing to do barely pause. A Pod
 * create plays in about five seconds.
 */
export const MOVE_MS = 380
export const INNER_STEP_MS = 90
export const QUIET_STEP_MS = 30

export function stepDwellMs(steps: readonly Step[], index: number): number {
  const step = steps[index]
  if (!step) return 0
  const previous = steps[index - 1]
  if (step.kind === 'response' || !previous || previous.kind === 'response') return MOVE_MS
  if (step.stage !== previous.stage) return MOVE_MS
  return step.outcome === 'skipped' ? QUIET_STEP_MS : INNER_STEP_MS
}

/** The first step of each result (one per manifest document), in order. */
export function documentStarts(steps: readonly Step[]): number[] {
  const starts: number[] = []
  steps.forEach((step, i) => {
    if (i === 0 || steps[i - 1]!.result !== step.result) starts.push(i)
  })
  return starts
}

/** The steps `[start, end)` of the result (manifest document) that step `position` belongs to. */
export function documentRange(steps: readonly Step[], position: number): { start: number; end: number } {
  const at = clampPosition(position, steps)
  const result = steps[at]?.result
  let start = at
  let end = at + 1
  while (start > 0 && steps[start - 1]!.result === result) start--
  while (end < steps.length && steps[end]!.result === result) end++
  return steps.length ? { start, end } : { start: 0, end: 0 }
}

export type Tone = 'passed' | 'mutated' | 'rejected' | 'skipped'

const TONE_RANK: Record<Tone, number> = { skipped: 0, passed: 1, mutated: 2, rejected: 3 }

function toneOf(step: Step): Tone {
  if (step.kind === 'response') return step.code < 400 ? 'passed' : 'rejected'
  return step.outcome === 'rejected'
    ? 'rejected'
    : step.outcome === 'mutated'
      ? 'mutated'
      : step.outcome === 'skipped'
        ? 'skipped'
        : 'passed'
}

export interface Segment {
  start: number
  /** Exclusive. */
  end: number
  tone: Tone
}

/**
 * The slider's track: runs of steps, at most `max` of them, each coloured by the most telling thing that
 * happened in it (a rejection over a change over a pass). Runs break at documents, so a manifest of a
 * thousand objects still draws as a strip of a few hundred blocks, not tens of thousands of ticks.
 */
export function trackSegments(steps: readonly Step[], max: number): Segment[] {
  if (steps.length === 0) return []
  const size = Math.max(1, Math.ceil(steps.length / Math.max(1, max)))
  const segments: Segment[] = []
  let start = 0
  while (start < steps.length) {
    let end = Math.min(steps.length, start + size)
    if (size === 1 || steps.length <= max) {
      // Few steps: a segment per stage run within a document.
      end = start + 1
      while (end < steps.length && sameRun(steps[start]!, steps[end]!)) end++
    }
    let tone: Tone = 'skipped'
    for (let i = start; i < end; i++) {
      const t = toneOf(steps[i]!)
      if (TONE_RANK[t] > TONE_RANK[tone]) tone = t
    }
    segments.push({ start, end, tone })
    start = end
  }
  return segments
}

function sameRun(a: Step, b: Step): boolean {
  return (
    a.kind === 'entry' &&
    b.kind === 'entry' &&
    a.result === b.result &&
    a.call === b.call &&
    a.stage === b.stage
  )
}
