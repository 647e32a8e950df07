import { describe, expect, it } from 'vitest'
import { createAuthorizer } from '../authorization'
import type { AuthorizationAttributes, PolicyRule, RbacObjects } from '../authorization/types'
import type { KubeObject, UserInfo } from '../types'
import { bootstrapRbacObjects, KUBEADM_BOOTSTRAP_TOKEN_GROUP } from './rbacPolicy'

const objects = bootstrapRbacObjects()

function store(extra: KubeObject[] = []): RbacObjects {
  const list = [...objects, ...extra]
  return {
    clusterRoleBindings: () => list.filter((o) => o.kind === 'ClusterRoleBinding'),
    roleBindings: (ns) => list.filter((o) => o.kind === 'RoleBinding' && o.metadata?.namespace === ns),
    clusterRole: (name) => list.find((o) => o.kind === 'ClusterRole' && o.metadata?.name === name),
    role: (ns, name) =>
      list.find((o) => o.kind === 'Role' && o.metadata?.namespace === ns && o.metadata?.name === name),
  }
}

const jane: UserInfo = { username: 'jane', groups: ['system:authenticated'] }
const anonymous: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] }

function bindTo(role: string): KubeObject {
  return {
    kind: 'RoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    metadata: { name: `jane-${role}`, namespace: 'dev' },
    subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'jane' }],
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
  }
}

function req(p: Partial<AuthorizationAttributes>): AuthorizationAttributes {
  return {
    user: jane,
    verb: 'get',
    namespace: 'dev',
    apiGroup: '',
    apiVersion: 'v1',
    resource: '',
    subresource: '',
    name: '',
    isResourceRequest: true,
    path: '',
    ...p,
  }
}

function find(kind: string, name: string, namespace?: string): KubeObject {
  const found = objects.find(
    (o) =>
      o.kind === kind &&
      o.metadata?.name === name &&
      (namespace === undefined || o.metadata?.namespace === namespace),
  )
  if (!found) throw new Error(`${kind} ${name} missing`)
  return found
}

describe('bootstrap RBAC policy', () => {
  it.each<[string, string | undefined, Partial<AuthorizationAttributes>, string, string]>([
    [
      'view allows get pods',
      'view',
      { resource: 'pods', name: 'web' },
      'Allow',
      'RBAC: allowed by RoleBinding "jane-view/dev" of ClusterRole "view" to User "jane"',
    ],
    ['view does not allow get secrets', 'view', { resource: 'secrets', name: 's' }, 'NoOpinion', ''],
    [
      'view allows pods/log',
      'view',
      { resource: 'pods', subresource: 'log', name: 'web' },
      'Allow',
      'RBAC: allowed by RoleBinding "jane-view/dev" of ClusterRole "view" to User "jane"',
    ],
    [
      'edit allows create deployments.apps',
      'edit',
      { verb: 'create', apiGroup: 'apps', resource: 'deployments' },
      'Allow',
      'RBAC: allowed by RoleBinding "jane-edit/dev" of ClusterRole "edit" to User "jane"',
    ],
    [
      'edit allows get secrets',
      'edit',
      { resource: 'secrets', name: 's' },
      'Allow',
      'RBAC: allowed by RoleBinding "jane-edit/dev" of ClusterRole "edit" to User "jane"',
    ],
    [
      'edit does not allow creating roles',
      'edit',
      { verb: 'create', apiGroup: 'rbac.authorization.k8s.io', resource: 'roles' },
      'NoOpinion',
      '',
    ],
    [
      'admin allows creating roles',
      'admin',
      { verb: 'create', apiGroup: 'rbac.authorization.k8s.io', resource: 'roles' },
      'Allow',
      'RBAC: allowed by RoleBinding "jane-admin/dev" of ClusterRole "admin" to User "jane"',
    ],
    [
      'admin does not allow resourcequotas writes',
      'admin',
      { verb: 'create', resource: 'resourcequotas' },
      'NoOpinion',
      '',
    ],
    [
      'any authenticated user may create selfsubjectaccessreviews',
      undefined,
      {
        verb: 'create',
        apiGroup: 'authorization.k8s.io',
        resource: 'selfsubjectaccessreviews',
        namespace: '',
      },
      'Allow',
      'RBAC: allowed by ClusterRoleBinding "system:basic-user" of ClusterRole "system:basic-user" to Group "system:authenticated"',
    ],
    [
      'anonymous may get /healthz',
      undefined,
      { user: anonymous, isResourceRequest: false, path: '/healthz', namespace: '' },
      'Allow',
      'RBAC: allowed by ClusterRoleBinding "system:public-info-viewer" of ClusterRole "system:public-info-viewer" to Group "system:unauthenticated"',
    ],
    [
      'anonymous may not get /metrics',
      undefined,
      { user: anonymous, isResourceRequest: false, path: '/metrics', namespace: '' },
      'NoOpinion',
      '',
    ],
    [
      'anonymous may not get /apis',
      undefined,
      { user: anonymous, isResourceRequest: false, path: '/apis', namespace: '' },
      'NoOpinion',
      '',
    ],
    [
      'anonymous may read kube-public/cluster-info',
      undefined,
      { user: anonymous, resource: 'configmaps', name: 'cluster-info', namespace: 'kube-public' },
      'Allow',
      'RBAC: allowed by RoleBinding "kubeadm:bootstrap-signer-clusterinfo/kube-public" of Role "kubeadm:bootstrap-signer-clusterinfo" to User "system:anonymous"',
    ],
    [
      'kubeadm:cluster-admins may do anything',
      undefined,
      {
        user: { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] },
        verb: 'delete',
        resource: 'nodes',
        name: 'n1',
        namespace: '',
      },
      'Allow',
      'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"',
    ],
    [
      'bootstrap tokens may post CSRs',
      undefined,
      {
        user: {
          username: 'system:bootstrap:abcdef',
          groups: [KUBEADM_BOOTSTRAP_TOKEN_GROUP, 'system:authenticated'],
        },
        verb: 'create',
        apiGroup: 'certificates.k8s.io',
        resource: 'certificatesigningrequests',
        namespace: '',
      },
      'Allow',
      `RBAC: allowed by ClusterRoleBinding "kubeadm:kubelet-bootstrap" of ClusterRole "system:node-bootstrapper" to Group "${KUBEADM_BOOTSTRAP_TOKEN_GROUP}"`,
    ],
    [
      'kube-proxy service account may list endpointslices',
      undefined,
      {
        user: {
          username: 'system:serviceaccount:kube-system:kube-proxy',
          groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'],
        },
        verb: 'list',
        apiGroup: 'discovery.k8s.io',
        resource: 'endpointslices',
        namespace: '',
      },
      'Allow',
      'RBAC: allowed by ClusterRoleBinding "kubeadm:node-proxier" of ClusterRole "system:node-proxier" to ServiceAccount "kube-proxy/kube-system"',
    ],
  ])('%s', (_name, role, partial, decision, reason) => {
    const result = createAuthorizer(store(role ? [bindTo(role)] : [])).authorize(req(partial))
    expect(result.decision).toBe(decision)
    expect(result.reason).toBe(reason)
  })

  it('aggregated roles carry their selectors and the filled-in rules', () => {
    const admin = find('ClusterRole', 'admin')
    expect(admin.aggregationRule).toEqual({
      clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } }],
    })
    const rules = (name: string) => find('ClusterRole', name).rules as PolicyRule[]
    // edit = aggregate-to-edit then view; admin = edit then aggregate-to-admin (the controller sorts by name).
    expect(rules('view')).toEqual(rules('system:aggregate-to-view'))
    expect(rules('edit')).toEqual([...rules('system:aggregate-to-edit'), ...rules('view')])
    expect(rules('admin')).toEqual([...rules('edit'), ...rules('system:aggregate-to-admin')])
    expect(find('ClusterRole', 'edit').metadata?.labels).toEqual({
      'kubernetes.io/bootstrapping': 'rbac-defaults',
      'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
    })
  })

  it.each([
    ['ClusterRole', 'cluster-admin'],
    ['ClusterRole', 'system:discovery'],
    ['ClusterRoleBinding', 'system:public-info-viewer'],
    ['Role', 'extension-apiserver-authentication-reader'],
  ])('%s %s is a bootstrap object', (kind, name) => {
    const obj = find(kind, name)
    expect(obj.metadata?.labels?.['kubernetes.io/bootstrapping']).toBe('rbac-defaults')
    expect(obj.metadata?.annotations).toEqual({ 'rbac.authorization.kubernetes.io/autoupdate': 'true' })
    expect(obj.metadata?.uid).toBeUndefined()
    expect(obj.metadata?.resourceVersion).toBeUndefined()
  })

  it('has no duplicate objects and returns fresh copies', () => {
    const keys = objects.map((o) => `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`)
    expect(new Set(keys).size).toBe(keys.length)
    const again = bootstrapRbacObjects()
    expect(again).toEqual(objects)
    ;(again[0]!.rules as PolicyRule[]).push({ verbs: ['x'] })
    expect(bootstrapRbacObjects()).toEqual(objects)
  })

  it('system:node has no subjects: kubelets go through the Node authorizer', () => {
    expect(find('ClusterRoleBinding', 'system:node').subjects).toBeUndefined()
  })
})
