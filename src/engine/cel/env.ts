// The CEL environment of admission policies (k8s.io/apiserver/pkg/admission/plugin/cel/compile.go) over
// @marcbachmann/cel-js: the variables object, oldObject, request, namespaceObject, params (only with a
// paramKind) and variables; the Kubernetes libraries; compile errors worded and positioned as cel-go's
// (`ERROR: <input>:1:25: undeclared reference to 'params' (in container '')`), with offset ranges for editor
// markers; regex literals checked as cel-go's validators check them; and the runtime cost limit (cost.ts).
import { Environment, type ParseResult } from '@marcbachmann/cel-js'
import { chargeRoot, COST_LIMIT_EXCEEDED, installMeter, newMeter, withMeter } from './cost'
import { prepareRegexes } from './regexLiterals'
import { registerKubernetesLibraries } from './library'
import { originalRange, rewriteTypedLiteralsMapped, type RewrittenExpression } from './typedLiterals'

/** celconfig.PerCallLimit: the most one expression may cost. */
export const PER_CALL_LIMIT = 1_000_000
/** celconfig.RuntimeCELCostBudget: what all of one policy's expressions may cost for one request. */
export const RUNTIME_CEL_COST_BUDGET = 10_000_000
export { COST_LIMIT_EXCEEDED } from './cost'

export interface CelEnvOptions {
  /** The policy has a paramKind: `params` is declared. */
  hasParams: boolean
  /** MutatingAdmissionPolicy's JSONPatch and ApplyConfiguration types (Object{...}, JSONPatch{...}). */
  patchTypes?: boolean
}

// ---- environments ----

const environments = new Map<string, Environment>()

export class KubeObjectType {}

function buildEnvironment(opts: CelEnvOptions): Environment {
  const env = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false })
  env.registerVariable('object', 'dyn')
  env.registerVariable('oldObject', 'dyn')
  env.registerVariable('request', 'dyn')
  env.registerVariable('namespaceObject', 'dyn')
  env.registerVariable('variables', 'dyn')
  if (opts.hasParams) env.registerVariable('params', 'dyn')
  registerKubernetesLibraries(env)
  installMeter(env)
  return env
}

export function celEnvironment(opts: CelEnvOptions): Environment {
  const key = `${opts.hasParams}/${opts.patchTypes ?? false}`
  let env = environments.get(key)
  if (!env) environments.set(key, (env = buildEnvironment(opts)))
  return env
}

// ---- compile ----

export interface CelIssue {
  /** cel-go's issues.String(): `ERROR: <input>:1:25: ...` with the source line and a caret. */
  message: string
  /** The bare message, without position. */
  summary: string
  /** Character offsets in the expression, for editor markers. */
  range: { start: number; end: number }
  /** The expression checked, but building its program failed (env.Program: a bad literal regex for find). */
  instantiation?: boolean
}

/** What CompileCELExpression says of a failed expression: a compile issue, or a program that cannot be built. */
export function compileFailure(issue: CelIssue): string {
  return issue.instantiation ? `program instantiation failed: ${issue.summary}` : `compilation failed: ${issue.message}`
}

export type CompileResult =
  { ok: true; program: ParseResult; outputType: string } | { ok: false; issue: CelIssue }

interface CelErrorLike {
  code?: string
  summary?: string
  range?: { start: number; end: number }
  node?: { op?: string; args?: unknown; range?: { start: number; end: number } }
}

/** marcbachmann's type names as cel-go prints them: list<int> → list(int). */
export function celGoTypeName(t: string): string {
  if (t === 'list') return 'list(dyn)'
  if (t === 'map') return 'map(dyn, dyn)'
  return t.replace(/</g, '(').replace(/>/g, ')')
}

function position(expr: string, offset: number): { line: number; col: number; text: string } {
  const before = expr.slice(0, offset)
  const line = before.split('\n').length
  const lineStart = before.lastIndexOf('\n') + 1
  const lineEnd = expr.indexOf('\n', offset)
  return { line, col: offset - lineStart, text: expr.slice(lineStart, lineEnd < 0 ? undefined : lineEnd) }
}

/** One cel-go issue: `ERROR: <input>:L:C: msg\n | source\n | ....^`. */
export function formatIssue(expr: string, offset: number, message: string): string {
  const p = position(expr, offset)
  return `ERROR: <input>:${p.line}:${p.col + 1}: ${message}\n | ${p.text}\n | ${'.'.repeat(p.col)}^`
}

const EOF_EXPECTING =
  "Syntax error: mismatched input '<EOF>' expecting {'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}"

/** Rewords a marcbachmann error as cel-go would report it, and finds the offset cel-go points at. */
function translate(expr: string, err: CelErrorLike): { offset: number; message: string } {
  const summary = err.summary ?? String(err)
  const range = err.range ?? { start: 0, end: expr.length }
  const node = err.node
  switch (err.code) {
    case 'unknown_variable': {
      const name = summary.replace(/^Unknown variable: /, '')
      return { offset: range.start, message: `undeclared reference to '${name}' (in container '')` }
    }
    case 'no_such_overload': {
      const bin = /^no such overload: (\S+) (\S+) (\S+)$/.exec(summary)
      if (bin && node && Array.isArray(node.args)) {
        const [l, r] = node.args as { range: { start: number; end: number } }[]
        const at = expr.indexOf(bin[2]!, l?.range.end ?? range.start)
        return {
          offset: at >= 0 && (!r || at < r.range.start) ? at : range.start,
          message: `found no matching overload for '_${bin[2]}_' applied to '(${celGoTypeName(bin[1]!)}, ${celGoTypeName(bin[3]!)})'`,
        }
      }
      const un = /^no such overload: ([!-])(\S+)$/.exec(summary)
      if (un)
        return {
          offset: range.start,
          message: `found no matching overload for '${un[1]}_' applied to '(${celGoTypeName(un[2]!)})'`,
        }
      return { offset: range.start, message: summary }
    }
    case 'no_matching_overload': {
      const m = /^found no matching overload for '(?:(.+)\.)?([A-Za-z_][\w]*)\((.*)\)'$/.exec(summary)
      if (m) {
        const args = m[3]!.split(/,\s*/).filter(Boolean).map(celGoTypeName).join(', ')
        const open = expr.indexOf(`${m[2]}(`, range.start)
        const offset = open >= 0 ? open + m[2]!.length : range.start
        const applied = m[1] ? `${celGoTypeName(m[1])}.(${args})` : `(${args})`
        return { offset, message: `found no matching overload for '${m[2]}' applied to '${applied}'` }
      }
      return { offset: range.start, message: summary }
    }
    case 'unexpected_token':
      if (summary === 'Unexpected token: EOF') return { offset: range.start, message: EOF_EXPECTING }
      return { offset: range.start, message: `Syntax error: ${summary}` }
    default:
      if (err.code && /token|character|syntax|expected/.test(err.code))
        return { offset: range.start, message: `Syntax error: ${summary}` }
      return { offset: range.start, message: summary }
  }
}

/**
 * The issue as cel-go reports it, positioned in the expression as written: when the library was given a
 * rewritten text, offsets are carried back through the rewrite.
 */
function issueFrom(expr: string, error: unknown, rewritten?: RewrittenExpression): CelIssue {
  const parsed = rewritten?.text ?? expr
  const err = (error ?? {}) as CelErrorLike
  let range = err.range ?? { start: 0, end: parsed.length }
  const t = translate(parsed, err)
  let offset = t.offset
  if (rewritten) {
    range = originalRange(rewritten, range, expr.length)
    offset = originalRange(rewritten, { start: offset, end: offset }, expr.length).start
  }
  return { message: formatIssue(expr, offset, t.message), summary: t.message, range }
}

/** Parses and type-checks one expression in the admission environment. */
export function compile(expression: string, opts: CelEnvOptions): CompileResult {
  const env = celEnvironment(opts)
  let program: ParseResult
  const rewritten = opts.patchTypes ? rewriteTypedLiteralsMapped(expression) : undefined
  const source = rewritten?.text ?? expression
  try {
    program = env.parse(source)
  } catch (error) {
    return { ok: false, issue: issueFrom(expression, error, rewritten) }
  }
  const checked = program.check()
  if (!checked.valid) return { ok: false, issue: issueFrom(expression, checked.error, rewritten) }
  const regex = prepareRegexes(program.ast)
  if (regex) {
    const issue = issueFrom(expression, { summary: regex.message, range: regex.range }, rewritten)
    return { ok: false, issue: regex.stage === 'instantiation' ? { ...issue, instantiation: true } : issue }
  }
  return { ok: true, program, outputType: celGoTypeName(checked.type ?? 'dyn') }
}

/**
 * CompileCELExpression's result for an expression that must evaluate to one of `returnTypes` (cel-go names:
 * bool, string, null_type; `any` accepts everything): undefined when it compiles, else cel.Error's detail.
 */
export function compileDetail(
  expression: string,
  opts: CelEnvOptions,
  returnTypes: readonly string[],
): string | undefined {
  const r = compile(expression, opts)
  if (!r.ok) return compileFailure(r.issue)
  if (returnTypes.includes('any') || returnTypes.includes(r.outputType)) return undefined
  return returnTypes.length === 1
    ? `must evaluate to ${returnTypes[0]} but got ${r.outputType}`
    : `must evaluate to one of [${returnTypes.join(' ')}] but got ${r.outputType}`
}

// ---- values ----

/** JSON to CEL values: integral numbers become int (BigInt), others stay double. */
export function toCel(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value
  if (Array.isArray(value)) return value.map(toCel)
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toCel(v)
    return out
  }
  return value
}

/** CEL values back to JSON: ints become numbers; optionals and unknown objects are dropped to null. */
export function fromCel(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value)
  if (Array.isArray(value)) return value.map(fromCel)
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), fromCel(v)]))
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = fromCel(v)
    return out
  }
  return value
}

// ---- evaluate ----

export type EvalResult =
  | { ok: true; value: unknown; cost: number }
  | { ok: false; error: string; costExceeded: boolean; cost: number; range?: { start: number; end: number } }

/** cel-go's wording of a runtime error's message. */
function runtimeMessage(err: CelErrorLike): string {
  const s = err.summary ?? (err as { message?: string }).message ?? String(err)
  const key = /^No such key: (.*)$/.exec(s)
  if (key) return `no such key: ${key[1]}`
  if (/^no such overload/i.test(s)) return 'no such overload'
  return s
}

/**
 * Evaluates a compiled program against an activation (already converted with toCel), charging one unit per
 * evaluated node against `limit`. Pure and bounded: a runaway expression stops after `limit` steps.
 */
export function evaluate(
  program: ParseResult,
  activation: Record<string, unknown>,
  limit = PER_CALL_LIMIT,
): EvalResult {
  const m = newMeter(limit)
  return withMeter(m, () => {
    try {
      const value: unknown = program(activation)
      if (m.exceeded || !chargeRoot(m, program.ast as object, value)) return { ok: false, error: COST_LIMIT_EXCEEDED, costExceeded: true, cost: m.used }
      if (value instanceof Promise)
        return {
          ok: false,
          error: 'asynchronous evaluation is not supported',
          costExceeded: false,
          cost: m.used,
        }
      return { ok: true, value, cost: m.used }
    } catch (error) {
      if (m.exceeded) return { ok: false, error: COST_LIMIT_EXCEEDED, costExceeded: true, cost: m.used }
      const err = error as CelErrorLike
      return { ok: false, error: runtimeMessage(err), costExceeded: false, cost: m.used, range: err.range }
    }
  })
}
