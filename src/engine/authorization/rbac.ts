// The RBAC authorizer (plugin/pkg/auth/authorizer/rbac and pkg/registry/rbac/validation DefaultRuleResolver).
// It visits ClusterRoleBindings, then the RoleBindings of the request's namespace, stops at the first rule that
// allows, and otherwise answers NoOpinion: RBAC never denies. Roles that cannot be found become errors that end up
// in the reason while the visit goes on, since rules are purely additive.
import type { KubeObject, UserInfo } from '../types'
import { aggregateMessage } from '../status'
import { goQuote } from '../goQuote'
import {
  apiGroupMatches,
  compactRuleString,
  nonResourceURLMatches,
  resourceMatches,
  resourceNameMatches,
  ruleAllows,
  verbMatches,
} from './rules'
import type {
  AuthorizationAttributes,
  AuthorizationDecision,
  Authorizer,
  PolicyRule,
  RbacObjects,
  RoleRef,
  Subject,
} from './types'

const SA_PREFIX = 'system:serviceaccount:'

/** serviceaccount.MatchesUsername without building the full username. */
function matchesServiceAccount(namespace: string, name: string, username: string): boolean {
  if (!username.startsWith(SA_PREFIX)) return false
  const rest = SA_PREFIX.length
  return (
    username.length === rest + namespace.length + 1 + name.length &&
    username.startsWith(namespace, rest) &&
    username.charCodeAt(rest + namespace.length) === 58 /* ':' */ &&
    username.endsWith(name)
  )
}

function appliesToUser(user: UserInfo, subject: Subject, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.username === subject.name
    case 'Group':
      return user.groups.includes(subject.name)
    case 'ServiceAccount': {
      // A subject without namespace means "in the binding's namespace"; on a ClusterRoleBinding there is none.
      const ns = subject.namespace || bindingNamespace
      return ns.length > 0 && matchesServiceAccount(ns, subject.name, user.username)
    }
    default:
      return false
  }
}

/** Index of the first subject that applies, or -1. */
export function appliesTo(user: UserInfo, subjects: unknown, bindingNamespace: string): number {
  if (!Array.isArray(subjects)) return -1
  for (let i = 0; i < subjects.length; i++) {
    if (appliesToUser(user, subjects[i] as Subject, bindingNamespace)) return i
  }
  return -1
}

function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === 'ServiceAccount') {
    return `${subject.kind} ${goQuote(`${subject.name}/${subject.namespace || bindingNamespace}`)}`
  }
  return `${subject.kind} ${goQuote(subject.name)}`
}

/** The describers' String(): what `RBAC: allowed by ...` names. */
function describeBinding(binding: KubeObject, subject: Subject): string {
  const ref = binding.roleRef as RoleRef
  const ns = binding.metadata?.namespace ?? ''
  const name = binding.metadata?.name ?? ''
  if (binding.kind === 'RoleBinding' || ns) {
    return `RoleBinding ${goQuote(`${name}/${ns}`)} of ${ref.kind} ${goQuote(ref.name)} to ${describeSubject(subject, ns)}`
  }
  return `ClusterRoleBinding ${goQuote(name)} of ${ref.kind} ${goQuote(ref.name)} to ${describeSubject(subject, '')}`
}

const EMPTY_RULES: readonly PolicyRule[] = []

/** GetRoleReferenceRules: the rules, or the error text the lister's NotFound would carry. */
function roleReferenceRules(
  rbac: RbacObjects,
  ref: RoleRef | undefined,
  bindingNamespace: string,
): readonly PolicyRule[] | string {
  const kind = ref?.kind ?? ''
  const name = ref?.name ?? ''
  if (kind === 'ClusterRole') {
    const role = rbac.clusterRole(name)
    if (!role) return `clusterrole.rbac.authorization.k8s.io ${goQuote(name)} not found`
    return (role.rules as PolicyRule[] | null | undefined) ?? EMPTY_RULES
  }
  if (kind === 'Role') {
    const role = bindingNamespace ? rbac.role(bindingNamespace, name) : undefined
    if (!role) return `role.rbac.authorization.k8s.io ${goQuote(name)} not found`
    return (role.rules as PolicyRule[] | null | undefined) ?? EMPTY_RULES
  }
  return `unsupported role reference kind: ${goQuote(kind)}`
}

interface VisitedBinding {
  binding: KubeObject
  subject: Subject
  rules: readonly PolicyRule[] | string
}

function requestText(attrs: AuthorizationAttributes): string {
  if (!attrs.isResourceRequest) return `${attrs.verb} on path ${goQuote(attrs.path)}`
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource
  const named = attrs.name ? ` named ${goQuote(attrs.name)}` : ''
  return `${attrs.verb} on ${goQuote(resource)}${named} in API group ${goQuote(attrs.apiGroup)}`
}

/** Why the rule that comes closest does not match, to point the learner at the usual traps. */
function nearMiss(attrs: AuthorizationAttributes, rules: readonly PolicyRule[]): string | undefined {
  if (!attrs.isResourceRequest) {
    for (const rule of rules) {
      if (nonResourceURLMatches(rule, attrs.path)) {
        return `rule ${compactRuleString(rule)} covers the path but not the verb ${goQuote(attrs.verb)}`
      }
    }
    return undefined
  }
  const combined = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource
  for (const rule of rules) {
    if (!apiGroupMatches(rule, attrs.apiGroup) || !resourceMatches(rule, combined, attrs.subresource))
      continue
    if (!verbMatches(rule, attrs.verb)) {
      return `rule ${compactRuleString(rule)} covers the resource but not the verb ${goQuote(attrs.verb)}`
    }
    if (!resourceNameMatches(rule, attrs.name)) {
      return attrs.name
        ? `rule ${compactRuleString(rule)} is limited to other resourceNames`
        : `rule ${compactRuleString(rule)} has resourceNames, which never match a request without a name (create, list, watch, deletecollection)`
    }
  }
  if (attrs.subresource) {
    for (const rule of rules) {
      if (
        apiGroupMatches(rule, attrs.apiGroup) &&
        verbMatches(rule, attrs.verb) &&
        (rule.resources ?? []).includes(attrs.resource)
      ) {
        return `rule ${compactRuleString(rule)} lists ${goQuote(attrs.resource)}, which does not cover the subresource ${goQuote(combined)}`
      }
    }
  }
  for (const rule of rules) {
    if (verbMatches(rule, attrs.verb) && resourceMatches(rule, combined, attrs.subresource)) {
      const groups = (rule.apiGroups ?? []).map(goQuote).join(', ') || 'none'
      return `rule ${compactRuleString(rule)} covers ${goQuote(combined)} in API groups ${groups}, not ${goQuote(attrs.apiGroup)}: ${attrs.apiGroup ? `add ${goQuote(attrs.apiGroup)} to apiGroups (${attrs.resource} live in API group ${goQuote(attrs.apiGroup)})` : `add "" (the core group) to apiGroups`}`
    }
  }
  for (const rule of rules) {
    if (!apiGroupMatches(rule, attrs.apiGroup) || !verbMatches(rule, attrs.verb)) continue
    for (const listed of rule.resources ?? []) {
      if (resembles(listed, combined)) {
        return `rule ${compactRuleString(rule)} lists ${goQuote(listed)}, but RBAC compares resources by their exact lowercase plural name: ${goQuote(combined)}`
      }
    }
  }
  return undefined
}

/** `pod`, `Pods`, `deployment` for `pods`, `pods`, `deployments`: the names people write instead of the resource. */
function resembles(listed: string, wanted: string): boolean {
  if (listed === wanted || listed === '*') return false
  const [l, ls = ''] = listed.toLowerCase().split('/', 2)
  const [w, ws = ''] = wanted.split('/', 2)
  if (ls !== ws) return false
  return (
    l === w ||
    `${l}s` === w ||
    `${l}es` === w ||
    l === `${w}s` ||
    (l!.endsWith('y') && `${l!.slice(0, -1)}ies` === w)
  )
}

/** Whether any of a role's rules would allow the request if only the namespace were right. */
function rulesAllow(attrs: AuthorizationAttributes, rules: readonly PolicyRule[]): PolicyRule | undefined {
  for (const rule of rules) if (ruleAllows(attrs, rule)) return rule
  return undefined
}

/** Misses outside the bindings RBAC consulted: RoleBindings in other namespaces, Roles in the wrong namespace. */
function elsewhereDetails(
  attrs: AuthorizationAttributes,
  rbac: RbacObjects,
  visited: VisitedBinding[],
): string[] {
  const details: string[] = []
  for (const v of visited) {
    const ref = v.binding.roleRef as RoleRef
    const ns = v.binding.metadata?.namespace ?? ''
    if (typeof v.rules !== 'string' || ref.kind !== 'Role' || !ns) continue
    const elsewhere = (rbac.allRoles?.() ?? []).filter(
      (r) => r.metadata?.name === ref.name && (r.metadata?.namespace ?? '') !== ns,
    )
    const where = elsewhere.map((r) => goQuote(r.metadata?.namespace ?? '')).join(', ')
    details.push(
      `RoleBinding ${goQuote(`${v.binding.metadata?.name ?? ''}/${ns}`)} references Role ${goQuote(ref.name)}, which does not exist in namespace ${goQuote(ns)}${elsewhere.length ? ` (a Role of that name exists in ${where})` : ''}. A roleRef has no namespace: a RoleBinding can only reference a Role in its own namespace, or a ClusterRole.`,
    )
  }
  const all = rbac.allRoleBindings?.()
  if (!all || !attrs.isResourceRequest) return details
  for (const binding of all) {
    const ns = binding.metadata?.namespace ?? ''
    if (!ns || ns === attrs.namespace) continue
    const index = appliesTo(attrs.user, binding.subjects, ns)
    if (index < 0) continue
    const rules = roleReferenceRules(rbac, binding.roleRef as RoleRef | undefined, ns)
    if (typeof rules === 'string') continue
    const rule = rulesAllow({ ...attrs, namespace: ns }, rules)
    if (!rule) continue
    const desc = describeBinding(binding, (binding.subjects as Subject[])[index]!)
    details.push(
      attrs.namespace
        ? `${desc} would allow this with rule ${compactRuleString(rule)}, but it is in namespace ${goQuote(ns)}: a RoleBinding grants only inside its own namespace, and the request is in ${goQuote(attrs.namespace)}.`
        : `${desc} would allow this in namespace ${goQuote(ns)}, but the request is cluster-scoped: RoleBindings never grant cluster-scoped requests; that takes a ClusterRoleBinding.`,
    )
  }
  return details
}

function denyDetails(
  attrs: AuthorizationAttributes,
  rbac: RbacObjects,
  visited: VisitedBinding[],
  crbCount: number,
  rbCount: number,
): string[] {
  const details: string[] = []
  const scope = attrs.namespace
    ? `${crbCount} ClusterRoleBindings and ${rbCount} RoleBindings in namespace ${goQuote(attrs.namespace)}`
    : `${crbCount} ClusterRoleBindings (the request is cluster-scoped, so no RoleBinding is consulted)`
  details.push(`RBAC checked ${scope} for ${requestText(attrs)}.`)
  if (visited.length === 0) {
    details.push(
      `No binding has a subject that matches User ${goQuote(attrs.user.username)} or any of its groups.`,
    )
  }
  for (const v of visited) {
    const desc = describeBinding(v.binding, v.subject)
    if (typeof v.rules === 'string') {
      details.push(`${desc} applies, but its role could not be read: ${v.rules}.`)
      continue
    }
    const ref = v.binding.roleRef as RoleRef
    const count = v.rules.length
    let line = `${desc} applies, but none of the ${count} rule${count === 1 ? '' : 's'} of ${ref.kind} ${goQuote(ref.name)} allows it`
    const hint = nearMiss(attrs, v.rules)
    if (hint) line += `: ${hint}`
    details.push(`${line}.`)
  }
  details.push(...elsewhereDetails(attrs, rbac, visited))
  details.push(
    'RBAC only ever allows: with no rule allowing the request it has no opinion, and the request is forbidden.',
  )
  return details
}

export function rbacAuthorizer(rbac: RbacObjects): Authorizer {
  return {
    authorize(attrs: AuthorizationAttributes): AuthorizationDecision {
      const user = attrs.user
      const errors: string[] = []
      const visited: VisitedBinding[] = []

      const allow = (binding: KubeObject, subject: Subject, rule: PolicyRule): AuthorizationDecision => {
        const desc = describeBinding(binding, subject)
        const ref = binding.roleRef as RoleRef
        const details = [
          `Allowed by ${desc}.`,
          `Matching rule of ${ref.kind} ${goQuote(ref.name)}: ${compactRuleString(rule)}.`,
        ]
        if (binding.metadata?.namespace && ref.kind === 'ClusterRole') {
          details.push(
            `A RoleBinding grants a ClusterRole's rules only inside its own namespace ${goQuote(binding.metadata.namespace)}.`,
          )
        }
        return { decision: 'Allow', reason: `RBAC: allowed by ${desc}`, authorizer: 'RBAC', details }
      }

      const clusterRoleBindings = rbac.clusterRoleBindings()
      for (const binding of clusterRoleBindings) {
        const index = appliesTo(user, binding.subjects, '')
        if (index < 0) continue
        const subject = (binding.subjects as Subject[])[index]!
        const rules = roleReferenceRules(rbac, binding.roleRef as RoleRef | undefined, '')
        visited.push({ binding, subject, rules })
        if (typeof rules === 'string') {
          errors.push(rules)
          continue
        }
        for (const rule of rules) if (ruleAllows(attrs, rule)) return allow(binding, subject, rule)
      }

      let roleBindingCount = 0
      if (attrs.namespace) {
        const roleBindings = rbac.roleBindings(attrs.namespace)
        roleBindingCount = roleBindings.length
        for (const binding of roleBindings) {
          const index = appliesTo(user, binding.subjects, attrs.namespace)
          if (index < 0) continue
          const subject = (binding.subjects as Subject[])[index]!
          const rules = roleReferenceRules(rbac, binding.roleRef as RoleRef | undefined, attrs.namespace)
          visited.push({ binding, subject, rules })
          if (typeof rules === 'string') {
            errors.push(rules)
            continue
          }
          for (const rule of rules) if (ruleAllows(attrs, rule)) return allow(binding, subject, rule)
        }
      }

      return {
        decision: 'NoOpinion',
        reason: errors.length ? `RBAC: ${aggregateMessage(errors)}` : '',
        authorizer: 'RBAC',
        details: denyDetails(attrs, rbac, visited, clusterRoleBindings.length, roleBindingCount),
      }
    },
  }
}
