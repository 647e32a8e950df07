import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyLines, diffLines } from './lineDiff'

const BASE =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n'

describe('diffLines', () => {
  it.each<[string, string, (number | string)[]]>([
    ['no change', BASE, []],
    ['one line changed', BASE.replace('1.27', '1.28'), [7, -1, '      image: nginx:1.28']],
    [
      'a line added',
      BASE.replace('  name: web\n', '  name: web\n  labels: {app: web}\n'),
      [4, '  labels: {app: web}'],
    ],
    ['a line removed', BASE.replace('kind: Pod\n', ''), [1, -1]],
    ['everything replaced', 'x', [-9, 'x']],
  ])('%s', (_what, text, script) => {
    expect(diffLines(BASE, text)).toEqual(script)
    expect(applyLines(BASE, script, 1000)).toBe(text)
  })

  it('applyLines(base, diffLines(base, text)) is text, for any texts', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', '', '  d: 1', '\r', 'é'), { maxLength: 30 })
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const [base, text] = [a.join('\n'), b.join('\n')]
        expect(applyLines(base, diffLines(base, text), 10_000)).toBe(text)
      }),
      { numRuns: 500 },
    )
  }, 30_000)

  it('sends one replacement when the middle is too large to compare line by line', () => {
    const base = Array.from({ length: 1000 }, (_, i) => `a${i}`).join('\n')
    const text = Array.from({ length: 1000 }, (_, i) => `b${i}`).join('\n')
    const script = diffLines(base, text)
    expect(script[0]).toBe(-1000)
    expect(applyLines(base, script, 100_000)).toBe(text)
  })
})

describe('applyLines refuses a script from a hostile link', () => {
  it.each<[string, unknown]>([
    ['not a list', { 0: 1 }],
    ['copying past the end', [100]],
    ['skipping past the end', [-100]],
    ['a zero step', [0]],
    ['a fraction', [1.5]],
    ['an object step', [{}]],
    ['null', [null]],
  ])('%s', (_what, script) => {
    expect(applyLines(BASE, script, 1000)).toBeNull()
  })

  it('a result over the length limit', () => {
    expect(applyLines(BASE, ['x'.repeat(2000)], 1000)).toBeNull()
    expect(applyLines(BASE, Array(600).fill('xx'), 1000)).toBeNull()
  })
})
