// The runtime cost of an evaluation as cel-go's CostTracker charges it (interpreter/runtimecost.go, with
// Kubernetes' CostEstimator.CallCost in library/cost.go): one unit per evaluated node, plus, for the
// operations whose work grows with their input, a charge by the size of that input: string concatenation,
// comparisons of strings and lists, `in` over a list, regex matching, and the string functions. cel-go's list
// concatenation is a lazy view costing one unit; the engine's lists are materialised arrays, so it charges
// their concatenation like a string's (a tenth of a unit per element), which is what keeps a doubling list
// from allocating millions of elements before the limit stops it.
//
// The meter hooks Evaluator.prototype.run of @marcbachmann/cel-js, through which every AST node but the root
// is evaluated.
import { type Environment, EvaluationError } from '@marcbachmann/cel-js'

/** cel-go's error when an evaluation goes past its cost limit. */
export const COST_LIMIT_EXCEEDED = 'operation cancelled: actual cost limit exceeded'

/** common.StringTraversalCostFactor and common.RegexStringLengthCostFactor. */
const STRING_TRAVERSAL = 0.1
const REGEX_LENGTH = 0.25

export interface Meter {
  used: number
  limit: number
  exceeded: boolean
  /** The value each node last evaluated to, so a parent can be charged by its operands' sizes. */
  seen: WeakMap<object, unknown>
}

let meter: Meter | undefined

/** Runs `fn` with `m` as the active meter (evaluations nest: a variable read from inside another). */
export function withMeter<T>(m: Meter, fn: () => T): T {
  const outer = meter
  meter = m
  try {
    return fn()
  } finally {
    meter = outer
  }
}

export function newMeter(limit: number): Meter {
  return { used: 0, limit, exceeded: false, seen: new WeakMap() }
}

class CostLimitError extends EvaluationError {
  constructor() {
    super(COST_LIMIT_EXCEEDED)
  }
}

interface Node {
  op: string
  args: unknown
}

/** actualSize: code points of a string, elements of a list or map, 1 for anything else. */
function size(v: unknown): number {
  if (typeof v === 'string') {
    let n = v.length
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i)
      if (c >= 0xd800 && c <= 0xdbff) n--
    }
    return n
  }
  if (Array.isArray(v)) return v.length
  if (v instanceof Map) return v.size
  if (v instanceof Uint8Array) return v.length
  if (v && typeof v === 'object') return Object.keys(v).length
  return 1
}

const traversal = (n: number, factor = STRING_TRAVERSAL) => Math.ceil(n * factor)

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>='])
const ONE_PASS = new Set(['startsWith', 'endsWith', 'lowerAscii', 'upperAscii', 'trim', 'substring', 'url'])

/** The size-dependent part of a node's cost; the node's own unit is charged separately. */
function sizeCost(node: Node, result: unknown, seen: WeakMap<object, unknown>): number {
  const operands = (): unknown[] => {
    if (node.op === 'rcall') {
      const [, receiver, args] = node.args as [string, object, object[]]
      return [seen.get(receiver), ...args.map((a) => seen.get(a))]
    }
    return (node.args as object[]).map((a) => seen.get(a))
  }
  // Concatenation is charged before it runs (chargeConcatenation), so a huge result is never built.
  if (node.op === '+') return 0
  if (COMPARISONS.has(node.op)) {
    const [l, r] = operands()
    return traversal(Math.min(size(l), size(r)))
  }
  if (node.op === 'in') {
    const [, r] = operands()
    return Array.isArray(r) ? r.length : 0
  }
  if (node.op !== 'rcall') return 0
  const name = (node.args as [string])[0]
  if (ONE_PASS.has(name)) return traversal(size(operands()[0]))
  switch (name) {
    case 'matches':
    case 'find':
    case 'findAll': {
      const [s, re] = operands()
      return traversal(1 + size(s)) * traversal(size(re), REGEX_LENGTH)
    }
    case 'contains': {
      const [s, sub] = operands()
      return traversal(size(s)) * traversal(size(sub))
    }
    case 'replace':
    case 'split':
      return traversal(size(operands()[0]), 2 * STRING_TRAVERSAL)
    case 'join':
      return traversal(size(result), 2 * STRING_TRAVERSAL)
    default:
      return 0
  }
}

function charge(m: Meter, units: number): void {
  m.used += units
  if (m.used > m.limit) {
    m.exceeded = true
    throw new CostLimitError()
  }
}

type Run = (this: unknown, ast: Node, ctx: unknown) => unknown

/** Records what a node evaluated to and charges its size-dependent cost. */
function chargeResult(m: Meter, ast: Node, result: unknown): void {
  m.seen.set(ast, result)
  const extra = sizeCost(ast, result, m.seen)
  if (extra > 1) charge(m, extra - 1)
}

/**
 * The evaluator runs the root node directly, not through run: its unit and size cost are charged here once
 * the value is known. Returns false when that passes the limit.
 */
export function chargeRoot(m: Meter, root: object, result: unknown): boolean {
  try {
    if ((root as Node).op !== 'value') charge(m, 1)
    chargeResult(m, root as Node, result)
    return true
  } catch {
    return false
  }
}

/**
 * Installs the meter once on the evaluator's prototype, reached through `this` of a registered function
 * (handlers are called with the evaluator as `this`).
 */
export function installMeter(env: Environment): void {
  let evaluatorProto: object | undefined
  env.registerFunction('__celMeterProbe(): bool', function (this: object) {
    evaluatorProto = Object.getPrototypeOf(this) as object
    return true
  })
  env.evaluate('__celMeterProbe()', {})
  const proto = evaluatorProto as { run: Run; __metered?: boolean }
  if (proto.__metered) return
  const run = proto.run
  proto.run = function (this: unknown, ast: Node, ctx: unknown) {
    const m = meter
    if (m) {
      if (m.exceeded) throw new CostLimitError()
      // common.ConstCost: a literal costs nothing; every other node one unit.
      if (ast.op !== 'value') charge(m, 1)
    }
    const result = run.call(this, ast, ctx)
    if (m) chargeResult(m, ast, result)
    return result
  }
  proto.__metered = true
}

type BinaryHandle = (l: unknown, r: unknown, ast: unknown, ev: unknown) => unknown

/**
 * AddString (and, in the engine, list concatenation) costs a tenth of a unit per element of its operands:
 * charged from the operands, before the result is allocated.
 */
export function chargeConcatenation(original: BinaryHandle): BinaryHandle {
  return (l, r, ast, ev) => {
    const m = meter
    if (m && ((typeof l === 'string' && typeof r === 'string') || (Array.isArray(l) && Array.isArray(r)))) {
      const units = traversal(size(l) + size(r))
      if (units > 1) charge(m, units - 1)
    }
    return original(l, r, ast, ev)
  }
}
