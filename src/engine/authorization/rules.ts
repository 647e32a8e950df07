// PolicyRule matching as kube-apiserver's RBAC authorizer does it (plugin/pkg/auth/authorizer/rbac RuleAllows and
// pkg/apis/rbac/v1 evaluation helpers). Hot path: no allocation beyond the combined resource string.
import type { AuthorizationAttributes, PolicyRule } from './types'
import { goQuoteList } from '../goQuote'

const ALL = '*'

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  for (const v of rule.verbs ?? []) if (v === ALL || v === verb) return true
  return false
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  for (const g of rule.apiGroups ?? []) if (g === ALL || g === group) return true
  return false
}

/**
 * `combined` is `resource` or `resource/subresource`. A bare `pods` never covers `pods/log`; `*` covers
 * everything, `*\/scale` covers any resource's `scale` subresource and nothing without a subresource.
 */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === ALL || r === combined) return true
    if (
      subresource.length > 0 &&
      r.length === subresource.length + 2 &&
      r.startsWith('*/') &&
      r.endsWith(subresource)
    ) {
      return true
    }
  }
  return false
}

/** An empty list allows any name; otherwise the name must be listed, so create and list (no name) never match. */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames
  if (!names || names.length === 0) return true
  for (const n of names) if (n === name) return true
  return false
}

/** `*`, an exact path, or a pattern ending in `*` whose stem (all trailing stars removed) prefixes the path. */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === ALL || u === path) return true
    if (u.endsWith('*') && path.startsWith(u.replace(/\*+$/, ''))) return true
  }
  return false
}

export function ruleAllows(attrs: AuthorizationAttributes, rule: PolicyRule): boolean {
  if (attrs.isResourceRequest) {
    if (!verbMatches(rule, attrs.verb) || !apiGroupMatches(rule, attrs.apiGroup)) return false
    const combined = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource
    return resourceMatches(rule, combined, attrs.subresource) && resourceNameMatches(rule, attrs.name)
  }
  return verbMatches(rule, attrs.verb) && nonResourceURLMatches(rule, attrs.path)
}

/** rbacv1helpers.CompactString, the form escalation errors print: `{APIGroups:[""], Resources:["pods"], Verbs:["get"]}`. */
export function compactRuleString(rule: PolicyRule): string {
  const parts: string[] = []
  if (rule.apiGroups?.length) parts.push(`APIGroups:${goQuoteList(rule.apiGroups)}`)
  if (rule.resources?.length) parts.push(`Resources:${goQuoteList(rule.resources)}`)
  if (rule.nonResourceURLs?.length) parts.push(`NonResourceURLs:${goQuoteList(rule.nonResourceURLs)}`)
  if (rule.resourceNames?.length) parts.push(`ResourceNames:${goQuoteList(rule.resourceNames)}`)
  if (rule.verbs?.length) parts.push(`Verbs:${goQuoteList(rule.verbs)}`)
  return `{${parts.join(', ')}}`
}
