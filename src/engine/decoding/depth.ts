// Nesting limits, so that no walk over a request body can exhaust the JavaScript stack. Go's JSON scanner
// (encoding/json, and sigs.k8s.io/json built on it) refuses a document nested more than 10,000 levels deep
// while it scans, before anything is decoded: `invalid character '[' exceeded max depth`. Both checks here
// are iterative.
//
// The engine's own walks (strict decoding, managedFields, diffs, the YAML library) recurse, and a JavaScript
// stack holds fewer frames than Go's goroutine stacks grow to, so the engine draws the line at 1,000 levels
// with the scanner's message: a simplification, since kube-apiserver accepts up to 10,000.

/** maxNestingDepth in encoding/json's scanner. */
export const GO_MAX_NESTING_DEPTH = 10_000
/** Where the engine refuses nesting, with the same message. */
export const MAX_NESTING_DEPTH = 1_000

/** The scanner's error for JSON text nested too deeply, or undefined. Strings are skipped, escapes included. */
export function jsonDepthError(text: string, limit = MAX_NESTING_DEPTH): string | undefined {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') inString = true
    else if (c === '{' || c === '[') {
      if (++depth > limit) return `invalid character '${c}' exceeded max depth`
    } else if (c === '}' || c === ']') depth--
  }
  return undefined
}

/** The depth of a parsed value (a YAML body's, once converted), without recursion. */
export function valueDepth(value: unknown, limit = MAX_NESTING_DEPTH): number {
  let max = 0
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length) {
    const [node, depth] = stack.pop()!
    if (!node || typeof node !== 'object') continue
    const d = depth + 1
    if (d > max) max = d
    if (max > limit) return max
    for (const child of Object.values(node)) if (child && typeof child === 'object') stack.push([child, d])
  }
  return max
}
