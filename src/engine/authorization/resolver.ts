// DefaultRuleResolver.RulesFor (pkg/registry/rbac/validation/rule.go): every rule granted to a user in a namespace,
// ClusterRoleBindings first, then the RoleBindings of that namespace. A role that cannot be read becomes an error
// while the walk goes on, because rules only ever add permissions: what was found is still true.
//
// kube-apiserver builds two resolvers with the same walk. The RBAC authorizer (and SelfSubjectRulesReview) reads
// roles through informer listers, whose NotFound names the singular resource (`clusterrole.rbac...`); the RBAC
// REST storage that prevents escalation reads them through the registry, whose NotFound names the plural
// (`clusterroles.rbac...`). `source` picks the wording.
import type { KubeObject, UserInfo } from '../types'
import { goQuote } from '../goQuote'
import { appliesTo } from './rbac'
import type { PolicyRule, RbacObjects, RoleRef } from './types'

export type RuleSource = 'lister' | 'registry'

export interface RoleLookupError {
  message: string
  /** The HTTP code the error carries when a registry caller returns it as is: 404 NotFound, 400, or 500. */
  code: number
}

const EMPTY: readonly PolicyRule[] = []

function rulesOf(obj: KubeObject): readonly PolicyRule[] {
  return (obj.rules as PolicyRule[] | null | undefined) ?? EMPTY
}

/** GetRoleReferenceRules: a binding's role rules, or the error the role getter gives. */
export function roleRefRules(
  rbac: RbacObjects,
  ref: RoleRef | undefined,
  bindingNamespace: string,
  source: RuleSource,
): readonly PolicyRule[] | RoleLookupError {
  const kind = ref?.kind ?? ''
  const name = ref?.name ?? ''
  if (kind === 'ClusterRole') {
    const role = rbac.clusterRole(name)
    if (role) return rulesOf(role)
    const resource = source === 'lister' ? 'clusterrole' : 'clusterroles'
    return { message: `${resource}.rbac.authorization.k8s.io ${goQuote(name)} not found`, code: 404 }
  }
  if (kind === 'Role') {
    // The registry keys namespaced objects by namespace; without one the key cannot even be built.
    if (!bindingNamespace && source === 'registry')
      return { message: 'Namespace parameter required.', code: 400 }
    const role = bindingNamespace ? rbac.role(bindingNamespace, name) : undefined
    if (role) return rulesOf(role)
    const resource = source === 'lister' ? 'role' : 'roles'
    return { message: `${resource}.rbac.authorization.k8s.io ${goQuote(name)} not found`, code: 404 }
  }
  return { message: `unsupported role reference kind: ${goQuote(kind)}`, code: 500 }
}

export interface ResolvedRules {
  rules: PolicyRule[]
  /** Each role that could not be read, in visiting order (the aggregate de-duplicates when printed). */
  errors: string[]
}

/** RulesFor: all rules that apply to the user in the namespace ("" means cluster scope: ClusterRoleBindings only). */
export function rulesFor(
  user: UserInfo,
  namespace: string,
  rbac: RbacObjects,
  source: RuleSource = 'lister',
): ResolvedRules {
  const rules: PolicyRule[] = []
  const errors: string[] = []
  const visit = (bindings: readonly KubeObject[], bindingNamespace: string) => {
    for (const binding of bindings) {
      if (appliesTo(user, binding.subjects, bindingNamespace) < 0) continue
      const found = roleRefRules(rbac, binding.roleRef as RoleRef | undefined, bindingNamespace, source)
      if ('message' in found) errors.push(found.message)
      else rules.push(...found)
    }
  }
  visit(rbac.clusterRoleBindings(), '')
  if (namespace) visit(rbac.roleBindings(namespace), namespace)
  return { rules, errors }
}
