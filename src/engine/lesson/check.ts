// lesson check: walks every step headlessly, as CI does for each bundled lesson. At each step, from the
// cluster the earlier solutions left, the step's starting editor and request must not meet the goal, each
// hint's wrong attempt must not either, and the solution must.
import { checkExpectation } from '../scenario/expect'
import type { Expectation } from '../scenario/types'
import { createSimulator } from '../simulator'
import type { Lesson } from './types'
import { stepAttempt, stepScenario, stepSolution, stepStart, toRequest, type LessonInput } from './walk'

export interface LessonCheck {
  id: string
  steps: number
  ok: boolean
  problems: string[]
}

/** The goal's problems for `input` sent at step `index` (empty: the goal is met), or why it could not run. */
export function tryStep(lesson: Lesson, index: number, input: LessonInput, goal: Expectation): { problems: string[] } | { error: string } {
  try {
    const { requests = [], ...start } = stepScenario(lesson, index)
    const simulator = createSimulator(start)
    for (const request of requests) simulator.run(request)
    const results = simulator.run(toRequest(input))
    return { problems: checkExpectation(goal, results, simulator.snapshot()) }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
}

export function checkLessonSteps(lesson: Lesson): LessonCheck {
  const problems: string[] = []
  for (const [i, step] of lesson.steps.entries()) {
    const label = `step ${i + 1} (${step.title})`
    const mustNotMeet = (input: LessonInput, what: string) => {
      const outcome = tryStep(lesson, i, input, step.goal)
      if ('error' in outcome) problems.push(`${label}: ${what} could not run: ${outcome.error}`)
      else if (outcome.problems.length === 0) problems.push(`${label}: ${what} already meets the goal`)
    }
    mustNotMeet(stepStart(lesson, i), 'the step as it starts')
    for (const [j, hint] of (step.hints ?? []).entries())
      if (hint.attempt) mustNotMeet(stepAttempt(lesson, i, hint.attempt), `hint ${j + 1}'s wrong attempt`)
    const solved = tryStep(lesson, i, stepSolution(lesson, i), step.goal)
    if ('error' in solved) problems.push(`${label}: the solution could not run: ${solved.error}`)
    else if (solved.problems.length > 0) problems.push(`${label}: the solution does not meet the goal: ${solved.problems.join('; ')}`)
  }
  return { id: lesson.id, steps: lesson.steps.length, ok: problems.length === 0, problems }
}
