// serviceaccounts/token (TokenREST.Create, ValidateTokenRequest) and the service-account authenticator that
// then reads the token (audiences and expiry honoured).
import { describe, expect, it } from 'vitest'
import { createFixedClock } from '../clock'
import { createSimulator } from '../simulator'
import type { HttpRequest } from '../types'

const ADMIN = { clientCertificate: { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] } }
const TOKEN = '/api/v1/namespaces/default/serviceaccounts/default/token'

function setup() {
  const clock = createFixedClock()
  const sim = createSimulator({ name: 'token' }, { clock })
  const send = (method: HttpRequest['method'], path: string, body?: unknown, headers?: Record<string, string>) =>
    sim.handle({ method, path, ...(headers ? { headers } : { ...ADMIN, headers: { 'Content-Type': 'application/json' } }), ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
  const request = (spec: Record<string, unknown> = {}, path = TOKEN) =>
    send('POST', path, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec })
  const whoami = (token: string) =>
    send('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' })
  return { clock, send, request, whoami }
}

type TokenRequest = { metadata: unknown; spec: { audiences: string[]; expirationSeconds: number }; status: { token: string; expirationTimestamp: string } }

describe('serviceaccounts/token', () => {
  it('answers 201 with a token the authenticator accepts as the service account', () => {
    const { request, whoami } = setup()
    const res = request()
    expect(res.response.code).toBe(201)
    const body = res.response.body as TokenRequest
    expect(Object.keys(body)).toEqual(['kind', 'apiVersion', 'metadata', 'spec', 'status'])
    expect(body.metadata).toEqual({ name: 'default', namespace: 'default', creationTimestamp: null })
    expect(body.spec).toEqual({ audiences: ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: 3600, boundObjectRef: null })
    const who = whoami(body.status.token)
    expect(who.response.code).toBe(201)
    expect(who.user?.username).toBe('system:serviceaccount:default:default')
  })

  it('a token for another audience is refused by the API server (401)', () => {
    const { request, whoami } = setup()
    const body = request({ audiences: ['vault'] }).response.body as TokenRequest
    expect(body.spec.audiences).toEqual(['vault'])
    expect(whoami(body.status.token).response.code).toBe(401)
  })

  it('a token past its expirationSeconds is refused (401)', () => {
    const { request, whoami, clock } = setup()
    const body = request({ expirationSeconds: 600 }).response.body as TokenRequest
    clock.advance(601)
    expect(whoami(body.status.token).response.code).toBe(401)
  })

  it.each([
    [599, 'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes'],
    [2 ** 32 + 1, 'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 4294967297: may not specify a duration larger than 2^32 seconds'],
  ])('expirationSeconds %d is 422', (seconds, message) => {
    const { request } = setup()
    const res = request({ expirationSeconds: seconds })
    expect(res.response.code).toBe(422)
    expect((res.response.body as { message: string }).message).toBe(message)
  })

  it('a missing service account is 404', () => {
    const { request } = setup()
    const res = request({}, '/api/v1/namespaces/default/serviceaccounts/nope/token')
    expect(res.response.code).toBe(404)
    expect((res.response.body as { message: string }).message).toBe('serviceaccounts "nope" not found')
  })

  it('GET has no route: 405', () => {
    const { send } = setup()
    expect(send('GET', TOKEN).response.code).toBe(405)
  })
})
