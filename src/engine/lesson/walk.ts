// Walking a lesson: what the editor and the request bar hold when a step starts, what the learner's
// attempt sends, and the cluster each step starts from (the lesson's cluster after every earlier step's
// solution). The lesson checker and the lesson UI both use these, so a step starts the same in both.
import type { ScenarioRequest, Scenario } from '../scenario/types'
import type { Lesson, LessonAttempt, LessonRequest } from './types'

/** The editor text and request bar a step starts with, or that an attempt sends. */
export interface LessonInput {
  editor: string
  request: LessonRequest
}

function over(base: LessonInput, attempt: LessonAttempt | undefined): LessonInput {
  return { editor: attempt?.editor ?? base.editor, request: attempt?.request ?? base.request }
}

/** What step `index` starts with: its own editor and request, else what the step before ended with. */
export function stepStart(lesson: Lesson, index: number): LessonInput {
  let input: LessonInput = { editor: '', request: { verb: 'apply' } }
  for (const [i, step] of lesson.steps.entries()) {
    input = over(input, step)
    if (i === index) return input
    input = over(input, step.solution)
  }
  throw new RangeError(`lesson ${lesson.id} has no step ${index}`)
}

/** What step `index`'s solution sends. */
export function stepSolution(lesson: Lesson, index: number): LessonInput {
  return over(stepStart(lesson, index), lesson.steps[index]!.solution)
}

/** What an attempt (a hint's wrong attempt, say) sends at step `index`: the step's start with the attempt's changes. */
export function stepAttempt(lesson: Lesson, index: number, attempt: LessonAttempt): LessonInput {
  return over(stepStart(lesson, index), attempt)
}

// kubectl -f sends the file; can-i and whoami send a review of their own, and a named resource needs no file.
function takesManifest(request: LessonRequest): boolean {
  return request.verb !== 'can-i' && request.verb !== 'whoami' && request.resource === undefined
}

/** The scenario request an input sends, as the request bar would build it. */
export function toRequest(input: LessonInput): ScenarioRequest {
  return takesManifest(input.request) ? { ...input.request, manifest: input.editor } : { ...input.request }
}

/**
 * The cluster step `index` starts from, as a scenario: the lesson's cluster, then each earlier step's
 * solution in order. Running its requests on a fresh simulator reproduces the state exactly.
 */
export function stepScenario(lesson: Lesson, index: number): Scenario {
  const requests = lesson.steps.slice(0, index).map((step, i) => ({ title: step.title, ...toRequest(stepSolution(lesson, i)) }))
  return { name: lesson.id, title: lesson.title, ...(lesson.cluster ? { cluster: lesson.cluster } : {}), requests }
}
