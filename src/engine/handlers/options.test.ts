// ValidateFieldManager through the create, update and patch endpoints: refused before anything is written.
import { describe, expect, it } from 'vitest'
import { createSimulator } from '../simulator'
import { fieldManagerErrors } from './options'

const ADMIN = { clientCertificate: { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] } }

describe('fieldManagerErrors', () => {
  it.each<[string, string[]]>([
    ['kubectl', []],
    ['x'.repeat(128), []],
    ['x'.repeat(129), ['may not be more than 128 bytes']],
    ['é'.repeat(65), ['may not be more than 128 bytes']],
    ['a\u0000b', ['invalid character U+0000 (at position 1)']],
    ['é\tx', ['invalid character U+0009 (at position 2)']],
  ])('%j', (value, details) => {
    expect(fieldManagerErrors(value).map((e) => e.detail)).toEqual(details)
  })
})

describe('a bad fieldManager on the wire', () => {
  it.each<[string, string, string, string]>([
    ['POST', '/api/v1/namespaces/default/configmaps?fieldManager=a%00b', 'CreateOptions.meta.k8s.io "" is invalid: fieldManager: Invalid value: "a\\x00b": invalid character U+0000 (at position 1)', 'application/json'],
    ['PUT', '/api/v1/namespaces/default/configmaps/cm?fieldManager=' + 'x'.repeat(129), 'UpdateOptions.meta.k8s.io "" is invalid: fieldManager: Too long: may not be more than 128 bytes', 'application/json'],
    ['PATCH', '/api/v1/namespaces/default/configmaps/cm?fieldManager=a%09', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Invalid value: "a\\t": invalid character U+0009 (at position 1)', 'application/merge-patch+json'],
  ])('%s %s', (method, path, message, contentType) => {
    const sim = createSimulator()
    sim.run({ verb: 'apply', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: '1' } } })
    const before = sim.snapshot().revision
    const body = method === 'PATCH' ? '{"data":{"b":"2"}}' : JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } })
    const r = sim.handle({ method: method as 'POST', path, ...ADMIN, headers: { 'Content-Type': contentType }, body })
    expect(r.response.code).toBe(422)
    expect((r.response.body as { message: string }).message).toBe(message)
    expect(sim.snapshot().revision).toBe(before)
  })
})
