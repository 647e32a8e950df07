import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../types'
import { fnv32a, safeEncodeString, computeHash } from './hash'
import { createHarness } from './harness'
import { controllerBootstrapObjects } from './rbac'

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
    },
  },
}
const DEPLOYMENTS = '/apis/apps/v1/namespaces/default/deployments'

function withDeployment() {
  const h = createHarness()
  expect(h.send('POST', DEPLOYMENTS, deployment).response.code).toBe(201)
  h.settle()
  return h
}

describe('the pod-template-hash', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('FNV-32a of %j is the reference value', (text, hash) => {
    expect(fnv32a(new TextEncoder().encode(text))).toBe(hash)
  })
  it('safe-encodes the decimal digits into the name alphabet', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf')
    expect(computeHash({ a: 1 })).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/)
    expect(computeHash({ a: 1 }, 1)).not.toBe(computeHash({ a: 1 }))
  })
})

describe('the deployment and replicaset controllers', () => {
  it('create <deployment>-<hash> with a controller reference, then its Pods', () => {
    const h = withDeployment()
    const d = h.get('deployments', 'default', 'web')!
    const [rs] = h.list('replicasets', 'default')
    const hash = rs!.metadata!.labels!['pod-template-hash']!
    expect(rs!.metadata).toMatchObject({
      name: `web-${hash}`,
      labels: { app: 'web', 'pod-template-hash': hash },
      annotations: {
        'deployment.kubernetes.io/desired-replicas': '2',
        'deployment.kubernetes.io/max-replicas': '3',
        'deployment.kubernetes.io/revision': '1',
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'web',
          uid: d.metadata!.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    })
    expect(rs!.spec).toMatchObject({
      replicas: 2,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } },
    })
    const pods = h.list('pods', 'default')
    expect(pods).toHaveLength(2)
    for (const pod of pods) {
      expect(pod.metadata!.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`))
      expect(pod.metadata).toMatchObject({
        generateName: `web-${hash}-`,
        ownerReferences: [{ kind: 'ReplicaSet', name: `web-${hash}`, controller: true }],
      })
    }
    // Settled: a second pass has nothing to do.
    expect(h.settle()).toEqual([])
  })

  it('scales the ReplicaSet when the Deployment scales', () => {
    const h = withDeployment()
    h.send('PATCH', `${DEPLOYMENTS}/web`, { spec: { replicas: 1 } }, 'application/merge-patch+json')
    h.settle()
    expect(h.list('pods', 'default')).toHaveLength(1)
  })
})

describe('the garbage collector', () => {
  it('background: deletes the ReplicaSet after the Deployment, then the Pods', () => {
    const h = withDeployment()
    const res = h.send('DELETE', `${DEPLOYMENTS}/web`, {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      propagationPolicy: 'Background',
    })
    expect(res.response.code).toBe(200)
    expect((res.response.body as KubeObject).kind).toBe('Status')
    expect(h.list('replicasets', 'default')).toHaveLength(1)
    const calls = h.settle()
    expect(
      calls.map(
        (c) =>
          `${c.request.method} ${c.request.path.split('/').slice(-2).join('/')} ${c.result.response.code}`,
      ),
    ).toEqual([
      expect.stringMatching(/^DELETE replicasets\/web-\w+ 200$/),
      expect.stringMatching(/^DELETE pods\/web-\w+-\w+ 200$/),
      expect.stringMatching(/^DELETE pods\/web-\w+-\w+ 200$/),
    ])
    expect(h.list('replicasets', 'default')).toEqual([])
    expect(h.list('pods', 'default')).toEqual([])
  })

  it('orphan: the Deployment keeps the orphan finalizer until the ReplicaSet has lost its owner reference', () => {
    const h = withDeployment()
    const res = h.send('DELETE', `${DEPLOYMENTS}/web`, {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      propagationPolicy: 'Orphan',
    })
    expect((res.response.body as KubeObject).metadata).toMatchObject({
      finalizers: ['orphan'],
      deletionGracePeriodSeconds: 0,
    })
    h.settle()
    expect(h.get('deployments', 'default', 'web')).toBeUndefined()
    const [rs] = h.list('replicasets', 'default')
    expect(rs!.metadata!.ownerReferences).toBeUndefined()
    expect(h.list('pods', 'default')).toHaveLength(2)
  })

  it('foreground: the Deployment stays with foregroundDeletion until its dependents are gone', () => {
    const h = withDeployment()
    const res = h.send('DELETE', `${DEPLOYMENTS}/web`, {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      propagationPolicy: 'Foreground',
    })
    expect((res.response.body as KubeObject).metadata).toMatchObject({ finalizers: ['foregroundDeletion'] })
    const calls = h.settle()
    expect(calls[0]!.request.body).toMatchObject({ propagationPolicy: 'Foreground' })
    expect(h.get('deployments', 'default', 'web')).toBeUndefined()
    expect(h.list('replicasets', 'default')).toEqual([])
    expect(h.list('pods', 'default')).toEqual([])
  })
})

describe('bootstrap RBAC for the controllers', () => {
  it('binds each controller service account to system:controller:<name>', () => {
    const objects = controllerBootstrapObjects()
    expect(objects.filter((o) => o.kind === 'ClusterRoleBinding').map((o) => o.metadata?.name)).toEqual([
      'system:controller:deployment-controller',
      'system:controller:replicaset-controller',
      'system:controller:generic-garbage-collector',
      'system:controller:disruption-controller',
      'system:controller:namespace-controller',
    ])
  })
})
