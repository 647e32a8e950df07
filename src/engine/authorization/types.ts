// Types of kube-apiserver's authorization layer (k8s.io/apiserver/pkg/authorization/authorizer) and of the
// rbac.authorization.k8s.io/v1 objects the RBAC authorizer reads. Plain data only: they cross the worker seam.
import type { KubeObject, UserInfo } from '../types'

/** authorizer.Attributes, as the WithAuthorization filter builds them from RequestInfo. */
export interface AuthorizationAttributes {
  user: UserInfo
  verb: string
  namespace: string
  apiGroup: string
  apiVersion: string
  resource: string
  subresource: string
  name: string
  isResourceRequest: boolean
  path: string
}

export type Decision = 'Allow' | 'Deny' | 'NoOpinion'

export interface AuthorizationDecision {
  decision: Decision
  /**
   * The reason string the authorizer returns: `RBAC: allowed by RoleBinding "jane-edit/dev" of ClusterRole
   * "edit" to User "jane"` on Allow, "" on a plain NoOpinion, `RBAC: <role lookup errors>` when lookups failed.
   */
  reason: string
  /** Which authorizer in the union decided: `system:masters`, `Node`, `RBAC`, or `none`. */
  authorizer: string
  /** Explanation lines for the learner: what was checked, what matched, and on deny why nothing did. */
  details: string[]
}

/** Read access to the RBAC objects in storage (the informer caches kube-apiserver's RBAC authorizer reads). */
export interface RbacObjects {
  clusterRoleBindings(): readonly KubeObject[]
  roleBindings(namespace: string): readonly KubeObject[]
  clusterRole(name: string): KubeObject | undefined
  role(namespace: string, name: string): KubeObject | undefined
  /**
   * Every RoleBinding and every Role, in all namespaces. Optional: only read when a request is denied, to point
   * at a binding in the wrong namespace or a Role that lives in another namespace than its RoleBinding.
   */
  allRoleBindings?(): readonly KubeObject[]
  allRoles?(): readonly KubeObject[]
}

export interface Authorizer {
  authorize(attrs: AuthorizationAttributes): AuthorizationDecision
}

/** rbac/v1 PolicyRule. Absent lists behave as empty ones. */
export interface PolicyRule {
  verbs: string[]
  apiGroups?: string[]
  resources?: string[]
  resourceNames?: string[]
  nonResourceURLs?: string[]
}

/** rbac/v1 Subject. apiGroup is `rbac.authorization.k8s.io` for User and Group, "" for ServiceAccount. */
export interface Subject {
  kind: 'User' | 'Group' | 'ServiceAccount' | string
  apiGroup?: string
  name: string
  namespace?: string
}

export interface RoleRef {
  apiGroup: string
  kind: 'Role' | 'ClusterRole' | string
  name: string
}

export interface LabelSelectorRequirement {
  key: string
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string
  values?: string[]
}

export interface LabelSelector {
  matchLabels?: Record<string, string>
  matchExpressions?: LabelSelectorRequirement[]
}

export interface AggregationRule {
  clusterRoleSelectors?: LabelSelector[]
}
