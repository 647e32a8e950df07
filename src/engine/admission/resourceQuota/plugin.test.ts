// ResourceQuota on single requests against quotas whose status the controller has filled in: the exact
// messages of k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go and pods.go Constraints,
// which quotas apply, the order they are checked in, and what an update is charged.
import { describe, expect, it } from 'vitest'
import { resourceByName } from '../../resources'
import type { KubeObject } from '../../types'
import type { AdmissionAttributes, AdmissionContext, Operation, PluginVerdict } from '../types'
import { resourceQuota } from './plugin'
import { recalculateQuotaUsage } from './usage'

function cluster(objects: KubeObject[]): AdmissionContext['cluster'] {
  const resourceOf = (o: KubeObject) => resourceByName(`${(o.kind ?? '').toLowerCase()}s`)?.resource ?? ''
  return {
    get: (resource, ns, name) =>
      objects.find(
        (o) => resourceOf(o) === resource && o.metadata?.namespace === ns && o.metadata?.name === name,
      ),
    list: (resource, ns) => objects.filter((o) => resourceOf(o) === resource && o.metadata?.namespace === ns),
  }
}

/** The namespace as the quota controller leaves it: quotas with status filled from the other objects. */
function context(objects: KubeObject[]): AdmissionContext {
  const synced = recalculateQuotaUsage('dev', cluster(objects))
  const all = objects.map(
    (o) => synced.find((q) => q.kind === o.kind && q.metadata?.name === o.metadata?.name) ?? o,
  )
  return {
    cluster: cluster(all),
    ids: { uid: () => 'uid', randomSuffix: (n) => 'b'.repeat(n) },
    clock: { now: () => '2025-01-01T00:00:00Z' },
  }
}

const quota = (
  name: string,
  hard: Record<string, string>,
  spec: Record<string, unknown> = {},
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name, namespace: 'dev' },
  spec: { hard, ...spec },
})

type Res = { requests?: Record<string, string>; limits?: Record<string, string> }
const pod = (name: string, containers: Res[] = [{}], extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'dev' },
  spec: {
    containers: containers.map((resources, i) => ({ name: `c${i}`, image: 'nginx', resources })),
    ...extra,
  },
})

function attrs(
  object: KubeObject,
  r: {
    resource?: string
    operation?: Operation
    oldObject?: KubeObject
    dryRun?: boolean
    subresource?: string
  } = {},
): AdmissionAttributes {
  return {
    name: object.metadata?.name ?? '',
    namespace: 'dev',
    resource: resourceByName(r.resource ?? 'pods')!,
    subresource: r.subresource ?? '',
    operation: r.operation ?? 'CREATE',
    object,
    oldObject: r.oldObject,
    userInfo: { username: 'admin', groups: [] },
    dryRun: r.dryRun ?? false,
  }
}

const message = (v: PluginVerdict) => (v.allowed ? undefined : v.status.message)

describe('ResourceQuota: exact messages', () => {
  it.each([
    {
      what: 'exceeded, with only the exceeded names, sorted',
      objects: [
        quota('compute', { 'requests.cpu': '1', 'requests.memory': '1Gi', pods: '10' }),
        pod('a', [{ requests: { cpu: '800m', memory: '512Mi' } }]),
      ],
      object: pod('b', [{ requests: { cpu: '300m', memory: '600Mi' } }]),
      message:
        'pods "b" is forbidden: exceeded quota: compute, requested: requests.cpu=300m,requests.memory=600Mi, used: requests.cpu=800m,requests.memory=512Mi, limited: requests.cpu=1,requests.memory=1Gi',
    },
    {
      what: 'cpu and memory count the requests',
      objects: [quota('q', { cpu: '500m', memory: '1G' })],
      object: pod('b', [
        { requests: { cpu: '250m', memory: '600M' } },
        { requests: { cpu: '250m', memory: '600M' } },
      ]),
      message:
        'pods "b" is forbidden: exceeded quota: q, requested: memory=1200M, used: memory=0, limited: memory=1G',
    },
    {
      what: 'must specify, sorted by resource then container',
      objects: [quota('compute', { 'limits.cpu': '4', 'requests.memory': '4Gi', cpu: '2' })],
      object: pod('b', [
        { requests: { cpu: '1' } },
        {},
        { limits: { cpu: '1' }, requests: { memory: '1Mi' } },
      ]),
      message:
        'pods "b" is forbidden: failed quota: compute: must specify cpu for: c1,c2; limits.cpu for: c0,c1; requests.memory for: c0,c1',
    },
    {
      what: 'object counts with the legacy name and count/',
      objects: [
        quota('objects', { configmaps: '2', 'count/configmaps': '1' }),
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'dev' } },
      ],
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'y', namespace: 'dev' } },
      resource: 'configmaps',
      message:
        'configmaps "y" is forbidden: exceeded quota: objects, requested: count/configmaps=1, used: count/configmaps=1, limited: count/configmaps=1',
    },
    {
      what: 'count/<resource>.<group> for other groups',
      objects: [quota('objects', { 'count/deployments.apps': '0' })],
      object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'dev' } },
      resource: 'deployments',
      message:
        'deployments.apps "web" is forbidden: exceeded quota: objects, requested: count/deployments.apps=1, used: count/deployments.apps=0, limited: count/deployments.apps=0',
    },
    {
      what: 'storage requests, rounded up to whole bytes, and per storage class',
      objects: [
        quota('storage', {
          'requests.storage': '10Gi',
          'gold.storageclass.storage.k8s.io/requests.storage': '1Gi',
        }),
      ],
      object: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data', namespace: 'dev' },
        spec: { storageClassName: 'gold', resources: { requests: { storage: '2Gi' } } },
      },
      resource: 'persistentvolumeclaims',
      message:
        'persistentvolumeclaims "data" is forbidden: exceeded quota: storage, requested: gold.storageclass.storage.k8s.io/requests.storage=2Gi, used: gold.storageclass.storage.k8s.io/requests.storage=0, limited: gold.storageclass.storage.k8s.io/requests.storage=1Gi',
    },
    {
      what: 'a generated name is named by its generateName',
      objects: [quota('q', { pods: '0' })],
      object: { ...pod(''), metadata: { generateName: 'web-', namespace: 'dev' } },
      message:
        'pods "web-" is forbidden: exceeded quota: q, requested: pods=1, used: pods=0, limited: pods=0',
    },
  ])('$what', ({ objects, object, resource, message: expected }) => {
    const verdict = resourceQuota.validate!(attrs(object, { resource }), context(objects))
    expect(message(verdict)).toBe(expected)
    if (!verdict.allowed) expect(verdict.status).toMatchObject({ code: 403, reason: 'Forbidden' })
  })

  it('status unknown while the controller has not counted a name', () => {
    // A quota the controller has seen only half: status.hard set, status.used not yet.
    const fresh = { ...quota('fresh', { pods: '1' }), status: { hard: { pods: '1' } } }
    const ctx: AdmissionContext = { ...context([]), cluster: cluster([fresh]) }
    expect(message(resourceQuota.validate!(attrs(pod('b')), ctx))).toBe(
      'pods "b" is forbidden: status unknown for quota: fresh, resources: pods',
    )
  })

  it('constraints and status of every quota are checked before any usage', () => {
    const objects = [quota('a-pods', { pods: '0' }), quota('b-compute', { 'requests.cpu': '1' })]
    expect(message(resourceQuota.validate!(attrs(pod('x')), context(objects)))).toBe(
      'pods "x" is forbidden: failed quota: b-compute: must specify requests.cpu for: c0',
    )
  })

  it('with several exceeded quotas, the first by name wins', () => {
    const objects = [quota('b', { pods: '0' }), quota('a', { 'count/pods': '0' })]
    const ctx = context(objects)
    // The namespace lists quotas in name order, as etcd's range returns them.
    const sorted = {
      ...ctx,
      cluster: {
        ...ctx.cluster,
        list: (r: string, ns: string) =>
          ctx.cluster.list(r, ns).sort((x, y) => (x.metadata!.name! < y.metadata!.name! ? -1 : 1)),
      },
    }
    expect(message(resourceQuota.validate!(attrs(pod('x')), sorted))).toBe(
      'pods "x" is forbidden: exceeded quota: a, requested: count/pods=1, used: count/pods=0, limited: count/pods=0',
    )
  })

  it('a dry run is checked like a real request and says nothing is charged', () => {
    const objects = [quota('q', { pods: '1' })]
    const fits = resourceQuota.validate!(attrs(pod('x'), { dryRun: true }), context(objects))
    expect(fits).toMatchObject({
      allowed: true,
      summary: 'quota "q": pods 0 of 1 used, this Pod adds 1 (dry run: nothing is charged)',
    })
    const over = resourceQuota.validate!(attrs(pod('y'), { dryRun: true }), context([...objects, pod('x')]))
    expect(message(over)).toBe(
      'pods "y" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1',
    )
  })
})

describe('ResourceQuota: which quotas apply', () => {
  it.each([
    { what: 'a quota on other resources', objects: [quota('q', { services: '0' })] },
    {
      what: 'a Terminating quota and a Pod without activeDeadlineSeconds',
      objects: [quota('q', { pods: '0' }, { scopes: ['Terminating'] })],
    },
    {
      what: 'a NotBestEffort quota and a BestEffort Pod',
      objects: [quota('q', { pods: '0' }, { scopes: ['NotBestEffort'] })],
    },
    {
      what: 'a PriorityClass NotIn quota',
      objects: [
        quota(
          'q',
          { pods: '0' },
          {
            scopeSelector: {
              matchExpressions: [{ scopeName: 'PriorityClass', operator: 'NotIn', values: ['low', ''] }],
            },
          },
        ),
      ],
      object: pod('x', [{}], { priorityClassName: 'low' }),
    },
    {
      what: 'a quota with scopes on Services',
      objects: [quota('q', { services: '0' }, { scopes: ['BestEffort'] })],
      object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'dev' }, spec: {} },
      resource: 'services',
    },
  ])('not $what', ({ objects, object, resource }) => {
    expect(resourceQuota.validate!(attrs(object ?? pod('x'), { resource }), context(objects)).allowed).toBe(
      true,
    )
  })

  it.each([
    { what: 'a Terminating quota', spec: { scopes: ['Terminating'] }, extra: { activeDeadlineSeconds: 30 } },
    { what: 'a BestEffort quota', spec: { scopes: ['BestEffort'] }, extra: {} },
    {
      what: 'PriorityClass Exists',
      spec: { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'Exists' }] } },
      extra: { priorityClassName: 'x' },
    },
    {
      what: 'PriorityClass DoesNotExist',
      spec: {
        scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'DoesNotExist' }] },
      },
      extra: {},
    },
    {
      what: 'CrossNamespacePodAffinity',
      spec: { scopes: ['CrossNamespacePodAffinity'] },
      extra: {
        affinity: {
          podAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', namespaces: ['other'] }],
          },
        },
      },
    },
  ])('$what', ({ spec, extra }) => {
    const verdict = resourceQuota.validate!(
      attrs(pod('x', [{}], extra)),
      context([quota('q', { pods: '0' }, spec)]),
    )
    expect(message(verdict)).toBe(
      'pods "x" is forbidden: exceeded quota: q, requested: pods=1, used: pods=0, limited: pods=0',
    )
  })

  it.each([
    { what: 'subresources', r: { subresource: 'status', operation: 'UPDATE' as Operation } },
    { what: 'deletes', r: { operation: 'DELETE' as Operation } },
    { what: 'events', r: { resource: 'events' } },
    { what: 'Pod updates that keep the scope', r: { operation: 'UPDATE' as Operation, oldObject: pod('x') } },
    {
      what: 'ConfigMap updates',
      r: { resource: 'configmaps', operation: 'UPDATE' as Operation, oldObject: pod('x') },
    },
  ])('skips $what', ({ r }) => {
    const verdict = resourceQuota.validate!(
      attrs(pod('x'), r),
      context([quota('q', { pods: '0', configmaps: '0' })]),
    )
    expect(verdict).toMatchObject({ allowed: true, skipped: true })
  })
})

describe('ResourceQuota: updates are charged the growth', () => {
  const svc = (type: string, ports: number): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 's', namespace: 'dev' },
    spec: { type, ports: Array.from({ length: ports }, (_, i) => ({ port: 80 + i })) },
  })
  it('a Service that becomes a LoadBalancer', () => {
    const objects = [
      quota('q', { 'services.loadbalancers': '0', 'services.nodeports': '5', services: '1' }),
      svc('ClusterIP', 2),
    ]
    const verdict = resourceQuota.validate!(
      attrs(svc('LoadBalancer', 2), {
        resource: 'services',
        operation: 'UPDATE',
        oldObject: svc('ClusterIP', 2),
      }),
      context(objects),
    )
    // services=1 is already used by the Service itself and does not grow.
    expect(message(verdict)).toBe(
      'services "s" is forbidden: exceeded quota: q, requested: services.loadbalancers=1, used: services.loadbalancers=0, limited: services.loadbalancers=0',
    )
  })
  it('an update that changes nothing counted passes', () => {
    const objects = [quota('q', { services: '1' }), svc('ClusterIP', 2)]
    const verdict = resourceQuota.validate!(
      attrs(svc('ClusterIP', 3), {
        resource: 'services',
        operation: 'UPDATE',
        oldObject: svc('ClusterIP', 2),
      }),
      context(objects),
    )
    expect(verdict.allowed).toBe(true)
  })
})

describe('recalculateQuotaUsage', () => {
  it('returns only the quotas whose status changed', () => {
    const first = recalculateQuotaUsage('dev', cluster([quota('q', { pods: '2' }), pod('a')]))
    expect(first.map((q) => q.status)).toEqual([{ hard: { pods: '2' }, used: { pods: '1' } }])
    expect(recalculateQuotaUsage('dev', cluster([first[0]!, pod('a')]))).toEqual([])
    expect(recalculateQuotaUsage('dev', cluster([first[0]!])).map((q) => q.status)).toEqual([
      { hard: { pods: '2' }, used: { pods: '0' } },
    ])
  })

  it('counts finished Pods only for count/pods, and init containers at their peak', () => {
    const done = { ...pod('done', [{ requests: { cpu: '1' } }]), status: { phase: 'Succeeded' } }
    const withInit = pod('init', [{ requests: { cpu: '100m' } }], {
      initContainers: [{ name: 'i', image: 'x', resources: { requests: { cpu: '500m' } } }],
      overhead: { cpu: '10m' },
    })
    const [q] = recalculateQuotaUsage(
      'dev',
      cluster([quota('q', { 'count/pods': '9', pods: '9', 'requests.cpu': '9' }), done, withInit]),
    )
    expect(q!.status).toEqual({
      hard: { 'count/pods': '9', pods: '9', 'requests.cpu': '9' },
      used: { 'count/pods': '2', pods: '1', 'requests.cpu': '510m' },
    })
  })
})
