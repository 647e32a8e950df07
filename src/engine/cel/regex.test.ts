// RE2 semantics for every CEL regex function, with Go's regexp errors as cel-go reports them
// (cel.ValidateRegexLiterals, library.FindRegexOptimization, types.String.Match).
import { describe, expect, it } from 'vitest'
import { compile, compileDetail, evaluate, toCel } from '.'

function run(expr: string, object: unknown = {}) {
  const c = compile(expr, { hasParams: false })
  if (!c.ok) return { compileError: c.issue.message, instantiation: c.issue.instantiation ?? false }
  return evaluate(c.program, { object: toCel(object) })
}

describe('RE2 regular expressions', () => {
  it.each<[string, unknown, unknown]>([
    ["'abc'.matches('^a.c$')", {}, true],
    ["'ABC'.matches('(?i)^abc$')", {}, true],
    ["matches('abc', 'b')", {}, true],
    ["'a1b22'.find('[0-9]+')", {}, '1'],
    ["'xyz'.find('[0-9]+')", {}, ''],
    ["'a1b22c333'.findAll('[0-9]+')", {}, ['1', '22', '333']],
    ["'a1b22c333'.findAll('[0-9]+', 2)", {}, ['1', '22']],
    ["'a1b22'.findAll('[0-9]+', 0)", {}, []],
    // Go's FindAll skips an empty match right after a previous match.
    ["'baaab'.findAll('a*')", {}, ['', 'aaa', '']],
    ["'héllo'.matches('^h\\\\pLllo$')", {}, true],
  ])('%s', (expr, object, want) => {
    const r = run(expr, object)
    expect(r).toMatchObject({ ok: true, value: want })
  })

  it('a backtracking pattern on a long input answers at once (RE2 is linear)', () => {
    const r = run("object.s.matches('^(a+)+$')", { s: 'a'.repeat(5000) + 'b' })
    expect(r).toMatchObject({ ok: true, value: false })
    const f = run("object.s.find('(a|aa)+$')", { s: 'a'.repeat(3000) + 'b' })
    expect(f).toMatchObject({ ok: true, value: '' })
  })

  it.each<[string, string]>([
    // cel.ValidateRegexLiterals: the literal is compiled after type-checking.
    [
      "'x'.matches('(a)\\\\1')",
      "ERROR: <input>:1:13: invalid matches argument\n | 'x'.matches('(a)\\\\1')\n | ............^",
    ],
    ["'x'.matches('(?=a)')", "ERROR: <input>:1:13: invalid matches argument\n | 'x'.matches('(?=a)')\n | ............^"],
    // The global form's argument 0 is the string, which the validator checks as if it were the pattern.
    ["matches('(', 'a')", "ERROR: <input>:1:9: invalid matches argument\n | matches('(', 'a')\n | ........^"],
  ])('%s is a compile error', (expr, message) => {
    expect(run(expr)).toEqual({ compileError: message, instantiation: false })
  })

  it.each<[string, string]>([
    ["'x'.find('(?<name>')", 'program instantiation failed: error parsing regexp: missing closing ): `(?<name>`'],
    ["'x'.findAll('a**')", 'program instantiation failed: error parsing regexp: invalid nested repetition operator: `**`'],
    ["'x'.matches('[a')", 'compilation failed: ERROR: <input>:1:13: invalid matches argument\n | \'x\'.matches(\'[a\')\n | ............^'],
  ])('%s when the policy is written', (expr, detail) => {
    expect(compileDetail(expr, { hasParams: false }, ['any'])).toBe(detail)
  })

  it.each<[string, string]>([
    // A pattern known only at run time fails at run time, in Go's words.
    ["'x'.matches(object.re)", 'error parsing regexp: invalid escape sequence: `\\1`'],
    ["'x'.find(object.re)", 'Illegal regex: error parsing regexp: invalid escape sequence: `\\1`'],
    ["'x'.findAll(object.re)", 'Illegal regex: error parsing regexp: invalid escape sequence: `\\1`'],
  ])('%s with a bad pattern at run time', (expr, error) => {
    expect(run(expr, { re: '(a)\\1' })).toMatchObject({ ok: false, error, costExceeded: false })
  })
})

describe('cost by size (interpreter/runtimecost.go, library/cost.go)', () => {
  it.each<[string, boolean]>([
    // Doubling a list with cel.bind-like nesting: each concatenation is charged by the size it builds.
    [
      "[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15].map(a, [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15].map(b, [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15].map(c, [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15].map(d, [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15].map(e, [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15].map(f, 0)))))).size() > 0",
      true,
    ],
    ["object.s + object.s + object.s + object.s + object.s == ''", true],
    ['object.s.contains(object.s)', true],
    ['object.s.size() > 0', false],
    ["'abc' + 'def' == 'abcdef'", false],
  ])('%s', (expr, exceeded) => {
    const r = run(expr, { s: 'x'.repeat(1_000_000) })
    if (exceeded) expect(r).toEqual({ ok: false, error: 'operation cancelled: actual cost limit exceeded', costExceeded: true, cost: expect.any(Number) })
    else expect(r).toMatchObject({ ok: true, value: true })
  })

  it('a list doubled 24 times (16 million elements) stops at the limit instead of being built', () => {
    // l + l, 21 times over 8 elements, each step fed through a comprehension.
    const concat = "[[1,2,3,4,5,6,7,8]].map(l, l + l).map(l, l + l).map(l, l + l).map(l, l + l).map(l, l + l).map(l, l + l).map(l, l + l).map(l, l + l).map(l, l + l).map(l, l + l).map(l, l + l).map(l, l + l).map(l, l + l).map(l, l + l).map(l, l + l).map(l, l + l).map(l, l + l).map(l, l + l).map(l, l + l).map(l, l + l).map(l, l + l)[0].size()"
    const r = run(concat)
    expect(r).toMatchObject({ ok: false, error: 'operation cancelled: actual cost limit exceeded', costExceeded: true })
  })
})

describe('displayValue of a huge list', () => {
  it('shows the first 256 elements and how many more there are', async () => {
    const { displayValue } = await import('.')
    const shown = displayValue(Array.from({ length: 1000 }, (_, i) => BigInt(i))) as unknown[]
    expect(shown).toHaveLength(257)
    expect(shown[255]).toBe(255)
    expect(shown[256]).toBe('… 744 more')
  })
})
