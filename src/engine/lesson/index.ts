// The lesson format's public surface: parse, walk, check and progress.
export type * from './types'
export { parseLessonFile, lessonsOf } from './parse'
export { stepStart, stepSolution, stepAttempt, stepScenario, toRequest, type LessonInput } from './walk'
export { checkLessonSteps, tryStep, type LessonCheck } from './check'
export { lessonProgress, type LessonProgress, type StepState } from './progress'
