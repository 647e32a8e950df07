// Quota evaluators (pkg/quota/v1/evaluator/core and k8s.io/apiserver/pkg/quota/v1/generic): for each kind of
// object, which quota resource names it can consume, how much one object consumes, which scopes it falls
// in, and what it must declare. Pods, Services and PersistentVolumeClaims have their own; every other
// namespaced resource is counted as `count/<resource>.<group>` (`count/<resource>` in the core group).
import type { AdmissionAttributes } from '../types'
import type { KubeObject } from '../../types'
import { RESOURCES } from '../../resources'
import { compare, quantityFromInt, roundUpToWhole, sign, toQuantity, zeroQuantity } from '../../quantity'
import {
  podLevelResourcesSet,
  podLimits,
  podRequests,
  podSpecOf,
  type PodSpecResources,
} from './podResources'
import { addLists, resourceListFrom, type ResourceList } from './resourceList'

export interface GroupResource {
  group: string
  resource: string
}

/** corev1.ScopedResourceSelectorRequirement */
export interface ScopeSelectorRequirement {
  scopeName: string
  operator: string
  values?: string[]
}

export interface Evaluator {
  groupResource: GroupResource
  /** Whether this operation can change what the object consumes (Handles). */
  handles(attrs: AdmissionAttributes): boolean
  /** The names of `names` this kind of object consumes (MatchingResources). */
  matchingResources(names: readonly string[]): string[]
  /** Whether the object falls in the scope; kinds without scopes never do (MatchesNoScopeFunc). */
  matchesScope(selector: ScopeSelectorRequirement, object: KubeObject): boolean
  /** What the object fails to declare for the required names, as the error text, or undefined. */
  constraints(required: readonly string[], object: KubeObject): string | undefined
  usage(object: KubeObject): ResourceList
}

const one = () => quantityFromInt(1)

/** ObjectCountQuotaResourceNameFor */
export function objectCountName(gr: GroupResource): string {
  return gr.group ? `count/${gr.resource}.${gr.group}` : `count/${gr.resource}`
}

const intersect = (names: readonly string[], known: readonly string[]) => [
  ...new Set(names.filter((n) => known.includes(n))),
]

// ---- Pods ----

const REQUESTS_PREFIX = 'requests.'
const HUGEPAGES_PREFIX = 'hugepages-'

const POD_RESOURCES = [
  'count/pods',
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
]

// "It was a mistake": quotas on these names require every container to declare them. No others.
const MUST_DECLARE = new Set([
  'cpu',
  'memory',
  'requests.cpu',
  'requests.memory',
  'limits.cpu',
  'limits.memory',
])

/** IsNativeResource: no domain, or a kubernetes.io domain. */
const isNativeResource = (name: string) => !name.includes('/') || name.includes('kubernetes.io/')
const isExtendedResource = (name: string) => !isNativeResource(name) && !name.startsWith(REQUESTS_PREFIX)

/** podComputeUsageHelper: the quota names a set of requests and limits consumes. */
function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const result: ResourceList = new Map([['pods', one()]])
  for (const name of ['cpu', 'memory', 'ephemeral-storage']) {
    const request = requests.get(name)
    if (request) {
      result.set(name, request)
      result.set(`requests.${name}`, request)
    }
    const limit = limits.get(name)
    if (limit) result.set(`limits.${name}`, limit)
  }
  for (const [name, request] of requests) {
    if (name.startsWith(HUGEPAGES_PREFIX)) {
      result.set(name, request)
      result.set(REQUESTS_PREFIX + name, request)
    }
    // Extended resources can only be quota'd as requests.<name>: they cannot be overcommitted.
    if (isExtendedResource(name)) result.set(REQUESTS_PREFIX + name, request)
  }
  return result
}

export function isTerminating(spec: PodSpecResources): boolean {
  return typeof spec.activeDeadlineSeconds === 'number' && spec.activeDeadlineSeconds >= 0
}

/** The QoS class is BestEffort when nothing sets a cpu or memory request or limit above zero. */
export function isBestEffort(spec: PodSpecResources): boolean {
  const positive = (list: Record<string, unknown> | undefined) =>
    ['cpu', 'memory'].some((n) => list?.[n] !== undefined && sign(toQuantity(list[n])) > 0)
  if (podLevelResourcesSet(spec))
    return !positive(spec.resources?.requests) && !positive(spec.resources?.limits)
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    if (positive(c.resources?.requests) || positive(c.resources?.limits)) return false
  }
  return true
}

interface AffinityTerm {
  namespaces?: string[]
  namespaceSelector?: unknown
}
function usesCrossNamespacePodAffinity(spec: PodSpecResources): boolean {
  const affinity = spec.affinity as
    | Record<
        string,
        | {
            requiredDuringSchedulingIgnoredDuringExecution?: AffinityTerm[]
            preferredDuringSchedulingIgnoredDuringExecution?: { podAffinityTerm?: AffinityTerm }[]
          }
        | undefined
      >
    | undefined
  const crossNamespace = (t: AffinityTerm | undefined) =>
    !!t &&
    ((t.namespaces?.length ?? 0) > 0 || (t.namespaceSelector !== undefined && t.namespaceSelector !== null))
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const a = affinity?.[kind]
    if (!a) continue
    if (a.requiredDuringSchedulingIgnoredDuringExecution?.some(crossNamespace)) return true
    if (a.preferredDuringSchedulingIgnoredDuringExecution?.some((w) => crossNamespace(w.podAffinityTerm)))
      return true
  }
  return false
}

/** A scope selector against the pseudo-label PriorityClass=<priorityClassName>, as a label selector matches. */
function priorityClassMatches(
  selector: ScopeSelectorRequirement,
  priorityClassName: string | undefined,
): boolean {
  const has = !!priorityClassName
  const values = selector.values ?? []
  switch (selector.operator) {
    case 'In':
      return has && values.includes(priorityClassName)
    case 'NotIn':
      return !has || !values.includes(priorityClassName)
    case 'Exists':
      return has
    case 'DoesNotExist':
      return !has
    default:
      return false
  }
}

export function podMatchesScope(selector: ScopeSelectorRequirement, pod: KubeObject): boolean {
  const spec = podSpecOf(pod)
  switch (selector.scopeName) {
    case 'Terminating':
      return isTerminating(spec)
    case 'NotTerminating':
      return !isTerminating(spec)
    case 'BestEffort':
      return isBestEffort(spec)
    case 'NotBestEffort':
      return !isBestEffort(spec)
    case 'PriorityClass':
      return priorityClassMatches(selector, spec.priorityClassName || undefined)
    case 'CrossNamespacePodAffinity':
      return usesCrossNamespacePodAffinity(spec)
    default:
      return false
  }
}

/** PodUsageFunc: every stored Pod counts for count/pods; compute only while it has not finished. */
export function podUsage(pod: KubeObject): ResourceList {
  const result: ResourceList = new Map([['count/pods', one()]])
  const phase = (pod.status as { phase?: string } | undefined)?.phase
  if (phase === 'Failed' || phase === 'Succeeded') return result
  const spec = podSpecOf(pod)
  return addLists(
    result,
    computeUsage(podRequests(spec, { overhead: true }), podLimits(spec, { overhead: true })),
  )
}

const podEvaluator: Evaluator = {
  groupResource: { group: '', resource: 'pods' },
  handles(attrs) {
    if (attrs.subresource === 'resize') return attrs.operation === 'UPDATE'
    if (attrs.subresource !== '') return false
    if (attrs.operation === 'UPDATE' && attrs.object && attrs.oldObject) {
      // Adding activeDeadlineSeconds moves a Pod from NotTerminating to Terminating quotas.
      return isTerminating(podSpecOf(attrs.oldObject)) !== isTerminating(podSpecOf(attrs.object))
    }
    return attrs.operation === 'CREATE'
  },
  matchingResources(names) {
    const result = intersect(names, POD_RESOURCES)
    for (const name of names) {
      if (name.startsWith(HUGEPAGES_PREFIX) || name.startsWith(REQUESTS_PREFIX + HUGEPAGES_PREFIX))
        result.push(name)
      if (!isNativeResource(name) && name.startsWith(REQUESTS_PREFIX)) result.push(name)
    }
    return [...new Set(result)]
  },
  matchesScope: podMatchesScope,
  constraints(required, pod) {
    const spec = podSpecOf(pod)
    // With pod-level resources the containers need not declare anything.
    if (podLevelResourcesSet(spec)) return undefined
    const requiredSet = [...new Set(required)].filter((n) => MUST_DECLARE.has(n))
    if (requiredSet.length === 0) return undefined
    const missing = new Map<string, Set<string>>()
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      const declared = computeUsage(
        resourceListFrom(c.resources?.requests),
        resourceListFrom(c.resources?.limits),
      )
      for (const name of requiredSet) {
        if (declared.has(name)) continue
        if (!missing.has(name)) missing.set(name, new Set())
        missing.get(name)!.add(c.name ?? '')
      }
    }
    if (missing.size === 0) return undefined
    const parts = [...missing.keys()]
      .sort()
      .map((name) => `${name} for: ${[...missing.get(name)!].sort().join(',')}`)
    return `must specify ${parts.join('; ')}`
  },
  usage: podUsage,
}

// ---- Services ----

const SERVICE_RESOURCES = ['count/services', 'services', 'services.nodeports', 'services.loadbalancers']

const serviceEvaluator: Evaluator = {
  groupResource: { group: '', resource: 'services' },
  // Create and update: changing the type changes node ports and load balancers.
  handles: (attrs) => attrs.operation === 'CREATE' || attrs.operation === 'UPDATE',
  matchingResources: (names) => intersect(names, SERVICE_RESOURCES),
  matchesScope: () => false,
  constraints: () => undefined,
  usage(service) {
    const spec = (service.spec ?? {}) as { type?: string; ports?: unknown[] }
    const ports = quantityFromInt(spec.ports?.length ?? 0)
    const result: ResourceList = new Map([
      ['count/services', one()],
      ['services', one()],
      ['services.loadbalancers', zeroQuantity()],
      ['services.nodeports', zeroQuantity()],
    ])
    if (spec.type === 'NodePort') result.set('services.nodeports', ports)
    if (spec.type === 'LoadBalancer') {
      result.set('services.nodeports', ports)
      result.set('services.loadbalancers', one())
    }
    return result
  },
}

// ---- PersistentVolumeClaims ----

const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/'
const PVC_RESOURCES = ['persistentvolumeclaims', 'requests.storage']

/** GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
function claimClass(pvc: KubeObject): string {
  const annotation = pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class']
  if (annotation !== undefined) return annotation
  return ((pvc.spec as { storageClassName?: string | null } | undefined)?.storageClassName ?? '') || ''
}

const pvcEvaluator: Evaluator = {
  groupResource: { group: '', resource: 'persistentvolumeclaims' },
  handles: (attrs) => attrs.operation === 'CREATE' || attrs.operation === 'UPDATE',
  matchingResources(names) {
    return [
      ...new Set(
        names.filter(
          (n) =>
            n === 'count/persistentvolumeclaims' ||
            PVC_RESOURCES.includes(n) ||
            PVC_RESOURCES.some((r) => n.endsWith(STORAGE_CLASS_SUFFIX + r)),
        ),
      ),
    ]
  },
  matchesScope: () => false,
  constraints: () => undefined,
  usage(pvc) {
    const result: ResourceList = new Map([
      ['persistentvolumeclaims', one()],
      ['count/persistentvolumeclaims', one()],
    ])
    const storageClass = claimClass(pvc)
    if (storageClass) result.set(`${storageClass}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, one())
    const requested = (pvc.spec as { resources?: { requests?: Record<string, unknown> } } | undefined)
      ?.resources?.requests?.storage
    if (requested === undefined) return result
    // Storage is charged in whole bytes; a larger allocation (expansion in progress) is charged instead.
    let storage = roundUpToWhole(toQuantity(requested))
    const allocated = (pvc.status as { allocatedResources?: Record<string, unknown> } | undefined)
      ?.allocatedResources?.storage
    if (allocated !== undefined && compare(toQuantity(allocated), storage) > 0)
      storage = roundUpToWhole(toQuantity(allocated))
    result.set('requests.storage', storage)
    if (storageClass) result.set(`${storageClass}${STORAGE_CLASS_SUFFIX}requests.storage`, storage)
    return result
  },
}

// ---- Object counts ----

function objectCountEvaluator(gr: GroupResource, alias?: string): Evaluator {
  const names = [objectCountName(gr), ...(alias ? [alias] : [])]
  return {
    groupResource: gr,
    handles: (attrs) => attrs.operation === 'CREATE',
    matchingResources: (input) => intersect(input, names),
    matchesScope: () => false,
    constraints: () => undefined,
    usage: () => new Map(names.map((n) => [n, one()])),
  }
}

// The names quota counted objects by before count/<resource> existed.
const LEGACY_ALIASES: Record<string, string> = {
  configmaps: 'configmaps',
  resourcequotas: 'resourcequotas',
  replicationcontrollers: 'replicationcontrollers',
  secrets: 'secrets',
}

/** Resources quota never looks at: virtual ones that are not stored, and events. */
export const IGNORED_RESOURCES = new Set([
  '/bindings',
  '/componentstatuses',
  'authentication.k8s.io/tokenreviews',
  'authentication.k8s.io/selfsubjectreviews',
  'authorization.k8s.io/subjectaccessreviews',
  'authorization.k8s.io/selfsubjectaccessreviews',
  'authorization.k8s.io/localsubjectaccessreviews',
  'authorization.k8s.io/selfsubjectrulesreviews',
  '/events',
  'events.k8s.io/events',
])

const SPECIAL: Record<string, Evaluator> = {
  '/pods': podEvaluator,
  '/services': serviceEvaluator,
  '/persistentvolumeclaims': pvcEvaluator,
}

/** The registry's evaluator for a resource, or a generic object counter; undefined when it is ignored. */
export function evaluatorFor(gr: GroupResource): Evaluator | undefined {
  const key = `${gr.group}/${gr.resource}`
  if (IGNORED_RESOURCES.has(key)) return undefined
  const special = SPECIAL[key]
  if (special) return special
  return objectCountEvaluator(gr, gr.group === '' ? LEGACY_ALIASES[gr.resource] : undefined)
}

/**
 * The quota controller's registry: the special evaluators plus an object counter for every namespaced
 * resource the server serves (the controller discovers them), events excepted.
 */
export function controllerEvaluators(): Evaluator[] {
  const evaluators: Evaluator[] = []
  for (const info of RESOURCES) {
    if (!info.namespaced) continue
    const evaluator = evaluatorFor({ group: info.group, resource: info.resource })
    if (evaluator) evaluators.push(evaluator)
  }
  return evaluators
}
