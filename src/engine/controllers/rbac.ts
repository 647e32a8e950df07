// What a kubeadm cluster has for these controllers (plugin/pkg/auth/authorizer/rbac/bootstrappolicy,
// controller_policy.go): a ServiceAccount in kube-system, a ClusterRole system:controller:<name> and a
// ClusterRoleBinding of the same name. The simulator's bootstrap adds them so the controllers' requests pass
// RBAC like a real cluster's.
import type { KubeObject } from '../types'
import type { ControllerName } from './types'

type Rule = { verbs: string[]; apiGroups: string[]; resources: string[] }
const rule = (verbs: string[], apiGroups: string[], resources: string[]): Rule => ({
  apiGroups,
  resources,
  verbs,
})
const events = rule(['create', 'update', 'patch'], ['', 'events.k8s.io'], ['events'])

export const CONTROLLER_RULES: Record<ControllerName, Rule[]> = {
  'deployment-controller': [
    rule(['get', 'list', 'watch', 'update'], ['apps', 'extensions'], ['deployments']),
    rule(['update'], ['apps', 'extensions'], ['deployments/status']),
    rule(['update'], ['apps', 'extensions'], ['deployments/finalizers']),
    rule(
      ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
      ['apps', 'extensions'],
      ['replicasets'],
    ),
    rule(['get', 'list', 'watch', 'update'], [''], ['pods']),
    events,
  ],
  'replicaset-controller': [
    rule(['get', 'list', 'watch', 'update'], ['apps', 'extensions'], ['replicasets']),
    rule(['update'], ['apps', 'extensions'], ['replicasets/status']),
    rule(['update'], ['apps', 'extensions'], ['replicasets/finalizers']),
    rule(['list', 'watch', 'patch', 'create', 'delete'], [''], ['pods']),
    events,
  ],
  'generic-garbage-collector': [rule(['get', 'list', 'watch', 'patch', 'update', 'delete'], ['*'], ['*'])],
  'disruption-controller': [
    rule(['get', 'list', 'watch'], ['extensions', 'apps'], ['deployments']),
    rule(['get', 'list', 'watch'], ['apps', 'extensions'], ['replicasets']),
    rule(['get', 'list', 'watch'], [''], ['replicationcontrollers']),
    rule(['get', 'list', 'watch'], ['policy'], ['poddisruptionbudgets']),
    rule(['get', 'list', 'watch'], ['apps'], ['statefulsets']),
    rule(['update'], ['policy'], ['poddisruptionbudgets/status']),
    rule(['get'], ['*'], ['*/scale']),
    rule(['patch', 'update'], [''], ['pods/status']),
    events,
  ],
  'namespace-controller': [
    rule(['get', 'list', 'watch', 'delete'], [''], ['namespaces']),
    rule(['update'], [''], ['namespaces/finalize', 'namespaces/status']),
    rule(['get', 'list', 'delete', 'deletecollection'], ['*'], ['*']),
  ],
}

const bootstrapMeta = (name: string) => ({
  name,
  labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
  annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
})

/** The ServiceAccounts, ClusterRoles and ClusterRoleBindings, ready for the simulator's storeDirect. */
export function controllerBootstrapObjects(): KubeObject[] {
  const out: KubeObject[] = []
  for (const [controller, rules] of Object.entries(CONTROLLER_RULES)) {
    const role = `system:controller:${controller}`
    out.push({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: controller, namespace: 'kube-system' },
    })
    out.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: bootstrapMeta(role),
      rules,
    })
    out.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: bootstrapMeta(role),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: [{ kind: 'ServiceAccount', name: controller, namespace: 'kube-system' }],
    })
  }
  return out
}
