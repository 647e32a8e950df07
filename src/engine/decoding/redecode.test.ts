// Patched and webhook-mutated objects decoded again (patch.go's DecodeInto, the mutating dispatcher's Decode).
import { describe, expect, it } from 'vitest'
import { createSimulator } from '../simulator'
import { resourceByName } from '../resources'
import { redecode } from './redecode'

const configmaps = resourceByName('configmaps')!

describe('redecode', () => {
  it.each<[unknown, string]>([
    [{ kind: [] }, "couldn't get version/kind; json parse error: json: cannot unmarshal array into Go struct field .kind of type string"],
    [{ apiVersion: 5 }, "couldn't get version/kind; json parse error: json: cannot unmarshal number into Go struct field .apiVersion of type string"],
    [{ apiVersion: 'v1', kind: 'Bogus' }, 'no kind "Bogus" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"'],
    [{ apiVersion: 'apps/v1', kind: 'ConfigMap' }, 'no kind "ConfigMap" is registered for version "apps/v1" in scheme "pkg/api/legacyscheme/scheme.go:30"'],
    [{ apiVersion: 'v1', kind: 'Secret' }, 'converting (v1.Secret) to (core.ConfigMap): unknown conversion'],
    [{ apiVersion: 'v1', kind: 'ConfigMap', data: [] }, 'json: cannot unmarshal array into Go struct field ConfigMap.data of type map[string]string'],
  ])('%j', (obj, error) => {
    expect(redecode(obj, configmaps)).toMatchObject({ ok: false, error })
  })

  it('fills apiVersion and kind from the endpoint and drops unknown fields', () => {
    expect(redecode({ metadata: { name: 'a' }, bogus: 1 }, configmaps)).toEqual({
      ok: true,
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } },
      strictErrors: ['unknown field "bogus"'],
    })
  })
})

function cluster() {
  const sim = createSimulator()
  sim.run({ verb: 'apply', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web' }, data: { a: '1' } } })
  return sim
}

const patchRequest = (body: unknown, contentType: string, query = '') => ({
  method: 'PATCH' as const,
  path: `/api/v1/namespaces/default/configmaps/web${query}`,
  headers: { 'Content-Type': contentType },
  clientCertificate: { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] },
  body: JSON.stringify(body),
})

describe('a patch whose result does not decode', () => {
  it.each<[string, unknown, string, string]>([
    [
      'a JSON patch that changes the kind',
      [{ op: 'replace', path: '/kind', value: 'Secret' }],
      'application/json-patch+json',
      'converting (v1.Secret) to (core.ConfigMap): unknown conversion',
    ],
    [
      'a merge patch that makes apiVersion a number',
      { apiVersion: 5 },
      'application/merge-patch+json',
      "couldn't get version/kind; json parse error: json: cannot unmarshal number into Go struct field .apiVersion of type string",
    ],
    [
      'a merge patch that moves it to apps/v1',
      { apiVersion: 'apps/v1' },
      'application/merge-patch+json',
      'no kind "ConfigMap" is registered for version "apps/v1" in scheme "pkg/api/legacyscheme/scheme.go:30"',
    ],
  ])('%s is 422 on the field patch, and nothing is stored', (_name, body, contentType, detail) => {
    const sim = cluster()
    const before = sim.snapshot()
    const r = sim.handle(patchRequest(body, contentType))
    expect(r.response.code).toBe(422)
    const status = r.response.body as { message: string; reason: string; details: unknown }
    expect(status.reason).toBe('Invalid')
    expect(status.message).toMatch(/^ "" is invalid: patch: Invalid value: "\{.*\}": /)
    expect(status.message.endsWith(`: ${detail}`)).toBe(true)
    expect(status.details).toMatchObject({ causes: [{ reason: 'FieldValueInvalid', field: 'patch' }] })
    expect(sim.snapshot().entries).toEqual(before.entries)
  })

  it('an unknown field is a warning under Warn, dropped, and a 422 under Strict', () => {
    const sim = cluster()
    const strict = sim.handle(patchRequest({ bogus: 1 }, 'application/merge-patch+json', '?fieldValidation=Strict'))
    expect(strict.response.code).toBe(422)
    expect((strict.response.body as { message: string }).message.endsWith(': strict decoding error: unknown field "bogus"')).toBe(true)
    const warn = sim.handle(patchRequest({ bogus: 1, data: { b: '2' } }, 'application/merge-patch+json'))
    expect(warn.response.code).toBe(200)
    expect(warn.response.warnings).toEqual(['unknown field "bogus"'])
    expect(warn.response.body).not.toHaveProperty('bogus')
  })
})
