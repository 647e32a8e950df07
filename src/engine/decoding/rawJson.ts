// JSON as Go's decoder reads it: JSON.parse keeps only the last of two equal keys and turns `1.0` into 1, but Go
// sees every key in document order (so it can report `duplicate field`) and each number's literal text (so `1.0`
// for an int32 fails). This parser keeps both; it returns undefined for text that is not JSON, which the caller
// has already rejected with Go's syntax error wording.

/** An object with its keys in document order, duplicates included. */
export class RawObject {
  readonly keys: string[] = []
  readonly values: unknown[] = []
}

/** A number with the literal text Go's strconv functions see. */
export class RawNumber {
  readonly text: string
  constructor(text: string) {
    this.text = text
  }
}

class SyntaxFailure extends Error {}

export function parseRawJson(text: string): unknown {
  let i = 0
  const fail = (): never => {
    throw new SyntaxFailure()
  }
  const space = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i)
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break
      i++
    }
  }
  const string = (): string => {
    const start = i
    i++
    let escaped = false
    while (i < text.length) {
      const c = text[i]
      if (c === '"') break
      if (c === '\\') {
        escaped = true
        i++
      }
      i++
    }
    if (i >= text.length) fail()
    i++
    // Only strings with escapes need decoding; JSON.parse does that exactly as JSON defines it.
    return escaped ? (JSON.parse(text.slice(start, i)) as string) : text.slice(start + 1, i - 1)
  }
  const value = (): unknown => {
    space()
    const c = text[i]
    if (c === '{') {
      i++
      const obj = new RawObject()
      space()
      if (text[i] === '}') {
        i++
        return obj
      }
      for (;;) {
        space()
        if (text[i] !== '"') fail()
        obj.keys.push(string())
        space()
        if (text[i] !== ':') fail()
        i++
        obj.values.push(value())
        space()
        if (text[i] === ',') i++
        else if (text[i] === '}') {
          i++
          return obj
        } else fail()
      }
    }
    if (c === '[') {
      i++
      const arr: unknown[] = []
      space()
      if (text[i] === ']') {
        i++
        return arr
      }
      for (;;) {
        arr.push(value())
        space()
        if (text[i] === ',') i++
        else if (text[i] === ']') {
          i++
          return arr
        } else fail()
      }
    }
    if (c === '"') return string()
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length
        return v
      }
    }
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
    m.lastIndex = i
    const num = m.exec(text)
    if (!num) return fail()
    i += num[0].length
    return new RawNumber(num[0])
  }
  try {
    const v = value()
    space()
    return i === text.length ? v : undefined
  } catch (error) {
    if (error instanceof SyntaxFailure || error instanceof SyntaxError) return undefined
    throw error
  }
}

/**
 * Every key that appears twice in the same JSON object, as the path kube-apiserver puts in `duplicate field "..."`
 * (`metadata.name`, `spec.containers[0].name`), in the order the second occurrences appear, each once. This is
 * schema-blind: inside a field the server does not know it reports nothing, which checkFields with `jsonText`
 * gets right; use this where no schema applies.
 */
export function findDuplicateFields(jsonText: string): string[] {
  const root = parseRawJson(jsonText)
  const found: string[] = []
  const seen = new Set<string>()
  const walk = (v: unknown, path: string) => {
    if (v instanceof RawObject) {
      const keys = new Set<string>()
      for (let k = 0; k < v.keys.length; k++) {
        const key = v.keys[k]!
        const child = path ? `${path}.${key}` : key
        if (keys.has(key)) {
          if (!seen.has(child)) {
            seen.add(child)
            found.push(child)
          }
        } else keys.add(key)
        walk(v.values[k], child)
      }
    } else if (Array.isArray(v)) {
      for (let k = 0; k < v.length; k++) walk(v[k], `${path}[${k}]`)
    }
  }
  walk(root, '')
  return found
}
