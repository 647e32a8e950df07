import { parseAllDocuments } from 'yaml'
import { describe, expect, it } from 'vitest'
import type { UserInfo } from '../types'
import { createAuthorizer, suggestFix } from './index'
import { clusterRole, role, roleBinding, store, user } from './testing'
import type { AuthorizationAttributes, PolicyRule } from './types'

const jane: UserInfo = { username: 'jane', groups: ['system:authenticated'] }

function attrs(partial: Partial<AuthorizationAttributes>): AuthorizationAttributes {
  return {
    user: jane,
    verb: 'get',
    namespace: 'dev',
    apiGroup: '',
    apiVersion: 'v1',
    resource: 'pods',
    subresource: '',
    name: '',
    isResourceRequest: true,
    path: '',
    ...partial,
  }
}

const rule = (r: Partial<PolicyRule>): PolicyRule => ({
  verbs: ['get'],
  apiGroups: [''],
  resources: ['pods'],
  ...r,
})

describe('RBAC deny details name the nearest miss', () => {
  it.each<[string, ReturnType<typeof store>, Partial<AuthorizationAttributes>, string]>([
    [
      'wrong verb',
      store([
        role('dev', 'r', [rule({ verbs: ['get', 'list'] })]),
        roleBinding('dev', 'b', 'Role', 'r', [user('jane')]),
      ]),
      { verb: 'delete' },
      'covers the resource but not the verb "delete"',
    ],
    [
      'singular resource name',
      store([
        role('dev', 'r', [rule({ resources: ['pod'] })]),
        roleBinding('dev', 'b', 'Role', 'r', [user('jane')]),
      ]),
      {},
      'lists "pod", but RBAC compares resources by their exact lowercase plural name: "pods"',
    ],
    [
      'capitalised kind instead of resource',
      store([
        role('dev', 'r', [rule({ resources: ['Pods'] })]),
        roleBinding('dev', 'b', 'Role', 'r', [user('jane')]),
      ]),
      {},
      'lists "Pods", but RBAC compares resources by their exact lowercase plural name: "pods"',
    ],
    [
      'wrong resource name',
      store([
        role('dev', 'r', [rule({ resourceNames: ['web'] })]),
        roleBinding('dev', 'b', 'Role', 'r', [user('jane')]),
      ]),
      { name: 'db' },
      'is limited to other resourceNames',
    ],
    [
      'missing API group',
      store([
        role('dev', 'r', [rule({ resources: ['deployments'] })]),
        roleBinding('dev', 'b', 'Role', 'r', [user('jane')]),
      ]),
      { apiGroup: 'apps', resource: 'deployments' },
      'in API groups "", not "apps": add "apps" to apiGroups (deployments live in API group "apps")',
    ],
    [
      'RoleBinding in another namespace',
      store([role('prod', 'r', [rule({})]), roleBinding('prod', 'b', 'Role', 'r', [user('jane')])]),
      {},
      'RoleBinding "b/prod" of Role "r" to User "jane" would allow this with rule {APIGroups:[""], Resources:["pods"], Verbs:["get"]}, but it is in namespace "prod": a RoleBinding grants only inside its own namespace, and the request is in "dev".',
    ],
    [
      'RoleBinding to a Role of another namespace',
      store([role('prod', 'r', [rule({})]), roleBinding('dev', 'b', 'Role', 'r', [user('jane')])]),
      {},
      'RoleBinding "b/dev" references Role "r", which does not exist in namespace "dev" (a Role of that name exists in "prod"). A roleRef has no namespace: a RoleBinding can only reference a Role in its own namespace, or a ClusterRole.',
    ],
    [
      'RoleBinding cannot grant a cluster-scoped request',
      store([
        clusterRole('nodes', [rule({ resources: ['nodes'] })]),
        roleBinding('dev', 'b', 'ClusterRole', 'nodes', [user('jane')]),
      ]),
      { namespace: '', resource: 'nodes' },
      'but the request is cluster-scoped: RoleBindings never grant cluster-scoped requests; that takes a ClusterRoleBinding.',
    ],
  ])('%s', (_name, rbac, partial, expected) => {
    const decision = createAuthorizer(rbac).authorize(attrs(partial))
    expect(decision.decision).toBe('NoOpinion')
    expect(decision.details.join('\n')).toContain(expected)
  })
})

describe('suggestFix', () => {
  const rbac = store([])
  const deny = (a: AuthorizationAttributes) => createAuthorizer(rbac).authorize(a)

  it('a namespaced request gets a Role and RoleBinding that allow exactly it', () => {
    const a = attrs({ verb: 'get', resource: 'pods', subresource: 'log', name: 'web' })
    const fix = suggestFix(a, deny(a), rbac)!
    expect(fix.yaml).toBe(
      [
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: Role',
        'metadata:',
        '  name: jane-get-pods-log',
        '  namespace: dev',
        'rules:',
        '  - apiGroups:',
        '      - ""',
        '    resources:',
        '      - pods/log',
        '    verbs:',
        '      - get',
        '    resourceNames:',
        '      - web',
        '---',
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: RoleBinding',
        'metadata:',
        '  name: jane-get-pods-log',
        '  namespace: dev',
        'subjects:',
        '  - kind: User',
        '    apiGroup: rbac.authorization.k8s.io',
        '    name: jane',
        'roleRef:',
        '  apiGroup: rbac.authorization.k8s.io',
        '  kind: Role',
        '  name: jane-get-pods-log',
        '',
      ].join('\n'),
    )
    expect(fix.explanation).toContain(
      'RoleBinding "jane-get-pods-log" gives it to User "jane" in namespace "dev" only',
    )
    // Applying it really allows the request.
    const docs = parseAllDocuments(fix.yaml).map((d) => d.toJS() as never)
    expect(createAuthorizer(store(docs)).authorize(a).decision).toBe('Allow')
  })

  it.each<[string, Partial<AuthorizationAttributes>, string]>([
    ['cluster-scoped resource', { namespace: '', verb: 'list', resource: 'nodes' }, 'ClusterRoleBinding'],
    [
      'non-resource URL',
      { namespace: '', isResourceRequest: false, path: '/metrics', resource: '' },
      'ClusterRoleBinding',
    ],
    [
      'a service account',
      {
        user: { username: 'system:serviceaccount:dev:ci', groups: ['system:serviceaccounts'] },
        verb: 'create',
        apiGroup: 'apps',
        resource: 'deployments',
      },
      'RoleBinding',
    ],
  ])('%s', (_name, partial, bindingKind) => {
    const a = attrs(partial)
    const fix = suggestFix(a, deny(a), rbac)!
    expect(fix.yaml).toContain(`kind: ${bindingKind}`)
    const docs = parseAllDocuments(fix.yaml).map((d) => d.toJS() as never)
    expect(createAuthorizer(store(docs)).authorize(a).decision).toBe('Allow')
  })

  it('nothing to suggest when allowed', () => {
    const a = attrs({})
    expect(
      suggestFix(a, { decision: 'Allow', reason: '', authorizer: 'RBAC', details: [] }, rbac),
    ).toBeUndefined()
  })
})
