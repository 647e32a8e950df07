// The CEL environment: Kubernetes libraries, ints as BigInt, cel-go-worded compile errors with positions,
// and the runtime cost limit that stops runaway expressions quickly.
import { describe, expect, it } from 'vitest'
import { compile, compileDetail, COST_LIMIT_EXCEEDED, displayValue, evaluate, fromCel, toCel } from './index'
import { rewriteTypedLiterals } from './typedLiterals'

const deployment = {
  metadata: { name: 'web', labels: { team: 'a' } },
  spec: { replicas: 3, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
}

function run(
  expr: string,
  vars: Record<string, unknown> = { object: deployment },
  hasParams = false,
): unknown {
  const c = compile(expr, { hasParams })
  if (!c.ok) throw new Error(c.issue.message)
  const r = evaluate(c.program, toCel(vars) as Record<string, unknown>)
  if (!r.ok) throw new Error(r.error)
  return r.value
}

describe('evaluation with the Kubernetes libraries', () => {
  it.each<[string, unknown]>([
    ['object.spec.replicas <= 5', true],
    ['type(object.spec.replicas) == int && object.spec.replicas / 2 == 1', true],
    ["has(object.metadata.labels) && 'team' in object.metadata.labels", true],
    ["object.spec.template.spec.containers.all(c, c.image.startsWith('nginx'))", true],
    ["quantity('1Gi').isGreaterThan(quantity('1000Mi'))", true],
    ["quantity('500m').compareTo(quantity('0.5'))", 0n],
    ["quantity('2k').asInteger()", 2000n],
    ["isQuantity('1.5Gi') && !isQuantity('1.5 Gi')", true],
    ["quantity('100m').add(quantity('400m')).isInteger()", false],
    ["url('https://example.com:8443/a/b?x=1').getHost()", 'example.com:8443'],
    ["url('https://example.com:8443/a/b?x=1').getScheme()", 'https'],
    ["isURL('https://example.com') && !isURL('example.com')", true],
    ["'abc 123 def 456'.find('[0-9]+')", '123'],
    ["'abc 123 def 456'.findAll('[0-9]+')", ['123', '456']],
    ['[1, 2, 3].isSorted() && ![3, 1].isSorted()', true],
    ['[1, 2, 3].sum()', 6n],
    ['[4, 2, 9].min() + [4, 2, 9].max()', 11n],
    ["['a', 'b', 'a'].indexOf('a') + ['a', 'b', 'a'].lastIndexOf('a')", 2n],
    [
      'sets.contains([1, 2, 3], [2, 3]) && sets.equivalent([1, 2], [2, 1]) && !sets.intersects([1], [2])',
      true,
    ],
    ["cidr('10.0.0.0/8').containsIP('10.1.2.3') && !cidr('10.0.0.0/8').containsIP(ip('192.168.0.1'))", true],
    ["ip('2001:db8::1').family() == 6 && isIP('10.0.0.1') && !isIP('10.0.0.01')", true],
    ["string(ip('2001:db8:0:0:0:0:0:1'))", '2001:db8::1'],
    ["cidr('192.168.1.0/24').prefixLength()", 24n],
    ["'%s has %d replicas'.format([object.metadata.name, object.spec.replicas])", 'web has 3 replicas'],
    ["'a-b-c'.replace('-', '.')", 'a.b.c'],
    ["cel.bind(n, object.metadata.name, n + '-' + n)", 'web-web'],
    ['object.?spec.?paused.orValue(false)', false],
  ])('%s', (expr, want) => {
    expect(run(expr)).toEqual(want)
  })

  it('converts integers to int and back', () => {
    expect(toCel({ a: 1, b: 1.5, c: [2] })).toEqual({ a: 1n, b: 1.5, c: [2n] })
    expect(fromCel({ a: 1n, c: [2n] })).toEqual({ a: 1, c: [2] })
  })

  it('words runtime errors as cel-go does', () => {
    expect(() => run('object.spec.paused == true')).toThrow('no such key: paused')
  })
})

describe('compile errors: cel-go text and offset ranges', () => {
  it.each<[string, boolean, string, { start: number; end: number }]>([
    [
      'object.spec.replicas <= params.max',
      false,
      "ERROR: <input>:1:25: undeclared reference to 'params' (in container '')\n | object.spec.replicas <= params.max\n | ........................^",
      { start: 24, end: 30 },
    ],
    [
      "object.spec.replicas <= '5' + 1",
      false,
      "ERROR: <input>:1:29: found no matching overload for '_+_' applied to '(string, int)'\n | object.spec.replicas <= '5' + 1\n | ............................^",
      { start: 24, end: 31 },
    ],
    [
      'size(1) > 0',
      false,
      "ERROR: <input>:1:5: found no matching overload for 'size' applied to '(int)'\n | size(1) > 0\n | ....^",
      { start: 0, end: 7 },
    ],
    [
      'object.spec.replicas <= ',
      false,
      "ERROR: <input>:1:25: Syntax error: mismatched input '<EOF>' expecting {'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}\n | object.spec.replicas <= \n | ........................^",
      { start: 24, end: 24 },
    ],
  ])('%s', (expr, hasParams, message, range) => {
    const c = compile(expr, { hasParams })
    expect(c.ok).toBe(false)
    if (c.ok) return
    expect(c.issue.message).toBe(message)
    expect(c.issue.range).toEqual(range)
  })

  it('params is declared only with a paramKind', () => {
    expect(compile('object.spec.replicas <= params.max', { hasParams: true }).ok).toBe(true)
  })

  it('checks the return type', () => {
    expect(compileDetail('object.spec.replicas', { hasParams: false }, ['bool'])).toBe(
      'must evaluate to bool but got dyn',
    )
    expect(compileDetail("'x'", { hasParams: false }, ['bool'])).toBe('must evaluate to bool but got string')
    expect(compileDetail('1 < 2', { hasParams: false }, ['bool'])).toBeUndefined()
  })
})

describe('the cost limit', () => {
  it('stops a runaway expression at the per-call limit, quickly', () => {
    const c = compile(
      'cel.bind(l, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], l.all(a, l.all(b, l.all(c, l.all(d, l.all(e, l.all(f, a + b + c + d + e + f >= 0)))))))',
      { hasParams: false },
    )
    if (!c.ok) throw new Error(c.issue.message)
    const r = evaluate(c.program, {})
    expect(r).toMatchObject({ ok: false, error: COST_LIMIT_EXCEEDED, costExceeded: true })
  })

  it('reports the limit even when a quantifier would swallow the error', () => {
    const c = compile('[1, 2, 3].exists(x, x > 5) || [1, 2].all(y, y > 0)', { hasParams: false })
    if (!c.ok) throw new Error(c.issue.message)
    expect(evaluate(c.program, {}, 5)).toMatchObject({ ok: false, costExceeded: true })
    expect(evaluate(c.program, {})).toMatchObject({ ok: true, value: true })
  })
})

describe('typed object construction (MutatingAdmissionPolicy)', () => {
  it.each([
    ['Object{metadata: Object.metadata{labels: {"a": "b"}}}', '{"metadata": {"labels": {"a": "b"}}}'],
    ['[JSONPatch{op: "add", path: "/x", value: 1}]', '[{"op": "add", "path": "/x", "value": 1}]'],
    ['{"k": Object.spec{x: "Object{"}}', '{"k": {"x": "Object{"}}'],
  ])('%s', (input, output) => {
    expect(rewriteTypedLiterals(input)).toBe(output)
  })
})

describe('errors in typed object construction point into the expression as written', () => {
  it.each([
    [
      'Object{metadata: Object.metadata{labels: {"a": params.x}}}',
      "ERROR: <input>:1:48: undeclared reference to 'params' (in container '')\n | Object{metadata: Object.metadata{labels: {\"a\": params.x}}}\n | ...............................................^",
      { start: 47, end: 53 },
    ],
    [
      '[JSONPatch{op: "add", path: "/x", value: foo}]',
      'ERROR: <input>:1:42: undeclared reference to \'foo\' (in container \'\')\n | [JSONPatch{op: "add", path: "/x", value: foo}]\n | .........................................^',
      { start: 41, end: 44 },
    ],
  ])('%s', (expr, message, range) => {
    const c = compile(expr, { hasParams: false, patchTypes: true })
    expect(c.ok).toBe(false)
    if (c.ok) return
    expect(c.issue.message).toBe(message)
    expect(c.issue.range).toEqual(range)
    expect(expr.slice(range.start, range.end)).toMatch(/^(params|foo)$/)
  })
})

describe('displayValue', () => {
  it.each<[string, unknown]>([
    ['object.spec.replicas', 3],
    ["{'a': [1, 2.5, true, null]}", { a: [1, 2.5, true, null] }],
    ["quantity('1Gi')", '1Gi'],
    ['optional.none()', 'optional.none()'],
    ["optional.of('x')", 'x'],
    ["url('https://example.com/a')", 'https://example.com/a'],
    ["ip('10.0.0.1')", '10.0.0.1'],
    ["cidr('10.0.0.0/8')", '10.0.0.0/8'],
    ['9223372036854775807', '9223372036854775807'],
  ])('%s', (expr, want) => {
    const c = compile(expr, { hasParams: false })
    if (!c.ok) throw new Error(c.issue.message)
    const r = evaluate(c.program, { object: toCel({ spec: { replicas: 3 } }) })
    if (!r.ok) throw new Error(r.error)
    expect(displayValue(r.value)).toEqual(want)
  })
})
