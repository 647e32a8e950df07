// Where a learner is in a lesson, from the steps whose goal a result has met: the first step not yet done
// is current. Pure, so the UI, a saved progress file and tests agree.
import type { Lesson } from './types'

export type StepState = 'todo' | 'current' | 'done'

export interface LessonProgress {
  /** The step to show: the first one not done, or the last when all are. */
  current: number
  /** One state per step, in order. */
  states: StepState[]
  doneCount: number
  complete: boolean
}

/** `done` holds the indexes of steps whose goal has been met; indexes outside the lesson are ignored. */
export function lessonProgress(lesson: Lesson, done: Iterable<number>): LessonProgress {
  const met = new Set(done)
  const count = lesson.steps.length
  const firstOpen = lesson.steps.findIndex((_, i) => !met.has(i))
  const current = firstOpen < 0 ? count - 1 : firstOpen
  const states = lesson.steps.map((_, i): StepState => (met.has(i) ? 'done' : i === firstOpen ? 'current' : 'todo'))
  const doneCount = states.filter((s) => s === 'done').length
  return { current, states, doneCount, complete: doneCount === count }
}
