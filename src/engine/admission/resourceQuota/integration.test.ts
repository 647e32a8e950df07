// LimitRanger and ResourceQuota in a whole simulated cluster: after every successful namespaced write the
// quota controller's recount (recalculateQuotaUsage) is stored. Runs the scenarios 20-29 and checks quota
// accounting.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseScenario } from '../../scenario/parse'
import { createSimulator } from '../../simulator'
import type { KubeObject } from '../../types'
import { parseQuantityExact } from './quantity'

const dir = join(import.meta.dirname, '..', '..', '..', 'scenarios')
const files = readdirSync(dir).filter((f) => /^2\d-.*\.yaml$/.test(f))

describe('scenarios 20-29 with the plugins wired', () => {
  it('there are quota and limit scenarios', () => {
    expect(files.length).toBeGreaterThanOrEqual(5)
  })

  it.each(files)('%s has the outcomes it declares', (file) => {
    const parsed = parseScenario(readFileSync(join(dir, file), 'utf8'))
    if (!parsed.ok) throw new Error(parsed.error)
    const simulator = createSimulator(parsed.value)
    for (const request of parsed.value.requests ?? []) {
      expect(request.expect, `${file}: every request declares its outcome`).toBeDefined()
      for (const result of simulator.run(request)) {
        const label = `${file}: ${result.name}`
        if (request.expect?.code !== undefined) expect(result.response.code, label).toBe(request.expect.code)
        if (request.expect?.stoppedAt !== undefined)
          expect(result.stoppedAt, label).toBe(request.expect.stoppedAt)
        if (request.expect?.kubectl !== undefined) expect(result.kubectl, label).toBe(request.expect.kubectl)
      }
    }
  })
})

const namespace: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }

function quotaObject(
  name: string,
  hard: Record<string, string>,
  spec: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name, namespace: 'dev' },
    spec: { hard, ...spec },
  }
}

function pod(
  name: string,
  resources?: Record<string, Record<string, string>>,
  spec: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'dev' },
    spec: {
      containers: [{ name: 'app', image: 'nginx:1.27', ...(resources ? { resources } : {}) }],
      ...spec,
    },
  }
}

function storedQuota(simulator: ReturnType<typeof createSimulator>, name: string): KubeObject {
  const entry = simulator.snapshot().entries.find((e) => e.key === `/registry/resourcequotas/dev/${name}`)
  return entry!.object
}

describe('LimitRanger in the pipeline', () => {
  it('sets requests, limits and the annotation on the stored Pod', () => {
    const simulator = createSimulator({
      name: 't',
      cluster: {
        objects: [
          namespace,
          {
            apiVersion: 'v1',
            kind: 'LimitRange',
            metadata: { name: 'limits', namespace: 'dev' },
            spec: {
              limits: [
                {
                  type: 'Container',
                  default: { cpu: '500m', memory: '256Mi' },
                  defaultRequest: { cpu: '100m' },
                },
              ],
            },
          },
        ],
      },
    })
    const [result] = simulator.run({
      verb: 'create',
      object: pod('nginx', { limits: { memory: '128Mi' } }),
      namespace: 'dev',
    })
    expect(result!.response.code).toBe(201)
    const body = result!.response.body as KubeObject
    expect(body.metadata?.annotations?.['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu request for container app; cpu limit for container app',
    )
    const container = (body.spec as { containers: { resources: unknown }[] }).containers[0]!
    // memory's request came from its limit while decoding; defaultRequest memory falls back to default (256Mi)
    // only where nothing was set.
    expect(container.resources).toEqual({
      limits: { cpu: '500m', memory: '128Mi' },
      requests: { cpu: '100m', memory: '128Mi' },
    })
    const step = result!.calls
      .at(-1)!
      .trace.find((t) => t.step === 'LimitRanger' && t.stage === 'mutating-admission')
    expect(step?.outcome).toBe('mutated')
  })
})

describe('ResourceQuota in the pipeline', () => {
  it('answers the exact 403 body', () => {
    const simulator = createSimulator({
      name: 't',
      cluster: {
        objects: [namespace, quotaObject('compute', { 'requests.cpu': '1', 'limits.memory': '1Gi' })],
      },
    })
    const [result] = simulator.run({
      verb: 'create',
      object: pod('web', { requests: { cpu: '2' } }),
      namespace: 'dev',
    })
    expect(result!.response.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "web" is forbidden: failed quota: compute: must specify limits.memory for: app',
      reason: 'Forbidden',
      details: { name: 'web', kind: 'pods' },
      code: 403,
    })
    const [over] = simulator.run({
      verb: 'create',
      object: pod('web', { requests: { cpu: '2' }, limits: { memory: '1Gi', cpu: '2' } }),
      namespace: 'dev',
    })
    expect((over!.response.body as { message: string }).message).toBe(
      'pods "web" is forbidden: exceeded quota: compute, requested: requests.cpu=2, used: requests.cpu=0, limited: requests.cpu=1',
    )
  })

  it('fills status.hard and status.used when the quota is created, in canonical form', () => {
    const simulator = createSimulator({
      name: 't',
      cluster: {
        objects: [
          namespace,
          pod('a', { requests: { cpu: '250m', memory: '0.5Gi' }, limits: { memory: '1024Mi' } }),
          quotaObject('q', {
            pods: '10',
            'requests.memory': '2048Mi',
            'limits.memory': '4Gi',
            'count/configmaps': '5',
            configmaps: '5',
            resourcequotas: '1',
          }),
        ],
      },
    })
    expect(storedQuota(simulator, 'q').status).toEqual({
      hard: {
        configmaps: '5',
        'count/configmaps': '5',
        'limits.memory': '4Gi',
        pods: '10',
        'requests.memory': '2Gi',
        resourcequotas: '1',
      },
      // kube-root-ca.crt is a ConfigMap in every namespace; the quota counts itself.
      used: {
        configmaps: '1',
        'count/configmaps': '1',
        'limits.memory': '1Gi',
        pods: '1',
        'requests.memory': '512Mi',
        resourcequotas: '1',
      },
    })
  })

  it('scopes: BestEffort and NotBestEffort quotas each count their own Pods', () => {
    const simulator = createSimulator({
      name: 't',
      cluster: {
        objects: [
          namespace,
          quotaObject('best-effort', { pods: '1' }, { scopes: ['BestEffort'] }),
          quotaObject('burstable', { pods: '5' }, { scopes: ['NotBestEffort'] }),
        ],
      },
    })
    const create = (p: KubeObject) => simulator.run({ verb: 'create', object: p, namespace: 'dev' })[0]!
    expect(create(pod('be1')).response.code).toBe(201)
    expect((create(pod('be2')).response.body as { message: string }).message).toBe(
      'pods "be2" is forbidden: exceeded quota: best-effort, requested: pods=1, used: pods=1, limited: pods=1',
    )
    expect(create(pod('bu1', { requests: { cpu: '100m' } })).response.code).toBe(201)
    expect(storedQuota(simulator, 'best-effort').status).toEqual({ hard: { pods: '1' }, used: { pods: '1' } })
    expect(storedQuota(simulator, 'burstable').status).toEqual({ hard: { pods: '5' }, used: { pods: '1' } })
  })

  it('PriorityClass scope selectors', () => {
    const simulator = createSimulator({
      name: 't',
      cluster: {
        objects: [
          namespace,
          {
            apiVersion: 'scheduling.k8s.io/v1',
            kind: 'PriorityClass',
            metadata: { name: 'high' },
            value: 1000,
          },
          quotaObject(
            'high',
            { pods: '0' },
            {
              scopeSelector: {
                matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }],
              },
            },
          ),
        ],
      },
    })
    const high = simulator.run({
      verb: 'create',
      object: pod('h', undefined, { priorityClassName: 'high' }),
      namespace: 'dev',
    })[0]!
    expect((high.response.body as { message: string }).message).toBe(
      'pods "h" is forbidden: exceeded quota: high, requested: pods=1, used: pods=0, limited: pods=0',
    )
    expect(simulator.run({ verb: 'create', object: pod('n'), namespace: 'dev' })[0]!.response.code).toBe(201)
  })

  it('services: node ports and load balancers', () => {
    const simulator = createSimulator({
      name: 't',
      cluster: {
        objects: [
          namespace,
          quotaObject('svc', { services: '5', 'services.nodeports': '2', 'services.loadbalancers': '0' }),
        ],
      },
    })
    const svc = (name: string, type: string, ports: number) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'dev' },
      spec: {
        type,
        selector: { app: name },
        ports: Array.from({ length: ports }, (_, i) => ({ name: `p${i}`, port: 80 + i })),
      },
    })
    expect(
      simulator.run({ verb: 'create', object: svc('a', 'NodePort', 2), namespace: 'dev' })[0]!.response.code,
    ).toBe(201)
    expect(
      (
        simulator.run({ verb: 'create', object: svc('b', 'NodePort', 1), namespace: 'dev' })[0]!.response
          .body as { message: string }
      ).message,
    ).toBe(
      'services "b" is forbidden: exceeded quota: svc, requested: services.nodeports=1, used: services.nodeports=2, limited: services.nodeports=2',
    )
    expect(
      simulator.run({ verb: 'create', object: svc('c', 'ClusterIP', 3), namespace: 'dev' })[0]!.response.code,
    ).toBe(201)
    expect(storedQuota(simulator, 'svc').status).toEqual({
      hard: { services: '5', 'services.loadbalancers': '0', 'services.nodeports': '2' },
      used: { services: '2', 'services.loadbalancers': '0', 'services.nodeports': '2' },
    })
  })
})

// A small deterministic generator, so the property test explores many sequences the same way every run.
function generator(seed: number) {
  let state = seed >>> 0
  return (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state % n
  }
}

const milli = (q: unknown) => Number(parseQuantityExact(q)!.nanos / 1_000_000n)

describe('property: status.used is what the stored objects consume', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('random creates, deletes, dry runs and rejections (seed %i)', (seed) => {
    const hard = {
      pods: '4',
      'requests.cpu': '2',
      'limits.memory': '1Gi',
      'count/configmaps': '4',
      secrets: '3',
    }
    const simulator = createSimulator({
      name: 't',
      cluster: { objects: [namespace, quotaObject('q', hard)] },
    })
    const next = generator(seed)
    const pods = new Map<string, { cpu: number; memory: number }>()
    const configMaps = new Set<string>(['kube-root-ca.crt'])
    const secrets = new Set<string>()
    for (let step = 0; step < 40; step++) {
      const dryRun = next(4) === 0
      const action = next(6)
      const name = `o${next(6)}`
      if (action <= 2) {
        const cpu = [100, 250, 500, 900][next(4)]!
        const memory = [64, 128, 256, 512][next(4)]!
        const [r] = simulator.run({
          verb: 'create',
          namespace: 'dev',
          dryRun,
          object: pod(name, { requests: { cpu: `${cpu}m` }, limits: { memory: `${memory}Mi` } }),
        })
        if (r!.response.code === 201 && !dryRun) pods.set(name, { cpu, memory })
      } else if (action === 3) {
        const [r] = simulator.run({
          verb: 'create',
          namespace: 'dev',
          dryRun,
          object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } },
        })
        if (r!.response.code === 201 && !dryRun) configMaps.add(name)
      } else if (action === 4) {
        const [r] = simulator.run({
          verb: 'create',
          namespace: 'dev',
          dryRun,
          object: { apiVersion: 'v1', kind: 'Secret', metadata: { name } },
        })
        if (r!.response.code === 201 && !dryRun) secrets.add(name)
      } else {
        const resource = ['pods', 'configmaps', 'secrets'][next(3)]!
        const [r] = simulator.run({ verb: 'delete', namespace: 'dev', resource, name, dryRun })
        if (r!.response.code === 200 && !dryRun) {
          if (resource === 'pods') pods.delete(name)
          if (resource === 'configmaps') configMaps.delete(name)
          if (resource === 'secrets') secrets.delete(name)
        }
      }
      const used = (storedQuota(simulator, 'q').status as { used: Record<string, string> }).used
      const label = `seed ${seed} step ${step}`
      expect(Number(used.pods), label).toBe(pods.size)
      expect(milli(used['requests.cpu']), label).toBe([...pods.values()].reduce((s, p) => s + p.cpu, 0))
      expect(milli(used['limits.memory']) / 1000 / 2 ** 20, label).toBe(
        [...pods.values()].reduce((s, p) => s + p.memory, 0),
      )
      expect(Number(used['count/configmaps']), label).toBe(configMaps.size)
      expect(Number(used.secrets), label).toBe(secrets.size)
      // Admission never lets usage pass the hard limits.
      for (const [resource, limit] of Object.entries(hard))
        expect(milli(used[resource]) <= milli(limit), `${label} ${resource}`).toBe(true)
    }
  })
})
