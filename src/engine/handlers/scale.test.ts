// The scale subresource over HTTP (ScaleREST in pkg/registry/apps/deployment/storage/storage.go and its
// ReplicaSet, StatefulSet and ReplicationController siblings).
import { describe, expect, it } from 'vitest'
import { createSimulator } from '../simulator'
import type { HttpRequest, KubeObject } from '../types'

const ADMIN = { clientCertificate: { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] } }
const JANE = { Authorization: 'Bearer jane-token' }

const template = { metadata: { labels: { app: 'web', tier: 'fe' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } }
const selector = { matchLabels: { tier: 'fe', app: 'web' } }
const PARENTS = [
  ['/apis/apps/v1/namespaces/default/deployments', { apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 2, selector, template } }, 'deployments.apps', 'deployments/scale.apps'],
  ['/apis/apps/v1/namespaces/default/replicasets', { apiVersion: 'apps/v1', kind: 'ReplicaSet', spec: { replicas: 2, selector, template } }, 'replicasets.apps', 'replicasets/scale.apps'],
  ['/apis/apps/v1/namespaces/default/statefulsets', { apiVersion: 'apps/v1', kind: 'StatefulSet', spec: { replicas: 2, selector, template, serviceName: 'web' } }, 'statefulsets.apps', 'statefulsets/scale.apps'],
  ['/api/v1/namespaces/default/replicationcontrollers', { apiVersion: 'v1', kind: 'ReplicationController', spec: { replicas: 2, selector: { tier: 'fe', app: 'web' }, template } }, 'replicationcontrollers', 'replicationcontrollers/scale'],
] as const

function setup() {
  const sim = createSimulator({ name: 'scale', cluster: { users: [{ name: 'jane', token: 'jane-token' }] } })
  const send = (method: HttpRequest['method'], path: string, body?: unknown, contentType = 'application/json', headers: Record<string, string> = {}) =>
    sim.handle({
      method,
      path,
      ...(Object.keys(headers).length ? {} : ADMIN),
      headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': contentType }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  return { sim, send }
}

describe.each(PARENTS)('%s/{name}/scale', (collection, parent, qualified, scaleQualified) => {
  it('GET answers the autoscaling/v1 Scale of the parent (scaleFromDeployment)', () => {
    const { send } = setup()
    const created = send('POST', collection, { ...parent, metadata: { name: 'web' } }).response.body as KubeObject
    expect(created.metadata?.uid).toBeDefined()
    const res = send('GET', `${collection}/web/scale`)
    expect(res.response.code).toBe(200)
    const body = res.response.body as KubeObject
    expect(Object.keys(body)).toEqual(['kind', 'apiVersion', 'metadata', 'spec', 'status'])
    expect(body).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name: 'web', namespace: 'default', uid: created.metadata!.uid },
      spec: { replicas: 2 },
    })
    expect(Object.keys(body.metadata!)).toEqual(['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp'])
    expect((body.status as { selector: string }).selector).toBe('app=web,tier=fe')
  })

  it('PATCH moves spec.replicas into the parent, bumps its generation and answers the new Scale', () => {
    const { send, sim } = setup()
    send('POST', collection, { ...parent, metadata: { name: 'web' } })
    const res = send('PATCH', `${collection}/web/scale`, { spec: { replicas: 5 } }, 'application/merge-patch+json')
    expect(res.response.code).toBe(200)
    expect((res.response.body as KubeObject).spec).toEqual({ replicas: 5 })
    const stored = sim.snapshot().entries.find((e) => e.object.metadata?.name === 'web' && e.object.kind === parent.kind)!
    expect(stored.object.spec).toMatchObject({ replicas: 5 })
    expect(stored.object.metadata?.generation).toBe(2)
  })

  it('PUT with replicas 0 stores zero and prints `spec: {}` (ScaleSpec.replicas is omitempty)', () => {
    const { send } = setup()
    send('POST', collection, { ...parent, metadata: { name: 'web' } })
    const res = send('PUT', `${collection}/web/scale`, { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', namespace: 'default' }, spec: {} })
    expect(res.response.code).toBe(200)
    expect((res.response.body as KubeObject).spec).toEqual({})
  })

  it.each([
    ['GET', undefined, 404, 'NotFound', (q: string, s: string) => (void s, `${q} "nope" not found`), (q: string) => q],
    ['PUT', { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'nope' }, spec: { replicas: 1 } }, 404, 'NotFound', (_q: string, s: string) => `${s} "nope" not found`, (_q: string, s: string) => s],
    ['PATCH', { spec: { replicas: 1 } }, 404, 'NotFound', (_q: string, s: string) => `${s} "nope" not found`, (_q: string, s: string) => s],
  ] as const)('%s of a missing parent is 404 with the text ScaleREST gives', (method, body, code, reason, message, kind) => {
    const { send } = setup()
    const res = send(method, `${collection}/nope/scale`, body, method === 'PATCH' ? 'application/merge-patch+json' : 'application/json')
    expect(res.response.code).toBe(code)
    const group = scaleQualified.split('.')[1]
    const resource = kind(qualified, scaleQualified).split('.')[0]
    expect(res.response.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: message(qualified, scaleQualified),
      reason,
      details: { name: 'nope', ...(group ? { group } : {}), kind: resource },
      code,
    })
  })
})

describe('scale errors', () => {
  const DEPLOY = PARENTS[0][0]
  const created = () => {
    const s = setup()
    s.send('POST', DEPLOY, { ...PARENTS[0][1], metadata: { name: 'web' } })
    return s
  }

  it('a negative replica count is ValidateScale\'s 422 on Scale.autoscaling', () => {
    const { send } = created()
    const res = send('PATCH', `${DEPLOY}/web/scale`, { spec: { replicas: -1 } }, 'application/merge-patch+json')
    expect(res.response.code).toBe(422)
    expect(res.response.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      reason: 'Invalid',
      details: {
        name: 'web',
        group: 'autoscaling',
        kind: 'Scale',
        causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' }],
      },
      code: 422,
    })
  })

  it.each([
    ['a stale resourceVersion', { resourceVersion: '1' }, 'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again'],
    ['another uid', { uid: 'other' }, /^Operation cannot be fulfilled on deployments\/scale\.apps "web": Precondition failed: UID in precondition: other, UID in object meta: [0-9a-f-]+$/],
  ])('PUT with %s is 409', (_, meta, message) => {
    const { send } = created()
    const res = send('PUT', `${DEPLOY}/web/scale`, { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', ...meta }, spec: { replicas: 3 } })
    expect(res.response.code).toBe(409)
    expect((res.response.body as { message: string }).message).toMatch(message)
  })

  it('PUT with another name is the update handler\'s 400', () => {
    const { send } = created()
    const res = send('PUT', `${DEPLOY}/web/scale`, { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'db' }, spec: { replicas: 3 } })
    expect(res.response.code).toBe(400)
    expect((res.response.body as { message: string }).message).toBe('the name of the object (db) does not match the name on the URL (web)')
  })

  it.each(['DELETE', 'POST'] as const)('%s has no route: go-restful\'s 405', (method) => {
    const { send } = created()
    const res = send(method, `${DEPLOY}/web/scale`, method === 'POST' ? {} : undefined)
    expect(res.response.code).toBe(405)
    expect((res.response.body as { message: string }).message).toBe('the server does not allow this method on the requested resource')
  })

  it('RBAC asks for deployments/scale, not deployments', () => {
    const { send } = created()
    const res = send('GET', `${DEPLOY}/web/scale`, undefined, 'application/json', JANE)
    expect(res.response.code).toBe(403)
    expect((res.response.body as { message: string }).message).toBe(
      'deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments/scale" in API group "apps" in the namespace "default"',
    )
  })

  it('the Deployment controller follows: the ReplicaSet gets the new count', () => {
    const { send, sim } = created()
    send('PATCH', `${DEPLOY}/web/scale`, { spec: { replicas: 4 } }, 'application/merge-patch+json')
    const rs = sim.snapshot().entries.find((e) => e.object.kind === 'ReplicaSet')!
    expect((rs.object.spec as { replicas: number }).replicas).toBe(4)
  })

  it('status.replicas is the parent\'s status.replicas', () => {
    const { send } = created()
    const live = send('GET', `${DEPLOY}/web`).response.body as KubeObject
    const res = send('PUT', `${DEPLOY}/web/status`, { ...live, status: { replicas: 3 } })
    expect(res.response.code).toBe(200)
    const scale = send('GET', `${DEPLOY}/web/scale`).response.body as KubeObject
    expect(scale.status).toEqual({ replicas: 3, selector: 'app=web,tier=fe' })
  })
})
