import { describe, expect, it } from 'vitest'
import type { AuthorizationAttributes } from '../../authorization/types'
import type { KubeObject } from '../../types'
import { alwaysPullImages } from './alwaysPullImages'
import { defaultIngressClass } from './defaultIngressClass'
import { denyServiceExternalIPs } from './denyServiceExternalIPs'
import { ownerReferencesPermissionEnforcement } from './ownerReferencesPermissionEnforcement'
import { taintNodesByCondition } from './taintNodesByCondition'
import { attrs, context, decision, pod } from './testkit'

describe('TaintNodesByCondition', () => {
  it.each([
    { before: undefined, after: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }] },
    {
      before: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
      after: [
        { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
      ],
    },
    {
      before: [{ key: 'node.kubernetes.io/not-ready', value: 'x', effect: 'NoSchedule' }],
      after: [{ key: 'node.kubernetes.io/not-ready', value: 'x', effect: 'NoSchedule' }],
    },
  ])('taints a new Node that had $before', ({ before, after }) => {
    const node: KubeObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n1' },
      spec: before ? { taints: before } : {},
    }
    const a = attrs('nodes', 'CREATE', node)
    taintNodesByCondition.admit!(a, context())
    expect((a.object!.spec as { taints: unknown }).taints).toEqual(after)
  })

  it('leaves node updates and status alone', () => {
    const node: KubeObject = { metadata: { name: 'n1' }, spec: {} }
    expect(taintNodesByCondition.admit!(attrs('nodes', 'UPDATE', node), context())).toMatchObject({
      skipped: true,
    })
    expect(
      taintNodesByCondition.admit!(attrs('nodes', 'CREATE', node, { subresource: 'status' }), context()),
    ).toMatchObject({ skipped: true })
  })
})

describe('AlwaysPullImages', () => {
  it('forces Always on every kind of container', () => {
    const a = attrs(
      'pods',
      'CREATE',
      pod('web', { initContainers: [{ name: 'init', image: 'busybox:1.36', imagePullPolicy: 'Never' }] }),
    )
    alwaysPullImages.admit!(a, context())
    const spec = a.object!.spec as {
      initContainers: { imagePullPolicy: string }[]
      containers: { imagePullPolicy: string }[]
    }
    expect([spec.initContainers[0]!.imagePullPolicy, spec.containers[0]!.imagePullPolicy]).toEqual([
      'Always',
      'Always',
    ])
    expect(alwaysPullImages.validate!(a, context()).allowed).toBe(true)
  })

  it('refuses in validation what a later mutation changed back, as a bare 500', () => {
    const verdict = alwaysPullImages.validate!(attrs('pods', 'CREATE', pod('web')), context())
    expect(verdict).toMatchObject({
      allowed: false,
      status: {
        code: 500,
        message:
          'pods "web" is forbidden: spec.containers[0].imagePullPolicy: Unsupported value: "IfNotPresent": supported values: "Always"',
      },
    })
  })

  it('skips an update that brings no new image', () => {
    const a = attrs('pods', 'UPDATE', pod('web'), { oldObject: pod('web') })
    expect(alwaysPullImages.admit!(a, context())).toMatchObject({ skipped: true })
    const changed = attrs(
      'pods',
      'UPDATE',
      pod('web', { containers: [{ name: 'app', image: 'nginx:1.28' }] }),
      { oldObject: pod('web') },
    )
    expect(alwaysPullImages.admit!(changed, context()).allowed).toBe(true)
  })
})

describe('DefaultIngressClass', () => {
  const ic = (name: string, isDefault: boolean, created = '2026-01-15T10:00:00Z'): KubeObject => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: {
      name,
      creationTimestamp: created,
      ...(isDefault ? { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } : {}),
    },
    spec: { controller: 'example.com/ingress' },
  })
  const ingress = (spec: Record<string, unknown> = {}, annotations?: Record<string, string>): KubeObject => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'default', ...(annotations ? { annotations } : {}) },
    spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } }, ...spec },
  })
  it.each([
    { name: 'the default', obj: ingress(), classes: [ic('nginx', true), ic('other', false)], want: 'nginx' },
    {
      name: 'the newest of two defaults',
      obj: ingress(),
      classes: [ic('old', true, '2026-01-15T09:00:00Z'), ic('new', true)],
      want: 'new',
    },
    {
      name: 'an explicit class',
      obj: ingress({ ingressClassName: 'other' }),
      classes: [ic('nginx', true)],
      want: 'other',
    },
    {
      name: 'the old annotation',
      obj: ingress({}, { 'kubernetes.io/ingress.class': 'legacy' }),
      classes: [ic('nginx', true)],
      want: undefined,
    },
    { name: 'no default', obj: ingress(), classes: [ic('other', false)], want: undefined },
  ])('$name', ({ obj, classes, want }) => {
    const a = attrs('ingresses', 'CREATE', obj)
    expect(defaultIngressClass.admit!(a, context(classes)).allowed).toBe(true)
    expect((a.object!.spec as { ingressClassName?: string }).ingressClassName).toBe(want)
  })
})

describe('DenyServiceExternalIPs', () => {
  const svc = (externalIPs?: string[]): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { ports: [{ port: 80 }], ...(externalIPs ? { externalIPs } : {}) },
  })
  const denied = 'services "web" is forbidden: Use of external IPs is denied by admission control'
  it.each([
    {
      name: 'a new Service with externalIPs',
      op: 'CREATE' as const,
      next: svc(['203.0.113.7']),
      old: undefined,
      message: denied,
    },
    {
      name: 'an update adding one',
      op: 'UPDATE' as const,
      next: svc(['203.0.113.7', '203.0.113.8']),
      old: svc(['203.0.113.7']),
      message: denied,
    },
    {
      name: 'an update keeping them',
      op: 'UPDATE' as const,
      next: svc(['203.0.113.7']),
      old: svc(['203.0.113.7', '203.0.113.8']),
      message: undefined,
    },
    { name: 'a Service without', op: 'CREATE' as const, next: svc(), old: undefined, message: undefined },
  ])('$name', ({ op, next, old, message }) => {
    const verdict = denyServiceExternalIPs.validate!(
      attrs('services', op, next, { oldObject: old }),
      context(),
    )
    if (message === undefined) expect(verdict.allowed).toBe(true)
    else expect(verdict).toMatchObject({ allowed: false, status: { code: 403, message } })
  })
})

describe('OwnerReferencesPermissionEnforcement', () => {
  const owned = (blockOwnerDeletion?: boolean): KubeObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'child',
      namespace: 'default',
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'web',
          uid: 'u1',
          ...(blockOwnerDeletion === undefined ? {} : { blockOwnerDeletion }),
        },
      ],
    },
  })
  const asked: AuthorizationAttributes[] = []
  const authorize = (allow: (a: AuthorizationAttributes) => boolean) => (a: AuthorizationAttributes) => {
    asked.push(a)
    return decision(allow(a))
  }

  it('lets a creator set plain ownerReferences without asking anything', () => {
    asked.length = 0
    const verdict = ownerReferencesPermissionEnforcement.validate!(
      attrs('configmaps', 'CREATE', owned()),
      context([], { authorize: authorize(() => false) }),
    )
    expect(verdict.allowed).toBe(true)
    expect(asked).toEqual([])
  })

  it("needs update on the owner's finalizers to set blockOwnerDeletion", () => {
    asked.length = 0
    const verdict = ownerReferencesPermissionEnforcement.validate!(
      attrs('configmaps', 'CREATE', owned(true)),
      context([], { authorize: authorize(() => false) }),
    )
    expect(verdict).toMatchObject({
      allowed: false,
      status: {
        code: 403,
        message:
          'configmaps "child" is forbidden: cannot set blockOwnerDeletion if an ownerReference refers to a resource you can\'t set finalizers on: , <nil>',
      },
    })
    expect(asked.map((a) => [a.verb, a.apiGroup, a.resource, a.subresource, a.name, a.namespace])).toEqual([
      ['update', '*', '*', 'finalizers', '*', ''],
      ['update', 'apps', 'deployments', 'finalizers', 'web', 'default'],
    ])
    const allowed = ownerReferencesPermissionEnforcement.validate!(
      attrs('configmaps', 'CREATE', owned(true)),
      context([], { authorize: authorize((a) => a.resource === 'deployments') }),
    )
    expect(allowed.allowed).toBe(true)
  })

  it('needs delete on an object to change its owners', () => {
    const a = attrs('configmaps', 'UPDATE', owned(), {
      oldObject: { metadata: { name: 'child', namespace: 'default' } },
    })
    expect(
      ownerReferencesPermissionEnforcement.validate!(a, context([], { authorize: authorize(() => false) })),
    ).toMatchObject({
      allowed: false,
      status: {
        message:
          'configmaps "child" is forbidden: cannot set an ownerRef on a resource you can\'t delete: , <nil>',
      },
    })
  })

  it('names an owner kind the server does not serve', () => {
    const obj = owned(true)
    ;(obj.metadata!.ownerReferences![0] as { kind: string }).kind = 'Widget'
    const verdict = ownerReferencesPermissionEnforcement.validate!(
      attrs('configmaps', 'CREATE', obj),
      context([], { authorize: authorize(() => false) }),
    )
    expect(verdict).toMatchObject({
      status: {
        message:
          'configmaps "child" is forbidden: cannot set blockOwnerDeletion in this case because cannot find RESTMapping for APIVersion apps/v1 Kind Widget: no matches for kind "Widget" in version "apps/v1"',
      },
    })
  })
})
