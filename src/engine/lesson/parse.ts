// Reading lessons and lesson packs: YAML a stranger may have written, so read like a scenario (size and
// alias limits, a schema, errors that name the field), then the rules a schema cannot say. Requests and the
// cluster are checked by the scenario parser itself, so a lesson accepts exactly what a scenario accepts.
import Ajv from 'ajv'
import { compileGoal } from '../scenario/expect'
import { checkScenario, describeSchemaError, readYamlDocument, type ParseResult } from '../scenario/parse'
import scenarioSchema from '../scenario/scenario.schema.json'
import schema from './lesson.schema.json'
import type { Lesson, LessonAttempt, LessonHint, LessonPack, LessonRequest, LessonStep } from './types'

const ajv = new Ajv({ allErrors: false, allowUnionTypes: true })
ajv.addSchema(scenarioSchema)
const validateLessonFile = ajv.compile<Lesson | LessonPack>(schema)

const EDITOR_KEYS = ['manifest', 'object', 'expect'] as const

function checkRequest(request: LessonRequest, path: string): string | undefined {
  for (const key of EDITOR_KEYS)
    if (key in request) return `${path}.${key}: a lesson request takes its manifest from editor and its expectation from goal`
  const checked = checkScenario({ name: 'lesson', requests: [request] })
  return checked.ok ? undefined : checked.error.replace(/^requests\[0\]/, path)
}

function checkAttempt(attempt: LessonAttempt | undefined, path: string): string | undefined {
  return attempt?.request && checkRequest(attempt.request, `${path}.request`)
}

function checkStep(step: LessonStep, path: string): string | undefined {
  const problem =
    (step.request && checkRequest(step.request, `${path}.request`)) ??
    checkAttempt(step.solution, `${path}.solution`) ??
    (step.hints ?? []).map((hint, j) => typeof hint === 'string' ? undefined : checkAttempt(hint.attempt, `${path}.hints[${j}].attempt`)).find(Boolean)
  if (problem) return problem
  if (step.predict && !step.predict.choices.includes(step.predict.answer))
    return `${path}.predict.answer: must be one of the choices (${step.predict.choices.join(', ')})`
  if (step.goal.cel !== undefined) {
    const goal = compileGoal(step.goal.cel)
    if (!goal.ok) return `${path}.goal.cel: ${goal.error}`
  }
  return undefined
}

function checkLesson(lesson: Lesson, prefix: string): string | undefined {
  if (lesson.cluster) {
    const cluster = checkScenario({ name: lesson.id, cluster: lesson.cluster })
    if (!cluster.ok) return `${prefix}${cluster.error}`
  }
  if (!lesson.steps[0]!.request && !lesson.steps[0]!.solution.request)
    return `${prefix}steps[0].request: the first step sets the request bar (at least its verb)`
  for (const [i, step] of lesson.steps.entries()) {
    const problem = checkStep(step, `${prefix}steps[${i}]`)
    if (problem) return problem
  }
  return undefined
}

/** Plain-string hints become `{text}`, so a reader of a parsed lesson sees one shape. */
function normalise(lesson: Lesson): Lesson {
  const steps = lesson.steps.map((step) => ({
    ...step,
    ...(step.hints ? { hints: step.hints.map((hint): LessonHint => (typeof hint === 'string' ? { text: hint } : hint)) } : {}),
  }))
  return { ...lesson, steps }
}

/** A lesson or a pack, from its YAML text. */
export function parseLessonFile(text: string): ParseResult<Lesson | LessonPack> {
  const read = readYamlDocument(text, 'lesson file')
  if (!read.ok) return read
  const value = read.value
  if (!validateLessonFile(value)) {
    const errors = validateLessonFile.errors ?? []
    // An if/then/else adds its own "must match then schema" after the error that explains it.
    return { ok: false, error: describeSchemaError(errors.find((e) => e.keyword !== 'if') ?? errors[0]!) }
  }
  if (value.kind === 'Lesson') {
    const problem = checkLesson(value, '')
    return problem ? { ok: false, error: problem } : { ok: true, value: normalise(value) }
  }
  const seen = new Set<string>()
  for (const [i, lesson] of value.lessons.entries()) {
    if (seen.has(lesson.id)) return { ok: false, error: `lessons[${i}].id: another lesson of the pack is "${lesson.id}"` }
    seen.add(lesson.id)
    const problem = checkLesson(lesson, `lessons[${i}].`)
    if (problem) return { ok: false, error: problem }
  }
  return { ok: true, value: { ...value, lessons: value.lessons.map(normalise) } }
}

/** The lessons a file holds: itself, or a pack's lessons in order. */
export function lessonsOf(file: Lesson | LessonPack): Lesson[] {
  return file.kind === 'Lesson' ? [file] : file.lessons
}
