// Engine benchmarks (not tests): throughput of a Pod create through the whole pipeline with its trace,
// a 1,000-document manifest, and one RBAC decision in a large cluster. Goals are printed beside results.
import { createAuthorizer, type RbacObjects } from '../src/engine/authorization'
import { createSimulator } from '../src/engine/simulator'
import type { HttpRequest, KubeObject } from '../src/engine/types'

const ADMIN = { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] }

function podRequest(name: string): HttpRequest {
  return {
    method: 'POST',
    path: '/api/v1/namespaces/default/pods?fieldManager=kubectl-create&fieldValidation=Strict',
    clientCertificate: ADMIN,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
    }),
  }
}

function line(label: string, value: string, goal: string, ok: boolean) {
  console.log(`${label.padEnd(48)} ${value.padStart(14)}   goal ${goal.padEnd(12)} ${ok ? 'OK' : 'MISSED'}`)
}

// 1. Pod creates, whole pipeline with trace.
{
  const sim = createSimulator()
  for (let i = 0; i < 300; i++) sim.handle(podRequest(`warm-${i}`))
  let n = 0
  const start = performance.now()
  while (performance.now() - start < 2000) {
    const result = sim.handle(podRequest(`pod-${n++}`))
    if (result.response.code !== 201) throw new Error(`unexpected ${result.response.code}`)
  }
  const perSecond = n / ((performance.now() - start) / 1000)
  line('Pod create, whole pipeline with trace', `${Math.round(perSecond)} req/s`, '>= 2000/s', perSecond >= 2000)
}

// 2. A 1,000-document manifest through kubectl create -f.
{
  const sim = createSimulator()
  const docs = Array.from({ length: 1000 }, (_, i) =>
    [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      `  name: bulk-${i}`,
      'spec:',
      '  containers:',
      '    - name: app',
      '      image: nginx:1.27',
    ].join('\n'),
  ).join('\n---\n')
  const start = performance.now()
  const results = sim.run({ verb: 'create', manifest: docs })
  const ms = performance.now() - start
  if (results.length !== 1000 || results.some((r) => r.response.code !== 201)) throw new Error('bulk create failed')
  line('1,000-document manifest (kubectl create -f)', `${ms.toFixed(0)} ms`, '< 1000 ms', ms < 1000)
}

// 3. One RBAC decision with 10,000 RoleBindings and 1,000 ClusterRoles.
{
  const clusterRoles = new Map<string, KubeObject>()
  for (let i = 0; i < 1000; i++)
    clusterRoles.set(`role-${i}`, {
      kind: 'ClusterRole',
      metadata: { name: `role-${i}` },
      rules: [{ apiGroups: [''], resources: [`things${i}`], verbs: ['get', 'list'] }],
    })
  const roleBindings: KubeObject[] = Array.from({ length: 10000 }, (_, i) => ({
    kind: 'RoleBinding',
    metadata: { name: `binding-${i}`, namespace: 'busy' },
    subjects: [{ kind: 'User', name: `user-${i}`, apiGroup: 'rbac.authorization.k8s.io' }],
    roleRef: { kind: 'ClusterRole', name: `role-${i % 1000}`, apiGroup: 'rbac.authorization.k8s.io' },
  }))
  const rbac: RbacObjects = {
    clusterRoleBindings: () => [],
    roleBindings: (ns) => (ns === 'busy' ? roleBindings : []),
    clusterRole: (name) => clusterRoles.get(name),
    role: () => undefined,
  }
  const authorizer = createAuthorizer(rbac)
  // The worst case: the user is bound by the last binding, so every binding is visited.
  const attrs = {
    user: { username: 'user-9999', groups: ['system:authenticated'] },
    verb: 'get', namespace: 'busy', apiGroup: '', apiVersion: 'v1', resource: 'things999', subresource: '', name: 'x',
    isResourceRequest: true, path: '/api/v1/namespaces/busy/things999/x',
  }
  if (authorizer.authorize(attrs).decision !== 'Allow') throw new Error('expected Allow')
  const runs = 500
  const start = performance.now()
  for (let i = 0; i < runs; i++) authorizer.authorize(attrs)
  const ms = (performance.now() - start) / runs
  line('RBAC decision, 10,000 RoleBindings in one namespace', `${ms.toFixed(3)} ms`, '< 1 ms', ms < 1)
}

// 4. 10,000 stored Pods: a list with a label selector through the whole pipeline, and one more write.
{
  const sim = createSimulator()
  const pods = Array.from({ length: 10000 }, (_, i) =>
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `p-${i}`, labels: { app: i % 100 === 0 ? 'web' : 'other', tier: 'fe' } },
      spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
    }),
  )
  for (const body of pods)
    sim.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', clientCertificate: ADMIN, headers: { 'Content-Type': 'application/json' }, body })
  const list = () =>
    sim.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods?labelSelector=app%3Dweb', clientCertificate: ADMIN })
  for (let i = 0; i < 3; i++) list()
  const runs = 20
  let start = performance.now()
  for (let i = 0; i < runs; i++) {
    const result = list()
    if ((result.response.body as { items: unknown[] }).items.length !== 100) throw new Error('selector matched the wrong Pods')
  }
  const listMs = (performance.now() - start) / runs
  line('list 10,000 Pods with a label selector', `${listMs.toFixed(1)} ms`, '< 20 ms', listMs < 20)
  start = performance.now()
  const writes = 200
  for (let i = 0; i < writes; i++) sim.handle(podRequest(`extra-${i}`))
  const writeMs = (performance.now() - start) / writes
  line('a Pod create with 10,000 Pods stored', `${writeMs.toFixed(2)} ms`, '< 1 ms', writeMs < 1)
}
