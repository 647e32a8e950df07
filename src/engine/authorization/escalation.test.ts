import { describe, expect, it } from 'vitest'
import type { KubeObject, UserInfo } from '../types'
import { checkBindingEscalation, checkRoleEscalation, compactRules, covers } from './escalation'
import { createAuthorizer } from './index'
import { rulesFor } from './resolver'
import { clusterRole, clusterRoleBinding, group, role, roleBinding, store, user } from './testing'
import type { PolicyRule } from './types'

const jane: UserInfo = { username: 'jane', groups: ['developers', 'system:authenticated'] }
const admin: UserInfo = { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] }

describe('covers', () => {
  const r = (rule: Partial<PolicyRule>): PolicyRule => ({ verbs: [], ...rule })
  it.each<[string, PolicyRule[], PolicyRule[], boolean]>([
    [
      'exact',
      [r({ verbs: ['get'], apiGroups: [''], resources: ['pods'] })],
      [r({ verbs: ['get'], apiGroups: [''], resources: ['pods'] })],
      true,
    ],
    [
      'verb * covers any verb',
      [r({ verbs: ['*'], apiGroups: [''], resources: ['pods'] })],
      [r({ verbs: ['delete'], apiGroups: [''], resources: ['pods'] })],
      true,
    ],
    [
      'group * covers apps',
      [r({ verbs: ['get'], apiGroups: ['*'], resources: ['deployments'] })],
      [r({ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'] })],
      true,
    ],
    [
      'resource * covers subresources',
      [r({ verbs: ['get'], apiGroups: [''], resources: ['*'] })],
      [r({ verbs: ['get'], apiGroups: [''], resources: ['pods/log'] })],
      true,
    ],
    [
      'pods does not cover pods/log',
      [r({ verbs: ['get'], apiGroups: [''], resources: ['pods'] })],
      [r({ verbs: ['get'], apiGroups: [''], resources: ['pods/log'] })],
      false,
    ],
    [
      '*/scale covers deployments/scale',
      [r({ verbs: ['get'], apiGroups: ['apps'], resources: ['*/scale'] })],
      [r({ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments/scale'] })],
      true,
    ],
    [
      '*/scale does not cover deployments',
      [r({ verbs: ['get'], apiGroups: ['apps'], resources: ['*/scale'] })],
      [r({ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'] })],
      false,
    ],
    [
      'named owner does not cover all names',
      [r({ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] })],
      [r({ verbs: ['get'], apiGroups: [''], resources: ['secrets'] })],
      false,
    ],
    [
      'named owner covers that name',
      [r({ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a', 'b'] })],
      [r({ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['b'] })],
      true,
    ],
    [
      'unnamed owner covers a name',
      [r({ verbs: ['get'], apiGroups: [''], resources: ['secrets'] })],
      [r({ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['x'] })],
      true,
    ],
    [
      'URL prefix',
      [r({ verbs: ['get'], nonResourceURLs: ['/apis/*'] })],
      [r({ verbs: ['get'], nonResourceURLs: ['/apis/apps'] })],
      true,
    ],
    [
      'URL exact is not a prefix',
      [r({ verbs: ['get'], nonResourceURLs: ['/healthz'] })],
      [r({ verbs: ['get'], nonResourceURLs: ['/healthz/etcd'] })],
      false,
    ],
    [
      'resource rule never covers a URL',
      [r({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] })],
      [r({ verbs: ['get'], nonResourceURLs: ['/metrics'] })],
      false,
    ],
    ['a rule without apiGroups asks for nothing', [], [r({ verbs: ['get'], resources: ['pods'] })], true],
  ])('%s', (_name, owner, servant, expected) => {
    expect(covers(owner, servant).covered).toBe(expected)
  })

  it('reports each missing atom, which compactRules merges by group and resource', () => {
    const { missing } = covers(
      [],
      [{ verbs: ['get', 'list'], apiGroups: ['', 'apps'], resources: ['secrets'] }],
    )
    expect(missing).toHaveLength(4)
    expect(compactRules(missing)).toEqual([
      { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] },
      { apiGroups: ['apps'], resources: ['secrets'], verbs: ['get', 'list'] },
    ])
  })
})

describe('rulesFor', () => {
  it('collects ClusterRoleBinding rules first, then the namespace, and collects missing roles as errors', () => {
    const rbac = store([
      clusterRole('reader', [{ verbs: ['get'], apiGroups: [''], resources: ['nodes'] }]),
      role('dev', 'pods', [{ verbs: ['list'], apiGroups: [''], resources: ['pods'] }]),
      roleBinding('dev', 'b', 'Role', 'pods', [user('jane')]),
      roleBinding('dev', 'gone', 'Role', 'missing', [group('developers')]),
      clusterRoleBinding('c', 'reader', [group('developers')]),
    ])
    expect(rulesFor(jane, 'dev', rbac)).toEqual({
      rules: [
        { verbs: ['get'], apiGroups: [''], resources: ['nodes'] },
        { verbs: ['list'], apiGroups: [''], resources: ['pods'] },
      ],
      errors: ['role.rbac.authorization.k8s.io "missing" not found'],
    })
    expect(rulesFor(jane, 'dev', rbac, 'registry').errors).toEqual([
      'roles.rbac.authorization.k8s.io "missing" not found',
    ])
  })
})

const secretsGet: PolicyRule = { verbs: ['get'], apiGroups: [''], resources: ['secrets'] }
const podsAll: PolicyRule = { verbs: ['get', 'list', 'create'], apiGroups: [''], resources: ['pods'] }
const roleAdmin: PolicyRule = {
  verbs: ['create'],
  apiGroups: ['rbac.authorization.k8s.io'],
  resources: ['roles', 'rolebindings'],
}

const base = [
  role('dev', 'role-admin', [roleAdmin, podsAll]),
  roleBinding('dev', 'jane-admin', 'Role', 'role-admin', [user('jane')]),
  clusterRole('secret-reader', [secretsGet]),
  clusterRole('pod-worker', [podsAll]),
  clusterRole('binder', [
    {
      verbs: ['bind'],
      apiGroups: ['rbac.authorization.k8s.io'],
      resources: ['clusterroles'],
      resourceNames: ['secret-reader'],
    },
  ]),
  clusterRole('escalator', [
    { verbs: ['escalate'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'] },
  ]),
]

const newRole = (rules: PolicyRule[], extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name: 'x', namespace: 'dev' },
  rules,
  ...extra,
})

describe('checkRoleEscalation', () => {
  it.each<[string, KubeObject[], UserInfo, PolicyRule[], number | undefined, string | undefined]>([
    ['system:masters may grant anything', base, admin, [secretsGet], undefined, undefined],
    [
      'rules the user holds are allowed',
      base,
      jane,
      [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }],
      undefined,
      undefined,
    ],
    [
      'a rule the user lacks is forbidden with the exact text',
      base,
      jane,
      [secretsGet],
      403,
      'roles.rbac.authorization.k8s.io "x" is forbidden: user "jane" (groups=["developers" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}',
    ],
    [
      'missing rules are compacted, sorted and de-duplicated',
      base,
      jane,
      [
        { verbs: ['list', 'get'], apiGroups: ['apps'], resources: ['deployments'] },
        { verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['b', 'a'] },
        { verbs: ['get'], nonResourceURLs: ['/metrics'] },
        secretsGet,
        secretsGet,
      ],
      403,
      'roles.rbac.authorization.k8s.io "x" is forbidden: user "jane" (groups=["developers" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["secrets"], ResourceNames:["a"], Verbs:["get"]}\n' +
        '{APIGroups:[""], Resources:["secrets"], ResourceNames:["b"], Verbs:["get"]}\n' +
        '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "get"]}\n' +
        '{APIGroups:["apps"], Resources:["deployments"], Verbs:["list" "get"]}\n' +
        '{NonResourceURLs:["/metrics"], Verbs:["get"]}',
    ],
    [
      'escalate on roles lets the user grant more',
      [...base, roleBinding('dev', 'esc', 'ClusterRole', 'escalator', [user('jane')])],
      jane,
      [secretsGet],
      undefined,
      undefined,
    ],
    [
      'a missing role of the user shows up as resolution errors',
      [...base, roleBinding('dev', 'gone', 'ClusterRole', 'nope', [user('jane')])],
      jane,
      [secretsGet],
      403,
      'roles.rbac.authorization.k8s.io "x" is forbidden: user "jane" (groups=["developers" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}; resolution errors: [clusterroles.rbac.authorization.k8s.io "nope" not found]',
    ],
  ])('%s', (_name, objects, who, rules, code, message) => {
    const rbac = store(objects)
    const result = checkRoleEscalation('Role', newRole(rules), who, 'dev', createAuthorizer(rbac), rbac)
    expect(result.why.length).toBeGreaterThan(0)
    if (code === undefined) expect(result.allowed).toBe(true)
    else {
      expect(result.allowed).toBe(false)
      if (result.allowed) return
      expect(result.status.code).toBe(code)
      expect(result.status.message).toBe(message)
      expect(result.status.details).toEqual({ name: 'x', group: 'rbac.authorization.k8s.io', kind: 'roles' })
    }
  })

  it('an aggregationRule needs full authority even when the rules are held', () => {
    const rbac = store([...base, clusterRoleBinding('jane-pods', 'pod-worker', [user('jane')])])
    const cr = clusterRole('agg', [], {
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'b' } }] },
    })
    const result = checkRoleEscalation('ClusterRole', cr, jane, '', createAuthorizer(rbac), rbac)
    expect(result.allowed).toBe(false)
    if (!result.allowed)
      expect(result.status.message).toBe(
        'clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule',
      )
  })
})

const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', refKind: string, ref: string): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: kind === 'RoleBinding' ? { name: 'b', namespace: 'dev' } : { name: 'b' },
  subjects: [user('bob')],
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: refKind, name: ref },
})

describe('checkBindingEscalation', () => {
  it.each<
    [
      string,
      KubeObject[],
      'RoleBinding' | 'ClusterRoleBinding',
      string,
      string,
      number | undefined,
      string | undefined,
    ]
  >([
    [
      'binding a role whose rules the user holds',
      base,
      'RoleBinding',
      'ClusterRole',
      'pod-worker',
      undefined,
      undefined,
    ],
    [
      'binding a role with rules the user lacks',
      base,
      'RoleBinding',
      'ClusterRole',
      'secret-reader',
      403,
      'rolebindings.rbac.authorization.k8s.io "b" is forbidden: user "jane" (groups=["developers" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}',
    ],
    [
      'bind on that ClusterRole name allows it',
      [...base, roleBinding('dev', 'binder', 'ClusterRole', 'binder', [user('jane')])],
      'RoleBinding',
      'ClusterRole',
      'secret-reader',
      undefined,
      undefined,
    ],
    [
      'a bind grant in the namespace does not help a ClusterRoleBinding',
      [...base, roleBinding('dev', 'binder', 'ClusterRole', 'binder', [user('jane')])],
      'ClusterRoleBinding',
      'ClusterRole',
      'secret-reader',
      403,
      'clusterrolebindings.rbac.authorization.k8s.io "b" is forbidden: user "jane" (groups=["developers" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}',
    ],
    [
      'a missing role is a 404 from the registry',
      base,
      'RoleBinding',
      'Role',
      'nothing',
      404,
      'roles.rbac.authorization.k8s.io "nothing" not found',
    ],
  ])('%s', (_name, objects, kind, refKind, ref, code, message) => {
    const rbac = store(objects)
    const ns = kind === 'RoleBinding' ? 'dev' : ''
    const result = checkBindingEscalation(
      kind,
      binding(kind, refKind, ref),
      jane,
      ns,
      createAuthorizer(rbac),
      rbac,
    )
    if (code === undefined) expect(result.allowed).toBe(true)
    else {
      expect(result.allowed).toBe(false)
      if (result.allowed) return
      expect(result.status.code).toBe(code)
      expect(result.status.message).toBe(message)
    }
  })

  it('system:masters binds anything', () => {
    const rbac = store(base)
    const result = checkBindingEscalation(
      'ClusterRoleBinding',
      binding('ClusterRoleBinding', 'ClusterRole', 'cluster-admin'),
      admin,
      '',
      createAuthorizer(rbac),
      rbac,
    )
    expect(result.allowed).toBe(true)
  })
})
