import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import type { KubectlResult } from '../engine/scenario/types'
import { markersForResults, syntaxMarkers, toPath, valueOffsets, type EditorMarker } from './markers'
import { createWorkerState, dispatch } from './protocol'

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
spec:
  containers:
    - name: a
      image: nginx
    - name: b
      image: ""
`

function invalid(causes: { field: string; message?: string }[], documentIndex = 0): KubectlResult {
  return {
    name: 'web',
    calls: [],
    request: { method: 'POST', path: '/api/v1/namespaces/default/pods', user: null },
    response: {
      code: 422,
      headers: {},
      warnings: [],
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Pod "web" is invalid',
        reason: 'Invalid',
        details: { causes: causes.map((c) => ({ reason: 'FieldValueRequired', ...c })) },
        code: 422,
      },
    },
    stoppedAt: 'validation',
    kubectl: '',
    commandLine: '',
    documentIndex,
  }
}

describe('toPath', () => {
  it.each([
    ['spec.containers[1].image', ['spec', 'containers', 1, 'image']],
    ['metadata.labels[app.kubernetes.io/name]', ['metadata', 'labels', 'app.kubernetes.io/name']],
    ['/spec/containers/0/image', ['spec', 'containers', 0, 'image']],
    ['metadata.name', ['metadata', 'name']],
  ])('%s', (field, path) => {
    expect(toPath(field)).toEqual(path)
  })
})

describe('markersForResults', () => {
  it('underlines the value of the offending field', () => {
    const [m] = markersForResults(POD, [
      invalid([{ field: 'spec.containers[1].image', message: 'Required value' }]),
    ])
    expect(m).toMatchObject({ startLine: 12, startColumn: 14, endLine: 12, endColumn: 16, severity: 'error' })
    expect(m!.message).toBe('spec.containers[1].image: Required value')
  })

  it('finds a label key that contains dots', () => {
    const [m] = markersForResults(POD, [invalid([{ field: 'metadata.labels[app.kubernetes.io/name]' }])])
    expect(m?.startLine).toBe(6)
  })

  it('falls back to the nearest existing ancestor for a missing field', () => {
    const [m] = markersForResults(POD, [invalid([{ field: 'spec.containers[0].ports[0].containerPort' }])])
    expect(m?.startLine).toBe(9)
  })

  it('uses the document the result came from', () => {
    const text = `${POD}---\n${POD}`
    const [m] = markersForResults(text, [invalid([{ field: 'spec.containers[1].image' }], 1)])
    expect(m?.startLine).toBe(12 + 13)
  })

  it('ignores responses that are not 422', () => {
    const ok = {
      ...invalid([{ field: 'spec' }]),
      response: { code: 201, headers: {}, warnings: [], body: {} },
    }
    expect(markersForResults(POD, [ok])).toEqual([])
  })
})

describe('syntaxMarkers', () => {
  it('reports a YAML syntax error with its position', () => {
    const markers = syntaxMarkers('kind: Pod\nmetadata:\n  name: [web\n')
    expect(markers.length).toBeGreaterThan(0)
    expect(markers[0]!.severity).toBe('error')
    expect(markers[0]!.startLine).toBeGreaterThanOrEqual(3)
  })

  it('is empty for valid YAML', () => {
    expect(syntaxMarkers(POD)).toEqual([])
  })
})

describe('CEL compile errors are underlined inside the expression', () => {
  const scenario = (name: string) =>
    readFileSync(new URL(`../scenarios/${name}.yaml`, import.meta.url), 'utf8')

  /** The manifest created through the worker, as the app does: the markers of its response. */
  function markersOf(manifest: string, scenarioName = '73-vap-type-error-and-cost-limit'): EditorMarker[] {
    const state = createWorkerState()
    dispatch(state, { type: 'load', text: scenario(scenarioName) })
    return dispatch(state, { type: 'run', request: { verb: 'create', manifest } }).markers
  }

  const where = (m: EditorMarker | undefined) => m && [m.startLine, m.startColumn, m.endLine, m.endColumn]

  /** The text a marker covers, to read the expectations more easily. */
  function covered(text: string, m: EditorMarker): string {
    const lines = text.split('\n')
    if (m.startLine === m.endLine) return lines[m.startLine - 1]!.slice(m.startColumn - 1, m.endColumn - 1)
    return [
      lines[m.startLine - 1]!.slice(m.startColumn - 1),
      ...lines.slice(m.startLine, m.endLine - 1),
      lines[m.endLine - 1]!.slice(0, m.endColumn - 1),
    ].join('\n')
  }

  const vap = (validations: string, extra = '') => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: max-replicas
spec:
  matchConstraints:
    resourceRules:
      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
${extra}  validations:
${validations}`

  it('a plain scalar: the undeclared `params` of scenario 73', () => {
    const text = vap('    - expression: object.spec.replicas <= params.maxReplicas\n')
    const [m] = markersOf(text)
    expect(where(m)).toEqual([10, 43, 10, 49])
    expect(covered(text, m!)).toBe('params')
    expect(m!.message).toContain("undeclared reference to 'params'")
  })

  it("a single-quoted scalar, after a doubled ''", () => {
    const text = vap("    - expression: 'object.metadata.name != ''web'' && params.on'\n")
    const [m] = markersOf(text)
    expect(where(m)).toEqual([10, 55, 10, 61])
    expect(covered(text, m!)).toBe('params')
  })

  it('a double-quoted scalar, after escapes', () => {
    const text = vap('    - expression: "object.metadata.name != \\"web\\" && params.on"\n')
    const [m] = markersOf(text)
    expect(where(m)).toEqual([10, 55, 10, 61])
    expect(covered(text, m!)).toBe('params')
  })

  it('a plain scalar folded over two lines', () => {
    const text = vap('    - expression: object.spec.replicas > 0 &&\n        params.max > 1\n')
    const [m] = markersOf(text)
    expect(where(m)).toEqual([11, 9, 11, 15])
    expect(covered(text, m!)).toBe('params')
  })

  it('a literal block scalar, on its second line', () => {
    const text = vap('    - expression: |\n        object.spec.replicas > 0 &&\n          params.max > 1\n')
    const [m] = markersOf(text)
    expect(where(m)).toEqual([12, 11, 12, 17])
    expect(covered(text, m!)).toBe('params')
  })

  it('a folded block scalar messageExpression, on its second line', () => {
    const text = vap(`    - expression: "true"
      messageExpression: >-
        'images: ' +
        object.spec.template.spec.containers.map(c, c.image).join(', ') + params.note
`)
    const [m] = markersOf(text)
    expect(m!.message).toMatch(/^spec\.validations\[0\]\.messageExpression: /)
    expect(where(m)).toEqual([13, 75, 13, 81])
    expect(covered(text, m!)).toBe('params')
  })

  it('a syntax error at the end of the expression marks its last character', () => {
    const text = vap('    - expression: "object.spec.replicas <="\n')
    const [m] = markersOf(text)
    expect(where(m)).toEqual([10, 42, 10, 43])
    expect(covered(text, m!)).toBe('=')
  })

  it('a wrong result type has no position: the whole value', () => {
    const text = vap('    - expression: "\'not a bool\'"\n')
    const [m] = markersOf(text)
    expect(m!.message).toContain('must evaluate to bool but got string')
    expect(where(m)).toEqual([10, 19, 10, 33])
  })

  it('matchConditions, variables and auditAnnotations, each at its own error', () => {
    const text = vap(
      '    - expression: variables.ok == true\n',
      `  matchConditions:
    - name: small
      expression: object.spec.replicas < limit
  variables:
    - name: ok
      expression: size(1) > 0
  auditAnnotations:
    - key: replicas
      valueExpression: "'r=' + string(object.spec.replicas) + nope"
`,
    )
    const markers = markersOf(text)
    expect(markers.map((m) => [m.message.split(':')[0], ...where(m)!, covered(text, m)])).toEqual([
      ['spec.matchConditions[0].expression', 11, 42, 11, 47, 'limit'],
      ['spec.variables[0].expression', 14, 19, 14, 26, 'size(1)'],
      ['spec.auditAnnotations[0].valueExpression', 17, 63, 17, 67, 'nope'],
    ])
  })

  it('a MutatingAdmissionPolicy mutation, through the typed object literal', () => {
    const text = `apiVersion: admissionregistration.k8s.io/v1beta1
kind: MutatingAdmissionPolicy
metadata:
  name: add-owner
spec:
  matchConstraints:
    resourceRules:
      - { apiGroups: [''], apiVersions: [v1], operations: [CREATE], resources: [configmaps] }
  mutations:
    - patchType: ApplyConfiguration
      applyConfiguration:
        expression: >-
          Object{metadata: Object.metadata{labels: {"owner": request.userInfo.name + owner}}}
`
    const [m] = markersOf(text, '74-map-add-label-feature-gate')
    expect(m!.message).toContain("undeclared reference to 'owner'")
    expect(where(m)).toEqual([13, 86, 13, 91])
    expect(covered(text, m!)).toBe('owner')
  })

  it('a webhook matchCondition', () => {
    const text = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: check
webhooks:
  - name: check.example.com
    matchConditions:
      - name: not-system
        expression: '!request.userInfo.username.startsWith(''system:'') && foo'
`
    const expression = "!request.userInfo.username.startsWith('system:') && foo"
    const message = `Invalid value: "${expression}": compilation failed: ERROR: <input>:1:53: undeclared reference to 'foo' (in container '')\n | ${expression}\n | ${'.'.repeat(52)}^`
    const [m] = markersForResults(text, [
      invalid([{ field: 'webhooks[0].matchConditions[0].expression', message }]),
    ])
    expect(where(m)).toEqual([9, 76, 9, 79])
    expect(covered(text, m!)).toBe('foo')
  })
})

describe('CEL errors without a usable position', () => {
  it('underline the whole value when the position is outside the expression', () => {
    const text = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: p
spec:
  validations:
    - expression: >-
        object.spec.replicas
        > 1
`
    const message =
      'Invalid value: "object.spec.replicas > 1": compilation failed: ERROR: <input>:3:1: unexpected\n | \n | ^'
    const [m] = markersForResults(text, [invalid([{ field: 'spec.validations[0].expression', message }])])
    expect(m).toMatchObject({ startLine: 7, startColumn: 19, endLine: 10, endColumn: 1 })
  })
})

describe('valueOffsets', () => {
  it.each([
    ['plain', 'v: a  b\n'],
    ['plain over lines', 'v: one\n  two\n\n  three\n'],
    ['single-quoted', "v: 'it''s  a\n  b'\n"],
    ['double-quoted with escapes', 'v: "a\\"b\\\\c\\td\\u00e9\\x41 e\\\n  f\n\n  g"\n'],
    ['literal', 'v: |\n  a\n    b\n\n  c\n'],
    ['literal, explicit indentation', 'v: |2-\n    a\n  b\n'],
    ['folded', 'v: >\n  a\n  b\n\n  c\n    d\n  e\n'],
  ])('%s: each character of the value comes from its place in the text', (_name, text) => {
    const doc = parseDocument(text)
    const node = doc.get('v', true)
    const offsets = valueOffsets(text, node)
    expect(offsets).not.toBeNull()
    // A block scalar's final line break is chomping, not a character written in the text.
    const value = String((node as { value: unknown }).value).replace(/\n$/, '')
    expect(offsets!.starts.length).toBeGreaterThanOrEqual(value.length)
    for (const [i, ch] of value.split('').entries()) {
      const written = text.slice(offsets!.starts[i], offsets!.ends[i])
      if (written.startsWith('\\') || written === "''") continue
      // A folded line break is a space or newline in the value, and a newline in the text.
      expect(ch === ' ' || ch === '\n' ? [ch, '\n'] : [ch]).toContain(written)
    }
  })

  it('is null for a value that is not a string', () => {
    const text = 'v: 12\n'
    expect(valueOffsets(text, parseDocument(text).get('v', true))).toBeNull()
  })
})
