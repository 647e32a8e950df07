// The PodSecurity plugin on whole requests: the 403 body for enforce, warnings for warn, the audit text,
// workloads warned but never rejected, namespace label validation and the dry run against existing Pods,
// exemptions and the updates it lets through unchecked.
import { describe, expect, it } from 'vitest'
import { resourceByName } from '../../resources'
import type { KubeObject } from '../../types'
import type { AdmissionAttributes, AdmissionContext, Operation, PluginVerdict } from '../types'
import { createPodSecurity, podSecurity, type PodSecurityConfiguration } from './plugin'

const PSA = 'pod-security.kubernetes.io/'

function namespace(name: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } }
}

function context(objects: KubeObject[]): AdmissionContext {
  const key = (o: KubeObject) => o.kind
  return {
    cluster: {
      get: (resource, ns, name) =>
        objects.find(
          (o) =>
            (resource === 'namespaces' ? key(o) === 'Namespace' : key(o) === 'Pod') &&
            o.metadata?.name === name &&
            (resource === 'namespaces' || o.metadata?.namespace === ns),
        ),
      list: (resource, ns) =>
        objects.filter((o) => resource === 'pods' && key(o) === 'Pod' && o.metadata?.namespace === ns),
    },
    ids: { uid: () => 'uid', randomSuffix: (n) => 'b'.repeat(n) },
    clock: { now: () => '2025-01-01T00:00:00Z' },
  }
}

interface Request {
  resource?: string
  subresource?: string
  operation?: Operation
  namespace?: string
  name?: string
  object?: KubeObject
  oldObject?: KubeObject
  username?: string
}

function attrs(r: Request): AdmissionAttributes {
  return {
    name: r.name ?? r.object?.metadata?.name ?? '',
    namespace: r.namespace ?? 'dev',
    resource: resourceByName(r.resource ?? 'pods')!,
    subresource: r.subresource ?? '',
    operation: r.operation ?? 'CREATE',
    object: r.object,
    oldObject: r.oldObject,
    userInfo: { username: r.username ?? 'kubernetes-admin', groups: ['system:authenticated'] },
    dryRun: false,
  }
}

const nginx: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx', namespace: 'dev' },
  spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
}

const hardenedPod = (name: string, extraSpec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'dev' },
  spec: {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [
      {
        name: 'app',
        image: 'nginx',
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      },
    ],
    ...extraSpec,
  },
})

const REFERENCE_MESSAGE =
  'pods "nginx" is forbidden: violates PodSecurity "restricted:latest": ' +
  'allowPrivilegeEscalation != false (container "nginx" must set securityContext.allowPrivilegeEscalation=false), ' +
  'unrestricted capabilities (container "nginx" must set securityContext.capabilities.drop=["ALL"]), ' +
  'runAsNonRoot != true (pod or container "nginx" must set securityContext.runAsNonRoot=true), ' +
  'seccompProfile (pod or container "nginx" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")'

const run = (
  labels: Record<string, string>,
  r: Request,
  extra: KubeObject[] = [],
  config?: PodSecurityConfiguration,
) => {
  const plugin = config ? createPodSecurity(config) : podSecurity
  return plugin.validate!(attrs(r), context([namespace(r.namespace ?? 'dev', labels), ...extra]))
}

const warningsOf = (v: PluginVerdict) => ('warnings' in v ? (v.warnings ?? []) : [])

describe('enforce on Pods', () => {
  it('rejects the reference example (§2.10) with the exact 403 body', () => {
    const verdict = run({ [`${PSA}enforce`]: 'restricted' }, { object: nginx })
    expect(verdict.allowed).toBe(false)
    if (verdict.allowed) return
    expect(verdict.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: REFERENCE_MESSAGE,
      reason: 'Forbidden',
      details: { name: 'nginx', kind: 'pods' },
      code: 403,
    })
    expect(verdict.summary).toBe('namespace dev enforces restricted:latest; the Pod violates it')
  })

  it.each([
    { labels: {}, allowed: true },
    { labels: { [`${PSA}enforce`]: 'privileged' }, allowed: true },
    { labels: { [`${PSA}enforce`]: 'baseline' }, allowed: true },
    { labels: { [`${PSA}enforce`]: 'restricted' }, allowed: false },
    // A bad enforce level fails closed: restricted.
    { labels: { [`${PSA}enforce`]: 'restricteed' }, allowed: false },
    // A pinned version before any of nginx's failing checks existed.
    { labels: { [`${PSA}enforce`]: 'restricted', [`${PSA}enforce-version`]: 'v1.7' }, allowed: false },
  ])('a plain nginx Pod under $labels: allowed=$allowed', ({ labels, allowed }) => {
    expect(run(labels as Record<string, string>, { object: nginx }).allowed).toBe(allowed)
  })

  it('names the pinned version in the message', () => {
    const verdict = run(
      { [`${PSA}enforce`]: 'baseline', [`${PSA}enforce-version`]: 'v1.23' },
      {
        object: { ...nginx, spec: { hostNetwork: true, containers: [{ name: 'nginx', image: 'nginx' }] } },
      },
    )
    expect(verdict.allowed || verdict.status.message).toBe(
      'pods "nginx" is forbidden: violates PodSecurity "baseline:v1.23": host namespaces (hostNetwork=true)',
    )
  })

  it('admits a Pod that meets restricted', () => {
    const verdict = run({ [`${PSA}enforce`]: 'restricted' }, { object: hardenedPod('web') })
    expect(verdict).toMatchObject({
      allowed: true,
      summary: 'namespace dev enforces restricted:latest; the Pod meets it',
    })
    expect(warningsOf(verdict)).toEqual([])
  })

  it('gives no warnings on a rejected Pod, and records the audit text', () => {
    const verdict = run(
      { [`${PSA}enforce`]: 'restricted', [`${PSA}warn`]: 'restricted', [`${PSA}audit`]: 'restricted' },
      { object: nginx },
    )
    expect(verdict.allowed).toBe(false)
    expect(verdict).not.toHaveProperty('warnings')
    expect('details' in verdict && verdict.details).toContain(
      `audit-violations: would violate PodSecurity "restricted:latest": ${REFERENCE_MESSAGE.split('"restricted:latest": ')[1]}`,
    )
  })

  it('rejects an ephemeral container added through the ephemeralcontainers subresource', () => {
    const old = hardenedPod('web')
    const updated = hardenedPod('web', {
      ephemeralContainers: [{ name: 'debugger', image: 'busybox', securityContext: { privileged: true } }],
    })
    const verdict = run(
      { [`${PSA}enforce`]: 'baseline' },
      { subresource: 'ephemeralcontainers', operation: 'UPDATE', object: updated, oldObject: old },
    )
    expect(verdict.allowed || verdict.status.message).toBe(
      'pods "web" is forbidden: violates PodSecurity "baseline:latest": privileged (container "debugger" must not set securityContext.privileged=true)',
    )
  })

  it('lets through updates that change nothing it checks', () => {
    const old = { ...nginx, metadata: { ...nginx.metadata, labels: { a: 'b' } } }
    const verdict = run(
      { [`${PSA}enforce`]: 'restricted' },
      { operation: 'UPDATE', object: nginx, oldObject: old },
    )
    expect(verdict.allowed).toBe(true)
  })

  it('checks an update that changes an image', () => {
    const changed = { ...nginx, spec: { containers: [{ name: 'nginx', image: 'nginx:2' }] } }
    const verdict = run(
      { [`${PSA}enforce`]: 'restricted' },
      { operation: 'UPDATE', object: changed, oldObject: nginx },
    )
    expect(verdict.allowed).toBe(false)
  })

  it.each(['status', 'binding', 'exec', 'eviction'])('ignores the %s subresource', (subresource) => {
    expect(
      run(
        { [`${PSA}enforce`]: 'restricted' },
        { subresource, operation: 'UPDATE', object: nginx, oldObject: nginx },
      ),
    ).toMatchObject({ allowed: true, skipped: true })
  })

  it('fails when the namespace cannot be read', () => {
    const verdict = podSecurity.validate!(attrs({ object: nginx, namespace: 'gone' }), context([]))
    expect(verdict.allowed || verdict.status).toMatchObject({
      code: 500,
      reason: 'InternalError',
      message: 'Internal error occurred: failed to lookup namespace "gone"',
    })
  })
})

describe('warn and audit', () => {
  it('warns in the real words and admits', () => {
    const verdict = run({ [`${PSA}warn`]: 'restricted' }, { object: nginx })
    expect(verdict.allowed).toBe(true)
    expect(warningsOf(verdict)).toEqual([
      `would violate PodSecurity "restricted:latest": ${REFERENCE_MESSAGE.split('"restricted:latest": ')[1]}`,
    ])
  })

  it('warns at the warn level while enforcing a lower one', () => {
    const verdict = run(
      { [`${PSA}enforce`]: 'baseline', [`${PSA}warn`]: 'restricted', [`${PSA}warn-version`]: 'v1.24' },
      { object: nginx },
    )
    expect(verdict).toMatchObject({
      allowed: true,
      summary:
        'namespace dev enforces baseline:latest; the Pod meets it, but would violate the warn level restricted:v1.24',
    })
    expect(warningsOf(verdict)[0]).toMatch(
      /^would violate PodSecurity "restricted:v1.24": allowPrivilegeEscalation != false/,
    )
  })

  it('audit mode puts the violation in the details only', () => {
    const verdict = run(
      { [`${PSA}audit`]: 'baseline' },
      { object: { ...nginx, spec: { hostPID: true, containers: [{ name: 'nginx' }] } } },
    )
    expect(verdict.allowed).toBe(true)
    expect(warningsOf(verdict)).toEqual([])
    expect('details' in verdict && verdict.details).toContain(
      'audit-violations: would violate PodSecurity "baseline:latest": host namespaces (hostPID=true)',
    )
  })

  it('a bad warn level fails open to privileged, and the parse error is recorded', () => {
    const verdict = run({ [`${PSA}warn`]: 'strict' }, { object: nginx })
    expect(warningsOf(verdict)).toEqual([])
    expect('details' in verdict && verdict.details?.[0]).toBe(
      `Failed to parse policy: metadata.labels[${PSA}warn]: Invalid value: "strict": must be one of privileged, baseline, restricted`,
    )
  })
})

describe('workloads', () => {
  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'dev' },
    spec: {
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
      },
    },
  }

  it('warns for a Deployment but never rejects it, even under enforce', () => {
    const verdict = run(
      { [`${PSA}enforce`]: 'restricted', [`${PSA}warn`]: 'restricted' },
      { resource: 'deployments', object: deployment },
    )
    expect(verdict.allowed).toBe(true)
    expect(warningsOf(verdict)).toEqual([
      `would violate PodSecurity "restricted:latest": ${REFERENCE_MESSAGE.split('"restricted:latest": ')[1]}`,
    ])
  })

  it('says nothing when only enforce is set: the Pods are checked when they are created', () => {
    const verdict = run({ [`${PSA}enforce`]: 'restricted' }, { resource: 'deployments', object: deployment })
    expect(verdict.allowed).toBe(true)
    expect(warningsOf(verdict)).toEqual([])
  })

  it.each([
    {
      resource: 'cronjobs',
      object: {
        kind: 'CronJob',
        metadata: { name: 'c' },
        spec: { jobTemplate: { spec: { template: { spec: { hostIPC: true, containers: [] } } } } },
      },
    },
    {
      resource: 'replicationcontrollers',
      object: {
        kind: 'ReplicationController',
        metadata: { name: 'r' },
        spec: { template: { spec: { hostIPC: true, containers: [] } } },
      },
    },
    {
      resource: 'jobs',
      object: {
        kind: 'Job',
        metadata: { name: 'j' },
        spec: { template: { spec: { hostIPC: true, containers: [] } } },
      },
    },
    {
      resource: 'daemonsets',
      object: {
        kind: 'DaemonSet',
        metadata: { name: 'd' },
        spec: { template: { spec: { hostIPC: true, containers: [] } } },
      },
    },
  ])('finds the pod template of $resource', ({ resource, object }) => {
    const verdict = run({ [`${PSA}warn`]: 'baseline' }, { resource, object: object as KubeObject })
    expect(warningsOf(verdict)).toEqual([
      'would violate PodSecurity "baseline:latest": host namespaces (hostIPC=true)',
    ])
  })

  it('skips the scale subresource and unrelated resources', () => {
    expect(
      run(
        { [`${PSA}warn`]: 'restricted' },
        { resource: 'deployments', subresource: 'scale', operation: 'UPDATE', object: deployment },
      ),
    ).toMatchObject({ skipped: true })
    expect(
      run({ [`${PSA}warn`]: 'restricted' }, { resource: 'configmaps', object: { kind: 'ConfigMap' } }),
    ).toMatchObject({ skipped: true })
  })
})

describe('namespaces', () => {
  it('rejects invalid labels on create with 422', () => {
    const ns = namespace('dev', { [`${PSA}enforce`]: 'strict', [`${PSA}enforce-version`]: 'v1.035' })
    const verdict = podSecurity.validate!(
      attrs({ resource: 'namespaces', namespace: '', object: ns }),
      context([]),
    )
    expect(verdict.allowed || verdict.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        `Namespace "dev" is invalid: [metadata.labels[${PSA}enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted, ` +
        `metadata.labels[${PSA}enforce-version]: Invalid value: "v1.035": must be "latest" or "v1.x"]`,
      reason: 'Invalid',
      details: {
        name: 'dev',
        kind: 'Namespace',
        causes: [
          {
            reason: 'FieldValueInvalid',
            message: 'Invalid value: "strict": must be one of privileged, baseline, restricted',
            field: `metadata.labels[${PSA}enforce]`,
          },
          {
            reason: 'FieldValueInvalid',
            message: 'Invalid value: "v1.035": must be "latest" or "v1.x"',
            field: `metadata.labels[${PSA}enforce-version]`,
          },
        ],
      },
      code: 422,
    })
  })

  it('tolerates an update that keeps the same invalid labels', () => {
    const ns = namespace('dev', { [`${PSA}audit`]: 'bogus' })
    const verdict = podSecurity.validate!(
      attrs({ resource: 'namespaces', namespace: 'dev', operation: 'UPDATE', object: ns, oldObject: ns }),
      context([ns]),
    )
    expect(verdict.allowed).toBe(true)
  })

  const existing = [
    nginx,
    { ...nginx, metadata: { name: 'nginx-2', namespace: 'dev' } },
    { ...nginx, metadata: { name: 'a-nginx', namespace: 'dev' } },
    hardenedPod('good'),
    { ...hardenedPod('host'), spec: { ...hardenedPod('host').spec!, hostNetwork: true } } as KubeObject,
  ]

  it('warns about existing Pods when the enforce level is tightened', () => {
    const old = namespace('dev', { [`${PSA}enforce`]: 'baseline' })
    const ns = namespace('dev', { [`${PSA}enforce`]: 'restricted' })
    const verdict = podSecurity.validate!(
      attrs({ resource: 'namespaces', namespace: 'dev', operation: 'UPDATE', object: ns, oldObject: old }),
      context([ns, ...existing]),
    )
    expect(verdict.allowed).toBe(true)
    expect(warningsOf(verdict)).toEqual([
      'existing pods in namespace "dev" violate the new PodSecurity enforce level "restricted:latest"',
      'a-nginx (and 2 other pods): allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile',
      'host: host namespaces',
    ])
  })

  it.each([
    { name: 'unchanged', old: { [`${PSA}enforce`]: 'restricted' }, now: { [`${PSA}enforce`]: 'restricted' } },
    { name: 'relaxed', old: { [`${PSA}enforce`]: 'restricted' }, now: { [`${PSA}enforce`]: 'baseline' } },
    {
      name: 'privileged',
      old: { [`${PSA}enforce`]: 'restricted' },
      now: { [`${PSA}enforce`]: 'privileged' },
    },
  ])('does not dry-run when the enforce level is $name', ({ old, now }) => {
    const verdict = podSecurity.validate!(
      attrs({
        resource: 'namespaces',
        namespace: 'dev',
        operation: 'UPDATE',
        object: namespace('dev', now),
        oldObject: namespace('dev', old),
      }),
      context(existing),
    )
    expect(warningsOf(verdict)).toEqual([])
  })

  it('dry-runs a version change even to a laxer level', () => {
    const verdict = podSecurity.validate!(
      attrs({
        resource: 'namespaces',
        namespace: 'dev',
        operation: 'UPDATE',
        object: namespace('dev', { [`${PSA}enforce`]: 'baseline', [`${PSA}enforce-version`]: 'v1.30' }),
        oldObject: namespace('dev', { [`${PSA}enforce`]: 'restricted' }),
      }),
      context(existing),
    )
    expect(warningsOf(verdict)).toEqual([
      'existing pods in namespace "dev" violate the new PodSecurity enforce level "baseline:v1.30"',
      'host: host namespaces',
    ])
  })
})

describe('exemptions (none by default)', () => {
  const config: PodSecurityConfiguration = {
    exemptions: { usernames: ['ci-bot'], runtimeClasses: ['kata'], namespaces: ['kube-system'] },
  }
  const restricted = { [`${PSA}enforce`]: 'restricted' }

  it('the default plugin exempts nothing, not even kube-system', () => {
    expect(run(restricted, { object: nginx, namespace: 'kube-system' }).allowed).toBe(false)
  })

  it.each([
    { name: 'user', r: { object: nginx, username: 'ci-bot' } },
    { name: 'namespace', r: { object: nginx, namespace: 'kube-system' } },
    {
      name: 'runtime class',
      r: { object: { ...nginx, spec: { ...nginx.spec!, runtimeClassName: 'kata' } } },
    },
  ])('an exempt $name is admitted', ({ r }) => {
    expect(run(restricted, r, [], config).allowed).toBe(true)
  })

  it('warns that an exempt namespace ignores its labels', () => {
    const verdict = createPodSecurity(config).validate!(
      attrs({
        resource: 'namespaces',
        namespace: 'kube-system',
        object: namespace('kube-system', restricted),
      }),
      context([]),
    )
    expect(warningsOf(verdict)).toEqual([
      'namespace "kube-system" is exempt from Pod Security, and the policy (enforce=restricted:latest) will be ignored',
    ])
  })

  it('uses configured defaults for unlabelled namespaces', () => {
    const verdict = run({}, { object: nginx }, [], {
      defaults: { enforce: 'baseline', warn: 'restricted', 'warn-version': 'v1.30' },
    })
    expect(verdict.allowed).toBe(true)
    expect(warningsOf(verdict)[0]).toMatch(/^would violate PodSecurity "restricted:v1.30"/)
  })
})
