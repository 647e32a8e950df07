// pods/eviction and the PodDisruptionBudget it consults (EvictionREST.Create and checkAndDecrement in
// pkg/registry/core/pod/storage/eviction.go; the budget's status from pkg/controller/disruption).
import { describe, expect, it } from 'vitest'
import { createSimulator } from '../simulator'
import type { HttpRequest, KubeObject } from '../types'

const ADMIN = { clientCertificate: { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] } }
const PODS = '/api/v1/namespaces/default/pods'
const PDBS = '/apis/policy/v1/namespaces/default/poddisruptionbudgets'

function setup(pods: string[] = ['web-1', 'web-2'], ready = true) {
  const sim = createSimulator({ name: 'eviction' })
  const send = (method: HttpRequest['method'], path: string, body?: unknown, contentType = 'application/json') =>
    sim.handle({
      method,
      path,
      ...ADMIN,
      headers: body === undefined ? {} : { 'Content-Type': contentType },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  for (const name of pods) {
    send('POST', PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } })
    // What a kubelet would report for a running Pod.
    const status = { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] }
    expect(send('PATCH', `${PODS}/${name}/status`, { status }, 'application/merge-patch+json').response.code).toBe(200)
  }
  const budget = (name: string, spec: Record<string, unknown>) =>
    send('POST', PDBS, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } })
  const evict = (pod: string, extra: Record<string, unknown> = {}) =>
    send('POST', `${PODS}/${pod}/eviction`, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod, namespace: 'default' }, ...extra })
  const pdb = (name: string) => send('GET', `${PDBS}/${name}`).response.body as KubeObject
  return { sim, send, budget, evict, pdb }
}

const SUCCESS = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }

describe('pods/eviction', () => {
  it('without a budget deletes the Pod and answers 201 with a Success Status', () => {
    const { evict, send } = setup()
    const res = evict('web-1')
    expect(res.response.code).toBe(201)
    expect(res.response.body).toEqual(SUCCESS)
    expect(send('GET', `${PODS}/web-1`).response.code).toBe(404)
  })

  it('a budget that allows a disruption is spent, and the Pod is deleted', () => {
    const { budget, evict, pdb, send } = setup()
    budget('web', { minAvailable: 1 })
    expect(pdb('web').status).toMatchObject({ observedGeneration: 1, disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1, expectedPods: 2 })
    const res = evict('web-1')
    expect(res.response).toMatchObject({ code: 201, body: SUCCESS })
    expect(send('GET', `${PODS}/web-1`).response.code).toBe(404)
    // The disruption controller then counts again: one healthy Pod, which the budget needs.
    expect(pdb('web').status).toMatchObject({ disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 })
  })

  it('a budget that allows none answers 429 with the DisruptionBudget cause, and the Pod stays', () => {
    const { budget, evict, send } = setup()
    budget('web', { minAvailable: 2 })
    const res = evict('web-1')
    expect(res.response.code).toBe(429)
    expect(res.response.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      reason: 'TooManyRequests',
      details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget web needs 2 healthy pods and has 2 currently' }] },
      code: 429,
    })
    expect(send('GET', `${PODS}/web-1`).response.code).toBe(200)
  })

  it('maxUnavailable 0 on bare Pods: expectedPods counts only controllers, so nothing may go', () => {
    const { budget, evict, pdb } = setup()
    budget('web', { maxUnavailable: 0 })
    expect(pdb('web').status).toMatchObject({ disruptionsAllowed: 2, currentHealthy: 2, desiredHealthy: 0, expectedPods: 0 })
    expect(evict('web-1').response.code).toBe(201)
  })

  it('a Pod that is not Ready does not spend the budget when the budget is met', () => {
    const { budget, evict, send, pdb } = setup(['web-1', 'web-2', 'web-3'])
    send('PATCH', `${PODS}/web-3/status`, { status: { conditions: [{ type: 'Ready', status: 'False' }] } }, 'application/merge-patch+json')
    budget('web', { minAvailable: 2 })
    expect(pdb('web').status).toMatchObject({ disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2 })
    expect(evict('web-3').response.code).toBe(201)
  })

  it('two budgets over one Pod: a 201 whose Status says 500', () => {
    const { budget, evict } = setup()
    budget('a', { minAvailable: 1 })
    budget('b', { minAvailable: 1 })
    const res = evict('web-1')
    expect(res.response.code).toBe(201)
    expect(res.response.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
      code: 500,
    })
  })

  it('a Pending Pod is deleted whatever its budget says (canIgnorePDB)', () => {
    const { budget, evict, send } = setup([])
    send('POST', PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } })
    budget('web', { minAvailable: 5 })
    expect(evict('p').response.code).toBe(201)
  })

  it.each([
    ['another name in the body', { metadata: { name: 'other' } }, 400, 'name in URL does not match name in Eviction object'],
    ['a missing Pod', null, 404, 'pods "nope" not found'],
  ])('refuses %s', (_, extra, code, message) => {
    const { evict, send } = setup()
    const res = extra ? evict('web-1', extra) : send('POST', `${PODS}/nope/eviction`, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'nope' } })
    expect(res.response.code).toBe(code)
    expect((res.response.body as { message: string }).message).toBe(message)
  })

  it('GET has no route: 405', () => {
    const { send } = setup()
    expect(send('GET', `${PODS}/web-1/eviction`).response.code).toBe(405)
  })

  it('dryRun spends nothing and deletes nothing', () => {
    const { budget, send, pdb } = setup()
    budget('web', { minAvailable: 1 })
    const res = send('POST', `${PODS}/web-1/eviction?dryRun=All`, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'web-1' } })
    expect(res.response.code).toBe(201)
    expect(send('GET', `${PODS}/web-1`).response.code).toBe(200)
    expect(pdb('web').status).toMatchObject({ disruptionsAllowed: 1 })
  })
})

describe('PodDisruptionBudget validation (ValidatePodDisruptionBudgetSpec)', () => {
  it.each([
    [
      { minAvailable: 1, maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } },
      'PodDisruptionBudget.policy "b" is invalid: spec: Invalid value: {"MinAvailable":1,"Selector":{"matchLabels":{"app":"web"}},"MaxUnavailable":1,"UnhealthyPodEvictionPolicy":null}: minAvailable and maxUnavailable cannot be both set',
    ],
    [{ minAvailable: -1 }, 'PodDisruptionBudget.policy "b" is invalid: spec.minAvailable: Invalid value: -1: must be greater than or equal to 0'],
    [{ maxUnavailable: '120%' }, 'PodDisruptionBudget.policy "b" is invalid: spec.maxUnavailable: Invalid value: "120%": must not be greater than 100%'],
    [
      { minAvailable: 1, unhealthyPodEvictionPolicy: 'Sometimes' },
      'PodDisruptionBudget.policy "b" is invalid: spec.unhealthyPodEvictionPolicy: Unsupported value: "Sometimes": supported values: "AlwaysAllow", "IfHealthyBudget"',
    ],
  ])('%j', (spec, message) => {
    const { send } = setup([])
    const res = send('POST', PDBS, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'b' }, spec })
    expect(res.response.code).toBe(422)
    expect((res.response.body as { message: string }).message).toBe(message)
  })

  it('a new budget starts at generation 1 with the zero status, before the controller fills it in', () => {
    const { send } = setup([])
    const res = send('POST', PDBS, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'b' }, spec: { minAvailable: 1 } })
    expect(res.response.code).toBe(201)
    const body = res.response.body as KubeObject
    expect(body.metadata?.generation).toBe(1)
    expect(body.status).toEqual({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 })
  })
})
