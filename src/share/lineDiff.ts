// A line diff small enough to put in a link: an edited example travels as the changes to its bundled text.
//
// An edit script is a list of steps applied to the base's lines in order: a positive integer copies that many
// lines, a negative one skips (deletes) that many, a string inserts one line. Lines after the last step are copied.

export type EditScript = (number | string)[]

// The longest-common-subsequence table is (n+1)×(m+1) cells; above this the middle is sent as one replacement.
const MAX_TABLE_CELLS = 250_000

export function diffLines(base: string, text: string): EditScript {
  const a = base.split('\n')
  const b = text.split('\n')
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++
  const midA = a.slice(head, a.length - tail)
  const midB = b.slice(head, b.length - tail)
  const script: EditScript = []
  const push = (step: number | string) => {
    const last = script[script.length - 1]
    if (typeof step === 'number' && typeof last === 'number' && Math.sign(step) === Math.sign(last))
      script[script.length - 1] = last + step
    else script.push(step)
  }
  if (head) push(head)
  if ((midA.length + 1) * (midB.length + 1) > MAX_TABLE_CELLS) {
    if (midA.length) push(-midA.length)
    midB.forEach(push)
  } else {
    middleScript(midA, midB).forEach(push)
  }
  // Trailing copies are implied.
  while (typeof script[script.length - 1] === 'number' && (script[script.length - 1] as number) > 0)
    script.pop()
  return script
}

function middleScript(a: string[], b: string[]): EditScript {
  const width = b.length + 1
  const lcs = new Uint32Array((a.length + 1) * width)
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i * width + j] =
        a[i] === b[j]
          ? lcs[(i + 1) * width + j + 1]! + 1
          : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!)
  const steps: EditScript = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      steps.push(1)
      i++
      j++
    } else if (i < a.length && (j === b.length || lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) {
      // Deletions before insertions: a changed line reads as "drop the old, add the new".
      steps.push(-1)
      i++
    } else {
      steps.push(b[j++]!)
    }
  }
  return steps
}

/** Applies a script from a link: null when it does not fit the base or its result would pass `maxLength`. */
export function applyLines(base: string, script: unknown, maxLength: number): string | null {
  if (!Array.isArray(script)) return null
  const a = base.split('\n')
  const out: string[] = []
  let length = 0
  let at = 0
  for (const step of script) {
    if (typeof step === 'string') {
      out.push(step)
      length += step.length + 1
    } else if (Number.isSafeInteger(step) && step !== 0) {
      const count = Math.abs(step as number)
      if (at + count > a.length) return null
      if ((step as number) > 0) {
        for (const line of a.slice(at, at + count)) {
          out.push(line)
          length += line.length + 1
        }
      }
      at += count
    } else {
      return null
    }
    if (length > maxLength + 1) return null
  }
  for (const line of a.slice(at)) {
    out.push(line)
    length += line.length + 1
  }
  return length > maxLength + 1 ? null : out.join('\n')
}
