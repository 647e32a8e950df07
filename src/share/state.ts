// What a share link carries, and the checks every decoded value passes before the app may use it. A link is
// input from anyone: each field is checked for type, size and shape, and refused with a sentence, never thrown.

export type ShareScenario = { id: string } | { text: string }

export interface ShareState {
  /** A bundled example by its `name`, or a whole scenario file. */
  scenario: ShareScenario
  /** The manifest editor's text, when it is not what the scenario opens with. */
  editor?: string
  /** The request bar's settings. Opaque here: the app validates their meaning when it applies them. */
  request?: Record<string, unknown>
  /** The selected step of the trace. */
  step?: number
  lesson?: { id: string; step: number }
}

/** The same 3 MiB ceiling the engine puts on a scenario file or a manifest. */
export const MAX_TEXT_LENGTH = 3 * 1024 * 1024
export const MAX_REQUEST_JSON = 16 * 1024
const MAX_REQUEST_DEPTH = 8
const MAX_STEP = 1_000_000
// A scenario's `name` and a lesson id are DNS-1123 labels, as in `?scenario=<name>`.
const ID = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string }

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error })

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function checkId(value: unknown, what: string): Checked<string> {
  if (typeof value !== 'string' || !ID.test(value))
    return fail(`${what} must be a lowercase name of letters, digits and '-' (at most 63 characters)`)
  return { ok: true, value }
}

export function checkText(value: unknown, what: string): Checked<string> {
  if (typeof value !== 'string') return fail(`${what} must be text`)
  if (value.length > MAX_TEXT_LENGTH) return fail(`${what} is longer than ${MAX_TEXT_LENGTH} characters`)
  return { ok: true, value }
}

export function checkStep(value: unknown, what: string): Checked<number> {
  if (!Number.isSafeInteger(value) || (value as number) < 0 || (value as number) > MAX_STEP)
    return fail(`${what} must be a whole number from 0 to ${MAX_STEP}`)
  return { ok: true, value: value as number }
}

/**
 * The first problem in a JSON value: nesting past the limit, or a `__proto__` key (JSON.parse makes it an own
 * property, but code that copies the settings with assignment would change an object's prototype). Iterative, so a
 * hostile 100,000-deep value cannot overflow the stack before it is refused.
 */
function jsonProblem(value: unknown, limit: number): string | null {
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length) {
    const [next, level] = stack.pop()!
    if (typeof next !== 'object' || next === null) continue
    if (level > limit) return `nest deeper than ${limit} levels`
    for (const [key, child] of Object.entries(next)) {
      if (key === '__proto__') return 'hold a "__proto__" key'
      stack.push([child, level + 1])
    }
  }
  return null
}

/** JSON data only (it came from JSON.parse), bounded in size and depth. */
export function checkRequest(value: unknown): Checked<Record<string, unknown>> {
  if (!isPlainObject(value)) return fail('the request settings must be an object')
  const problem = jsonProblem(value, MAX_REQUEST_DEPTH)
  if (problem) return fail(`the request settings ${problem}`)
  if (JSON.stringify(value).length > MAX_REQUEST_JSON)
    return fail(`the request settings are larger than ${MAX_REQUEST_JSON} characters`)
  return { ok: true, value }
}

/** Checks a state the app hands in, so an encoder never writes a link its own decoder would refuse. */
export function checkState(state: ShareState): Checked<ShareState> {
  const scenario = state.scenario
  const checks: Checked<unknown>[] = [
    'id' in scenario ? checkId(scenario.id, 'the example') : checkText(scenario.text, 'the scenario'),
    state.editor === undefined ? { ok: true, value: null } : checkText(state.editor, 'the editor text'),
    state.request === undefined ? { ok: true, value: null } : checkRequest(state.request),
    state.step === undefined ? { ok: true, value: null } : checkStep(state.step, 'the step'),
    state.lesson === undefined ? { ok: true, value: null } : checkId(state.lesson.id, 'the lesson'),
    state.lesson === undefined ? { ok: true, value: null } : checkStep(state.lesson.step, 'the lesson step'),
  ]
  const failed = checks.find((c) => !c.ok)
  return failed && !failed.ok ? failed : { ok: true, value: state }
}
