import { describe, expect, it } from 'vitest'
import type { KubectlResult } from '../engine/scenario/types'
import { markersForResults, syntaxMarkers, toPath } from './markers'

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
