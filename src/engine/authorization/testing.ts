// Small RBAC fixtures shared by the authorization tests.
import type { KubeObject } from '../types'
import type { PolicyRule, RbacObjects } from './types'

export function store(list: KubeObject[]): RbacObjects {
  return {
    clusterRoleBindings: () => list.filter((o) => o.kind === 'ClusterRoleBinding'),
    roleBindings: (ns) => list.filter((o) => o.kind === 'RoleBinding' && o.metadata?.namespace === ns),
    clusterRole: (name) => list.find((o) => o.kind === 'ClusterRole' && o.metadata?.name === name),
    role: (ns, name) =>
      list.find((o) => o.kind === 'Role' && o.metadata?.namespace === ns && o.metadata?.name === name),
    allRoleBindings: () => list.filter((o) => o.kind === 'RoleBinding'),
    allRoles: () => list.filter((o) => o.kind === 'Role'),
  }
}

export function role(ns: string, name: string, rules: PolicyRule[]): KubeObject {
  return { kind: 'Role', metadata: { name, namespace: ns }, rules }
}

export function clusterRole(name: string, rules: PolicyRule[], extra: Partial<KubeObject> = {}): KubeObject {
  return { kind: 'ClusterRole', metadata: { name }, rules, ...extra }
}

export function roleBinding(
  ns: string,
  name: string,
  refKind: string,
  ref: string,
  subjects: unknown[],
): KubeObject {
  return {
    kind: 'RoleBinding',
    metadata: { name, namespace: ns },
    subjects,
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: refKind, name: ref },
  }
}

export function clusterRoleBinding(name: string, ref: string, subjects: unknown[]): KubeObject {
  return {
    kind: 'ClusterRoleBinding',
    metadata: { name },
    subjects,
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: ref },
  }
}

export const user = (name: string) => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name })
export const group = (name: string) => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name })
