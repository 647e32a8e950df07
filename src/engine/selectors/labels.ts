// Label selectors as k8s.io/apimachinery/pkg/labels parses them from `?labelSelector=`: a small lexer and a
// recursive-descent parser whose error strings are the ones kube-apiserver returns in the 400 body. The same
// requirements also come from a metav1.LabelSelector (matchLabels, matchExpressions) for the controllers.
import { isQualifiedName, isValidLabelValue } from '../registry/validation/names'
import { renderBadValue } from '../status'

export type LabelOperator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt'

export interface LabelRequirement {
  key: string
  operator: LabelOperator
  values: string[]
}

export type LabelSelector = LabelRequirement[]

export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; error: string }

// Tokens the lexer knows; identifiers are everything else between whitespace and special symbols.
type Token =
  'error' | 'end' | ')' | ',' | '!' | '==' | '=' | '>' | 'identifier' | 'in' | '<' | '!=' | 'notin' | '('

const LITERAL_TOKENS: Record<string, Token> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
}

// The order Go lists binaryOperators in, which is what "expected: ..." prints.
const BINARY_OPERATORS = ['in', 'notin', '=', '==', '!=', 'gt', 'lt']

const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n'
const isSpecial = (ch: string) => '=!(),><'.includes(ch)

interface Item {
  tok: Token
  lit: string
}

function lex(input: string): Item[] {
  // Go's lexer works on bytes; a JS string of the same text indexes the same way for ASCII selectors.
  const items: Item[] = []
  let pos = 0
  const read = () => (pos < input.length ? input[pos++]! : '')
  for (;;) {
    let ch = read()
    while (ch !== '' && isWhitespace(ch)) ch = read()
    if (ch === '') {
      items.push({ tok: 'end', lit: '' })
      return items
    }
    pos--
    if (isSpecial(ch)) {
      let buffer = ''
      let last: Item | undefined
      for (;;) {
        const c = read()
        if (c === '') break
        if (!isSpecial(c)) {
          pos--
          break
        }
        buffer += c
        const tok = LITERAL_TOKENS[buffer]
        if (tok) last = { tok, lit: buffer }
        else if (last) {
          pos--
          break
        }
      }
      items.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buffer}'` })
      continue
    }
    let buffer = ''
    for (;;) {
      const c = read()
      if (c === '') break
      if (isSpecial(c) || isWhitespace(c)) {
        pos--
        break
      }
      buffer += c
    }
    const keyword = LITERAL_TOKENS[buffer]
    items.push({ tok: keyword ?? 'identifier', lit: buffer })
  }
}

class SelectorError extends Error {}

/** field.Error.Error() for an Invalid error; a nil path prints as "<nil>", as Go's field.Path does. */
function invalidValue(path: string, value: unknown, detail: string): string {
  return `${path}: Invalid value: ${renderBadValue(value)}: ${detail}`
}

function parser(input: string) {
  const items = lex(input)
  let position = 0
  // In a values context the keywords `in` and `notin` are plain identifiers ("x in (in)").
  const asValue = (item: Item): Item =>
    item.tok === 'in' || item.tok === 'notin' ? { tok: 'identifier', lit: item.lit } : item
  const lookahead = (values: boolean) => (values ? asValue(items[position]!) : items[position]!)
  const consume = (values: boolean) => {
    const item = items[position++]!
    return values ? asValue(item) : item
  }

  function keyErrors(key: string, path: string): string | undefined {
    const errs = isQualifiedName(key)
    return errs.length ? invalidValue(path, key, errs.join('; ')) : undefined
  }

  /** labels.NewRequirement: every rule it checks, aggregated as utilerrors prints them. */
  function newRequirement(key: string, operator: LabelOperator, values: string[]): LabelRequirement {
    const errs: string[] = []
    const keyErr = keyErrors(key, 'key')
    if (keyErr) errs.push(keyErr)
    const goList = renderBadValue(values)
    if ((operator === 'in' || operator === 'notin') && values.length === 0)
      errs.push(`values: Invalid value: ${goList}: for 'in', 'notin' operators, values set can't be empty`)
    if ((operator === '=' || operator === '==' || operator === '!=') && values.length !== 1)
      errs.push(`values: Invalid value: ${goList}: exact-match compatibility requires one single value`)
    if (operator === 'gt' || operator === 'lt') {
      if (values.length !== 1)
        errs.push(`values: Invalid value: ${goList}: for 'Gt', 'Lt' operators, exactly one value is required`)
      values.forEach((v, i) => {
        if (!/^[+-]?\d+$/.test(v))
          errs.push(invalidValue(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"))
      })
    }
    values.forEach((v, i) => {
      const valueErrs = isValidLabelValue(v)
      if (valueErrs.length) errs.push(invalidValue(`values[${i}][${key}]`, v, valueErrs.join('; ')))
    })
    if (errs.length) {
      const unique = [...new Set(errs)]
      throw new SelectorError(unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`)
    }
    return { key, operator, values }
  }

  function parseKeyAndInferOperator(): { key: string; operator?: LabelOperator } {
    let operator: LabelOperator | undefined
    let item = consume(true)
    if (item.tok === '!') {
      operator = '!'
      item = consume(true)
    }
    if (item.tok !== 'identifier') throw new SelectorError(`found '${item.lit}', expected: identifier`)
    const keyErr = keyErrors(item.lit, '<nil>')
    if (keyErr) throw new SelectorError(keyErr)
    const next = lookahead(true).tok
    if ((next === 'end' || next === ',') && operator !== '!') operator = 'exists'
    return { key: item.lit, operator }
  }

  function parseOperator(): LabelOperator {
    const item = consume(false)
    const ops: Partial<Record<Token, LabelOperator>> = {
      in: 'in',
      '=': '=',
      '==': '==',
      '>': 'gt',
      '<': 'lt',
      notin: 'notin',
      '!=': '!=',
    }
    const op = ops[item.tok]
    if (!op) throw new SelectorError(`found '${item.lit}', expected: ${BINARY_OPERATORS.join(', ')}`)
    return op
  }

  function parseIdentifiersList(): Set<string> {
    const set = new Set<string>()
    for (;;) {
      const item = consume(true)
      if (item.tok === 'identifier') {
        set.add(item.lit)
        const next = lookahead(true)
        if (next.tok === ',') continue
        if (next.tok === ')') return set
        throw new SelectorError(`found '${next.lit}', expected: ',' or ')'`)
      }
      if (item.tok === ',') {
        if (set.size === 0) set.add('')
        const next = lookahead(true).tok
        if (next === ')') {
          set.add('')
          return set
        }
        if (next === ',') set.add('')
        continue
      }
      throw new SelectorError(`found '${item.lit}', expected: ',', or identifier`)
    }
  }

  function parseValues(): Set<string> {
    const open = consume(true)
    if (open.tok !== '(') throw new SelectorError(`found '${open.lit}' expected: '('`)
    const next = lookahead(true)
    if (next.tok === 'identifier' || next.tok === ',') {
      const set = parseIdentifiersList()
      if (consume(true).tok !== ')') throw new SelectorError(`found '${next.lit}', expected: ')'`)
      return set
    }
    if (next.tok === ')') {
      consume(true)
      return new Set([''])
    }
    throw new SelectorError(`found '${next.lit}', expected: ',', ')' or identifier`)
  }

  function parseExactValue(): Set<string> {
    const next = lookahead(true).tok
    if (next === 'end' || next === ',') return new Set([''])
    const item = consume(true)
    if (item.tok === 'identifier') return new Set([item.lit])
    throw new SelectorError(`found '${item.lit}', expected: identifier`)
  }

  function parseRequirement(): LabelRequirement {
    const { key, operator: inferred } = parseKeyAndInferOperator()
    if (inferred === 'exists' || inferred === '!') return newRequirement(key, inferred, [])
    const operator = parseOperator()
    const values = operator === 'in' || operator === 'notin' ? parseValues() : parseExactValue()
    // sets.String.List() sorts the values.
    return newRequirement(key, operator, [...values].sort())
  }

  return function parse(): LabelSelector {
    const requirements: LabelSelector = []
    for (;;) {
      const item = lookahead(true)
      if (item.tok === 'identifier' || item.tok === '!') {
        try {
          requirements.push(parseRequirement())
        } catch (error) {
          if (error instanceof SelectorError)
            throw new SelectorError(`unable to parse requirement: ${error.message}`)
          throw error
        }
        const after = consume(true)
        if (after.tok === 'end') return requirements
        if (after.tok === ',') {
          const next = lookahead(true)
          if (next.tok !== 'identifier' && next.tok !== '!')
            throw new SelectorError(`found '${next.lit}', expected: identifier after ','`)
          continue
        }
        throw new SelectorError(`found '${after.lit}', expected: ',' or 'end of string'`)
      }
      if (item.tok === 'end') return requirements
      throw new SelectorError(`found '${item.lit}', expected: !, identifier, or 'end of string'`)
    }
  }
}

/** labels.Parse: the requirements sorted by key (a stable sort, as Go's sort.Sort on few items behaves). */
export function parseLabelSelector(input: string): ParseOutcome<LabelSelector> {
  try {
    const requirements = parser(input)()
    return { ok: true, value: [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) }
  } catch (error) {
    if (error instanceof SelectorError) return { ok: false, error: error.message }
    throw error
  }
}

export function matchesLabels(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const set = labels ?? {}
  return selector.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(set, r.key)
    const value = has ? set[r.key]! : ''
    switch (r.operator) {
      case '=':
      case '==':
      case 'in':
        return has && r.values.includes(value)
      case '!=':
      case 'notin':
        return !has || !r.values.includes(value)
      case 'exists':
        return has
      case '!':
        return !has
      case 'gt':
      case 'lt': {
        if (!has || !/^[+-]?\d+$/.test(value)) return false
        const a = BigInt(value)
        const b = BigInt(r.values[0]!)
        return r.operator === 'gt' ? a > b : a < b
      }
    }
  })
}

/** Requirement.String(), joined by commas: how a selector prints back. */
export function labelSelectorString(selector: LabelSelector): string {
  return selector
    .map((r) => {
      if (r.operator === 'exists') return r.key
      if (r.operator === '!') return `!${r.key}`
      const values = [...r.values].sort().join(',')
      if (r.operator === 'in' || r.operator === 'notin') return `${r.key} ${r.operator} (${values})`
      const op = r.operator === 'gt' ? '>' : r.operator === 'lt' ? '<' : r.operator
      return `${r.key}${op}${values}`
    })
    .join(',')
}

/** A metav1.LabelSelector (matchLabels and matchExpressions) as the requirements it means. */
export interface MetaLabelSelector {
  matchLabels?: Record<string, string>
  matchExpressions?: { key: string; operator: string; values?: string[] }[]
}

/**
 * metav1.LabelSelectorAsSelector: an empty selector matches everything, a missing one nothing (undefined).
 * Controllers use it to find the Pods a ReplicaSet selects.
 */
export function fromMetaLabelSelector(selector: MetaLabelSelector | undefined): LabelSelector | undefined {
  if (!selector) return undefined
  const requirements: LabelSelector = []
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    requirements.push({ key, operator: '=', values: [value] })
  const ops: Record<string, LabelOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' }
  for (const expr of selector.matchExpressions ?? []) {
    const operator = ops[expr.operator]
    if (operator) requirements.push({ key: expr.key, operator, values: [...(expr.values ?? [])] })
  }
  return requirements
}
