import { describe, expect, it } from 'vitest'
import { resourceByName } from '../../resources'
import type { KubeObject } from '../../types'
import type { AdmissionAttributes, AdmissionContext, Operation } from '../types'
import { mutatingAdmissionWebhook, validatingAdmissionWebhook } from './dispatcher'
import { ruleMatches } from './matching'
import { base64Decode } from './review'
import type { Webhook, WebhookServerSpec } from './types'

const ADMIN = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] }
const RESOURCE_OF: Record<string, string> = {
  Namespace: 'namespaces',
  Service: 'services',
  MutatingWebhookConfiguration: 'mutatingwebhookconfigurations',
  ValidatingWebhookConfiguration: 'validatingwebhookconfigurations',
}

function context(objects: KubeObject[], webhookServers: WebhookServerSpec[]): AdmissionContext {
  const resourceOf = (o: KubeObject) => RESOURCE_OF[o.kind ?? ''] ?? ''
  let n = 0
  return {
    cluster: {
      get: (resource, namespace, name) =>
        objects.find(
          (o) =>
            resourceOf(o) === resource &&
            (o.metadata?.namespace ?? '') === namespace &&
            o.metadata?.name === name,
        ),
      list: (resource) => objects.filter((o) => resourceOf(o) === resource),
    },
    ids: { uid: () => `uid-${++n}`, randomSuffix: () => 'xxxxx' },
    clock: { now: () => '2026-01-15T10:00:00Z' },
    webhookServers,
  }
}

const ns = (name: string, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: labels ? { name, labels } : { name },
})
const svc = (namespace: string, name: string, clusterIP: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { namespace, name },
  spec: { clusterIP, ports: [{ port: 443 }] },
})

function hook(name: string, more: Partial<Webhook> = {}): Webhook {
  return {
    name,
    clientConfig: { service: { namespace: 'policy', name: 'checker', path: '/check' } },
    rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
    sideEffects: 'None',
    admissionReviewVersions: ['v1'],
    ...more,
  }
}

const config = (kind: 'Mutating' | 'Validating', name: string, webhooks: Webhook[]): KubeObject => ({
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: `${kind}WebhookConfiguration`,
  metadata: { name },
  webhooks,
})

function pod(name: string, labels?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'dev', ...(labels ? { labels } : {}) },
    spec: {
      containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }] }],
    },
  }
}

function attrs(object: KubeObject | undefined, more: Partial<AdmissionAttributes> = {}): AdmissionAttributes {
  return {
    name: object?.metadata?.name ?? '',
    namespace: 'dev',
    resource: resourceByName('pods')!,
    subresource: '',
    operation: 'CREATE' as Operation,
    object,
    userInfo: ADMIN,
    dryRun: false,
    ...more,
  }
}

const base = [ns('dev'), ns('policy'), svc('policy', 'checker', '10.96.200.10')]
const checker = (more: Partial<WebhookServerSpec> = {}): WebhookServerSpec => ({
  service: { namespace: 'policy', name: 'checker', path: '/check' },
  ...more,
})

describe('failed calls follow the failurePolicy', () => {
  it('Fail: a server that is down gives 500 with the dial error', () => {
    const ctx = context(
      [...base, config('Validating', 'v', [hook('check.example.com')])],
      [checker({ down: true })],
    )
    const verdict = validatingAdmissionWebhook.validate!(attrs(pod('web')), ctx)
    expect(verdict.allowed).toBe(false)
    if (verdict.allowed) return
    const message =
      'failed calling webhook "check.example.com": failed to call webhook: Post "https://checker.policy.svc:443/check?timeout=10s": dial tcp 10.96.200.10:443: connect: connection refused'
    expect(verdict.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `Internal error occurred: ${message}`,
      reason: 'InternalError',
      details: { causes: [{ message }] },
      code: 500,
    })
  })

  it('Ignore: the request is admitted and the trace says it failed open', () => {
    const ctx = context(
      [...base, config('Validating', 'v', [hook('check.example.com', { failurePolicy: 'Ignore' })])],
      [checker({ down: true })],
    )
    const verdict = validatingAdmissionWebhook.validate!(attrs(pod('web')), ctx)
    expect(verdict.allowed).toBe(true)
    expect('details' in verdict && verdict.details?.some((d) => d.includes('failing open'))).toBe(true)
  })

  it('a Service that does not exist', () => {
    const ctx = context([ns('dev'), config('Mutating', 'm', [hook('check.example.com')])], [])
    const verdict = mutatingAdmissionWebhook.admit!(attrs(pod('web')), ctx)
    if (verdict.allowed) throw new Error('allowed')
    expect(verdict.status.message).toBe(
      'Internal error occurred: failed calling webhook "check.example.com": failed to call webhook: Post "https://checker.policy.svc:443/check?timeout=10s": service "checker" not found',
    )
  })

  it('a server slower than timeoutSeconds: context deadline exceeded', () => {
    const ctx = context(
      [...base, config('Validating', 'v', [hook('check.example.com', { timeoutSeconds: 3 })])],
      [checker({ latencyMs: 5000 })],
    )
    const verdict = validatingAdmissionWebhook.validate!(attrs(pod('web')), ctx)
    if (verdict.allowed) throw new Error('allowed')
    expect(verdict.status.code).toBe(500)
    expect(verdict.status.message).toBe(
      'Internal error occurred: failed calling webhook "check.example.com": failed to call webhook: Post "https://checker.policy.svc:443/check?timeout=3s": context deadline exceeded',
    )
    expect((verdict.data as { latencyMs: number }).latencyMs).toBe(3000)
    const [record] = (verdict.data as { webhooks: unknown[] }).webhooks
    expect(record).toMatchObject({
      webhook: 'check.example.com',
      url: 'https://checker.policy.svc:443/check?timeout=3s',
      service: { namespace: 'policy', name: 'checker', port: 443, path: '/check' },
      server: 'scenario',
      timeoutSeconds: 3,
      failurePolicy: 'Fail',
      failure: 'timeout',
      latencyMs: 3000,
    })
    expect(record).not.toHaveProperty('failureIgnored')
  })

  it('a server that is down under failurePolicy Ignore: admitted, and the record says the failure was ignored', () => {
    const ctx = context(
      [...base, config('Validating', 'v', [hook('check.example.com', { failurePolicy: 'Ignore' })])],
      [checker({ down: true })],
    )
    const verdict = validatingAdmissionWebhook.validate!(attrs(pod('web')), ctx)
    if (!verdict.allowed || 'skipped' in verdict) throw new Error('not called')
    expect((verdict.data as { webhooks: unknown[] }).webhooks[0]).toMatchObject({
      failurePolicy: 'Ignore',
      failure: 'connection refused',
      failureIgnored: true,
    })
  })

  it('dry run against a webhook with side effects: 400, the server is not called', () => {
    const ctx = context(
      [...base, config('Validating', 'v', [hook('check.example.com', { sideEffects: 'Some' })])],
      [checker()],
    )
    const verdict = validatingAdmissionWebhook.validate!(attrs(pod('web'), { dryRun: true }), ctx)
    if (verdict.allowed) throw new Error('allowed')
    expect(verdict.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'admission webhook "check.example.com" does not support dry run',
      reason: 'BadRequest',
      code: 400,
    })
  })
})

describe('denials', () => {
  it('a code below 400 becomes 400; reason and details pass through', () => {
    const ctx = context(
      [...base, config('Validating', 'v', [hook('check.example.com')])],
      [
        checker({
          responses: [
            { allowed: false, code: 200, reason: 'Teapot', message: 'every object needs a team label' },
          ],
        }),
      ],
    )
    const verdict = validatingAdmissionWebhook.validate!(attrs(pod('web')), ctx)
    if (verdict.allowed) throw new Error('allowed')
    expect(verdict.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'admission webhook "check.example.com" denied the request: every object needs a team label',
      reason: 'Teapot',
      code: 400,
    })
  })

  it('no message and no reason: "without explanation"', () => {
    const ctx = context(
      [...base, config('Validating', 'v', [hook('check.example.com')])],
      [checker({ responses: [{ allowed: false, code: 403 }] })],
    )
    const verdict = validatingAdmissionWebhook.validate!(attrs(pod('web')), ctx)
    if (verdict.allowed) throw new Error('allowed')
    expect(verdict.status.message).toBe(
      'admission webhook "check.example.com" denied the request without explanation',
    )
    expect(verdict.status.code).toBe(403)
  })

  it('CEL `when` picks the answer', () => {
    const server = checker({
      responses: [
        {
          when: "!has(object.metadata.labels) || !('team' in object.metadata.labels)",
          allowed: false,
          code: 403,
          message: 'needs team',
        },
        { allowed: true, warnings: ['checked'] },
      ],
    })
    const ctx = context([...base, config('Validating', 'v', [hook('check.example.com')])], [server])
    const denied = validatingAdmissionWebhook.validate!(attrs(pod('web')), ctx)
    expect(denied.allowed).toBe(false)
    const ok = validatingAdmissionWebhook.validate!(attrs(pod('web', { team: 'a' })), ctx)
    expect(ok).toMatchObject({ allowed: true, warnings: ['checked'] })
  })

  it('validating webhooks run in parallel: the first error to arrive wins', () => {
    const ctx = context(
      [
        ...base,
        svc('policy', 'fast', '10.96.200.11'),
        config('Validating', 'v', [
          hook('slow.example.com'),
          hook('fast.example.com', { clientConfig: { service: { namespace: 'policy', name: 'fast' } } }),
        ]),
      ],
      [
        checker({ latencyMs: 50, responses: [{ allowed: false, message: 'slow says no' }] }),
        {
          service: { namespace: 'policy', name: 'fast' },
          latencyMs: 5,
          responses: [{ allowed: false, message: 'fast says no' }],
        },
      ],
    )
    const verdict = validatingAdmissionWebhook.validate!(attrs(pod('web')), ctx)
    if (verdict.allowed) throw new Error('allowed')
    expect(verdict.status.message).toBe(
      'admission webhook "fast.example.com" denied the request: fast says no',
    )
    expect((verdict.data as { latencyMs: number }).latencyMs).toBe(50)
  })

  it('Gatekeeper: [constraint] message, 403 Forbidden; warn constraints warn', () => {
    const server: WebhookServerSpec = {
      service: { namespace: 'policy', name: 'checker', path: '/check' },
      builtin: 'gatekeeper',
      constraints: [
        {
          kind: 'K8sRequiredLabels',
          name: 'must-have-owner',
          parameters: { labels: [{ key: 'owner' }, { key: 'team' }] },
        },
        {
          kind: 'K8sAllowedRepos',
          name: 'repo-is-registry',
          enforcementAction: 'warn',
          parameters: { repos: ['registry.example.com/'] },
        },
      ],
    }
    const ctx = context([...base, config('Validating', 'v', [hook('validation.gatekeeper.sh')])], [server])
    const verdict = validatingAdmissionWebhook.validate!(attrs(pod('web')), ctx)
    if (verdict.allowed) throw new Error('allowed')
    expect(verdict.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'admission webhook "validation.gatekeeper.sh" denied the request: [must-have-owner] you must provide labels: {"owner", "team"}',
      reason: 'Forbidden',
      code: 403,
    })
    const ok = validatingAdmissionWebhook.validate!(attrs(pod('web', { owner: 'me', team: 't' })), ctx)
    expect(ok).toMatchObject({
      allowed: true,
      warnings: [
        '[repo-is-registry] container <app> has an invalid image repo <nginx:1.27>, allowed repos are ["registry.example.com/"]',
      ],
    })
  })
})

describe('mutating webhooks', () => {
  it('sends the AdmissionReview the API server sends and applies the JSON Patch', () => {
    const patch = [{ op: 'add' as const, path: '/metadata/labels', value: { checked: 'yes' } }]
    const ctx = context(
      [...base, config('Mutating', 'm', [hook('label.example.com')])],
      [checker({ latencyMs: 20, responses: [{ allowed: true, patch }] })],
    )
    const a = attrs(pod('web'))
    const verdict = mutatingAdmissionWebhook.admit!(a, ctx)
    expect(verdict).toMatchObject({ allowed: true, reinvoke: true })
    expect(a.object?.metadata?.labels).toEqual({ checked: 'yes' })
    const data = (verdict as { data: Record<string, unknown> }).data as {
      latencyMs: number
      admissionReview: unknown
      admissionResponse: { patch: string; patchType: string }
    }
    expect(data.latencyMs).toBe(20)
    expect(data.admissionReview).toEqual({
      kind: 'AdmissionReview',
      apiVersion: 'admission.k8s.io/v1',
      request: {
        uid: 'uid-1',
        kind: { group: '', version: 'v1', kind: 'Pod' },
        resource: { group: '', version: 'v1', resource: 'pods' },
        requestKind: { group: '', version: 'v1', kind: 'Pod' },
        requestResource: { group: '', version: 'v1', resource: 'pods' },
        name: 'web',
        namespace: 'dev',
        operation: 'CREATE',
        userInfo: ADMIN,
        object: pod('web'),
        oldObject: null,
        dryRun: false,
        options: { kind: 'CreateOptions', apiVersion: 'meta.k8s.io/v1' },
      },
    })
    expect(data.admissionResponse.patchType).toBe('JSONPatch')
    expect(JSON.parse(base64Decode(data.admissionResponse.patch))).toEqual(patch)
  })

  it('a patch whose parent path is missing fails as evanphx/json-patch words it', () => {
    const ctx = context(
      [...base, config('Mutating', 'm', [hook('label.example.com')])],
      [
        checker({
          responses: [
            { allowed: true, patch: [{ op: 'add', path: '/metadata/annotations/checked', value: 'yes' }] },
          ],
        }),
      ],
    )
    const verdict = mutatingAdmissionWebhook.admit!(attrs(pod('web')), ctx)
    if (verdict.allowed) throw new Error('allowed')
    expect(verdict.status.message).toBe(
      'Internal error occurred: add operation does not apply: doc is missing path: "/metadata/annotations/checked": missing value',
    )
  })

  it('reinvocation: only IfNeeded webhooks called before a change run again', () => {
    const ctx = context(
      [
        ...base,
        config('Mutating', 'a', [hook('first.example.com', { reinvocationPolicy: 'IfNeeded' })]),
        config('Mutating', 'b', [hook('second.example.com')]),
      ],
      [
        checker({
          responses: [
            {
              when: '!has(object.metadata.labels)',
              allowed: true,
              patch: [{ op: 'add', path: '/metadata/labels', value: { x: '1' } }],
            },
            { allowed: true },
          ],
        }),
      ],
    )
    const a = attrs(pod('web'))
    const first = mutatingAdmissionWebhook.admit!(a, ctx)
    expect(first).toMatchObject({ allowed: true, reinvoke: true })
    // first.example.com changed the object but nothing ran after it that changed it: no webhook is reinvoked.
    const second = mutatingAdmissionWebhook.admit!(a, ctx)
    expect(second).toMatchObject({ skipped: true })
    expect(second.summary).toMatch(/^reinvocation: no webhook needs to run again/)
  })

  it('reinvocation: an IfNeeded webhook runs again when a later webhook changed the object', () => {
    const ctx = context(
      [
        ...base,
        svc('policy', 'labeller', '10.96.200.12'),
        config('Mutating', 'a', [hook('first.example.com', { reinvocationPolicy: 'IfNeeded' })]),
        config('Mutating', 'b', [
          hook('second.example.com', {
            clientConfig: { service: { namespace: 'policy', name: 'labeller' } },
          }),
        ]),
      ],
      [
        checker({ responses: [{ allowed: true }] }),
        {
          service: { namespace: 'policy', name: 'labeller' },
          responses: [
            { when: 'has(object.metadata.labels)', allowed: true },
            { allowed: true, patch: [{ op: 'add', path: '/metadata/labels', value: { x: '1' } }] },
          ],
        },
      ],
    )
    const a = attrs(pod('web'))
    expect(mutatingAdmissionWebhook.admit!(a, ctx)).toMatchObject({ allowed: true, reinvoke: true })
    const second = mutatingAdmissionWebhook.admit!(a, ctx)
    expect(second).toMatchObject({
      allowed: true,
      summary: 'reinvoked 1 mutating webhook one after another (0ms)',
    })
    expect(second).not.toHaveProperty('reinvoke')
  })

  it('the Istio injector adds istio-init, istio-proxy, volumes, annotations and labels', () => {
    const ctx = context(
      [
        ns('dev', { 'istio-injection': 'enabled' }),
        ns('istio-system'),
        svc('istio-system', 'istiod', '10.96.50.1'),
        config('Mutating', 'istio-sidecar-injector', [
          hook('namespace.sidecar-injector.istio.io', {
            clientConfig: {
              service: { namespace: 'istio-system', name: 'istiod', path: '/inject', port: 443 },
            },
            namespaceSelector: { matchLabels: { 'istio-injection': 'enabled' } },
            objectSelector: {
              matchExpressions: [{ key: 'sidecar.istio.io/inject', operator: 'NotIn', values: ['false'] }],
            },
            reinvocationPolicy: 'Never',
          }),
        ]),
      ],
      [
        {
          service: { namespace: 'istio-system', name: 'istiod', path: '/inject' },
          builtin: 'istio-sidecar-injector',
        },
      ],
    )
    const a = attrs(pod('web', { app: 'web' }))
    expect(mutatingAdmissionWebhook.admit!(a, ctx).allowed).toBe(true)
    const spec = a.object!.spec as {
      containers: { name: string }[]
      initContainers: { name: string }[]
      volumes: { name: string }[]
    }
    expect(spec.containers.map((c) => c.name)).toEqual(['app', 'istio-proxy'])
    expect(spec.initContainers.map((c) => c.name)).toEqual(['istio-init'])
    expect(spec.volumes.map((v) => v.name)).toContain('istio-token')
    expect(a.object!.metadata!.labels).toMatchObject({
      'security.istio.io/tlsMode': 'istio',
      'service.istio.io/canonical-name': 'web',
      'service.istio.io/canonical-revision': 'latest',
    })
    expect(a.object!.metadata!.annotations!['kubectl.kubernetes.io/default-container']).toBe('app')
    expect(JSON.parse(a.object!.metadata!.annotations!['sidecar.istio.io/status']!)).toMatchObject({
      initContainers: ['istio-init'],
      containers: ['istio-proxy'],
    })
    const off = attrs(pod('web', { app: 'web', 'sidecar.istio.io/inject': 'false' }))
    const verdict = mutatingAdmissionWebhook.admit!(off, ctx)
    expect((off.object!.spec as { containers: unknown[] }).containers).toHaveLength(1)
    expect(verdict.summary).toContain('objectSelector')
  })
})

describe('matching', () => {
  const pods = resourceByName('pods')!
  const nsRes = resourceByName('namespaces')!
  it.each([
    [['pods'], '', true],
    [['pods'], 'status', false],
    [['pods/*'], 'status', true],
    [['pods/*'], '', true],
    [['*'], 'status', false],
    [['*/*'], 'exec', true],
    [['*/status'], 'status', true],
  ])('resources %j against subresource "%s": %s', (resources, subresource, want) => {
    const rule = { operations: ['*'], apiGroups: ['*'], apiVersions: ['*'], resources }
    expect(ruleMatches(rule, attrs(pod('web'), { subresource }), pods)).toBe(want)
  })

  it('scope: Namespaces are Cluster scoped; namespaced objects are Namespaced', () => {
    const rule = (scope: 'Cluster' | 'Namespaced') => ({
      operations: ['CREATE'],
      apiGroups: [''],
      apiVersions: ['v1'],
      resources: ['*'],
      scope,
    })
    const nsAttrs = attrs(ns('x'), { resource: nsRes, namespace: 'x' })
    expect(ruleMatches(rule('Cluster'), nsAttrs, nsRes)).toBe(true)
    expect(ruleMatches(rule('Namespaced'), nsAttrs, nsRes)).toBe(false)
    expect(ruleMatches(rule('Namespaced'), attrs(pod('web')), pods)).toBe(true)
  })

  it('webhooks are not called for webhook configurations', () => {
    const ctx = context(
      [
        ...base,
        config('Validating', 'v', [
          hook('check.example.com', {
            rules: [{ operations: ['*'], apiGroups: ['*'], apiVersions: ['*'], resources: ['*'] }],
          }),
        ]),
      ],
      [checker({ down: true })],
    )
    const cfg = config('Validating', 'other', [])
    const verdict = validatingAdmissionWebhook.validate!(
      attrs(cfg, { resource: resourceByName('validatingwebhookconfigurations')!, namespace: '' }),
      ctx,
    )
    expect(verdict).toMatchObject({ allowed: true, skipped: true })
  })

  it('matchConditions are CEL; a false one skips the webhook', () => {
    const ctx = context(
      [
        ...base,
        config('Validating', 'v', [
          hook('check.example.com', {
            matchConditions: [{ name: 'not-web', expression: "object.metadata.name != 'web'" }],
          }),
        ]),
      ],
      [checker({ down: true })],
    )
    expect(validatingAdmissionWebhook.validate!(attrs(pod('web')), ctx).allowed).toBe(true)
    expect(validatingAdmissionWebhook.validate!(attrs(pod('api')), ctx).allowed).toBe(false)
  })
})
