import { describe, expect, it } from 'vitest'
import { createSimulator } from '../simulator'
import type { ScenarioRequest } from '../scenario/types'
import { AGGREGATED_DISCOVERY_CONTENT_TYPE } from './negotiation'

const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList'
// What kubectl v1.32 sends for /api and /apis.
const KUBECTL_ACCEPT = `${AGGREGATED},application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json`

const sim = createSimulator()
const get = (raw: string, extra: Partial<ScenarioRequest> = {}) => sim.run({ verb: 'get', raw, ...extra })[0]!

type Body = Record<string, unknown> & { items?: { metadata: unknown; versions: { version: string; resources: Record<string, unknown>[] }[] }[] }
type ResourceList = { resources: Record<string, unknown>[] }

describe('legacy discovery', () => {
  it('/api lists the core versions', () => {
    const r = get('/api')
    expect(r.response.code).toBe(200)
    expect(r.response.headers['Content-Type']).toBe('application/json')
    expect(r.response.body).toEqual({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '172.18.0.2:6443' }],
    })
    expect(JSON.stringify(r.response.body)).toBe(
      '{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"172.18.0.2:6443"}]}',
    )
  })

  it('/apis lists the groups by APIService priority, with the preferred version first', () => {
    const body = get('/apis').response.body as { kind: string; apiVersion: string; groups: { name: string }[] }
    expect([body.kind, body.apiVersion]).toEqual(['APIGroupList', 'v1'])
    expect(body.groups.map((g) => g.name)).toEqual([
      'apps',
      'authentication.k8s.io',
      'authorization.k8s.io',
      'autoscaling',
      'batch',
      'certificates.k8s.io',
      'networking.k8s.io',
      'policy',
      'rbac.authorization.k8s.io',
      'storage.k8s.io',
      'admissionregistration.k8s.io',
      'scheduling.k8s.io',
      'node.k8s.io',
    ])
    expect(body.groups[3]).toEqual({
      name: 'autoscaling',
      versions: [
        { groupVersion: 'autoscaling/v2', version: 'v2' },
        { groupVersion: 'autoscaling/v1', version: 'v1' },
      ],
      preferredVersion: { groupVersion: 'autoscaling/v2', version: 'v2' },
    })
  })

  it.each([
    ['/apis/apps', '{"kind":"APIGroup","apiVersion":"v1","name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}'],
    ['/apis/apps/', '{"kind":"APIGroup","apiVersion":"v1","name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}'],
    [
      '/apis/admissionregistration.k8s.io',
      '{"kind":"APIGroup","apiVersion":"v1","name":"admissionregistration.k8s.io","versions":[{"groupVersion":"admissionregistration.k8s.io/v1","version":"v1"},{"groupVersion":"admissionregistration.k8s.io/v1beta1","version":"v1beta1"}],"preferredVersion":{"groupVersion":"admissionregistration.k8s.io/v1","version":"v1"}}',
    ],
  ])('%s is the group document', (path, json) => {
    expect(JSON.stringify(get(path).response.body)).toBe(json)
  })

  it('/api/v1 lists resources and subresources sorted by path, without apiVersion', () => {
    const body = get('/api/v1').response.body as ResourceList & Record<string, unknown>
    expect(Object.keys(body)).toEqual(['kind', 'groupVersion', 'resources'])
    const byName = (name: string) => JSON.stringify(body.resources.find((r) => r.name === name))
    expect(byName('pods')).toBe(
      '{"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["po"],"categories":["all"],"storageVersionHash":"xPOwRZ+Yhw8="}',
    )
    expect(byName('pods/eviction')).toBe(
      '{"name":"pods/eviction","singularName":"","namespaced":true,"group":"policy","version":"v1","kind":"Eviction","verbs":["create"]}',
    )
    expect(byName('pods/status')).toBe('{"name":"pods/status","singularName":"","namespaced":true,"kind":"Pod","verbs":["get","patch","update"]}')
    expect(byName('pods/exec')).toBe('{"name":"pods/exec","singularName":"","namespaced":true,"kind":"PodExecOptions","verbs":["create","get"]}')
    expect(byName('namespaces')).toBe(
      '{"name":"namespaces","singularName":"namespace","namespaced":false,"kind":"Namespace","verbs":["create","delete","get","list","patch","update","watch"],"shortNames":["ns"],"storageVersionHash":"Q3oi5N2YM8M="}',
    )
    expect(byName('serviceaccounts/token')).toBe(
      '{"name":"serviceaccounts/token","singularName":"","namespaced":true,"group":"authentication.k8s.io","version":"v1","kind":"TokenRequest","verbs":["create"]}',
    )
    const names = body.resources.map((r) => r.name as string)
    expect(names).toEqual([...names].sort())
    expect(names.slice(0, 4)).toEqual(['configmaps', 'endpoints', 'events', 'limitranges'])
  })

  it('/apis/apps/v1 carries apiVersion, and scale answers as autoscaling/v1 Scale', () => {
    const body = get('/apis/apps/v1').response.body as ResourceList & Record<string, unknown>
    expect(Object.keys(body)).toEqual(['kind', 'apiVersion', 'groupVersion', 'resources'])
    expect(body.groupVersion).toBe('apps/v1')
    expect(body.resources.find((r) => r.name === 'deployments/scale')).toEqual({
      name: 'deployments/scale',
      singularName: '',
      namespaced: true,
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: ['get', 'patch', 'update'],
    })
  })

  it('the access reviews are create-only and have no storage version hash', () => {
    const body = get('/apis/authorization.k8s.io/v1').response.body as ResourceList
    expect(body.resources[0]).toEqual({
      name: 'localsubjectaccessreviews',
      singularName: 'localsubjectaccessreview',
      namespaced: true,
      kind: 'LocalSubjectAccessReview',
      verbs: ['create'],
    })
  })

  it('both HorizontalPodAutoscaler versions hash the storage version, autoscaling/v2', () => {
    const hash = (v: string) => (get(`/apis/autoscaling/${v}`).response.body as ResourceList).resources[0]!.storageVersionHash
    expect(hash('v1')).toBe(hash('v2'))
  })
})

describe('aggregated discovery', () => {
  it('/api answers the core group as an APIGroupDiscoveryList, with the headers kube-apiserver sends', () => {
    const r = get('/api', { accept: KUBECTL_ACCEPT })
    expect(r.response.code).toBe(200)
    expect(r.response.headers).toMatchObject({
      'Content-Type': AGGREGATED_DISCOVERY_CONTENT_TYPE,
      'Cache-Control': 'public',
      Vary: 'Accept',
    })
    expect(r.response.headers.Etag).toMatch(/^"[0-9A-F]{128}"$/)
    const body = r.response.body as Body
    expect(Object.keys(body)).toEqual(['kind', 'apiVersion', 'metadata', 'items'])
    expect([body.kind, body.apiVersion, body.metadata]).toEqual(['APIGroupDiscoveryList', 'apidiscovery.k8s.io/v2', {}])
    expect(body.items).toHaveLength(1)
    expect(body.items![0]!.metadata).toEqual({})
    const v1 = body.items![0]!.versions[0]!
    expect(Object.keys(v1)).toEqual(['version', 'resources', 'freshness'])
    const pods = v1.resources.find((r) => r.resource === 'pods')!
    expect(JSON.stringify({ ...pods, subresources: (pods.subresources as unknown[]).slice(0, 2) })).toBe(
      '{"resource":"pods","responseKind":{"group":"","version":"","kind":"Pod"},"scope":"Namespaced","singularResource":"pod","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["po"],"categories":["all"],"subresources":[{"subresource":"attach","responseKind":{"group":"","version":"","kind":"PodAttachOptions"},"verbs":["create","get"]},{"subresource":"binding","responseKind":{"group":"","version":"","kind":"Binding"},"verbs":["create"]}]}',
    )
    expect((pods.subresources as { subresource: string; responseKind: unknown }[]).find((s) => s.subresource === 'eviction')!.responseKind).toEqual({
      group: 'policy',
      version: 'v1',
      kind: 'Eviction',
    })
  })

  it('/apis answers every other group, versions by priority', () => {
    const body = get('/apis', { accept: AGGREGATED }).response.body as Body
    expect(body.items!.map((i) => i.metadata)).toContainEqual({ name: 'apps' })
    const autoscaling = body.items!.find((i) => (i.metadata as { name: string }).name === 'autoscaling')!
    expect(autoscaling.versions.map((v) => v.version)).toEqual(['v2', 'v1'])
    const apps = body.items!.find((i) => (i.metadata as { name: string }).name === 'apps')!
    expect(apps.versions[0]!.resources.find((r) => r.resource === 'deployments')).toEqual({
      resource: 'deployments',
      responseKind: { group: '', version: '', kind: 'Deployment' },
      scope: 'Namespaced',
      singularResource: 'deployment',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['deploy'],
      categories: ['all'],
      subresources: [
        { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] },
        { subresource: 'status', responseKind: { group: '', version: '', kind: 'Deployment' }, verbs: ['get', 'patch', 'update'] },
      ],
    })
  })

  it('answers 304 when the client already holds the document', () => {
    const admin = { clientCertificate: { commonName: 'kubernetes-admin', organizations: ['system:masters'] } }
    const first = sim.handle({ method: 'GET', path: '/apis', headers: { Accept: AGGREGATED }, ...admin })
    const again = sim.handle({ method: 'GET', path: '/apis', headers: { Accept: AGGREGATED, 'If-None-Match': first.response.headers.Etag! }, ...admin })
    expect(again.response.code).toBe(304)
    expect(again.response.body).toBe('')
  })

  it('v2beta1 is no longer served: alone it is 406, with application/json after it the legacy document', () => {
    const beta = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList'
    expect(get('/apis', { accept: beta }).response.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf',
      reason: 'NotAcceptable',
      code: 406,
    })
    expect((get('/apis', { accept: `${beta},application/json` }).response.body as Body).kind).toBe('APIGroupList')
  })

  it('only /api and /apis aggregate: a group-version answers its legacy list to a plain Accept after the aggregated one', () => {
    expect((get('/apis/apps/v1', { accept: KUBECTL_ACCEPT }).response.body as Body).kind).toBe('APIResourceList')
  })
})

describe('what is not discovery', () => {
  const status404 = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 }
  it.each<[string, number, unknown]>([
    ['/apis/bananas.example.com', 404, '404 page not found\n'],
    ['/apis/bananas.example.com/v1', 404, '404 page not found\n'],
    ['/apis/apps/v2', 404, status404],
    ['/api/v2', 404, status404],
    // Resource requests meet the same delegation chain: go-restful owns a served group's prefix.
    ['/apis/apps/v2/deployments', 404, status404],
    ['/apis/bananas.example.com/v1/namespaces/default/bananas', 404, '404 page not found\n'],
    ['/healthz', 200, 'ok'],
    ['/livez', 200, 'ok'],
    ['/readyz', 200, 'ok'],
  ])('%s answers %i', (path, code, body) => {
    const r = get(path)
    expect([r.response.code, r.response.body]).toEqual([code, body])
  })

  it('/version is the v1.35.0 build information', () => {
    expect(JSON.stringify(get('/version').response.body)).toBe(
      '{"major":"1","minor":"35","emulationMajor":"1","emulationMinor":"35","minCompatibilityMajor":"1","minCompatibilityMinor":"34","gitVersion":"v1.35.0","gitCommit":"simulated","gitTreeState":"clean","buildDate":"2025-12-17T00:00:00Z","goVersion":"go1.25.5","compiler":"gc","platform":"linux/amd64"}',
    )
  })

  it('discovery needs an authenticated user; /version and the health checks do not', () => {
    const anonymous = (raw: string) => get(raw, { as: 'anonymous' })
    expect(anonymous('/apis').response.code).toBe(403)
    expect((anonymous('/apis').response.body as { message: string }).message).toBe('forbidden: User "system:anonymous" cannot get path "/apis"')
    expect(anonymous('/version').response.code).toBe(200)
    expect(anonymous('/healthz').response.body).toBe('ok')
  })
})
