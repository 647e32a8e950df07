// pods/log, exec, attach and portforward for Pods the scheduler never placed (LogLocation, streamLocation,
// PortForwardLocation and validateContainer in pkg/registry/core/pod/strategy.go).
import { describe, expect, it } from 'vitest'
import { createSimulator } from '../simulator'
import type { HttpRequest } from '../types'

const ADMIN = { clientCertificate: { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] } }
const PODS = '/api/v1/namespaces/default/pods'

function setup() {
  const sim = createSimulator({ name: 'connect' })
  const send = (method: HttpRequest['method'], path: string, body?: unknown) =>
    sim.handle({ method, path, ...ADMIN, headers: body === undefined ? {} : { 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
  const pod = (name: string, containers: string[], extra: Record<string, unknown> = {}) =>
    send('POST', PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: containers.map((c) => ({ name: c, image: 'nginx' })), ...extra } })
  pod('one', ['app'])
  pod('two', ['app', 'sidecar'], { initContainers: [{ name: 'init', image: 'busybox' }] })
  return { send, pod }
}

const message = (body: unknown) => (body as { message: string }).message

describe('pod connect subresources', () => {
  it('log of a Pod on no node is an empty stream: 204 No Content', () => {
    const { send } = setup()
    const res = send('GET', `${PODS}/one/log`)
    expect(res.response.code).toBe(204)
    expect(res.response.body).toBe('')
  })

  it.each([
    ['POST', 'exec?command=ls&stdout=true', 'pod one does not have a host assigned'],
    ['GET', 'attach?stdout=true', 'pod one does not have a host assigned'],
    ['POST', 'portforward?ports=80', 'pod one does not have a host assigned'],
  ] as const)('%s %s on a Pod on no node is 400', (method, sub, text) => {
    const { send } = setup()
    const res = send(method, `${PODS}/one/${sub}`)
    expect(res.response.code).toBe(400)
    expect(res.response.body).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: text, reason: 'BadRequest', code: 400 })
  })

  it.each([
    ['log', 'a container name must be specified for pod two, choose one of: [init app sidecar]'],
    ['log?container=nope', 'container nope is not valid for pod two'],
    ['exec?container=db&command=ls', 'container db is not valid for pod two'],
  ])('%s picks the container first (validateContainer)', (sub, text) => {
    const { send } = setup()
    const res = send(sub.startsWith('exec') ? 'POST' : 'GET', `${PODS}/two/${sub}`)
    expect(res.response.code).toBe(400)
    expect(message(res.response.body)).toBe(text)
  })

  it('an init container may be named: the Pod is then found to be on no node', () => {
    const { send } = setup()
    expect(send('GET', `${PODS}/two/log?container=init`).response.code).toBe(204)
  })

  it('a missing Pod is 404 before anything else', () => {
    const { send } = setup()
    const res = send('GET', `${PODS}/nope/log`)
    expect(res.response.code).toBe(404)
    expect(message(res.response.body)).toBe('pods "nope" not found')
  })

  it('a Pod bound to a node that does not exist: GetConnectionInfo\'s 404', () => {
    const { send, pod } = setup()
    pod('bound', ['app'], { nodeName: 'worker-9' })
    const res = send('GET', `${PODS}/bound/log`)
    expect(res.response.code).toBe(404)
    expect(message(res.response.body)).toBe('nodes "worker-9" not found')
  })

  it.each([['DELETE', 'log'], ['PUT', 'exec'], ['POST', 'log']] as const)('%s %s has no route: 405', (method, sub) => {
    const { send } = setup()
    const res = send(method, `${PODS}/one/${sub}`, method === 'DELETE' ? undefined : {})
    expect(res.response.code).toBe(405)
    expect(message(res.response.body)).toBe('the server does not allow this method on the requested resource')
  })
})
