// The expectation checker: does a result show what a scenario request's `expect` (or a lesson step's goal)
// asks for? One checker for the test suite, the CLI and lessons, so a goal means the same everywhere. Each
// mismatch is a sentence a learner can read, naming what was expected and what the API server did.
import { Environment, type ParseResult } from '@marcbachmann/cel-js'
import { celEnvironment, evaluate, formatIssue, toCel } from '../cel'
import { registerKubernetesLibraries } from '../cel/library'
import type { ClusterSnapshot } from '../simulator'
import type { TraceEntry } from '../types'
import type { Expectation, KubectlResult } from './types'

/** A goal's CEL may look at this much before it is stopped: plenty for a lookup, nothing like a hang. */
export const GOAL_COST_LIMIT = 100_000

let goalEnvironment: Environment | undefined

function environment(): Environment {
  if (goalEnvironment) return goalEnvironment
  // The admission environment installs the cost meter that `evaluate` charges; build it first.
  celEnvironment({ hasParams: false })
  const env = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false })
  for (const name of ['request', 'response', 'trace', 'cluster']) env.registerVariable(name, 'dyn')
  registerKubernetesLibraries(env)
  return (goalEnvironment = env)
}

export type GoalProgram = { ok: true; program: ParseResult } | { ok: false; error: string }

const compiled = new Map<string, GoalProgram>()

/** Parses and type-checks a goal expression; it must give a bool. */
export function compileGoal(expression: string): GoalProgram {
  const cached = compiled.get(expression)
  if (cached) return cached
  let result: GoalProgram
  try {
    const program = environment().parse(expression)
    const checked = program.check()
    if (!checked.valid) {
      const err = checked.error as { summary?: string; range?: { start: number } } | undefined
      result = { ok: false, error: formatIssue(expression, err?.range?.start ?? 0, err?.summary ?? String(err)) }
    } else if (checked.type !== 'bool' && checked.type !== 'dyn')
      result = { ok: false, error: `must evaluate to bool but got ${checked.type}` }
    else result = { ok: true, program }
  } catch (error) {
    const err = error as { summary?: string; range?: { start: number } }
    result = { ok: false, error: formatIssue(expression, err.range?.start ?? 0, `Syntax error: ${err.summary ?? String(error)}`) }
  }
  if (compiled.size > 500) compiled.clear()
  compiled.set(expression, result)
  return result
}

/**
 * What a goal's CEL sees of the cluster: every stored object (`cluster.objects`, with resourceVersion),
 * the same objects by etcd key (`cluster.keys['/registry/pods/dev/web']`) and etcd's revision.
 */
export function clusterView(snapshot: ClusterSnapshot): Record<string, unknown> {
  const keys: Record<string, unknown> = {}
  for (const entry of snapshot.entries) keys[entry.key] = entry.object
  return { objects: snapshot.entries.map((e) => e.object), keys, revision: snapshot.revision, namespaces: snapshot.namespaces }
}

function goalActivation(result: KubectlResult, cluster: Record<string, unknown>): Record<string, unknown> {
  return toCel({
    request: { ...result.request, commandLine: result.commandLine },
    response: {
      code: result.response.code,
      body: result.response.body,
      warnings: result.response.warnings,
      stoppedAt: result.stoppedAt,
      kubectl: result.kubectl,
    },
    trace: result.calls.flatMap((call) => call.trace).map(({ stage, step, outcome, summary, details, warnings }) => ({
      stage,
      step,
      outcome,
      summary,
      details: details ?? [],
      warnings: warnings ?? [],
    })),
    cluster,
  }) as Record<string, unknown>
}

function quote(text: string): string {
  return JSON.stringify(text)
}

function statusField(result: KubectlResult, field: 'reason' | 'message'): string | undefined {
  const body = result.response.body as Record<string, unknown> | null
  if (!body || typeof body !== 'object' || body.kind !== 'Status') return undefined
  const value = body[field]
  return typeof value === 'string' ? value : undefined
}

function rejection(result: KubectlResult): TraceEntry | undefined {
  return result.calls.at(-1)?.trace.find((entry) => entry.outcome === 'rejected')
}

function where(result: KubectlResult): string {
  if (result.stoppedAt === null) return 'it succeeded'
  const step = rejection(result)?.step
  return `it stopped at ${result.stoppedAt}${step ? ` (${step})` : ''}`
}

function checkAnswer(expect: Expectation, result: KubectlResult): string[] {
  const problems: string[] = []
  const code = result.response.code
  if (expect.code !== undefined && code !== expect.code)
    problems.push(code === 0 ? `expected the API server to answer ${expect.code}; kubectl sent nothing` : `expected the API server to answer ${expect.code}; it answered ${code}`)
  if (expect.stoppedAt !== undefined && result.stoppedAt !== expect.stoppedAt)
    problems.push(`${expect.stoppedAt === null ? 'expected the request to succeed' : `expected the request to stop at ${expect.stoppedAt}`}; ${where(result)}`)
  if (expect.rejectedBy !== undefined) {
    const rejected = rejection(result)
    if (rejected?.step !== expect.rejectedBy)
      problems.push(`expected ${expect.rejectedBy} to reject the request; ${rejected ? `${rejected.step} (${rejected.stage}) rejected it` : 'nothing rejected it'}`)
  }
  for (const step of expect.mutatedBy ?? []) {
    const entries = result.calls.flatMap((call) => call.trace)
    if (!entries.some((entry) => entry.step === step && entry.outcome === 'mutated'))
      problems.push(`expected ${step} to change the object; it did not${result.stoppedAt ? ` (${where(result)})` : ''}`)
  }
  const reason = statusField(result, 'reason')
  if (expect.reason !== undefined && reason !== expect.reason)
    problems.push(`expected the reason ${expect.reason}; ${reason ? `it was ${reason}` : 'the response has none'}`)
  const message = statusField(result, 'message')
  if (expect.message !== undefined && message !== expect.message)
    problems.push(`expected the message ${quote(expect.message)}; ${message !== undefined ? `it was ${quote(message)}` : 'the response has none'}`)
  if (expect.messageContains !== undefined && !(message ?? '').includes(expect.messageContains))
    problems.push(`expected the message to contain ${quote(expect.messageContains)}; ${message !== undefined ? `it was ${quote(message)}` : 'the response has none'}`)
  if (expect.kubectl !== undefined && result.kubectl !== expect.kubectl)
    problems.push(`expected kubectl to print ${quote(expect.kubectl)}; it printed ${quote(result.kubectl)}`)
  const warnings = result.response.warnings
  if (expect.warnings !== undefined && JSON.stringify(warnings) !== JSON.stringify(expect.warnings))
    problems.push(`expected ${expect.warnings.length ? `the warnings ${expect.warnings.map(quote).join(', ')}` : 'no warnings'}; ${warnings.length ? `they were ${warnings.map(quote).join(', ')}` : 'there were none'}`)
  return problems
}

function checkCel(expression: string, result: KubectlResult, cluster: Record<string, unknown>): string[] {
  const goal = compileGoal(expression)
  if (!goal.ok) return [`the goal ${quote(expression)} does not compile: ${goal.error}`]
  const outcome = evaluate(goal.program, goalActivation(result, cluster), GOAL_COST_LIMIT)
  if (!outcome.ok) return [`the goal ${quote(expression)} could not be evaluated: ${outcome.error}`]
  if (typeof outcome.value !== 'boolean') return [`the goal ${quote(expression)} gave ${typeof outcome.value}, not a bool`]
  return outcome.value ? [] : [`the goal ${quote(expression)} does not hold`]
}

/**
 * The problems with `results` against `expect`: empty when every result (one per manifest document) meets
 * every key. `cluster` is the cluster after the request, for CEL goals that look at stored objects.
 */
export function checkExpectation(expect: Expectation, results: readonly KubectlResult[], cluster?: ClusterSnapshot): string[] {
  if (results.length === 0) return ['kubectl sent nothing: the manifest has no objects']
  let view: Record<string, unknown> | undefined
  return results.flatMap((result, i) => {
    const problems = checkAnswer(expect, result)
    if (expect.cel !== undefined) problems.push(...checkCel(expect.cel, result, (view ??= cluster ? clusterView(cluster) : {})))
    return results.length > 1 ? problems.map((p) => `document ${i + 1} (${result.name}): ${p}`) : problems
  })
}
