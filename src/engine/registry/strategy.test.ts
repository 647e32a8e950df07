import { describe, expect, it } from 'vitest'
import { resourceFor } from '../resources'
import { invalid } from '../status'
import type { KubeObject } from '../types'
import { applyDefaults, createStrategyFor, type RegistryContext } from './strategy'

const ctx: RegistryContext = {
  clock: { now: () => '2025-01-01T00:00:00Z' },
  ids: { uid: () => '00000000-0000-4000-8000-000000000000', randomSuffix: (n) => 'b'.repeat(n) },
  allocateClusterIP: () => '10.96.0.42',
}

/** Runs defaulting, PrepareForCreate and Validate as the pipeline does, and renders the 422 message. */
function create(
  group: string,
  resource: string,
  obj: KubeObject,
): { obj: KubeObject; message: string | undefined } {
  const info = resourceFor(group, 'v1', resource)!
  applyDefaults(obj, info)
  const strategy = createStrategyFor(info)
  strategy.prepareForCreate(obj, ctx)
  const errs = strategy.validate(obj)
  const message = errs.length
    ? invalid(info.group, info.kind, obj.metadata?.name ?? '', errs).message
    : undefined
  return { obj, message }
}

const pod = (spec: unknown, meta: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'x', namespace: 'default', ...meta },
  spec: spec as Record<string, unknown>,
})

const DNS_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
const DNS_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"

describe('Pod validation', () => {
  it.each([
    ['a valid pod', pod({ containers: [{ name: 'nginx', image: 'nginx' }] }), undefined],
    [
      'missing image',
      pod({ containers: [{ name: 'nginx' }] }),
      'Pod "x" is invalid: spec.containers[0].image: Required value',
    ],
    [
      'missing name and image',
      pod({ containers: [{}] }),
      'Pod "x" is invalid: [spec.containers[0].name: Required value, spec.containers[0].image: Required value]',
    ],
    ['no containers', pod({}), 'Pod "x" is invalid: spec.containers: Required value'],
    [
      'bad pod name',
      pod({ containers: [{ name: 'a', image: 'b' }] }, { name: 'Foo' }),
      `Pod "Foo" is invalid: metadata.name: Invalid value: "Foo": ${DNS_SUBDOMAIN_MSG}`,
    ],
    [
      'bad container name',
      pod({ containers: [{ name: 'Web_1', image: 'b' }] }),
      `Pod "x" is invalid: spec.containers[0].name: Invalid value: "Web_1": ${DNS_LABEL_MSG}`,
    ],
    [
      'duplicate container names across containers and init containers',
      pod({ containers: [{ name: 'a', image: 'b' }], initContainers: [{ name: 'a', image: 'b' }] }),
      'Pod "x" is invalid: spec.initContainers[0].name: Duplicate value: "a"',
    ],
    [
      'bad protocol',
      pod({ containers: [{ name: 'a', image: 'b', ports: [{ containerPort: 80, protocol: 'HTTP' }] }] }),
      'Pod "x" is invalid: spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ],
    [
      'port out of range',
      pod({ containers: [{ name: 'a', image: 'b', ports: [{ containerPort: 70000 }] }] }),
      'Pod "x" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ],
    [
      'mount of a missing volume',
      pod({ containers: [{ name: 'a', image: 'b', volumeMounts: [{ name: 'data', mountPath: '/d' }] }] }),
      'Pod "x" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"',
    ],
    [
      'duplicate volumes',
      pod({ volumes: [{ name: 'v' }, { name: 'v' }], containers: [{ name: 'a', image: 'b' }] }),
      'Pod "x" is invalid: spec.volumes[1].name: Duplicate value: "v"',
    ],
    [
      'bad restartPolicy and imagePullPolicy',
      pod({ restartPolicy: 'Sometimes', containers: [{ name: 'a', image: 'b', imagePullPolicy: 'Maybe' }] }),
      'Pod "x" is invalid: [spec.containers[0].imagePullPolicy: Unsupported value: "Maybe": supported values: "Always", "IfNotPresent", "Never", spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"]',
    ],
    [
      'bad dnsPolicy',
      pod({ dnsPolicy: 'Cluster', containers: [{ name: 'a', image: 'b' }] }),
      'Pod "x" is invalid: spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    ],
    [
      'requests above limits',
      pod({
        containers: [
          { name: 'a', image: 'b', resources: { requests: { cpu: '2' }, limits: { cpu: '500m' } } },
        ],
      }),
      'Pod "x" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 500m',
    ],
    [
      'env var name with =',
      pod({ containers: [{ name: 'a', image: 'b', env: [{ name: 'A=B', value: '1' }] }] }),
      `Pod "x" is invalid: spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
    ],
    [
      'missing namespace',
      pod({ containers: [{ name: 'a', image: 'b' }] }, { namespace: undefined }),
      'Pod "x" is invalid: metadata.namespace: Required value',
    ],
    [
      'missing name',
      pod({ containers: [{ name: 'a', image: 'b' }] }, { name: undefined }),
      'Pod "" is invalid: metadata.name: Required value: name or generateName is required',
    ],
    [
      'bad label value',
      pod({ containers: [{ name: 'a', image: 'b' }] }, { labels: { app: 'not ok' } }),
      `Pod "x" is invalid: metadata.labels: Invalid value: "not ok": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ],
  ])('%s', (_name, obj, expected) => {
    expect(create('', 'pods', obj).message).toBe(expected)
  })
})

describe('Pod defaulting and PrepareForCreate', () => {
  it('defaults a bare nginx pod like kube-apiserver', () => {
    const { obj, message } = create(
      '',
      'pods',
      pod({ containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] }),
    )
    expect(message).toBeUndefined()
    expect(obj).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'x', namespace: 'default', generation: 1 },
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'nginx',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            resources: {},
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            imagePullPolicy: 'Always',
          },
        ],
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 30,
        dnsPolicy: 'ClusterFirst',
        securityContext: {},
        schedulerName: 'default-scheduler',
        enableServiceLinks: true,
      },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    })
  })

  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['registry.local:5000/team/app', 'Always'],
    ['registry.local:5000/team/app:v2', 'IfNotPresent'],
    [`nginx@sha256:${'a'.repeat(64)}`, 'IfNotPresent'],
  ])('image %s gets imagePullPolicy %s', (image, policy) => {
    const { obj } = create('', 'pods', pod({ containers: [{ name: 'a', image }] }))
    expect((obj.spec as { containers: { imagePullPolicy: string }[] }).containers[0]!.imagePullPolicy).toBe(
      policy,
    )
  })

  it.each([
    [{}, 'BestEffort'],
    [{ requests: { cpu: '100m' } }, 'Burstable'],
    [{ limits: { cpu: '1', memory: '1Gi' } }, 'Guaranteed'],
    [{ requests: { cpu: '1000m', memory: '1024Mi' }, limits: { cpu: '1', memory: '1Gi' } }, 'Guaranteed'],
    [{ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } }, 'Burstable'],
  ])('resources %j give QoS %s', (resources, qos) => {
    const { obj } = create('', 'pods', pod({ containers: [{ name: 'a', image: 'b', resources }] }))
    expect((obj.status as { qosClass: string }).qosClass).toBe(qos)
  })

  it('defaults probes, volumes and downward API field refs', () => {
    const { obj, message } = create(
      '',
      'pods',
      pod({
        volumes: [{ name: 'scratch' }, { name: 'cfg', configMap: { name: 'c' } }],
        containers: [
          {
            name: 'a',
            image: 'b:1',
            livenessProbe: { httpGet: { port: 8080 } },
            env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
            volumeMounts: [{ name: 'scratch', mountPath: '/tmp' }],
          },
        ],
      }),
    )
    expect(message).toBeUndefined()
    const spec = obj.spec as Record<string, unknown>
    expect(spec.volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'c', defaultMode: 420 } },
    ])
    const c = (spec.containers as Record<string, unknown>[])[0]!
    expect(c.livenessProbe).toEqual({
      httpGet: { path: '/', port: 8080, scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    })
    expect(c.env).toEqual([
      { name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
    ])
  })
})

const deployment = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec,
})

describe('Deployment', () => {
  const template = {
    metadata: { labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx' }] },
  }

  it('defaults and prepares a deployment', () => {
    const { obj, message } = create(
      'apps',
      'deployments',
      deployment({ selector: { matchLabels: { app: 'web' } }, template }),
    )
    expect(message).toBeUndefined()
    const spec = obj.spec as Record<string, unknown>
    expect(spec.replicas).toBe(1)
    expect(spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
    })
    expect(spec.revisionHistoryLimit).toBe(10)
    expect(spec.progressDeadlineSeconds).toBe(600)
    const podSpec = (spec.template as { spec: Record<string, unknown> }).spec
    expect(podSpec.enableServiceLinks).toBeUndefined()
    expect(podSpec.schedulerName).toBe('default-scheduler')
    expect(obj.status).toEqual({})
    expect(obj.metadata?.generation).toBe(1)
  })

  it.each([
    [
      'missing selector',
      { template: { ...template, metadata: { labels: { app: 'broken' } } } },
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: {"app":"broken"}: `selector` does not match template `labels`]',
    ],
    [
      'selector mismatch',
      { selector: { matchLabels: { app: 'api' } }, template },
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ],
    [
      'negative replicas',
      { replicas: -1, selector: { matchLabels: { app: 'web' } }, template },
      'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ],
    [
      'restartPolicy Never',
      {
        selector: { matchLabels: { app: 'web' } },
        template: { ...template, spec: { ...template.spec, restartPolicy: 'Never' } },
      },
      'Deployment.apps "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
    [
      'missing image in the template',
      {
        selector: { matchLabels: { app: 'web' } },
        template: { ...template, spec: { containers: [{ name: 'web' }] } },
      },
      'Deployment.apps "web" is invalid: spec.template.spec.containers[0].image: Required value',
    ],
  ])('%s', (_name, spec, expected) => {
    expect(create('apps', 'deployments', deployment(spec)).message).toBe(expected)
  })
})

const service = (spec: Record<string, unknown>, name = 'web'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec,
})

describe('Service', () => {
  it('defaults and allocates a ClusterIP service', () => {
    const { obj, message } = create(
      '',
      'services',
      service({ selector: { app: 'web' }, ports: [{ port: 80 }] }),
    )
    expect(message).toBeUndefined()
    expect(obj.spec).toEqual({
      ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }],
      selector: { app: 'web' },
      clusterIP: '10.96.0.42',
      clusterIPs: ['10.96.0.42'],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    })
    expect(obj.status).toEqual({ loadBalancer: {} })
  })

  it('keeps a headless service headless', () => {
    const { obj } = create('', 'services', service({ clusterIP: 'None', selector: { app: 'db' } }))
    const spec = obj.spec as Record<string, unknown>
    expect(spec.clusterIP).toBe('None')
    expect(spec.clusterIPs).toEqual(['None'])
  })

  it('defaults LoadBalancer fields', () => {
    const { obj, message } = create(
      '',
      'services',
      service({ type: 'LoadBalancer', ports: [{ port: 443, targetPort: 'https' }] }),
    )
    expect(message).toBeUndefined()
    const spec = obj.spec as Record<string, unknown>
    expect(spec.externalTrafficPolicy).toBe('Cluster')
    expect(spec.allocateLoadBalancerNodePorts).toBe(true)
  })

  it.each([
    [
      'no ports',
      service({ selector: { app: 'web' } }),
      'Service "web" is invalid: spec.ports: Required value',
    ],
    [
      'name not a DNS-1035 label',
      service({ ports: [{ port: 80 }] }, '1web'),
      `Service "1web" is invalid: metadata.name: Invalid value: "1web": ${DNS1035_MSG}`,
    ],
    [
      'bad type',
      service({ type: 'Internal', ports: [{ port: 80 }] }),
      'Service "web" is invalid: spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ],
    [
      'two ports, one unnamed',
      service({ ports: [{ port: 80 }, { name: 'b', port: 81 }] }),
      'Service "web" is invalid: spec.ports[0].name: Required value',
    ],
    [
      'duplicate port',
      service({
        ports: [
          { name: 'a', port: 80 },
          { name: 'b', port: 80 },
        ],
      }),
      'Service "web" is invalid: spec.ports[1]: Duplicate value: {"Name":"","Protocol":"TCP","AppProtocol":null,"Port":80,"TargetPort":0,"NodePort":0}',
    ],
  ])('%s', (_name, obj, expected) => {
    expect(create('', 'services', obj).message).toBe(expected)
  })
})

describe('ConfigMap, Secret, ServiceAccount, Namespace', () => {
  it('rejects bad config map keys', () => {
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'default' },
      data: { 'a b': 'x' },
    }
    expect(create('', 'configmaps', cm).message).toBe(
      `ConfigMap "c" is invalid: data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    )
  })

  it('defaults the secret type and folds stringData into data', () => {
    const { obj, message } = create('', 'secrets', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'default' },
      stringData: { password: 'hunter2' },
    })
    expect(message).toBeUndefined()
    expect(obj.type).toBe('Opaque')
    expect(obj.data).toEqual({ password: 'aHVudGVyMg==' })
    expect(obj.stringData).toBeUndefined()
  })

  it('requires the TLS keys', () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'default' },
      type: 'kubernetes.io/tls',
    }
    expect(create('', 'secrets', secret).message).toBe(
      'Secret "s" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]',
    )
  })

  it('prepares a namespace', () => {
    const { obj, message } = create('', 'namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'dev' },
    })
    expect(message).toBeUndefined()
    expect(obj).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'dev', labels: { 'kubernetes.io/metadata.name': 'dev' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    })
  })

  it('rejects a namespace name with dots', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } }
    expect(create('', 'namespaces', ns).message).toBe(
      'Namespace "a.b" is invalid: metadata.name: Invalid value: "a.b": must not contain dots',
    )
  })

  it('forbids a namespace on a cluster-scoped kind', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev', namespace: 'x' } }
    expect(create('', 'namespaces', ns).message).toBe(
      'Namespace "dev" is invalid: metadata.namespace: Forbidden: not allowed on this type',
    )
  })
})

const rbac = 'rbac.authorization.k8s.io'

describe('RBAC', () => {
  it.each([
    [
      'roles',
      {
        apiVersion: `${rbac}/v1`,
        kind: 'Role',
        metadata: { name: 'r', namespace: 'default' },
        rules: [{ apiGroups: [''], resources: ['pods'] }],
      },
      'Role.rbac.authorization.k8s.io "r" is invalid: rules[0].verbs: Required value: verbs must contain at least one value',
    ],
    [
      'rolebindings',
      {
        apiVersion: `${rbac}/v1`,
        kind: 'RoleBinding',
        metadata: { name: 'b', namespace: 'default' },
        roleRef: { kind: 'Roll', name: 'r' },
        subjects: [{ kind: 'User', name: 'jane' }],
      },
      'RoleBinding.rbac.authorization.k8s.io "b" is invalid: roleRef.kind: Unsupported value: "Roll": supported values: "Role", "ClusterRole"',
    ],
    [
      'clusterrolebindings',
      {
        apiVersion: `${rbac}/v1`,
        kind: 'ClusterRoleBinding',
        metadata: { name: 'b' },
        roleRef: { kind: 'ClusterRole', name: '' },
        subjects: [{ kind: 'ServiceAccount', name: 'default' }],
      },
      'ClusterRoleBinding.rbac.authorization.k8s.io "b" is invalid: [roleRef.name: Required value, subjects[0].namespace: Required value]',
    ],
    [
      'clusterroles',
      { apiVersion: `${rbac}/v1`, kind: 'ClusterRole', metadata: { name: 'a/b' }, rules: [] },
      `ClusterRole.rbac.authorization.k8s.io "a/b" is invalid: metadata.name: Invalid value: "a/b": may not contain '/'`,
    ],
    [
      'clusterroles',
      {
        apiVersion: `${rbac}/v1`,
        kind: 'ClusterRole',
        metadata: { name: 'system:viewer' },
        rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }],
      },
      undefined,
    ],
  ])('%s', (resource, obj, expected) => {
    expect(create(rbac, resource, obj as KubeObject).message).toBe(expected)
  })
})

describe('generic kinds', () => {
  it('checks only metadata for kinds the engine does not model', () => {
    const limits = {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'Bad', namespace: 'default' },
      spec: {},
    }
    expect(create('', 'limitranges', limits).message).toBe(
      `LimitRange "Bad" is invalid: metadata.name: Invalid value: "Bad": ${DNS_SUBDOMAIN_MSG}`,
    )
  })

  it('clears status and sets generation', () => {
    const { obj } = create('apps', 'replicasets', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'rs', namespace: 'default' },
      spec: {},
      status: { replicas: 3 },
    })
    expect(obj.status).toEqual({ replicas: 0 })
    expect(obj.metadata?.generation).toBe(1)
  })
})
