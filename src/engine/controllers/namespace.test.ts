// Namespace termination over HTTP: the namespace REST's Delete, NamespaceLifecycle, namespaces/finalize and
// the namespace controller's conditions (pkg/controller/namespace/deletion/status_condition_utils.go).
import { describe, expect, it } from 'vitest'
import { createSimulator } from '../simulator'
import type { HttpRequest, KubeObject } from '../types'

const ADMIN = { clientCertificate: { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] } }

function setup() {
  const sim = createSimulator({ name: 'ns' })
  const send = (method: HttpRequest['method'], path: string, body?: unknown, contentType = 'application/json') =>
    sim.handle({ method, path, ...ADMIN, headers: body === undefined ? {} : { 'Content-Type': contentType }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
  send('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } })
  const cm = (name: string, finalizers?: string[]) =>
    send('POST', '/api/v1/namespaces/shop/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(finalizers ? { finalizers } : {}) } })
  return { send, cm }
}

describe('namespace termination', () => {
  it('content held by a finalizer keeps the namespace Terminating, with the controller\'s conditions', () => {
    const { send, cm } = setup()
    cm('held', ['example.com/hold'])
    cm('free')
    expect(send('DELETE', '/api/v1/namespaces/shop').response.code).toBe(200)
    const ns = send('GET', '/api/v1/namespaces/shop').response.body as KubeObject
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] })
    const status = ns.status as { phase: string; conditions: Record<string, string>[] }
    expect(status.phase).toBe('Terminating')
    expect(status.conditions.map(({ type, status: s, reason, message }) => [type, s, reason, message])).toEqual([
      ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'],
      ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
      ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
      ['NamespaceContentRemaining', 'True', 'SomeResourcesRemain', 'Some resources are remaining: configmaps. has 1 resource instances'],
      ['NamespaceFinalizersRemaining', 'True', 'SomeFinalizersRemain', 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances'],
    ])
    expect(send('GET', '/api/v1/namespaces/shop/configmaps/free').response.code).toBe(404)
    expect((send('GET', '/api/v1/namespaces/shop/configmaps/held').response.body as KubeObject).metadata?.deletionTimestamp).toBeDefined()
  })

  it('a second delete is the namespace REST\'s 409', () => {
    const { send, cm } = setup()
    cm('held', ['example.com/hold'])
    send('DELETE', '/api/v1/namespaces/shop')
    const res = send('DELETE', '/api/v1/namespaces/shop')
    expect(res.response.code).toBe(409)
    expect(res.response.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'Operation cannot be fulfilled on namespaces "shop": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
      reason: 'Conflict',
      details: { name: 'shop', kind: 'namespaces' },
      code: 409,
    })
  })

  it('a create in a Terminating namespace is NamespaceLifecycle\'s 403', () => {
    const { send, cm } = setup()
    cm('held', ['example.com/hold'])
    send('DELETE', '/api/v1/namespaces/shop')
    const res = cm('late')
    expect(res.response.code).toBe(403)
    expect((res.response.body as { message: string }).message).toBe(
      'configmaps "late" is forbidden: unable to create new content in namespace shop because it is being terminated',
    )
  })

  it('removing the last finalizer lets the controller finalize and delete the namespace', () => {
    const { send, cm } = setup()
    cm('held', ['example.com/hold'])
    send('DELETE', '/api/v1/namespaces/shop')
    const res = send('PATCH', '/api/v1/namespaces/shop/configmaps/held', { metadata: { finalizers: null } }, 'application/merge-patch+json')
    expect(res.response.code).toBe(200)
    expect(send('GET', '/api/v1/namespaces/shop').response.code).toBe(404)
  })

  it('an empty namespace goes at once', () => {
    const { send } = setup()
    send('DELETE', '/api/v1/namespaces/shop')
    expect(send('GET', '/api/v1/namespaces/shop').response.code).toBe(404)
  })

  it('namespaces/finalize changes spec.finalizers only, and has no GET route', () => {
    const { send, cm } = setup()
    cm('held', ['example.com/hold'])
    const ns = send('GET', '/api/v1/namespaces/shop').response.body as KubeObject
    const res = send('PUT', '/api/v1/namespaces/shop/finalize', { ...ns, metadata: { ...ns.metadata, labels: { x: 'y' } }, spec: { finalizers: [] } })
    expect(res.response.code).toBe(200)
    const body = res.response.body as KubeObject
    expect(body.spec).toEqual({ finalizers: [] })
    expect(body.metadata?.labels).toEqual({ 'kubernetes.io/metadata.name': 'shop' })
    expect(send('GET', '/api/v1/namespaces/shop/finalize').response.code).toBe(405)
  })
})
