import { describe, expect, it } from 'vitest'
import { createFixedClock } from '../clock'
import { createSimulator } from '../simulator'
import type { HttpRequest, KubeObject } from '../types'
import { DESCRIPTIONS } from './descriptions'
import { formatLabelSelector, humanDuration } from './format'
import { requestedTableVersion } from './table'

const KUBECTL_GET_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json'
const admin = { clientCertificate: { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] } }

function cluster(objects: KubeObject[]) {
  const clock = createFixedClock('2026-01-15T10:00:00Z')
  const sim = createSimulator({ name: 't', cluster: { objects } }, { clock })
  clock.advance(3 * 60 + 5)
  const get = (path: string, accept = KUBECTL_GET_ACCEPT, extra: Partial<HttpRequest> = {}) =>
    sim.handle({ method: 'GET', path, headers: { Accept: accept }, ...admin, ...extra }).response
  return { sim, get, clock }
}

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'log', image: 'busybox' }] },
}

describe('humanDuration (duration.HumanDuration)', () => {
  it.each([
    [-3000, '<invalid>'],
    [-1000, '0s'],
    [0, '0s'],
    [119_000, '119s'],
    [120_000, '2m'],
    [185_000, '3m5s'],
    [600_000, '10m'],
    [3 * 3600_000 - 1, '179m'],
    [3 * 3600_000, '3h'],
    [5 * 3600_000 + 7 * 60_000, '5h7m'],
    [47 * 3600_000, '47h'],
    [49 * 3600_000, '2d1h'],
    [72 * 3600_000, '3d'],
    [30 * 86400_000, '30d'],
    [3 * 365 * 86400_000, '3y'],
    [(3 * 365 + 4) * 86400_000, '3y4d'],
    [9 * 365 * 86400_000, '9y'],
  ])('%d ms is %s', (ms, text) => expect(humanDuration(ms)).toBe(text))
})

describe('formatLabelSelector', () => {
  it.each([
    [undefined, '<none>'],
    [{}, '<none>'],
    [{ matchLabels: { b: '2', a: '1' } }, 'a=1,b=2'],
    [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }, { key: 'env', operator: 'Exists' }] }, 'env,tier in (api,web)'],
    [{ matchExpressions: [{ key: 'x', operator: 'NotIn', values: ['a'] }, { key: 'y', operator: 'DoesNotExist' }] }, 'x notin (a),!y'],
    [{ matchExpressions: [{ key: 'x', operator: 'Gt' }] }, '<error>'],
  ])('%j prints %s', (selector, text) => expect(formatLabelSelector(selector)).toBe(text))
})

describe('requestedTableVersion', () => {
  it.each([
    [KUBECTL_GET_ACCEPT, 'v1'],
    ['application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json', 'v1beta1'],
    ['application/json', undefined],
    ['application/json, application/json;as=Table;v=v1;g=meta.k8s.io', undefined],
    ['application/json;as=Table;v=v2;g=meta.k8s.io,application/json', undefined],
    [undefined, undefined],
  ])('%s asks for %s', (accept, version) => expect(requestedTableVersion(accept)).toBe(version))
})

describe('server-side Tables', () => {
  it('answers a pod list with the pod printer, every column, and PartialObjectMetadata rows', () => {
    const { get } = cluster([pod])
    const response = get('/api/v1/namespaces/default/pods?limit=500')
    expect(response.code).toBe(200)
    const table = response.body as Record<string, unknown>
    expect(Object.keys(table)).toEqual(['kind', 'apiVersion', 'metadata', 'columnDefinitions', 'rows'])
    expect(table.kind).toBe('Table')
    expect(table.apiVersion).toBe('meta.k8s.io/v1')
    expect(table.metadata).toEqual({ resourceVersion: expect.stringMatching(/^\d+$/) })
    expect(table.columnDefinitions).toEqual([
      { name: 'Name', type: 'string', format: 'name', description: DESCRIPTIONS.name, priority: 0 },
      { name: 'Ready', type: 'string', format: '', description: 'The aggregate readiness state of this pod for accepting traffic.', priority: 0 },
      { name: 'Status', type: 'string', format: '', description: 'The aggregate status of the containers in this pod.', priority: 0 },
      {
        name: 'Restarts',
        type: 'string',
        format: '',
        description: 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
        priority: 0,
      },
      { name: 'Age', type: 'string', format: '', description: DESCRIPTIONS.creationTimestamp, priority: 0 },
      { name: 'IP', type: 'string', format: '', description: DESCRIPTIONS.podIP, priority: 1 },
      { name: 'Node', type: 'string', format: '', description: DESCRIPTIONS.nodeName, priority: 1 },
      { name: 'Nominated Node', type: 'string', format: '', description: DESCRIPTIONS.nominatedNodeName, priority: 1 },
      { name: 'Readiness Gates', type: 'string', format: '', description: DESCRIPTIONS.readinessGates, priority: 1 },
    ])
    const rows = table.rows as { cells: unknown[]; object: { kind: string; apiVersion: string; metadata: { name: string } } }[]
    expect(rows.map((r) => r.cells)).toEqual([['web', '0/2', 'Pending', '0', '3m5s', '<none>', '<none>', '<none>', '<none>']])
    expect(rows[0]!.object.kind).toBe('PartialObjectMetadata')
    expect(rows[0]!.object.apiVersion).toBe('meta.k8s.io/v1')
    expect(rows[0]!.object.metadata.name).toBe('web')
  })

  it('answers a get of one object with a one-row Table carrying its resourceVersion', () => {
    const { get } = cluster([pod])
    const plain = get('/api/v1/namespaces/default/pods/web', 'application/json').body as KubeObject
    const table = get('/api/v1/namespaces/default/pods/web').body as { metadata: unknown; rows: unknown[] }
    expect(table.metadata).toEqual({ resourceVersion: plain.metadata?.resourceVersion })
    expect(table.rows).toHaveLength(1)
  })

  it('honours includeObject and refuses an unknown one', () => {
    const { get } = cluster([pod])
    const none = get('/api/v1/namespaces/default/pods?includeObject=None').body as { rows: Record<string, unknown>[] }
    expect(Object.keys(none.rows[0]!)).toEqual(['cells'])
    const whole = get('/api/v1/namespaces/default/pods?includeObject=Object').body as { rows: { object: KubeObject }[] }
    expect(Object.keys(whole.rows[0]!.object).slice(0, 4)).toEqual(['kind', 'apiVersion', 'metadata', 'spec'])
    expect(whole.rows[0]!.object.kind).toBe('Pod')
    const bad = get('/api/v1/namespaces/default/pods?includeObject=All')
    expect(bad.code).toBe(400)
    expect((bad.body as { message: string }).message).toBe('includeObject: Unsupported value: "All": supported values: "Metadata", "None", "Object"')
  })

  it('uses the default table (Name, Created At) for a kind without a printer', () => {
    const role: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader', namespace: 'default' }, rules: [] }
    const { get } = cluster([role])
    const table = get('/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles').body as { columnDefinitions: { name: string; type: string }[]; rows: { cells: unknown[] }[] }
    expect(table.columnDefinitions.map((c) => [c.name, c.type])).toEqual([['Name', 'string'], ['Created At', 'date']])
    expect(table.rows.map((r) => r.cells)).toEqual([['reader', '2026-01-15T10:00:00Z']])
  })

  it.each([
    [
      'a Service',
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080 }] } },
      '/api/v1/namespaces/default/services/web',
      (ip: unknown) => ['web', 'NodePort', ip, '<none>', '80:30080/TCP', '3m5s', 'app=web'],
    ],
    [
      'a ConfigMap',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { a: '1', b: '2' } },
      '/api/v1/namespaces/default/configmaps/cfg',
      () => ['cfg', 2, '3m5s'],
    ],
    [
      'a Secret',
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, stringData: { token: 'x' } },
      '/api/v1/namespaces/default/secrets/s',
      () => ['s', 'Opaque', 1, '3m5s'],
    ],
    [
      'a Namespace',
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } },
      '/api/v1/namespaces/dev',
      () => ['dev', 'Active', '3m5s'],
    ],
    [
      'a RoleBinding',
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'rb', namespace: 'default' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [
          { kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' },
          { kind: 'Group', name: 'dev', apiGroup: 'rbac.authorization.k8s.io' },
          { kind: 'ServiceAccount', name: 'ci', namespace: 'default' },
          { kind: 'User', name: 'joe', apiGroup: 'rbac.authorization.k8s.io' },
        ],
      },
      '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings/rb',
      () => ['rb', 'ClusterRole/view', '3m5s', 'jane, joe', 'dev', 'default/ci'],
    ],
  ])('prints %s as kube-apiserver does', (_what, object, path, cells) => {
    const { get } = cluster([object as KubeObject])
    const plain = get(path, 'application/json').body as KubeObject
    const table = get(path).body as { rows: { cells: unknown[] }[] }
    expect(table.rows[0]!.cells).toEqual(cells((plain.spec as { clusterIP?: string } | undefined)?.clusterIP))
  })

  it('prints the bootstrapped PriorityClasses with their value and Global-Default', () => {
    const { get } = cluster([])
    const table = get('/apis/scheduling.k8s.io/v1/priorityclasses').body as { rows: { cells: unknown[] }[] }
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['system-cluster-critical', 2000000000, false, '3m5s'],
      ['system-node-critical', 2000001000, false, '3m5s'],
    ])
  })

  it.each([
    [
      'a ready control-plane Node',
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'cp', labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'master' } },
        spec: { unschedulable: true },
        status: {
          conditions: [{ type: 'Ready', status: 'True' }],
          addresses: [{ type: 'InternalIP', address: '10.0.0.2' }],
          nodeInfo: { kubeletVersion: 'v1.35.0', osImage: 'Debian GNU/Linux 13' },
        },
      },
      '/api/v1/nodes/cp',
      ['cp', 'Ready,SchedulingDisabled', 'control-plane,master', '3m5s', 'v1.35.0', '10.0.0.2', '<none>', 'Debian GNU/Linux 13', '<unknown>', '<unknown>'],
    ],
    [
      'a default StorageClass',
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
        provisioner: 'rancher.io/local-path',
        volumeBindingMode: 'WaitForFirstConsumer',
      },
      '/apis/storage.k8s.io/v1/storageclasses/standard',
      ['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', false, '3m5s'],
    ],
    [
      'a core Event',
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'web.1', namespace: 'default' },
        involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', fieldPath: 'spec.containers{nginx}' },
        reason: 'Pulled',
        message: ' Container image "nginx" already present ',
        type: 'Normal',
        source: { component: 'kubelet', host: 'node-1' },
        firstTimestamp: '2026-01-15T10:01:00Z',
        lastTimestamp: '2026-01-15T10:02:00Z',
        count: 2,
      },
      '/api/v1/namespaces/default/events/web.1',
      ['65s', 'Normal', 'Pulled', 'pod/web', 'spec.containers{nginx}', 'kubelet, node-1', 'Container image "nginx" already present', '2m5s', 2, 'web.1'],
    ],
  ])('prints %s as kube-apiserver does', (_what, object, path, cells) => {
    const { get } = cluster([object as KubeObject])
    expect(get(path).code).toBe(200)
    expect((get(path).body as { rows: { cells: unknown[] }[] }).rows[0]!.cells).toEqual(cells)
  })

  it('prints a Deployment with READY as ready/desired and its selector', () => {
    const deployment: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    }
    const { get } = cluster([deployment])
    const table = get('/apis/apps/v1/namespaces/default/deployments/web').body as { rows: { cells: unknown[] }[] }
    const [name, ready, , , age, containers, images, selector] = table.rows[0]!.cells
    expect([name, ready, age, containers, images, selector]).toEqual(['web', '0/2', '3m5s', 'nginx', 'nginx', 'app=web'])
  })

  it('leaves a plain JSON Accept alone', () => {
    const { get } = cluster([pod])
    expect((get('/api/v1/namespaces/default/pods', 'application/json').body as KubeObject).kind).toBe('PodList')
  })

  it('sends watch events as one-row Tables, with the columns only in the first', () => {
    const second = { ...pod, metadata: { name: 'api', namespace: 'default' } }
    const { get } = cluster([pod, second])
    const events = get('/api/v1/namespaces/default/pods?watch=true').body as { type: string; object: { kind: string; columnDefinitions: unknown; rows: { cells: unknown[] }[] } }[]
    expect(events.map((e) => [e.type, e.object.kind, e.object.rows[0]!.cells[0]])).toEqual([
      ['ADDED', 'Table', 'api'],
      ['ADDED', 'Table', 'web'],
    ])
    expect(events[0]!.object.columnDefinitions).toHaveLength(9)
    expect(events[1]!.object.columnDefinitions).toBeNull()
  })
})
