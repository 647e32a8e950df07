// jsonPatcher.applyJSPatch's limits (k8s.io/apiserver/pkg/endpoints/handlers/patch.go) and json-patch v4's
// AccumulatedCopySizeLimit, as kube-apiserver answers them.
import { describe, expect, it } from 'vitest'
import { applyJsonPatch, goJsonSize } from './jsonPatch'

const GENERIC_422 = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'the server rejected our request due to an error in our request',
  reason: 'Invalid',
  details: {},
  code: 422,
}

describe('applyJsonPatch', () => {
  it('applies operations in order', () => {
    const r = applyJsonPatch({ a: { b: 1 } }, [
      { op: 'add', path: '/a/c', value: [1] },
      { op: 'copy', from: '/a/c', path: '/d' },
      { op: 'remove', path: '/a/b' },
    ])
    expect(r).toEqual({ ok: true, value: { a: { c: [1] }, d: [1] } })
  })

  it('refuses more than 10,000 operations with 413', () => {
    const ops = Array.from({ length: 10_001 }, () => ({ op: 'test', path: '/a', value: 1 }))
    const r = applyJsonPatch({ a: 1 }, ops)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.status).toMatchObject({
      code: 413,
      reason: 'RequestEntityTooLarge',
      message: 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
    })
  })

  it('accepts exactly 10,000 operations', () => {
    const ops = Array.from({ length: 10_000 }, () => ({ op: 'test', path: '/a', value: 1 }))
    expect(applyJsonPatch({ a: 1 }, ops)).toEqual({ ok: true, value: { a: 1 } })
  })

  it('stops a doubling copy once the copies add more than 3 MiB, with the generic 422', () => {
    const doubling = Array.from({ length: 30 }, () => [
      { op: 'copy', from: '/a', path: '/b' },
      { op: 'move', from: '/b', path: '/a/-' },
    ]).flat()
    const r = applyJsonPatch({ a: ['xxxxxxxxxxxxxxxx'] }, doubling)
    expect(r).toMatchObject({ ok: false, status: GENERIC_422 })
    if (r.ok) return
    expect(r.note).toMatch(/^Unable to complete the copy, the accumulated size increase of copy is \d+, exceeding the limit 3145728$/)
  })

  it.each<[unknown, string]>([
    [{ op: 'add' }, 'json: cannot unmarshal object into Go value of type jsonpatch.Patch'],
    ['x', 'json: cannot unmarshal string into Go value of type jsonpatch.Patch'],
    [[1], 'json: cannot unmarshal number into Go value of type jsonpatch.Operation'],
  ])('%j is not a patch: 400', (body, message) => {
    const r = applyJsonPatch({}, body)
    expect(r).toMatchObject({ ok: false, status: { code: 400, reason: 'BadRequest', message } })
  })

  it.each<unknown[]>([
    [{ op: 'remove', path: '/nope' }],
    [{ op: 'replace', path: '/a/b/c', value: 1 }],
    [{ op: 'test', path: '/a', value: 2 }],
    [{ op: 'add', path: '/__proto__/x', value: 1 }],
    [{ op: 'bogus', path: '/a' }],
  ])('an operation that does not apply is the generic 422: %j', (op) => {
    expect(applyJsonPatch({ a: 1 }, [op])).toMatchObject({ ok: false, status: GENERIC_422 })
  })

  it.each<[unknown, number]>([
    ['abc', 5],
    ['<&>', 20],
    ['é', 4],
    ['😀', 6],
    [{ a: [1, null] }, 14],
  ])('counts %j as Go marshals it: %i bytes', (value, bytes) => {
    expect(goJsonSize(value)).toBe(bytes)
  })
})
