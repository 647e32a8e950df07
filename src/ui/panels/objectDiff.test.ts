import { describe, expect, it } from 'vitest'
import { diffLines, foldDiff, toYaml } from './objectDiff'

describe('toYaml', () => {
  it('prints nested maps and lists as block YAML', () => {
    const lines = toYaml({
      kind: 'Pod',
      metadata: { name: 'web', labels: { 'app.kubernetes.io/name': 'web' } },
      spec: { containers: [{ name: 'a', image: 'nginx', ports: [{ containerPort: 80 }] }], tolerations: [] },
    })
    expect(lines).toEqual([
      'kind: Pod',
      'metadata:',
      '  name: web',
      '  labels:',
      '    app.kubernetes.io/name: web',
      'spec:',
      '  containers:',
      '  - name: a',
      '    image: nginx',
      '    ports:',
      '    - containerPort: 80',
      '  tolerations: []',
    ])
  })

  it('quotes strings that YAML would read as something else', () => {
    expect(toYaml({ a: 'true', b: '80', c: 'with space', d: 3 })).toEqual([
      'a: "true"',
      'b: "80"',
      'c: "with space"',
      'd: 3',
    ])
  })
})

describe('diffLines', () => {
  it('marks added and removed lines', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ])
  })

  it('folds unchanged lines far from changes', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`)
    const after = [...before.slice(0, 10), 'new', ...before.slice(10)]
    const folded = foldDiff(diffLines(before, after), 1)
    expect(folded.map((l) => l.kind)).toEqual(['gap', 'same', 'added', 'same', 'gap'])
  })
})
