import { describe, expect, it } from 'vitest'
import { applyStrategic, threeWayPatch } from './strategicMergePatch'

const deployment = {
  spec: {
    replicas: 1,
    template: {
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            imagePullPolicy: 'IfNotPresent',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
          },
          { name: 'sidecar', image: 'busybox' },
        ],
      },
    },
  },
}

describe('applyStrategic', () => {
  it.each([
    [
      'merges containers by name',
      { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } } } },
      (r: typeof deployment) => r.spec.template.spec.containers.map((c) => `${c.name}=${c.image}`),
      ['web=nginx:1.28', 'sidecar=busybox'],
    ],
    [
      'keeps fields the patch does not name',
      { spec: { template: { spec: { containers: [{ name: 'web', image: 'x' }] } } } },
      (r: typeof deployment) => r.spec.template.spec.containers[0]!.imagePullPolicy,
      'IfNotPresent',
    ],
    [
      'deletes with $patch: delete',
      { spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } } },
      (r: typeof deployment) => r.spec.template.spec.containers.map((c) => c.name),
      ['web'],
    ],
    [
      'appends new items',
      { spec: { template: { spec: { containers: [{ name: 'log', image: 'fluentd' }] } } } },
      (r: typeof deployment) => r.spec.template.spec.containers.map((c) => c.name),
      ['web', 'sidecar', 'log'],
    ],
    [
      'null removes a field',
      { spec: { replicas: null } },
      (r: typeof deployment) => 'replicas' in r.spec,
      false,
    ],
    [
      'replaces atomic lists whole',
      { spec: { template: { spec: { containers: [{ name: 'web', args: ['a'] }] } } } },
      (r: typeof deployment) => (r.spec.template.spec.containers[0] as { args?: string[] }).args,
      ['a'],
    ],
    [
      'orders items by $setElementOrder',
      {
        spec: {
          template: {
            spec: {
              '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'web' }],
              containers: [{ name: 'web', image: 'y' }],
            },
          },
        },
      },
      (r: typeof deployment) => r.spec.template.spec.containers.map((c) => c.name),
      ['sidecar', 'web'],
    ],
  ])('%s', (_, patch, read, expected) => {
    const result = applyStrategic(deployment, patch, 'Deployment') as typeof deployment
    expect(read(result)).toEqual(expected)
    expect(deployment.spec.template.spec.containers).toHaveLength(2)
  })
})

describe('threeWayPatch', () => {
  const lastApplied = {
    metadata: { name: 'web', labels: { app: 'web', tier: 'front' } },
    spec: { replicas: 2 },
  }
  const live = {
    metadata: { name: 'web', uid: 'u', labels: { app: 'web', tier: 'front' } },
    spec: { replicas: 2, paused: false },
  }

  it('is empty when nothing changed', () => {
    expect(threeWayPatch(lastApplied, lastApplied, live, 'Deployment')).toEqual({})
  })

  it('sets what changed and deletes what the manifest no longer has, leaving server fields alone', () => {
    const modified = { metadata: { name: 'web', labels: { app: 'web' } }, spec: { replicas: 3 } }
    expect(threeWayPatch(lastApplied, modified, live, 'Deployment')).toEqual({
      metadata: { labels: { tier: null } },
      spec: { replicas: 3 },
    })
  })

  it('patches list items by merge key with $setElementOrder', () => {
    const o = { spec: { containers: [{ name: 'a', image: '1' }] } }
    const m = { spec: { containers: [{ name: 'a', image: '2' }] } }
    const c = { spec: { containers: [{ name: 'a', image: '1', imagePullPolicy: 'IfNotPresent' }] } }
    expect(threeWayPatch(o, m, c, 'Pod')).toEqual({
      spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ name: 'a', image: '2' }] },
    })
  })
})
