// MutatingAdmissionPolicy's typed object construction in CEL, which the underlying library does not parse.

/**
 * CEL object construction (`Object{metadata: Object.metadata{labels: {...}}}`, `JSONPatch{op: "add", ...}`)
 * rewritten as map literals with quoted field names, which the underlying CEL library evaluates.
 */
export function rewriteTypedLiterals(expr: string): string {
  let out = ''
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
      out += expr.slice(i, j + q.length)
      i = j + q.length
      fieldPos = false
      continue
    }
    const m = ident.exec(expr.slice(i))
    if (m) {
      const typed = /^(?:Object|JSONPatch)(?:\.[A-Za-z_][A-Za-z0-9_]*)*\s*\{/.exec(expr.slice(i))
      if (typed && (i === 0 || !/[\w.]/.test(expr[i - 1]!))) {
        out += '{'
        stack.push('s')
        fieldPos = true
        i += typed[0].length
        continue
      }
      if (fieldPos && stack.at(-1) === 's' && /^\s*:/.test(expr.slice(i + m[0].length))) out += `"${m[0]}"`
      else out += m[0]
      i += m[0].length
      fieldPos = false
      continue
    }
    if (c === '{' || c === '(' || c === '[') stack.push(c === '{' ? 'm' : c)
    else if (c === '}' || c === ')' || c === ']') stack.pop()
    if (c === ',' && stack.at(-1) === 's') fieldPos = true
    else if (!/\s/.test(c)) fieldPos = false
    out += c
    i++
  }
  return out
}
