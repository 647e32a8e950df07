// The pipeline stage by stage, each with a request that passes and one that is stopped, checking the exact
// response body kube-apiserver v1.35 sends.
import { describe, expect, it } from 'vitest'
import { createSimulator } from './simulator'
import type { HttpRequest, KubeObject } from './types'

const ADMIN = {
  clientCertificate: { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] },
}
const JANE = { headers: { Authorization: 'Bearer jane-token' } }

function cluster() {
  return createSimulator({
    name: 'test',
    cluster: {
      users: [{ name: 'jane', token: 'jane-token', groups: ['developers'] }],
      objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }],
    },
  })
}

const pod = (name: string, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
  ...extra,
})

function post(
  path: string,
  body: unknown,
  who: Partial<HttpRequest> = ADMIN,
  contentType = 'application/json',
): HttpRequest {
  return {
    method: 'POST',
    path,
    ...who,
    headers: { ...(who.headers ?? {}), 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }
}

describe('each stage, passing and stopping', () => {
  it.each([
    {
      stage: 'authentication',
      request: {
        method: 'GET',
        path: '/api/v1/namespaces/dev/pods',
        headers: { Authorization: 'Bearer nope' },
      } as HttpRequest,
      code: 401,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      },
    },
    {
      stage: 'impersonation',
      request: {
        method: 'GET',
        path: '/api/v1/namespaces/dev/pods',
        headers: { ...JANE.headers, 'Impersonate-User': 'bob' },
      } as HttpRequest,
      code: 403,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'users "bob" is forbidden: User "jane" cannot impersonate resource "users" in API group "" at the cluster scope',
        reason: 'Forbidden',
        details: { name: 'bob', kind: 'users' },
        code: 403,
      },
    },
    {
      stage: 'authorization',
      request: post('/api/v1/namespaces/dev/pods', pod('web'), JANE),
      code: 403,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'pods is forbidden: User "jane" cannot create resource "pods" in API group "" in the namespace "dev"',
        reason: 'Forbidden',
        details: { kind: 'pods' },
        code: 403,
      },
    },
    {
      stage: 'authorization',
      request: {
        method: 'GET',
        path: '/apis/apps/v1/namespaces/dev/deployments/web/scale',
        headers: JANE.headers,
      } as HttpRequest,
      code: 403,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments/scale" in API group "apps" in the namespace "dev"',
        reason: 'Forbidden',
        details: { name: 'web', group: 'apps', kind: 'deployments' },
        code: 403,
      },
    },
    {
      stage: 'authorization',
      request: { method: 'GET', path: '/metrics' } as HttpRequest,
      code: 403,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'forbidden: User "system:anonymous" cannot get path "/metrics"',
        reason: 'Forbidden',
        details: {},
        code: 403,
      },
    },
    {
      stage: 'decoding',
      request: post('/api/v1/namespaces/dev/pods', '{"apiVersion":"v1","kind":"Pod"'),
      code: 400,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'the object provided is unrecognized (must be of type Pod): couldn\'t get version/kind; json parse error: unexpected end of JSON input ({"apiVersion":"v1","kind":"Pod ...)',
        reason: 'BadRequest',
        code: 400,
      },
    },
    {
      stage: 'decoding',
      request: post('/api/v1/namespaces/dev/pods', {
        apiVersion: 'v1',
        kind: 'Pdo',
        metadata: { name: 'x' },
      }),
      code: 400,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'Pdo in version "v1" cannot be handled as a Pod: no kind "Pdo" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"',
        reason: 'BadRequest',
        code: 400,
      },
    },
    {
      stage: 'decoding',
      request: post('/api/v1/namespaces/dev/pods', pod('web'), ADMIN, 'text/plain'),
      code: 415,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
        reason: 'UnsupportedMediaType',
        code: 415,
      },
    },
    {
      stage: 'mutating-admission',
      request: post('/api/v1/namespaces/staging/pods', pod('web')),
      code: 404,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'namespaces "staging" not found',
        reason: 'NotFound',
        details: { name: 'staging', kind: 'namespaces' },
        code: 404,
      },
    },
    {
      stage: 'mutating-admission',
      request: post(
        '/api/v1/namespaces/dev/pods',
        pod('web', { spec: { serviceAccountName: 'robot', containers: [{ name: 'app', image: 'nginx' }] } }),
      ),
      code: 403,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'pods "web" is forbidden: error looking up service account dev/robot: serviceaccount "robot" not found',
        reason: 'Forbidden',
        details: { name: 'web', kind: 'pods' },
        code: 403,
      },
    },
    {
      stage: 'validation',
      request: post('/api/v1/namespaces/dev/pods', pod('web', { spec: { containers: [{ name: 'app' }] } })),
      code: 422,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Pod "web" is invalid: spec.containers[0].image: Required value',
        reason: 'Invalid',
        details: {
          name: 'web',
          kind: 'Pod',
          causes: [
            { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' },
          ],
        },
        code: 422,
      },
    },
  ])('$stage stops $request.method $request.path with $code', ({ stage, request, code, body }) => {
    const sim = cluster()
    const result = sim.handle(request)
    expect(result.response.code).toBe(code)
    expect(result.response.body).toEqual(body)
    expect(result.stoppedAt).toBe(stage)
    // The body's keys come in kube-apiserver's order, so the wire text matches too.
    expect(JSON.stringify(result.response.body)).toBe(JSON.stringify(body))
    expect(result.trace.at(-1)).toMatchObject({ stage, outcome: 'rejected' })
  })

  it('impersonation answers a plain-text 500 for groups without a user, as responsewriters.InternalError does', () => {
    const result = cluster().handle({
      method: 'GET',
      path: '/api/v1/namespaces/dev/pods',
      ...ADMIN,
      headers: { 'Impersonate-Group': ['ops', 'dev'] },
    })
    expect(result.response.code).toBe(500)
    expect(result.response.headers['Content-Type']).toBe('text/plain; charset=utf-8')
    expect(result.response.body).toBe(
      'Internal Server Error: "/api/v1/namespaces/dev/pods": requested [{Group  ops    } {Group  dev    }] without impersonating a user\n',
    )
    expect(result.stoppedAt).toBe('impersonation')
  })

  it('storage answers 409 for an existing object, after every other stage passed', () => {
    const sim = cluster()
    expect(sim.handle(post('/api/v1/namespaces/dev/pods', pod('web'))).response.code).toBe(201)
    const second = sim.handle(post('/api/v1/namespaces/dev/pods', pod('web')))
    expect(second.stoppedAt).toBe('storage')
    expect(JSON.stringify(second.response.body)).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"web\\" already exists","reason":"AlreadyExists","details":{"name":"web","kind":"pods"},"code":409}',
    )
  })

  it('a successful create passes every stage and answers 201 with the stored object', () => {
    const sim = cluster()
    const result = sim.handle(post('/api/v1/namespaces/dev/pods', pod('web')))
    expect(result.response.code).toBe(201)
    expect(result.stoppedAt).toBeNull()
    const stages = [...new Set(result.trace.map((t) => t.stage))]
    expect(stages).toEqual([
      'http',
      'authentication',
      'impersonation',
      'authorization',
      'decoding',
      'mutating-admission',
      'validation',
      'validating-admission',
      'storage',
    ])
    expect(result.trace.every((t) => t.outcome !== 'rejected')).toBe(true)
    const body = result.response.body as KubeObject
    expect(Object.keys(body).slice(0, 3)).toEqual(['kind', 'apiVersion', 'metadata'])
    expect(body.metadata?.resourceVersion).toBe(String(sim.snapshot().revision))
  })
})

describe('a created Pod shows defaulting and admission as a real cluster does', () => {
  const sim = createSimulator({ name: 'defaults' })
  const result = sim.handle(
    post('/api/v1/namespaces/default/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'nginx' },
      spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
    }),
  )
  const body = result.response.body as {
    spec: Record<string, unknown>
    status: unknown
    metadata: Record<string, unknown>
  }
  const container = (body.spec.containers as Record<string, unknown>[])[0]!
  const volumeName = (body.spec.volumes as { name: string }[])[0]!.name

  it.each([
    ['imagePullPolicy by the tag rule (no tag means latest)', container.imagePullPolicy, 'Always'],
    ['terminationMessagePath', container.terminationMessagePath, '/dev/termination-log'],
    ['terminationMessagePolicy', container.terminationMessagePolicy, 'File'],
    ['serviceAccountName', body.spec.serviceAccountName, 'default'],
    ['the deprecated serviceAccount mirror', body.spec.serviceAccount, 'default'],
    ['priority', body.spec.priority, 0],
    ['preemptionPolicy', body.spec.preemptionPolicy, 'PreemptLowerPriority'],
    ['enableServiceLinks', body.spec.enableServiceLinks, true],
    ['dnsPolicy', body.spec.dnsPolicy, 'ClusterFirst'],
    ['schedulerName', body.spec.schedulerName, 'default-scheduler'],
    ['restartPolicy', body.spec.restartPolicy, 'Always'],
    ['terminationGracePeriodSeconds', body.spec.terminationGracePeriodSeconds, 30],
    ['status', body.status, { phase: 'Pending', qosClass: 'BestEffort' }],
    ['generation', body.metadata.generation, 1],
  ])('%s', (_, actual, expected) => {
    expect(actual).toEqual(expected)
  })

  it('mounts the kube-api-access projected volume', () => {
    expect(volumeName).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    expect(container.volumeMounts).toEqual([
      { name: volumeName, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
    ])
  })

  it('adds the two NoExecute tolerations in order', () => {
    expect(body.spec.tolerations).toEqual([
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ])
  })

  it('attributes each change to the step that made it', () => {
    const mutatedBy = result.trace.filter((t) => t.outcome === 'mutated').map((t) => `${t.stage}/${t.step}`)
    expect(mutatedBy).toEqual([
      'decoding/defaulting',
      'mutating-admission/ServiceAccount',
      'mutating-admission/Priority',
      'mutating-admission/DefaultTolerationSeconds',
      'validation/FillObjectMetaSystemFields',
      'validation/PrepareForCreate',
    ])
    const defaulting = result.trace.find((t) => t.step === 'defaulting')!
    expect(defaulting.patch).toContainEqual({
      op: 'add',
      path: '/spec/containers/0/imagePullPolicy',
      value: 'Always',
    })
  })

  it('lists every default-on admission plugin, in order, in both halves', () => {
    const mutating = result.trace.filter((t) => t.stage === 'mutating-admission').map((t) => t.step)
    expect(mutating).toEqual([
      'NamespaceLifecycle',
      'LimitRanger',
      'ServiceAccount',
      'TaintNodesByCondition',
      'Priority',
      'DefaultTolerationSeconds',
      'DefaultStorageClass',
      'StorageObjectInUseProtection',
      'RuntimeClass',
      'DefaultIngressClass',
      'PodTopologyLabels',
      'MutatingAdmissionPolicy',
      'MutatingAdmissionWebhook',
    ])
    const validating = result.trace.filter((t) => t.stage === 'validating-admission').map((t) => t.step)
    expect(validating).toEqual([
      'LimitRanger',
      'ServiceAccount',
      'PodSecurity',
      'Priority',
      'PersistentVolumeClaimResize',
      'RuntimeClass',
      'CertificateApproval',
      'CertificateSigning',
      'ClusterTrustBundleAttest',
      'CertificateSubjectRestriction',
      'NodeDeclaredFeatureValidator',
      'ValidatingAdmissionPolicy',
      'ValidatingAdmissionWebhook',
      'ResourceQuota',
    ])
  })
})

describe('a rejected request changes nothing', () => {
  it.each([
    ['authorization', post('/api/v1/namespaces/dev/pods', pod('a'), JANE)],
    ['mutating admission', post('/api/v1/namespaces/nope/pods', pod('a'))],
    ['validation', post('/api/v1/namespaces/dev/pods', pod('a', { spec: { containers: [] } }))],
    ['dry run', { ...post('/api/v1/namespaces/dev/pods?dryRun=All', pod('a')) }],
  ])('%s leaves the keys and the revision as they were', (_, request) => {
    const sim = cluster()
    const before = sim.snapshot()
    sim.handle(request)
    const after = sim.snapshot()
    expect(after.revision).toBe(before.revision)
    expect(after.entries).toEqual(before.entries)
  })
})

describe('hostile input gets a Kubernetes-style error and the server goes on serving', () => {
  const bomb = [
    'a: &a ["x","x","x","x","x","x","x","x","x"]',
    ...Array.from(
      { length: 9 },
      (_, i) =>
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
    ),
  ].join('\n')

  it.each([
    ['malformed JSON', post('/api/v1/namespaces/dev/pods', '{nope'), 400],
    ['a YAML alias bomb', post('/api/v1/namespaces/dev/pods', bomb, ADMIN, 'application/yaml'), 400],
    [
      'a body over 3 MiB',
      post('/api/v1/namespaces/dev/configmaps', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'big' },
        data: { x: 'x'.repeat(3 * 1024 * 1024) },
      }),
      413,
    ],
    ['a JSON array', post('/api/v1/namespaces/dev/pods', '[1,2]'), 400],
    ['a bare string', post('/api/v1/namespaces/dev/pods', '"pod"'), 400],
    ['an unknown kind', post('/api/v1/namespaces/dev/pods', { apiVersion: 'v1', kind: 'Banana' }), 400],
    ['a resource that does not exist', post('/api/v1/namespaces/dev/bananas', {}), 404],
    [
      'a group nobody serves',
      { method: 'GET', path: '/apis/example.com/v1/widgets', ...ADMIN } as HttpRequest,
      404,
    ],
    [
      'spec of the wrong type',
      post('/api/v1/namespaces/dev/pods', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'x' },
        spec: 'oops',
      }),
      400,
    ],
  ])('%s', (_, request, code) => {
    const sim = cluster()
    const result = sim.handle(request)
    expect(result.response.code).toBe(code)
    expect(sim.handle(post('/api/v1/namespaces/dev/pods', pod('after'))).response.code).toBe(201)
  })

  it('a YAML alias bomb in a manifest is refused by the client-side parse', () => {
    const [result] = cluster().run({ verb: 'create', manifest: bomb })
    expect(result!.kubectl).toMatch(/^error: error parsing manifest\.yaml/)
    expect(result!.calls).toHaveLength(0)
  })

  it("a spec of the wrong type is a decode error in Go's words", () => {
    const result = cluster().handle(
      post('/api/v1/namespaces/dev/pods', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'x' },
        spec: 'oops',
      }),
    )
    expect(result.response.body).toMatchObject({
      message:
        'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec',
    })
  })

  it('413 carries the limit', () => {
    const result = cluster().handle(
      post('/api/v1/namespaces/dev/configmaps', { data: { x: 'x'.repeat(3 * 1024 * 1024) } }),
    )
    expect(result.response.body).toMatchObject({
      message: 'Request entity too large: limit is 3145728',
      reason: 'RequestEntityTooLarge',
    })
  })
})

describe('controllers a learner notices', () => {
  it('a new namespace gets its default ServiceAccount and kube-root-ca.crt', () => {
    const sim = cluster()
    const keys = sim.snapshot().entries.map((e) => e.key)
    expect(keys).toContain('/registry/serviceaccounts/dev/default')
    expect(keys).toContain('/registry/configmaps/dev/kube-root-ca.crt')
  })

  it('a Service gets a cluster IP from 10.96.0.0/12', () => {
    const sim = cluster()
    const result = sim.handle(
      post('/api/v1/namespaces/dev/services', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web' },
        spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
      }),
    )
    expect(result.response.code).toBe(201)
    const spec = (result.response.body as { spec: { clusterIP: string; clusterIPs: string[] } }).spec
    expect(spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/)
    expect(spec.clusterIPs).toEqual([spec.clusterIP])
  })

  it('is deterministic: the same requests give the same trace and body', () => {
    const run = () => cluster().handle(post('/api/v1/namespaces/dev/pods', pod('web')))
    expect(run()).toEqual(run())
  })
})

describe('update and patch', () => {
  const cm = (data: Record<string, string>, extra: Record<string, unknown> = {}) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', ...extra },
    data,
  })
  const put = (path: string, body: unknown): HttpRequest => ({ ...post(path, body), method: 'PUT' })
  const patchReq = (path: string, body: unknown, type: string): HttpRequest => ({
    ...post(path, body, ADMIN, type),
    method: 'PATCH',
  })
  const base = '/api/v1/namespaces/dev/configmaps'

  function withConfigMap() {
    const sim = cluster()
    const created = sim.handle(post(base, cm({ color: 'blue' })))
    return { sim, rv: (created.response.body as KubeObject).metadata!.resourceVersion! }
  }

  it('answers 409 Conflict to a stale resourceVersion, and changes nothing', () => {
    const { sim, rv } = withConfigMap()
    expect(
      sim.handle(put(`${base}/settings`, cm({ color: 'green' }, { resourceVersion: rv }))).response.code,
    ).toBe(200)
    const before = sim.snapshot().revision
    const stale = sim.handle(put(`${base}/settings`, cm({ color: 'red' }, { resourceVersion: rv })))
    expect(stale.stoppedAt).toBe('validation')
    expect(JSON.stringify(stale.response.body)).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Operation cannot be fulfilled on configmaps \\"settings\\": the object has been modified; please apply your changes to the latest version and try again","reason":"Conflict","details":{"name":"settings","kind":"configmaps"},"code":409}',
    )
    expect(sim.snapshot().revision).toBe(before)
  })

  it('keeps uid and creationTimestamp, bumps the key version, and writes nothing for a no-op update', () => {
    const { sim } = withConfigMap()
    const first = sim.handle(put(`${base}/settings`, cm({ color: 'green' })))
    const body = first.response.body as KubeObject
    const entry = sim.snapshot().entries.find((e) => e.key === '/registry/configmaps/dev/settings')!
    expect(entry.version).toBe(2)
    expect(body.metadata?.uid).toBe(entry.object.metadata?.uid)
    const revision = sim.snapshot().revision
    const again = sim.handle(put(`${base}/settings`, cm({ color: 'green' })))
    expect(again.response.code).toBe(200)
    expect(sim.snapshot().revision).toBe(revision)
    expect(again.trace.at(-1)).toMatchObject({ stage: 'storage', outcome: 'skipped' })
  })

  it('refuses a body whose name differs from the URL', () => {
    const { sim } = withConfigMap()
    const result = sim.handle(put(`${base}/settings`, { ...cm({}), metadata: { name: 'other' } }))
    expect(result.response.body).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'the name of the object (other) does not match the name on the URL (settings)',
    })
  })

  it.each([
    ['application/merge-patch+json', { data: { size: 'L' } }],
    ['application/json-patch+json', [{ op: 'add', path: '/data/size', value: 'L' }]],
    ['application/strategic-merge-patch+json', { data: { size: 'L' } }],
  ])('applies a %s to the live object', (type, body) => {
    const { sim } = withConfigMap()
    const result = sim.handle(patchReq(`${base}/settings`, body, type))
    expect(result.response.code).toBe(200)
    expect((result.response.body as KubeObject).data).toEqual({ color: 'blue', size: 'L' })
  })

  it('answers 415 to a Content-Type that is not a patch type', () => {
    const { sim } = withConfigMap()
    const result = sim.handle(patchReq(`${base}/settings`, {}, 'application/json'))
    expect(result.response.body).toMatchObject({
      code: 415,
      reason: 'UnsupportedMediaType',
      message:
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
    })
  })

  it.each([
    [
      'a Deployment selector',
      '/apis/apps/v1/namespaces/dev/deployments',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: {
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'web', image: 'nginx' }] },
          },
        },
      },
      {
        spec: {
          selector: { matchLabels: { app: 'web', v: '2' } },
          template: { metadata: { labels: { app: 'web', v: '2' } } },
        },
      },
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"web","v":"2"}}: field is immutable',
    ],
    [
      'an immutable ConfigMap',
      base,
      { ...cm({ color: 'blue' }), immutable: true },
      { data: { color: 'red' } },
      'ConfigMap "settings" is invalid: data: Forbidden: field is immutable when `immutable` is set',
    ],
  ])('refuses to change %s with 422', (_, path, object, change, message) => {
    const sim = cluster()
    const name = (object.metadata as { name: string }).name
    expect(sim.handle(post(path, object)).response.code).toBe(201)
    const result = sim.handle(patchReq(`${path}/${name}`, change, 'application/merge-patch+json'))
    expect(result.stoppedAt).toBe('validation')
    expect(result.response.body).toMatchObject({ code: 422, reason: 'Invalid', message })
  })
})

describe('versions', () => {
  it('stores an autoscaling/v1 HPA as autoscaling/v2 and serves it in either version', () => {
    const sim = cluster()
    const hpa = {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5, targetCPUUtilizationPercentage: 60 },
    }
    const created = sim.handle(post('/apis/autoscaling/v1/namespaces/dev/horizontalpodautoscalers', hpa))
    expect(created.response.code).toBe(201)
    expect((created.response.body as KubeObject).apiVersion).toBe('autoscaling/v1')
    const stored = sim.snapshot().entries.find((e) => e.key === '/registry/horizontalpodautoscalers/dev/web')!
    expect(stored.object.apiVersion).toBe('autoscaling/v2')
    const asV2 = sim.handle({ method: 'GET', path: '/apis/autoscaling/v2/namespaces/dev/horizontalpodautoscalers/web', ...ADMIN })
    expect((asV2.response.body as { spec: { metrics: unknown } }).spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
    ])
    const asV1 = sim.handle({ method: 'GET', path: '/apis/autoscaling/v1/namespaces/dev/horizontalpodautoscalers/web', ...ADMIN })
    expect((asV1.response.body as { spec: { targetCPUUtilizationPercentage: number } }).spec.targetCPUUtilizationPercentage).toBe(60)
  })
})
