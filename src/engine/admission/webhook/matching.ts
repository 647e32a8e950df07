// Which webhooks a request calls (k8s.io/apiserver/pkg/admission/plugin/webhook/generic/webhook.go
// ShouldCallHook and predicates/{namespace,object,rules}): namespaceSelector, then objectSelector, then the
// rules (with matchPolicy Equivalent trying the other versions of the same resource), then matchConditions.
import { RESOURCES, type ResourceInfo } from '../../resources'
import { fromMetaLabelSelector, matchesLabels, type MetaLabelSelector } from '../../selectors/labels'
import { aggregateMessage, forbidden, notFound } from '../../status'
import { Activation } from '../policy/common'
import type { KubeObject, Status } from '../../types'
import type { AdmissionAttributes, AdmissionContext } from '../types'
import type { RuleWithOperations, Webhook } from './types'

/** The resource a webhook is called for: the request's own, or an equivalent one under matchPolicy Equivalent. */
export interface Invocation {
  resource: ResourceInfo
  /** Notes for the trace. */
  notes: string[]
}

export type ShouldCall =
  { call: false; reason: string } | { call: true; invocation: Invocation } | { error: Status }

const EXEMPT_CONFIGURATION_RESOURCES = new Set([
  'validatingwebhookconfigurations',
  'mutatingwebhookconfigurations',
  'validatingadmissionpolicies',
  'validatingadmissionpolicybindings',
  'mutatingadmissionpolicies',
  'mutatingadmissionpolicybindings',
])

/** rules.IsExemptAdmissionConfigurationResource: webhooks never see their own configuration objects. */
export function isExemptConfigurationResource(attrs: AdmissionAttributes): boolean {
  return (
    attrs.resource.group === 'admissionregistration.k8s.io' &&
    EXEMPT_CONFIGURATION_RESOURCES.has(attrs.resource.resource)
  )
}

function splitResource(res: string): [string, string] {
  const slash = res.indexOf('/')
  return slash < 0 ? [res, ''] : [res.slice(0, slash), res.slice(slash + 1)]
}

const anyOrEqual = (list: readonly string[] | undefined, value: string) =>
  (list ?? []).some((item) => item === '*' || item === value)

/** rules.Matcher.Matches for one rule against a (possibly equivalent) resource. */
export function ruleMatches(
  rule: RuleWithOperations,
  attrs: AdmissionAttributes,
  resource: ResourceInfo,
): boolean {
  const isNamespaceObject = resource.group === '' && resource.resource === 'namespaces'
  const scope = rule.scope ?? '*'
  if (scope === 'Namespaced' && (isNamespaceObject || attrs.namespace === '')) return false
  if (scope === 'Cluster' && !(isNamespaceObject || attrs.namespace === '')) return false
  if (!anyOrEqual(rule.operations, attrs.operation)) return false
  if (!anyOrEqual(rule.apiGroups, resource.group)) return false
  if (!anyOrEqual(rule.apiVersions, resource.version)) return false
  return (rule.resources ?? []).some((entry) => {
    const [res, sub] = splitResource(entry)
    return (res === '*' || res === resource.resource) && (sub === '*' || sub === attrs.subresource)
  })
}

/** The same resource served under other versions (and, for a few kinds, other groups). */
function equivalentResources(resource: ResourceInfo): ResourceInfo[] {
  return RESOURCES.filter(
    (r) =>
      r !== resource &&
      r.resource === resource.resource &&
      r.group === resource.group &&
      r.kind === resource.kind,
  )
}

const labelsOf = (obj: KubeObject | undefined) => obj?.metadata?.labels

function selectorMatches(
  selector: MetaLabelSelector | undefined,
  labels: Record<string, string> | undefined,
) {
  const parsed = fromMetaLabelSelector(selector ?? {})
  return !parsed || parsed.length === 0 || matchesLabels(parsed, labels ?? {})
}

const isEmptySelector = (selector: MetaLabelSelector | undefined) =>
  !selector || (!Object.keys(selector.matchLabels ?? {}).length && !(selector.matchExpressions ?? []).length)

/** namespace.Matcher.MatchNamespaceSelector. Returns a Status when the namespace does not exist. */
function namespaceMatch(hook: Webhook, attrs: AdmissionAttributes, ctx: AdmissionContext): boolean | Status {
  const isNamespaces = attrs.resource.group === '' && attrs.resource.resource === 'namespaces'
  if (!attrs.namespace && !isNamespaces) return true
  if (isEmptySelector(hook.namespaceSelector)) return true
  let labels: Record<string, string> | undefined
  if (
    isNamespaces &&
    attrs.subresource === '' &&
    (attrs.operation === 'CREATE' || attrs.operation === 'UPDATE')
  ) {
    labels = labelsOf(attrs.object)
  } else {
    const name = attrs.namespace || attrs.name
    const ns = ctx.cluster.get('namespaces', '', name)
    if (!ns) return notFound({ group: '', resource: 'namespaces' }, name)
    labels = labelsOf(ns)
  }
  return selectorMatches(hook.namespaceSelector, labels)
}

/** object.Matcher.MatchObjectSelector: the new or the old object's labels. */
function objectMatch(hook: Webhook, attrs: AdmissionAttributes): boolean {
  if (isEmptySelector(hook.objectSelector)) return true
  const test = (obj: KubeObject | undefined) =>
    obj !== undefined && selectorMatches(hook.objectSelector, labelsOf(obj))
  return test(attrs.object) || test(attrs.oldObject)
}

/**
 * matchconditions.Matcher.Match: CEL conditions over object, oldObject and request; the first false one skips
 * the webhook. Evaluation errors follow the failurePolicy: Fail refuses the request (403), Ignore skips.
 */
function matchConditions(
  hook: Webhook,
  attrs: AdmissionAttributes,
  ctx: AdmissionContext,
): true | string | Status {
  const conditions = hook.matchConditions ?? []
  if (!conditions.length) return true
  const activation = new Activation(attrs, ctx, null, false, [])
  const errors: string[] = []
  for (const condition of conditions) {
    const result = activation.eval(condition.expression)
    if (!result.ok) errors.push(result.error)
    else if (typeof result.value !== 'boolean')
      errors.push(`expression '${condition.expression}' resulted in error: must evaluate to bool`)
    else if (!result.value) return `matchCondition "${condition.name}" is false`
  }
  if (!errors.length) return true
  if (hook.failurePolicy === 'Ignore')
    return `matchConditions failed to evaluate (failurePolicy Ignore): ${aggregateMessage(errors)}`
  return forbidden(attrs.resource, attrs.name, aggregateMessage(errors))
}

export function shouldCallHook(hook: Webhook, attrs: AdmissionAttributes, ctx: AdmissionContext): ShouldCall {
  const ns = namespaceMatch(hook, attrs, ctx)
  if (ns === false) return { call: false, reason: "namespaceSelector does not match the namespace's labels" }
  if (!objectMatch(hook, attrs))
    return { call: false, reason: 'objectSelector matches neither the object nor the old object' }
  let resource: ResourceInfo | undefined
  if ((hook.rules ?? []).some((rule) => ruleMatches(rule, attrs, attrs.resource))) resource = attrs.resource
  if (!resource && (hook.matchPolicy ?? 'Equivalent') === 'Equivalent') {
    resource = equivalentResources(attrs.resource).find((eq) =>
      (hook.rules ?? []).some((rule) => ruleMatches(rule, attrs, eq)),
    )
  }
  if (!resource) return { call: false, reason: 'no rule matches this request' }
  if (ns !== true) return { error: ns }
  const conditions = matchConditions(hook, attrs, ctx)
  if (typeof conditions === 'string') return { call: false, reason: conditions }
  if (conditions !== true) return { error: conditions }
  return { call: true, invocation: { resource, notes: [] } }
}
