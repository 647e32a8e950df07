// RBAC escalation prevention, as the policy-based REST storage of roles and bindings applies it
// (pkg/registry/rbac/{role,clusterrole,rolebinding,clusterrolebinding}/policybased and escalation_check.go).
// It runs inside the registry's Create, after mutating admission and before the object is prepared and validated,
// so a user who may create Roles still cannot write a Role, or bind one, that grants more than they hold.
import type { Status, UserInfo } from '../types'
import { badRequest, forbidden, notFound } from '../status'
import { goQuote, goQuoteList } from '../goQuote'
import { roleRefRules, rulesFor, type RoleLookupError } from './resolver'
import { compactRuleString } from './rules'
import type { AuthorizationAttributes, Authorizer, PolicyRule, RbacObjects, RoleRef } from './types'
import type { KubeObject } from '../types'

const RBAC_GROUP = 'rbac.authorization.k8s.io'
const PRIVILEGED_GROUP = 'system:masters'

export type EscalationCheck =
  | { allowed: true; why: string; details: string[] }
  | { allowed: false; status: Status; why: string; details: string[] }

// ---- Covers (k8s.io/component-helpers/auth/rbac/validation) ----

/** BreakdownRule: one rule per (group, resource, verb[, name]) and per (URL, verb). */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = []
  const names = rule.resourceNames ?? []
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs ?? []) {
        if (names.length > 0) {
          for (const name of names)
            out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] })
        } else out.push({ apiGroups: [group], resources: [resource], verbs: [verb] })
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs ?? []) out.push({ nonResourceURLs: [url], verbs: [verb] })
  }
  return out
}

function has(set: readonly string[] | undefined, value: string): boolean {
  return (set ?? []).includes(value)
}

function hasAll(set: readonly string[] | undefined, values: readonly string[] | undefined): boolean {
  for (const v of values ?? []) if (!has(set, v)) return false
  return true
}

function resourceCoversAll(
  owned: readonly string[] | undefined,
  wanted: readonly string[] | undefined,
): boolean {
  if (has(owned, '*') || hasAll(owned, wanted)) return true
  for (const path of wanted ?? []) {
    if (has(owned, path)) continue
    // Only a subresource can be covered by a `*/<subresource>` rule; a plain resource needs an exact match.
    const slash = path.indexOf('/')
    if (slash < 0) return false
    if (!has(owned, `*/${path.slice(slash + 1)}`)) return false
  }
  return true
}

function nonResourceURLCovers(owner: string, path: string): boolean {
  if (owner === path) return true
  return owner.endsWith('*') && path.startsWith(owner.replace(/\*+$/, ''))
}

function nonResourceURLsCoverAll(
  owned: readonly string[] | undefined,
  wanted: readonly string[] | undefined,
): boolean {
  for (const path of wanted ?? []) {
    if (!(owned ?? []).some((owner) => nonResourceURLCovers(owner, path))) return false
  }
  return true
}

/** ruleCovers: whether one owner rule covers a broken-down subrule (at most one verb, resource and name). */
export function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = has(owner.verbs, '*') || hasAll(owner.verbs, sub.verbs)
  const groups = has(owner.apiGroups, '*') || hasAll(owner.apiGroups, sub.apiGroups)
  const resources = resourceCoversAll(owner.resources, sub.resources)
  const urls = nonResourceURLsCoverAll(owner.nonResourceURLs, sub.nonResourceURLs)
  const ownerNames = owner.resourceNames?.length ?? 0
  // A subrule without names asks for every name, which only an owner rule without names grants.
  const names = sub.resourceNames?.length
    ? ownerNames === 0 || hasAll(owner.resourceNames, sub.resourceNames)
    : ownerNames === 0
  return verbs && groups && resources && names && urls
}

/** Covers: whether the owner's rules cover every requested rule, and the broken-down rules they do not. */
export function covers(
  ownerRules: readonly PolicyRule[],
  servantRules: readonly PolicyRule[],
): { covered: boolean; missing: PolicyRule[] } {
  const missing: PolicyRule[] = []
  for (const servant of servantRules) {
    for (const sub of breakdownRule(servant)) {
      if (!ownerRules.some((owner) => ruleCovers(owner, sub))) missing.push(sub)
    }
  }
  return { covered: missing.length === 0, missing }
}

/**
 * The registry's CompactRules: rules with exactly one group and one resource, no names and no URLs are merged
 * per group/resource, their verbs appended in order (duplicates stay); everything else is kept as is.
 */
export function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = []
  const simple = new Map<string, PolicyRule>()
  for (const rule of rules) {
    const isSimple =
      !rule.resourceNames?.length &&
      !rule.nonResourceURLs?.length &&
      rule.apiGroups?.length === 1 &&
      rule.resources?.length === 1
    if (!isSimple) {
      compacted.push(rule)
      continue
    }
    const key = `${rule.apiGroups![0]}\u0000${rule.resources![0]}`
    const existing = simple.get(key)
    if (existing) existing.verbs = [...existing.verbs, ...(rule.verbs ?? [])]
    else
      simple.set(key, {
        apiGroups: [...rule.apiGroups!],
        resources: [...rule.resources!],
        verbs: [...(rule.verbs ?? [])],
      })
  }
  return [...compacted, ...simple.values()]
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * ConfirmNoEscalation: undefined when the user's rules in the namespace cover `rules`, otherwise the error text
 * (`user "jane" (groups=["a" "b"]) is attempting to grant RBAC permissions not currently held:` and one sorted,
 * de-duplicated CompactString line per missing rule, then `; resolution errors: [...]` when roles were missing).
 */
export function confirmNoEscalation(
  user: UserInfo,
  namespace: string,
  rules: readonly PolicyRule[],
  rbac: RbacObjects,
): { error?: string; ownerRules: PolicyRule[]; missing: PolicyRule[] } {
  const owned = rulesFor(user, namespace, rbac, 'registry')
  const { covered, missing } = covers(owned.rules, rules)
  if (covered) return { ownerRules: owned.rules, missing }
  const lines = [...new Set(compactRules(missing).map(compactRuleString))].sort(byteOrder)
  let error = `user ${goQuote(user.username)} (groups=${goQuoteList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${lines.join('\n')}`
  if (owned.errors.length > 0) {
    // The resolver's errors arrive as one aggregate inside a one-element list, which %v prints in brackets.
    const unique = [...new Set(owned.errors)]
    const aggregate = unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`
    error += `; resolution errors: [${aggregate}]`
  }
  return { error, ownerRules: owned.rules, missing }
}

// ---- the storage checks ----

function describeUser(user: UserInfo): string {
  return `${goQuote(user.username)} (groups ${user.groups.map(goQuote).join(', ') || 'none'})`
}

function authorizeVerb(
  authorizer: Authorizer,
  user: UserInfo,
  verb: string,
  apiGroup: string,
  resource: string,
  namespace: string,
  name: string,
) {
  const attrs: AuthorizationAttributes = {
    user,
    verb,
    namespace,
    apiGroup,
    // The checks ask for any version of the resource.
    apiVersion: '*',
    resource,
    subresource: '',
    name,
    isResourceRequest: true,
    path: '',
  }
  return authorizer.authorize(attrs)
}

function lookupFailure(error: RoleLookupError): Status {
  if (error.code === 400) return badRequest(error.message)
  if (error.code === 404) {
    const match = /^(\S+?)\.rbac\.authorization\.k8s\.io "(.*)" not found$/.exec(error.message)
    if (match) return notFound({ group: RBAC_GROUP, resource: match[1]! }, match[2]!)
  }
  // A plain Go error that is not an API status becomes a 500 with reason Unknown (omitted on the wire).
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: error.message,
    code: 500,
  }
}

function missingLines(missing: readonly PolicyRule[]): string[] {
  return [...new Set(compactRules(missing).map(compactRuleString))].sort(byteOrder)
}

const FULL_AUTHORITY: readonly PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
]

/**
 * Create (or update) of a Role or ClusterRole. `namespace` is the request's namespace ("" for ClusterRoles);
 * `requestName` is RequestInfo.Name, which is empty on a create, so an `escalate` grant limited by resourceNames
 * only helps updates.
 */
export function checkRoleEscalation(
  kind: 'Role' | 'ClusterRole',
  obj: KubeObject,
  user: UserInfo,
  namespace: string,
  authorizer: Authorizer,
  rbac: RbacObjects,
  requestName = '',
): EscalationCheck {
  const resource = kind === 'Role' ? 'roles' : 'clusterroles'
  const name = obj.metadata?.name ?? ''
  if (user.groups.includes(PRIVILEGED_GROUP)) {
    return {
      allowed: true,
      why: `${user.username} is in system:masters, which may grant anything (EscalationAllowed)`,
      details: [
        'Members of system:masters skip the escalation check: the API server uses that group for its own privileged calls.',
      ],
    }
  }
  const scope = namespace ? ` in namespace ${goQuote(namespace)}` : ''
  const escalate = authorizeVerb(authorizer, user, 'escalate', RBAC_GROUP, resource, namespace, requestName)
  if (escalate.decision === 'Allow') {
    return {
      allowed: true,
      why: `${user.username} may "escalate" ${resource}${scope}, so the ${kind} may grant more than they hold`,
      details: [
        `Authorized with verb "escalate" on ${resource}.${RBAC_GROUP}: ${escalate.reason || escalate.authorizer}.`,
      ],
    }
  }
  const rules = (obj.rules as PolicyRule[] | null | undefined) ?? []
  const details = [
    `${describeUser(user)} is not in system:masters and may not "escalate" ${resource}${scope}, so every rule of the ${kind} must already be held by the user (ConfirmNoEscalation).`,
  ]
  const check = confirmNoEscalation(user, namespace, rules, rbac)
  if (check.error) {
    details.push(
      `The user's own rules${scope || ' at cluster scope'} (${check.ownerRules.length}) do not cover:`,
      ...missingLines(check.missing).map((l) => `  ${l}`),
      `Fix: ask an administrator to grant those permissions first, or to grant "escalate" on ${resource}.`,
    )
    return {
      allowed: false,
      status: forbidden({ group: RBAC_GROUP, resource }, name, check.error),
      why: `the ${kind} would grant permissions ${user.username} does not hold`,
      details,
    }
  }
  const selectors = (obj.aggregationRule as { clusterRoleSelectors?: unknown[] } | undefined)
    ?.clusterRoleSelectors
  if (kind === 'ClusterRole' && Array.isArray(selectors) && selectors.length > 0) {
    // An aggregation rule can pull in any rule at all later, so it needs full authority now.
    if (confirmNoEscalation(user, namespace, FULL_AUTHORITY, rbac).error) {
      details.push(
        'An aggregationRule can gather any rules later, so setting one requires holding * on everything.',
      )
      return {
        allowed: false,
        status: forbidden(
          { group: RBAC_GROUP, resource },
          name,
          'must have cluster-admin privileges to use the aggregationRule',
        ),
        why: 'only a user holding every permission may set an aggregationRule',
        details,
      }
    }
  }
  details.push(`The user already holds every rule of the ${kind}.`)
  return { allowed: true, why: `${user.username} already holds every permission the ${kind} grants`, details }
}

/**
 * Create (or update) of a RoleBinding or ClusterRoleBinding. `namespace` is the request's namespace; it is the
 * binding's namespace for a RoleBinding and "" for a ClusterRoleBinding.
 */
export function checkBindingEscalation(
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  obj: KubeObject,
  user: UserInfo,
  namespace: string,
  authorizer: Authorizer,
  rbac: RbacObjects,
): EscalationCheck {
  const resource = kind === 'RoleBinding' ? 'rolebindings' : 'clusterrolebindings'
  const name = obj.metadata?.name ?? ''
  const ref = (obj.roleRef ?? {}) as Partial<RoleRef>
  if (user.groups.includes(PRIVILEGED_GROUP)) {
    return {
      allowed: true,
      why: `${user.username} is in system:masters, which may bind any role (EscalationAllowed)`,
      details: ['Members of system:masters skip the escalation check.'],
    }
  }
  const bindingNamespace = kind === 'RoleBinding' ? namespace : ''
  if (kind === 'RoleBinding' && !bindingNamespace) {
    return {
      allowed: false,
      status: badRequest('namespace is required'),
      why: 'a RoleBinding needs a namespace',
      details: [],
    }
  }
  const refText = `${ref.kind ?? ''} ${goQuote(ref.name ?? '')}`
  const boundResource = ref.kind === 'ClusterRole' ? 'clusterroles' : ref.kind === 'Role' ? 'roles' : ''
  const scope = bindingNamespace ? ` in namespace ${goQuote(bindingNamespace)}` : ''
  const details: string[] = []
  if (boundResource) {
    const bind = authorizeVerb(
      authorizer,
      user,
      'bind',
      ref.apiGroup ?? '',
      boundResource,
      bindingNamespace,
      ref.name ?? '',
    )
    if (bind.decision === 'Allow') {
      return {
        allowed: true,
        why: `${user.username} may "bind" ${refText}${scope}`,
        details: [
          `Authorized with verb "bind" on ${boundResource} named ${goQuote(ref.name ?? '')}: ${bind.reason || bind.authorizer}.`,
        ],
      }
    }
    details.push(
      `${describeUser(user)} may not "bind" ${boundResource}.${ref.apiGroup ?? ''} ${goQuote(ref.name ?? '')}${scope}, so the user must already hold every rule of ${refText} (ConfirmNoEscalation).`,
    )
  }
  const rules = roleRefRules(rbac, ref as RoleRef, bindingNamespace, 'registry')
  if ('message' in rules) {
    details.push(`The referenced role could not be read: ${rules.message}.`)
    return {
      allowed: false,
      status: lookupFailure(rules),
      why: `the referenced ${refText} could not be read`,
      details,
    }
  }
  const check = confirmNoEscalation(user, bindingNamespace, rules, rbac)
  if (check.error) {
    details.push(
      `The user's own rules${scope || ' at cluster scope'} do not cover:`,
      ...missingLines(check.missing).map((l) => `  ${l}`),
      `Fix: grant the user "bind" on ${boundResource || 'the role'} named ${goQuote(ref.name ?? '')}, or the missing permissions themselves.`,
    )
    return {
      allowed: false,
      status: forbidden({ group: RBAC_GROUP, resource }, name, check.error),
      why: `binding ${refText} would grant permissions ${user.username} does not hold`,
      details,
    }
  }
  details.push(`The user already holds every rule of ${refText}.`)
  return { allowed: true, why: `${user.username} already holds every permission ${refText} grants`, details }
}
