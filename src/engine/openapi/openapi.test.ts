import { describe, expect, it } from 'vitest'
import { createSimulator } from '../simulator'
import { hexUpper, sha512, utf8 } from '../sha2'

const sim = createSimulator()
const get = (raw: string) => sim.run({ verb: 'get', raw })[0]!

type Index = { paths: Record<string, { serverRelativeURL: string }> }
type Doc = { openapi: string; info: unknown; paths: Record<string, Record<string, { parameters?: { name: string }[]; requestBody?: { content: Record<string, unknown> }; 'x-kubernetes-group-version-kind'?: unknown }>>; components: { schemas: Record<string, unknown>; securitySchemes: unknown } }

describe('/openapi/v3', () => {
  const index = get('/openapi/v3').response.body as Index

  it('lists one document per served group-version, with the hash of its bytes', () => {
    expect(Object.keys(index)).toEqual(['paths'])
    expect(Object.keys(index.paths)).toEqual(expect.arrayContaining(['api', 'api/v1', 'apis', 'apis/apps', 'apis/apps/v1', 'apis/autoscaling/v1', 'apis/autoscaling/v2', 'version']))
    expect(Object.keys(index.paths)).not.toContain('apis/policy/v1')
    const url = index.paths['api/v1']!.serverRelativeURL
    expect(url).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/)
    const doc = get(url)
    expect(doc.response.code).toBe(200)
    expect(url.split('hash=')[1]).toBe(hexUpper(sha512(utf8(JSON.stringify(doc.response.body)))))
    expect(doc.response.headers).toMatchObject({ 'Content-Type': 'application/json', 'Cache-Control': 'public, immutable', Vary: 'Accept' })
    expect(doc.response.headers.Etag).toBe(`"${url.split('hash=')[1]}"`)
  })

  it('a group-version document has the PATCH operation and the fieldValidation parameter kubectl looks for', () => {
    const doc = get('/openapi/v3/api/v1').response.body as Doc
    expect(Object.keys(doc)).toEqual(['openapi', 'info', 'paths', 'components'])
    expect([doc.openapi, doc.info]).toEqual(['3.0.0', { title: 'Kubernetes', version: 'v1.35.0' }])
    const patch = doc.paths['/api/v1/namespaces/{namespace}/pods/{name}']!.patch!
    expect(patch.parameters!.map((p) => p.name)).toEqual(['dryRun', 'fieldManager', 'fieldValidation', 'force'])
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: '', kind: 'Pod', version: 'v1' })
    expect(Object.keys(patch.requestBody!.content)).toEqual([
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/strategic-merge-patch+json',
      'application/apply-patch+yaml',
    ])
    expect(doc.components.schemas['io.k8s.api.core.v1.Pod']).toMatchObject({
      'x-kubernetes-group-version-kind': [{ group: '', kind: 'Pod', version: 'v1' }],
    })
    expect((doc.components.schemas['io.k8s.api.core.v1.Pod'] as { properties: Record<string, unknown> }).properties.metadata).toMatchObject({
      allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }],
    })
    expect(doc.components.securitySchemes).toEqual({ BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } })
    expect(Object.keys(doc.paths).every((p) => p.startsWith('/api/v1/'))).toBe(true)
  })

  it('a stale hash is redirected to the current one', () => {
    const r = get('/openapi/v3/apis/apps/v1?hash=0123')
    expect(r.response.code).toBe(301)
    expect(r.response.headers.Location).toBe(index.paths['apis/apps/v1']!.serverRelativeURL)
  })

  it('a group-version nobody serves is a 404 with an empty body', () => {
    const r = get('/openapi/v3/apis/bananas.example.com/v1')
    expect([r.response.code, r.response.body]).toEqual([404, ''])
  })
})

describe('/openapi/v2', () => {
  it('is one JSON document of every served path, without the CBOR media types a default v1.35 server lacks', () => {
    const r = get('/openapi/v2')
    const doc = r.response.body as { swagger: string; info: unknown; paths: Record<string, Record<string, { consumes?: string[] }>> }
    expect([r.response.code, r.response.headers['Content-Type'], doc.swagger, doc.info]).toEqual([200, 'application/json', '2.0', { title: 'Kubernetes', version: 'v1.35.0' }])
    expect(doc.paths['/api/v1/namespaces/{namespace}/pods/{name}']!.patch!.consumes).not.toContain('application/apply-patch+cbor')
    expect(doc.paths['/apis/policy/v1/']).toBeUndefined()
  })
})
