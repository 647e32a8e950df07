// MutatingAdmissionPolicy's typed object construction in CEL, which the underlying library does not parse.

/** The rewritten text, and for each of its characters the offset of the character it came from. */
export interface RewrittenExpression {
  text: string
  origins: number[]
}

/**
 * CEL object construction (`Object{metadata: Object.metadata{labels: {...}}}`, `JSONPatch{op: "add", ...}`)
 * rewritten as map literals with quoted field names, which the underlying CEL library evaluates.
 */
export function rewriteTypedLiterals(expr: string): string {
  return rewriteTypedLiteralsMapped(expr).text
}

/**
 * rewriteTypedLiterals, keeping where each character came from: errors found in the rewritten text must
 * point into the expression the learner wrote.
 */
export function rewriteTypedLiteralsMapped(expr: string): RewrittenExpression {
  let out = ''
  const origins: number[] = []
  const emit = (s: string, from: number | ((k: number) => number)) => {
    for (let k = 0; k < s.length; k++) origins.push(typeof from === 'number' ? from : from(k))
    out += s
  }
  const stack: string[] = []
  let fieldPos = false
  let i = 0
  const ident = /^[A-Za-z_][A-Za-z0-9_]*/
  while (i < expr.length) {
    const c = expr[i]!
    if (c === '"' || c === "'") {
      const triple = expr.startsWith(c.repeat(3), i)
      const q = triple ? c.repeat(3) : c
      let j = i + q.length
      while (j < expr.length && !expr.startsWith(q, j)) j += expr[j] === '\\' ? 2 : 1
      const start = i
      emit(expr.slice(i, j + q.length), (k) => start + k)
      i = j + q.length
      fieldPos = false
      continue
    }
    const m = ident.exec(expr.slice(i))
    if (m) {
      const typed = /^(?:Object|JSONPatch)(?:\.[A-Za-z_][A-Za-z0-9_]*)*\s*\{/.exec(expr.slice(i))
      if (typed && (i === 0 || !/[\w.]/.test(expr[i - 1]!))) {
        // The brace stands for the whole `Object.metadata{`, so a range over the literal starts at its type.
        emit('{', i)
        stack.push('s')
        fieldPos = true
        i += typed[0].length
        continue
      }
      const start = i
      if (fieldPos && stack.at(-1) === 's' && /^\s*:/.test(expr.slice(i + m[0].length))) {
        emit('"', start)
        emit(m[0], (k) => start + k)
        emit('"', start + m[0].length - 1)
      } else emit(m[0], (k) => start + k)
      i += m[0].length
      fieldPos = false
      continue
    }
    if (c === '{' || c === '(' || c === '[') stack.push(c === '{' ? 'm' : c)
    else if (c === '}' || c === ')' || c === ']') stack.pop()
    if (c === ',' && stack.at(-1) === 's') fieldPos = true
    else if (!/\s/.test(c)) fieldPos = false
    emit(c, i)
    i++
  }
  return { text: out, origins }
}

/** A [start, end) range of the rewritten text as a range of the original expression. */
export function originalRange(
  rewritten: RewrittenExpression,
  range: { start: number; end: number },
  originalLength: number,
): { start: number; end: number } {
  const at = (offset: number) =>
    offset < rewritten.origins.length ? rewritten.origins[offset]! : originalLength
  const start = at(range.start)
  const end = range.end > range.start ? at(range.end - 1) + 1 : start
  return { start, end: Math.max(start, end) }
}
