// The LimitRanger admission plugin (plugin/pkg/admission/limitranger, v1.35). Its mutating half fills in,
// for every container and init container of a new Pod, the requests and limits a Container-type
// LimitRange gives as defaultRequest and default, and records what it set in the kubernetes.io/limit-ranger
// annotation. Its validating half checks the finished Pod (or a PersistentVolumeClaim) against every
// min, max and maxLimitRequestRatio, and rejects with one 403 listing all violations of the first
// LimitRange that has any.
//
// Pod updates are not checked (containers' resources are immutable outside the resize subresource, which
// both halves do handle), nor is anything whose stored version is being deleted.
import { aggregateMessage } from '../../status'
import type { KubeObject } from '../../types'
import { admissionForbidden } from '../forbidden'
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin, PluginVerdict } from '../types'
import { podLimits, podRequests, podSpecOf, type ContainerResources } from '../resourceQuota/podResources'
import { canonicalQuantity, compare, quantityToString, sign, toQuantity, type Quantity } from '../../quantity'
import { resourceListFrom, type ResourceList } from '../resourceQuota/resourceList'

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger'

type Resources = Record<string, unknown>

export interface LimitRangeItem {
  type?: string
  max?: Resources
  min?: Resources
  default?: Resources
  defaultRequest?: Resources
  maxLimitRequestRatio?: Resources
}

const itemsOf = (limitRange: KubeObject): LimitRangeItem[] =>
  ((limitRange.spec as { limits?: LimitRangeItem[] } | undefined)?.limits ?? []).map(defaultLimitRangeItem)

/**
 * SetDefaults_LimitRangeItem, which kube-apiserver applies when a LimitRange is decoded: for Container
 * items, default limits come from max, then default requests from the default limits, then from min.
 * Applied again when reading (it changes nothing on an already defaulted item), so the plugin behaves as
 * on a real cluster even if the stored LimitRange was not defaulted.
 */
export function defaultLimitRangeItem(item: LimitRangeItem): LimitRangeItem {
  if (item.type !== 'Container') return item
  const defaults: Resources = { ...(item.default ?? {}) }
  const defaultRequest: Resources = { ...(item.defaultRequest ?? {}) }
  for (const [name, value] of Object.entries(item.max ?? {})) if (!(name in defaults)) defaults[name] = value
  for (const [name, value] of Object.entries(defaults))
    if (!(name in defaultRequest)) defaultRequest[name] = value
  for (const [name, value] of Object.entries(item.min ?? {}))
    if (!(name in defaultRequest)) defaultRequest[name] = value
  return { ...item, default: defaults, defaultRequest }
}

const rangeName = (limitRange: KubeObject) => `LimitRange "${limitRange.metadata?.name ?? ''}"`

function isResource(attrs: AdmissionAttributes, resource: string): boolean {
  return attrs.resource.group === '' && attrs.resource.resource === resource
}

/** SupportsAttributes plus the handler's operations (create and update). */
function supportsAttributes(attrs: AdmissionAttributes): string | undefined {
  if (attrs.operation !== 'CREATE' && attrs.operation !== 'UPDATE') return 'acts only on creates and updates'
  const pod = isResource(attrs, 'pods')
  if (attrs.subresource === 'resize' && pod && attrs.operation === 'UPDATE') return undefined
  if (attrs.subresource) return `ignores subresources (${attrs.subresource})`
  if (pod && attrs.operation === 'UPDATE')
    return "ignores Pod updates: containers' resources cannot change outside pods/resize"
  if (pod || isResource(attrs, 'persistentvolumeclaims')) return undefined
  return 'acts only on Pods and PersistentVolumeClaims'
}

/** The LimitRanges that apply, or a verdict when the plugin has nothing to do. */
function limitRangesFor(attrs: AdmissionAttributes, ctx: AdmissionContext): KubeObject[] | PluginVerdict {
  const unsupported = supportsAttributes(attrs)
  if (unsupported) return { allowed: true, skipped: true, summary: unsupported }
  if (attrs.oldObject?.metadata?.deletionTimestamp) {
    return { allowed: true, summary: 'the stored object is being deleted: limits are not enforced' }
  }
  const ranges = ctx.cluster.list('limitranges', attrs.namespace)
  if (ranges.length === 0) {
    return {
      allowed: true,
      summary: `namespace "${attrs.namespace}" has no LimitRange: nothing to default or enforce`,
    }
  }
  return ranges
}

// ---- mutating: defaults ----

interface Defaults {
  requests: Resources
  limits: Resources
}

/** defaultContainerResourceRequirements: the Container items' defaultRequest and default, later items winning. */
function containerDefaults(items: LimitRangeItem[]): Defaults {
  const defaults: Defaults = { requests: {}, limits: {} }
  for (const item of items) {
    if (item.type !== 'Container') continue
    Object.assign(defaults.requests, item.defaultRequest ?? {})
    Object.assign(defaults.limits, item.default ?? {})
  }
  return defaults
}

/** Go writes a ResourceList's keys sorted; a list the plugin added to is rewritten that way. */
function sortedResources(list: Resources): Resources {
  return Object.fromEntries(
    Object.keys(list)
      .sort()
      .map((k) => [k, list[k]]),
  )
}

/** mergeContainerResources: what one container lacks, set from the defaults; returns the annotation parts. */
function mergeContainer(
  container: ContainerResources,
  defaults: Defaults,
  label: string,
  details: string[],
  source: string,
): string[] {
  const set = { requests: [] as string[], limits: [] as string[] }
  for (const which of ['limits', 'requests'] as const) {
    const current = (container.resources?.[which] ?? {}) as Resources
    for (const [name, value] of Object.entries(defaults[which])) {
      if (name in current) continue
      current[name] = canonicalQuantity(value)
      set[which].push(name)
      details.push(
        `${label} ${container.name ?? ''}: ${which}.${name} = ${String(current[name])} (${which === 'limits' ? 'default' : 'defaultRequest'} of ${source})`,
      )
    }
    if (set[which].length) {
      container.resources ??= {}
      container.resources[which] = sortedResources(current)
    }
  }
  const parts: string[] = []
  if (set.requests.length)
    parts.push(`${set.requests.sort().join(', ')} request for ${label} ${container.name ?? ''}`)
  if (set.limits.length)
    parts.push(`${set.limits.sort().join(', ')} limit for ${label} ${container.name ?? ''}`)
  return parts
}

function admit(attrs: AdmissionAttributes, ctx: AdmissionContext): PluginVerdict {
  const ranges = limitRangesFor(attrs, ctx)
  if (!Array.isArray(ranges)) return ranges
  const pod = attrs.object
  if (!pod || !isResource(attrs, 'pods')) {
    return {
      allowed: true,
      summary:
        'PersistentVolumeClaims get no defaults (storage must be requested); they are checked in the validating phase',
    }
  }
  const spec = podSpecOf(pod)
  const details: string[] = []
  let annotation: string | undefined
  for (const limitRange of ranges) {
    const defaults = containerDefaults(itemsOf(limitRange))
    const parts: string[] = []
    for (const c of spec.containers ?? [])
      parts.push(...mergeContainer(c, defaults, 'container', details, rangeName(limitRange)))
    for (const c of spec.initContainers ?? [])
      parts.push(...mergeContainer(c, defaults, 'init container', details, rangeName(limitRange)))
    if (parts.length) {
      // Each LimitRange that set something rewrites the annotation.
      annotation = `LimitRanger plugin set: ${parts.join('; ')}`
      const meta = (pod.metadata ??= {})
      meta.annotations = { ...(meta.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: annotation }
    }
  }
  const names = ranges.map(rangeName).join(', ')
  if (!annotation) {
    const hasDefaults = ranges.some((r) => {
      const d = containerDefaults(itemsOf(r))
      return Object.keys(d.requests).length + Object.keys(d.limits).length > 0
    })
    return {
      allowed: true,
      summary: hasDefaults
        ? `every container already sets what ${names} would default`
        : `${names} ${ranges.length === 1 ? 'has' : 'have'} no Container defaults: nothing to set`,
    }
  }
  details.push(`annotation ${LIMIT_RANGER_ANNOTATION}: "${annotation}"`)
  return { allowed: true, summary: `${names}: ${annotation}`, details }
}

// ---- validating: min, max, ratio ----

function minConstraint(
  type: string,
  name: string,
  enforced: Quantity,
  requests: ResourceList,
  limits: ResourceList,
): string | undefined {
  const req = requests.get(name)
  const lim = limits.get(name)
  const min = quantityToString(enforced)
  if (!req) return `minimum ${name} usage per ${type} is ${min}.  No request is specified`
  if (compare(enforced, req) > 0)
    return `minimum ${name} usage per ${type} is ${min}, but request is ${quantityToString(req)}`
  if (lim && compare(enforced, lim) > 0)
    return `minimum ${name} usage per ${type} is ${min}, but limit is ${quantityToString(lim)}`
  return undefined
}

function maxConstraint(
  type: string,
  name: string,
  enforced: Quantity,
  requests: ResourceList,
  limits: ResourceList,
): string | undefined {
  const req = requests.get(name)
  const lim = limits.get(name)
  const max = quantityToString(enforced)
  if (!lim) return `maximum ${name} usage per ${type} is ${max}.  No limit is specified`
  if (compare(lim, enforced) > 0)
    return `maximum ${name} usage per ${type} is ${max}, but limit is ${quantityToString(lim)}`
  if (req && compare(req, enforced) > 0)
    return `maximum ${name} usage per ${type} is ${max}, but request is ${quantityToString(req)}`
  return undefined
}

/** maxRequestConstraint: for claims, whose limits are not user input, max applies to the request. */
function maxRequestConstraint(
  type: string,
  name: string,
  enforced: Quantity,
  requests: ResourceList,
): string | undefined {
  const req = requests.get(name)
  const max = quantityToString(enforced)
  if (!req) return `maximum ${name} usage per ${type} is ${max}.  No request is specified`
  if (compare(req, enforced) > 0)
    return `maximum ${name} usage per ${type} is ${max}, but request is ${quantityToString(req)}`
  return undefined
}

/** limit / request to six decimals, rounding half to even, as the message prints the ratio. */
export function ratioString(limit: Quantity, request: Quantity): string {
  const num = (limit.nanos < 0n ? -limit.nanos : limit.nanos) * 1_000_000n
  const den = request.nanos < 0n ? -request.nanos : request.nanos
  let q = num / den
  const twice = (num % den) * 2n
  if (twice > den || (twice === den && q % 2n === 1n)) q++
  const digits = q.toString().padStart(7, '0')
  return `${digits.slice(0, -6)}.${digits.slice(-6)}`
}

function ratioConstraint(
  type: string,
  name: string,
  enforced: Quantity,
  requests: ResourceList,
  limits: ResourceList,
): string | undefined {
  const req = requests.get(name)
  const lim = limits.get(name)
  const ratio = quantityToString(enforced)
  if (!req || sign(req) === 0)
    return `${name} max limit to request ratio per ${type} is ${ratio}, but no request is specified or request is 0`
  if (!lim || sign(lim) === 0)
    return `${name} max limit to request ratio per ${type} is ${ratio}, but no limit is specified or limit is 0`
  // limit > request * ratio, in nano-units on both sides.
  const abs = (n: bigint) => (n < 0n ? -n : n)
  if (abs(lim.nanos) * 1_000_000_000n > abs(req.nanos) * enforced.nanos) {
    return `${name} max limit to request ratio per ${type} is ${ratio}, but provided ratio is ${ratioString(lim, req)}`
  }
  return undefined
}

// Go ranges over these maps in random order; the simulation takes the names sorted.
const entries = (list: Resources | undefined) =>
  Object.keys(list ?? {})
    .sort()
    .map((name) => [name, toQuantity(list![name])] as const)

function checkItem(
  item: LimitRangeItem,
  type: string,
  requests: ResourceList,
  limits: ResourceList,
): string[] {
  const errors: string[] = []
  for (const [name, q] of entries(item.min)) {
    const e = minConstraint(type, name, q, requests, limits)
    if (e) errors.push(e)
  }
  for (const [name, q] of entries(item.max)) {
    const e = maxConstraint(type, name, q, requests, limits)
    if (e) errors.push(e)
  }
  for (const [name, q] of entries(item.maxLimitRequestRatio)) {
    const e = ratioConstraint(type, name, q, requests, limits)
    if (e) errors.push(e)
  }
  return errors
}

/** PodValidateLimitFunc: Container items against each container, Pod items against the Pod's sums. */
export function podLimitErrors(items: LimitRangeItem[], pod: KubeObject): string[] {
  const spec = podSpecOf(pod)
  const errors: string[] = []
  for (const item of items) {
    if (item.type === 'Container') {
      for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
        const requests = resourceListFrom(c.resources?.requests)
        const limits = resourceListFrom(c.resources?.limits)
        errors.push(...checkItem(item, 'Container', requests, limits))
      }
    }
    if (item.type === 'Pod') {
      errors.push(
        ...checkItem(
          item,
          'Pod',
          podRequests(spec, { overhead: false }),
          podLimits(spec, { overhead: false }),
        ),
      )
    }
  }
  return errors
}

/** PersistentVolumeClaimValidateLimitFunc: min and max on spec.resources.requests only. */
export function claimLimitErrors(items: LimitRangeItem[], pvc: KubeObject): string[] {
  const requests = resourceListFrom(
    (pvc.spec as { resources?: { requests?: Resources } } | undefined)?.resources?.requests,
  )
  const errors: string[] = []
  for (const item of items) {
    if (item.type !== 'PersistentVolumeClaim') continue
    for (const [name, q] of entries(item.min)) {
      const e = minConstraint('PersistentVolumeClaim', name, q, requests, new Map())
      if (e) errors.push(e)
    }
    for (const [name, q] of entries(item.max)) {
      const e = maxRequestConstraint('PersistentVolumeClaim', name, q, requests)
      if (e) errors.push(e)
    }
  }
  return errors
}

function validate(attrs: AdmissionAttributes, ctx: AdmissionContext): PluginVerdict {
  const ranges = limitRangesFor(attrs, ctx)
  if (!Array.isArray(ranges)) return ranges
  const object = attrs.object
  if (!object) return { allowed: true, summary: 'no object in the request' }
  const kind = attrs.resource.kind
  const checked: string[] = []
  for (const limitRange of ranges) {
    const items = itemsOf(limitRange)
    const errors = isResource(attrs, 'pods') ? podLimitErrors(items, object) : claimLimitErrors(items, object)
    const types = [...new Set(items.map((i) => i.type ?? ''))].join(', ')
    if (errors.length) {
      return {
        allowed: false,
        status: admissionForbidden(attrs, aggregateMessage(errors)),
        summary: `the ${kind} violates ${rangeName(limitRange)}: ${errors[0]}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
        details: [...checked, ...errors.map((e) => `${rangeName(limitRange)}: ${e}`)],
      }
    }
    checked.push(`${rangeName(limitRange)} (${types || 'no limits'}): every min, max and ratio holds`)
  }
  return {
    allowed: true,
    summary: `the ${kind} is within ${ranges.map(rangeName).join(', ')}`,
    details: checked,
  }
}

export const limitRanger: AdmissionPlugin = {
  name: 'LimitRanger',
  admit,
  validate,
}
