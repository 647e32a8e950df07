// The one-click fix for a forbidden request: the smallest Role and RoleBinding (or ClusterRole and
// ClusterRoleBinding) that would allow exactly this request for exactly this user. Teaching aid, not Kubernetes
// behaviour: the YAML is what an administrator would apply with kubectl.
import { stringify } from 'yaml'
import { goQuote } from '../goQuote'
import type {
  AuthorizationAttributes,
  AuthorizationDecision,
  PolicyRule,
  RbacObjects,
  Subject,
} from './types'

const RBAC_API = 'rbac.authorization.k8s.io/v1'
const RBAC_GROUP = 'rbac.authorization.k8s.io'
const SA_PREFIX = 'system:serviceaccount:'

function subjectFor(username: string): Subject {
  if (username.startsWith(SA_PREFIX)) {
    const [namespace, name] = username.slice(SA_PREFIX.length).split(':')
    if (namespace && name) return { kind: 'ServiceAccount', name, namespace }
  }
  return { kind: 'User', apiGroup: RBAC_GROUP, name: username }
}

/** A DNS-subdomain-safe name: `jane-get-pods`, `system-serviceaccount-dev-ci-list-secrets`. */
function safeName(parts: string[]): string {
  const name = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
  return name.slice(0, 63).replace(/[-.]+$/, '') || 'access'
}

function document(value: unknown): string {
  return stringify(value, { lineWidth: 0 })
}

/**
 * A minimal grant for a denied request, or undefined when the request was allowed. Namespaced resource requests get
 * a Role and RoleBinding in the request's namespace; cluster-scoped resources and non-resource paths need a
 * ClusterRole and ClusterRoleBinding, since RoleBindings only ever grant inside their own namespace.
 */
export function suggestFix(
  attrs: AuthorizationAttributes,
  decision: AuthorizationDecision,
  rbac: RbacObjects,
): { yaml: string; explanation: string } | undefined {
  if (decision.decision === 'Allow') return undefined
  const user = attrs.user.username
  const subject = subjectFor(user)
  const combined = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource
  const rule: PolicyRule = attrs.isResourceRequest
    ? { apiGroups: [attrs.apiGroup], resources: [combined], verbs: [attrs.verb] }
    : { nonResourceURLs: [attrs.path], verbs: [attrs.verb] }
  // A name narrows the grant to that one object; requests without a name (create, list) cannot be narrowed.
  if (attrs.isResourceRequest && attrs.name) rule.resourceNames = [attrs.name]

  const namespaced = attrs.isResourceRequest && attrs.namespace !== ''
  const what = attrs.isResourceRequest ? combined : attrs.path
  const shortUser = subject.kind === 'ServiceAccount' ? subject.name : user
  const base = safeName([shortUser, attrs.verb, what.replace(/\//g, '-')])
  const taken = (candidate: string) =>
    namespaced
      ? rbac.role(attrs.namespace, candidate) !== undefined
      : rbac.clusterRole(candidate) !== undefined
  let name = base
  for (let i = 2; taken(name); i++) name = `${base.slice(0, 60)}-${i}`

  const subjectYaml =
    subject.kind === 'ServiceAccount'
      ? { kind: 'ServiceAccount', name: subject.name, namespace: subject.namespace }
      : subject
  const docs = namespaced
    ? [
        { apiVersion: RBAC_API, kind: 'Role', metadata: { name, namespace: attrs.namespace }, rules: [rule] },
        {
          apiVersion: RBAC_API,
          kind: 'RoleBinding',
          metadata: { name, namespace: attrs.namespace },
          subjects: [subjectYaml],
          roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name },
        },
      ]
    : [
        { apiVersion: RBAC_API, kind: 'ClusterRole', metadata: { name }, rules: [rule] },
        {
          apiVersion: RBAC_API,
          kind: 'ClusterRoleBinding',
          metadata: { name },
          subjects: [subjectYaml],
          roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name },
        },
      ]
  const yaml = docs.map(document).join('---\n')

  const verbText = `${goQuote(attrs.verb)} on ${goQuote(what)}`
  const groupText = attrs.isResourceRequest
    ? ` in API group ${goQuote(attrs.apiGroup)}${attrs.apiGroup ? '' : ' (the core group)'}`
    : ''
  const nameText = attrs.name ? `, limited to the object named ${goQuote(attrs.name)}` : ''
  const explanation = namespaced
    ? `Role ${goQuote(name)} grants ${verbText}${groupText}${nameText}; RoleBinding ${goQuote(name)} gives it to ${subject.kind} ${goQuote(subject.name)} in namespace ${goQuote(attrs.namespace)} only. A RoleBinding grants inside its own namespace and can reference a Role of that namespace or a ClusterRole.`
    : attrs.isResourceRequest
      ? `${goQuote(attrs.resource)} is requested at the cluster scope, which only a ClusterRoleBinding can grant: ClusterRole ${goQuote(name)} grants ${verbText}${groupText}${nameText} and ClusterRoleBinding ${goQuote(name)} gives it to ${subject.kind} ${goQuote(subject.name)} everywhere.`
      : `${goQuote(attrs.path)} is a non-resource URL; those rules only work in a ClusterRole bound by a ClusterRoleBinding. ClusterRole ${goQuote(name)} grants ${verbText} to ${subject.kind} ${goQuote(subject.name)}.`
  return { yaml, explanation }
}
