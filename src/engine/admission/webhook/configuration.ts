// MutatingWebhookConfiguration and ValidatingWebhookConfiguration (admissionregistration.k8s.io/v1): the
// defaults (pkg/apis/admissionregistration/v1/defaults.go) and the checks of the webhooks list
// (pkg/apis/admissionregistration/validation/validation.go) the registry applies on create.
import { orderKeys } from '../../registry/defaults/order'
import type { FieldError, KubeObject } from '../../types'
import type { Webhook, WebhookConfiguration } from './types'
import { compileDetail } from '../../cel'

type Kind = 'mutating' | 'validating'
type Obj = Record<string, unknown>

const WEBHOOK_ORDER = [
  'name',
  'clientConfig',
  'rules',
  'failurePolicy',
  'matchPolicy',
  'namespaceSelector',
  'objectSelector',
  'sideEffects',
  'timeoutSeconds',
  'admissionReviewVersions',
  'reinvocationPolicy',
  'matchConditions',
]
const RULE_ORDER = ['operations', 'apiGroups', 'apiVersions', 'resources', 'scope']
const SERVICE_ORDER = ['namespace', 'name', 'path', 'port']

/** SetDefaults_{Mutating,Validating}Webhook, SetDefaults_Rule and SetDefaults_ServiceReference. */
export function defaultWebhook(hook: Webhook, kind: Kind): void {
  hook.failurePolicy ??= 'Fail'
  hook.matchPolicy ??= 'Equivalent'
  hook.namespaceSelector ??= {}
  hook.objectSelector ??= {}
  hook.timeoutSeconds ??= 10
  if (kind === 'mutating') hook.reinvocationPolicy ??= 'Never'
  for (const rule of hook.rules ?? []) {
    rule.scope ??= '*'
    orderKeys(rule as Obj, RULE_ORDER)
  }
  const svc = hook.clientConfig?.service
  if (svc) {
    svc.port ??= 443
    orderKeys(svc as unknown as Obj, SERVICE_ORDER)
  }
  orderKeys(hook as unknown as Obj, WEBHOOK_ORDER)
}

export function defaultWebhookConfiguration(kind: Kind) {
  return (obj: Obj): void => {
    for (const hook of ((obj as WebhookConfiguration).webhooks ?? []) as Webhook[]) {
      if (typeof hook === 'object' && hook !== null) defaultWebhook(hook, kind)
    }
  }
}

const notSupported = (field: string, badValue: unknown, values: string[]): FieldError => ({
  type: 'FieldValueNotSupported',
  field,
  badValue,
  detail: `supported values: ${values.map((v) => `"${v}"`).join(', ')}`,
})
const required = (field: string, detail?: string): FieldError =>
  detail ? { type: 'FieldValueRequired', field, detail } : { type: 'FieldValueRequired', field }

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/

/** The checks of each webhook that learners hit; the rest of the upstream validation is not modelled. */
export function validateWebhookConfiguration(kind: Kind) {
  return (obj: Obj): FieldError[] => {
    const errs: FieldError[] = []
    const seen = new Set<string>()
    const hooks = ((obj as KubeObject).webhooks ?? []) as Webhook[]
    hooks.forEach((hook, i) => {
      const at = `webhooks[${i}]`
      const name = hook.name ?? ''
      if (name && seen.has(name))
        errs.push({ type: 'FieldValueDuplicate', field: `${at}.name`, badValue: name })
      seen.add(name)
      if (!name) errs.push(required(`${at}.name`))
      else if (!DNS1123_SUBDOMAIN.test(name) || name.length > 253)
        errs.push({
          type: 'FieldValueInvalid',
          field: `${at}.name`,
          badValue: name,
          detail:
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        })
      else if (name.split('.').length < 3)
        errs.push({
          type: 'FieldValueInvalid',
          field: `${at}.name`,
          badValue: name,
          detail: 'should be a domain with at least three segments separated by dots',
        })
      ;(hook.rules ?? []).forEach((rule, j) => {
        const r = `${at}.rules[${j}]`
        if (!rule.operations?.length) errs.push(required(`${r}.operations`))
        if (!rule.apiGroups?.length) errs.push(required(`${r}.apiGroups`))
        if (!rule.apiVersions?.length) errs.push(required(`${r}.apiVersions`))
        if (!rule.resources?.length) errs.push(required(`${r}.resources`))
        if (rule.scope !== undefined && !['*', 'Cluster', 'Namespaced'].includes(rule.scope))
          errs.push(notSupported(`${r}.scope`, rule.scope, ['*', 'Cluster', 'Namespaced']))
      })
      if (hook.failurePolicy !== undefined && !['Fail', 'Ignore'].includes(hook.failurePolicy))
        errs.push(notSupported(`${at}.failurePolicy`, hook.failurePolicy, ['Fail', 'Ignore']))
      if (hook.matchPolicy !== undefined && !['Equivalent', 'Exact'].includes(hook.matchPolicy))
        errs.push(notSupported(`${at}.matchPolicy`, hook.matchPolicy, ['Equivalent', 'Exact']))
      if (hook.sideEffects === undefined)
        errs.push(required(`${at}.sideEffects`, 'must specify one of None, NoneOnDryRun'))
      else if (!['None', 'NoneOnDryRun'].includes(hook.sideEffects))
        errs.push(notSupported(`${at}.sideEffects`, hook.sideEffects, ['None', 'NoneOnDryRun']))
      const t = hook.timeoutSeconds
      if (t !== undefined && (t < 1 || t > 30))
        errs.push({
          type: 'FieldValueInvalid',
          field: `${at}.timeoutSeconds`,
          badValue: t,
          detail: 'the timeout value must be between 1 and 30 seconds',
        })
      if (
        kind === 'mutating' &&
        hook.reinvocationPolicy !== undefined &&
        !['IfNeeded', 'Never'].includes(hook.reinvocationPolicy)
      )
        errs.push(notSupported(`${at}.reinvocationPolicy`, hook.reinvocationPolicy, ['IfNeeded', 'Never']))
      const cc = hook.clientConfig ?? {}
      if ((cc.url === undefined) === (cc.service === undefined))
        errs.push(required(`${at}.clientConfig`, 'exactly one of url or service is required'))
      else if (cc.service) {
        if (!cc.service.namespace)
          errs.push(required(`${at}.clientConfig.service.namespace`, 'service namespace is required'))
        if (!cc.service.name)
          errs.push(required(`${at}.clientConfig.service.name`, 'service name is required'))
        const port = cc.service.port
        if (port !== undefined && (port < 1 || port > 65535))
          errs.push({
            type: 'FieldValueInvalid',
            field: `${at}.clientConfig.service.port`,
            badValue: port,
            detail: 'port is not valid: must be between 1 and 65535, inclusive',
          })
      }
      // Each condition is compiled when the configuration is written, against the webhook's variables
      // (object, oldObject, request, authorizer; no params), so a type error is a 422 here, not a failure later.
      ;(hook.matchConditions ?? []).forEach((condition, j) => {
        const field = `${at}.matchConditions[${j}]`
        if (!condition.name) errs.push(required(`${field}.name`))
        const expression = condition.expression ?? ''
        if (!expression.trim()) errs.push(required(`${field}.expression`))
        else {
          const detail = compileDetail(expression, { hasParams: false }, ['bool'])
          if (detail) errs.push({ type: 'FieldValueInvalid', field: `${field}.expression`, badValue: expression, detail })
        }
      })
      const versions = hook.admissionReviewVersions ?? []
      if (!versions.length)
        errs.push(required(`${at}.admissionReviewVersions`, 'must specify one of v1, v1beta1'))
      else if (!versions.some((v) => v === 'v1' || v === 'v1beta1'))
        errs.push({
          type: 'FieldValueInvalid',
          field: `${at}.admissionReviewVersions`,
          badValue: versions,
          detail: 'must include at least one of v1, v1beta1',
        })
    })
    return errs
  }
}
