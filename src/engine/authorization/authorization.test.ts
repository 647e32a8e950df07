import { describe, expect, it } from 'vitest'
import type { KubeObject, UserInfo } from '../types'
import { aggregateClusterRoles } from './aggregation'
import { createAuthorizer, forbiddenMessage, ruleAllows } from './index'
import type { AuthorizationAttributes, PolicyRule, RbacObjects } from './types'

const jane: UserInfo = { username: 'jane', groups: ['system:authenticated'] }

function attrs(partial: Partial<AuthorizationAttributes>): AuthorizationAttributes {
  return {
    user: jane,
    verb: 'get',
    namespace: '',
    apiGroup: '',
    apiVersion: 'v1',
    resource: '',
    subresource: '',
    name: '',
    isResourceRequest: true,
    path: '',
    ...partial,
  }
}

function objects(list: KubeObject[]): RbacObjects {
  return {
    clusterRoleBindings: () => list.filter((o) => o.kind === 'ClusterRoleBinding'),
    roleBindings: (ns) => list.filter((o) => o.kind === 'RoleBinding' && o.metadata?.namespace === ns),
    clusterRole: (name) => list.find((o) => o.kind === 'ClusterRole' && o.metadata?.name === name),
    role: (ns, name) =>
      list.find((o) => o.kind === 'Role' && o.metadata?.namespace === ns && o.metadata?.name === name),
  }
}

const podsRead: PolicyRule = { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }

describe('ruleAllows', () => {
  it.each<[string, PolicyRule, Partial<AuthorizationAttributes>, boolean]>([
    ['exact resource', podsRead, { resource: 'pods' }, true],
    ['"pods" does not cover pods/log', podsRead, { resource: 'pods', subresource: 'log' }, false],
    [
      'pods/log listed',
      { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] },
      { resource: 'pods', subresource: 'log' },
      true,
    ],
    [
      '*/scale covers deployments/scale',
      { verbs: ['get'], apiGroups: ['apps'], resources: ['*/scale'] },
      { apiGroup: 'apps', resource: 'deployments', subresource: 'scale' },
      true,
    ],
    [
      '*/scale does not cover deployments',
      { verbs: ['get'], apiGroups: ['apps'], resources: ['*/scale'] },
      { apiGroup: 'apps', resource: 'deployments' },
      false,
    ],
    [
      '*/scale does not cover x/rescale',
      { verbs: ['get'], apiGroups: ['apps'], resources: ['*/scale'] },
      { apiGroup: 'apps', resource: 'x', subresource: 'rescale' },
      false,
    ],
    [
      '* covers subresources',
      { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
      { resource: 'pods', subresource: 'exec', verb: 'create' },
      true,
    ],
    ['verb mismatch', podsRead, { resource: 'pods', verb: 'delete' }, false],
    ['API group mismatch', podsRead, { resource: 'pods', apiGroup: 'apps' }, false],
    [
      'core rule does not cover apps deployments',
      { verbs: ['create'], apiGroups: [''], resources: ['deployments'] },
      { verb: 'create', apiGroup: 'apps', resource: 'deployments' },
      false,
    ],
    [
      'resourceNames match get of that name',
      { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] },
      { resource: 'configmaps', name: 'a' },
      true,
    ],
    [
      'resourceNames never match create',
      { verbs: ['create'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] },
      { verb: 'create', resource: 'configmaps' },
      false,
    ],
    [
      'resourceNames never match list',
      { verbs: ['list'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] },
      { verb: 'list', resource: 'configmaps' },
      false,
    ],
    [
      'nonResourceURL exact',
      { verbs: ['get'], nonResourceURLs: ['/healthz'] },
      { isResourceRequest: false, path: '/healthz' },
      true,
    ],
    [
      'nonResourceURL exact is not a prefix',
      { verbs: ['get'], nonResourceURLs: ['/healthz'] },
      { isResourceRequest: false, path: '/healthz/etcd' },
      false,
    ],
    [
      'nonResourceURL trailing * is a prefix',
      { verbs: ['get'], nonResourceURLs: ['/apis/*'] },
      { isResourceRequest: false, path: '/apis/apps/v1' },
      true,
    ],
    [
      'nonResourceURL prefix needs the slash',
      { verbs: ['get'], nonResourceURLs: ['/apis/*'] },
      { isResourceRequest: false, path: '/apis' },
      false,
    ],
    [
      'nonResourceURL * matches all',
      { verbs: ['*'], nonResourceURLs: ['*'] },
      { isResourceRequest: false, path: '/metrics', verb: 'post' },
      true,
    ],
    ['resource rule never matches a path', podsRead, { isResourceRequest: false, path: '/api' }, false],
  ])('%s', (_name, rule, partial, expected) => {
    expect(ruleAllows(attrs(partial), rule)).toBe(expected)
  })
})

describe('forbiddenMessage', () => {
  it.each<[Partial<AuthorizationAttributes>, string, string]>([
    [
      { verb: 'create', resource: 'pods', namespace: 'default' },
      '',
      'User "jane" cannot create resource "pods" in API group "" in the namespace "default"',
    ],
    [
      { verb: 'create', apiGroup: 'apps', resource: 'deployments', namespace: 'default' },
      '',
      'User "jane" cannot create resource "deployments" in API group "apps" in the namespace "default"',
    ],
    [
      { resource: 'pods', subresource: 'log', name: 'nginx', namespace: 'default' },
      '',
      'User "jane" cannot get resource "pods/log" in API group "" in the namespace "default"',
    ],
    [
      { verb: 'list', resource: 'nodes' },
      '',
      'User "jane" cannot list resource "nodes" in API group "" at the cluster scope',
    ],
    [
      {
        user: { username: 'system:anonymous', groups: ['system:unauthenticated'] },
        isResourceRequest: false,
        path: '/metrics',
      },
      '',
      'User "system:anonymous" cannot get path "/metrics"',
    ],
    [
      { verb: 'list', resource: 'pods', namespace: 'dev' },
      'RBAC: clusterrole.rbac.authorization.k8s.io "foo" not found',
      'User "jane" cannot list resource "pods" in API group "" in the namespace "dev": RBAC: clusterrole.rbac.authorization.k8s.io "foo" not found',
    ],
    [
      { user: { username: 'a"<b>&', groups: [] }, isResourceRequest: false, path: '/x' },
      '',
      'User "a\\"&lt;b&gt;&amp;" cannot get path "/x"',
    ],
  ])('%j', (partial, reason, expected) => {
    expect(forbiddenMessage(attrs(partial), reason)).toBe(expected)
  })
})

const view: KubeObject = {
  kind: 'ClusterRole',
  apiVersion: 'rbac.authorization.k8s.io/v1',
  metadata: { name: 'view' },
  rules: [podsRead],
}
const podReader: KubeObject = {
  kind: 'Role',
  apiVersion: 'rbac.authorization.k8s.io/v1',
  metadata: { name: 'pod-reader', namespace: 'dev' },
  rules: [podsRead],
}

function rb(ns: string, name: string, roleKind: string, role: string, subjects: unknown[]): KubeObject {
  return {
    kind: 'RoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    metadata: { name, namespace: ns },
    subjects,
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: role },
  }
}
function crb(name: string, role: string, subjects: unknown[]): KubeObject {
  return {
    kind: 'ClusterRoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    metadata: { name },
    subjects,
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
  }
}

const sa = (ns: string, name: string): UserInfo => ({
  username: `system:serviceaccount:${ns}:${name}`,
  groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'],
})

describe('createAuthorizer', () => {
  const store = objects([
    view,
    podReader,
    rb('dev', 'jane-view', 'ClusterRole', 'view', [
      { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'jane' },
    ]),
    rb('dev', 'builder', 'Role', 'pod-reader', [{ kind: 'ServiceAccount', name: 'builder' }]),
    rb('dev', 'ci', 'Role', 'pod-reader', [{ kind: 'ServiceAccount', name: 'ci', namespace: 'tools' }]),
    rb('dev', 'dangling', 'ClusterRole', 'foo', [{ kind: 'Group', name: 'team' }]),
    rb('dev', 'dangling-role', 'Role', 'bar', [{ kind: 'Group', name: 'team' }]),
    crb('no-ns-sa', 'view', [{ kind: 'ServiceAccount', name: 'builder' }]),
  ])
  const authorizer = createAuthorizer(store)

  it.each<[string, Partial<AuthorizationAttributes>, string, string, string]>([
    [
      'RoleBinding to ClusterRole allows in its namespace',
      { resource: 'pods', namespace: 'dev' },
      'Allow',
      'RBAC',
      'RBAC: allowed by RoleBinding "jane-view/dev" of ClusterRole "view" to User "jane"',
    ],
    [
      'RoleBinding to ClusterRole is confined to its namespace',
      { resource: 'pods', namespace: 'prod' },
      'NoOpinion',
      'none',
      '',
    ],
    [
      'RoleBinding to ClusterRole grants nothing cluster-wide',
      { resource: 'pods', verb: 'list' },
      'NoOpinion',
      'none',
      '',
    ],
    [
      'SA subject without namespace takes the binding namespace',
      { user: sa('dev', 'builder'), resource: 'pods', namespace: 'dev' },
      'Allow',
      'RBAC',
      'RBAC: allowed by RoleBinding "builder/dev" of Role "pod-reader" to ServiceAccount "builder/dev"',
    ],
    [
      'SA subject without namespace on a ClusterRoleBinding never matches',
      { user: sa('default', 'builder'), resource: 'pods', namespace: 'default' },
      'NoOpinion',
      'none',
      '',
    ],
    [
      'SA subject with its own namespace',
      { user: sa('tools', 'ci'), resource: 'pods', namespace: 'dev' },
      'Allow',
      'RBAC',
      'RBAC: allowed by RoleBinding "ci/dev" of Role "pod-reader" to ServiceAccount "ci/tools"',
    ],
    [
      'SA of another namespace does not match',
      { user: sa('dev', 'ci'), resource: 'pods', namespace: 'dev' },
      'NoOpinion',
      'none',
      '',
    ],
    [
      'system:masters is allowed before RBAC',
      {
        user: { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] },
        verb: 'delete',
        resource: 'nodes',
      },
      'Allow',
      'system:masters',
      '',
    ],
    [
      'missing roles become the reason, decision stays NoOpinion',
      { user: { username: 'bob', groups: ['team'] }, resource: 'pods', namespace: 'dev' },
      'NoOpinion',
      'none',
      'RBAC: [clusterrole.rbac.authorization.k8s.io "foo" not found, role.rbac.authorization.k8s.io "bar" not found]',
    ],
    [
      'a node is not allowed to read unrelated secrets',
      {
        user: { username: 'system:node:w1', groups: ['system:nodes', 'system:authenticated'] },
        resource: 'secrets',
        namespace: 'dev',
        name: 's',
      },
      'NoOpinion',
      'none',
      "no relationship found between node 'w1' and this object",
    ],
    [
      'a node may post events through the static node rules',
      {
        user: { username: 'system:node:w1', groups: ['system:nodes', 'system:authenticated'] },
        verb: 'create',
        resource: 'events',
        namespace: 'dev',
      },
      'Allow',
      'Node',
      '',
    ],
  ])('%s', (_name, partial, decision, by, reason) => {
    const result = authorizer.authorize(attrs(partial))
    expect(result.decision).toBe(decision)
    expect(result.authorizer).toBe(by)
    expect(result.reason).toBe(reason)
    expect(result.details.length).toBeGreaterThan(0)
  })

  it('the same missing role twice is reported once, without brackets', () => {
    const twice = objects([
      rb('dev', 'a', 'ClusterRole', 'foo', [{ kind: 'User', name: 'bob' }]),
      rb('dev', 'b', 'ClusterRole', 'foo', [{ kind: 'User', name: 'bob' }]),
    ])
    const result = createAuthorizer(twice).authorize(
      attrs({ user: { username: 'bob', groups: [] }, resource: 'pods', namespace: 'dev' }),
    )
    expect(result.reason).toBe('RBAC: clusterrole.rbac.authorization.k8s.io "foo" not found')
  })

  it('explains a near miss on deny', () => {
    const result = authorizer.authorize(attrs({ resource: 'pods', subresource: 'log', namespace: 'dev' }))
    expect(result.decision).toBe('NoOpinion')
    expect(result.details.join('\n')).toContain(
      'RoleBinding "jane-view/dev" of ClusterRole "view" to User "jane" applies',
    )
    expect(result.details.join('\n')).toContain('does not cover the subresource "pods/log"')
  })
})

describe('aggregateClusterRoles', () => {
  const cr = (
    name: string,
    labels: Record<string, string>,
    rules: PolicyRule[],
    selector?: object,
  ): KubeObject => ({
    kind: 'ClusterRole',
    metadata: { name, labels },
    rules,
    ...(selector ? { aggregationRule: { clusterRoleSelectors: [selector] } } : {}),
  })
  const a: PolicyRule = { verbs: ['get'], apiGroups: [''], resources: ['a'] }
  const b: PolicyRule = { verbs: ['get'], apiGroups: [''], resources: ['b'] }

  it.each<[string, KubeObject[], Record<string, PolicyRule[]>]>([
    [
      'union in name order, deduplicated, chained through aggregated roles',
      [
        cr('top', {}, [], { matchLabels: { agg: 'top' } }),
        cr('mid', { agg: 'top' }, [], { matchLabels: { agg: 'mid' } }),
        cr('z-leaf', { agg: 'mid' }, [b, a]),
        cr('a-leaf', { agg: 'mid' }, [a]),
      ],
      { top: [a, b], mid: [a, b] },
    ],
    [
      'matchExpressions',
      [
        cr('sel', {}, [], { matchExpressions: [{ key: 'tier', operator: 'In', values: ['x'] }] }),
        cr('x', { tier: 'x' }, [a]),
        cr('y', { tier: 'y' }, [b]),
      ],
      { sel: [a] },
    ],
    [
      'nothing changes when rules already match',
      [cr('sel', {}, [a], { matchLabels: { t: '1' } }), cr('x', { t: '1' }, [a])],
      {},
    ],
  ])('%s', (_name, roles, expected) => {
    const changed = aggregateClusterRoles(roles)
    expect(Object.fromEntries(changed.map((r) => [r.metadata!.name, r.rules]))).toEqual(expected)
  })
})
