// cel-go's checks of constant regex patterns, made when a program is built:
// - cel.ValidateRegexLiterals (one of Kubernetes' AST validators since 1.29) compiles the first argument of
//   every `matches` call that is a string literal, and reports `invalid matches argument` at that literal. For
//   the receiver form that argument is the pattern; for the global form `matches(s, re)` it is `s`, as cel-go's
//   formatValidator looks at argument 0 whichever form the call has.
// - cel.OptimizeRegex with Kubernetes' FindRegexOptimization and FindAllRegexOptimization compiles a literal
//   pattern of `find` and `findAll` when the program is instantiated, so a bad one fails there with Go's error.
// The same walk gives every `string.matches` call an RE2 handler in place of the library's, which uses
// JavaScript's backtracking RegExp, and makes every `+` charge its cost before it concatenates.
import { EvaluationError } from '@marcbachmann/cel-js'
import { chargeConcatenation } from './cost'
import { compileRegex, regexMatches } from './regex'

interface AstNode {
  op: string
  args: unknown
  start?: number
  end?: number
  /** Set by the type-checker: called with the evaluated receiver and arguments. */
  handle?: (values: unknown[], ev: unknown, ast: unknown) => unknown
}

type Handle = NonNullable<AstNode['handle']>

/** types.String.Match: regexp.MatchString, its error returned as is. Other operand types keep the library's answer. */
function re2Matches(original: Handle): Handle {
  return (values, ev, ast) => {
    const [s, re] = values
    if (values.length !== 2 || typeof s !== 'string' || typeof re !== 'string') return original(values, ev, ast)
    try {
      return regexMatches(s, re)
    } catch (error) {
      throw new EvaluationError(error instanceof Error ? error.message : String(error))
    }
  }
}

export interface RegexLiteralIssue {
  /** `validation`: a compile issue; `instantiation`: env.Program's error. */
  stage: 'validation' | 'instantiation'
  message: string
  range: { start: number; end: number }
}

const isNode = (v: unknown): v is AstNode => !!v && typeof v === 'object' && typeof (v as AstNode).op === 'string'

function badLiteral(node: AstNode | undefined): string | undefined {
  if (!node || node.op !== 'value' || typeof node.args !== 'string') return undefined
  const r = compileRegex(node.args)
  return r.ok ? undefined : r.error
}

function rangeOf(node: AstNode): { start: number; end: number } {
  return { start: node.start ?? 0, end: node.end ?? node.start ?? 0 }
}

/**
 * Run on a type-checked tree, without recursion (deep trees are legal): installs RE2 for `string.matches`,
 * and returns the first regex literal cel-go would refuse.
 */
export function prepareRegexes(root: unknown): RegexLiteralIssue | undefined {
  const stack: unknown[] = [root]
  let found: RegexLiteralIssue | undefined
  while (stack.length) {
    const item = stack.pop()
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push(item[i])
      continue
    }
    if (!isNode(item)) continue
    if (item.op === '+' && item.handle) item.handle = chargeConcatenation(item.handle as never) as never
    const args = item.args
    if (Array.isArray(args)) {
      const name = args[0]
      const callArgs = item.op === 'rcall' ? (args[2] as AstNode[]) : item.op === 'call' ? (args[1] as AstNode[]) : []
      if ((item.op === 'rcall' || item.op === 'call') && Array.isArray(callArgs)) {
        if (item.op === 'rcall' && name === 'matches' && item.handle) item.handle = re2Matches(item.handle)
        if (name === 'matches' && badLiteral(callArgs[0]) !== undefined) {
          const issue: RegexLiteralIssue = { stage: 'validation', message: 'invalid matches argument', range: rangeOf(callArgs[0]!) }
          if (!found || found.stage === 'instantiation') found = issue
        }
        if (item.op === 'rcall' && (name === 'find' || name === 'findAll') && !found) {
          const error = badLiteral(callArgs[0])
          if (error !== undefined) found = { stage: 'instantiation', message: error, range: rangeOf(callArgs[0]!) }
        }
      }
      for (let i = args.length - 1; i >= 0; i--) stack.push(args[i])
    } else if (isNode(args)) stack.push(args)
    else if (args && typeof args === 'object') stack.push(...Object.values(args as object))
  }
  return found
}
