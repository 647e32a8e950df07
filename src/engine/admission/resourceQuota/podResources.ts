// What a Pod asks for as a whole (k8s.io/component-helpers/resource PodRequests and PodLimits): the sum of its
// containers, at least the peak of any init container (sidecars, restartPolicy Always, keep running and
// add up), pod-level resources overriding cpu and memory, plus the RuntimeClass overhead. Quota charges this;
// LimitRanger's Pod-type limits use the same sums without the overhead.
import type { KubeObject } from '../../types'
import { add } from '../../quantity'
import { addInto, maxInto, resourceListFrom, type ResourceList } from './resourceList'

export interface ContainerResources {
  name?: string
  restartPolicy?: string
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> }
}

export interface PodSpecResources {
  containers?: ContainerResources[]
  initContainers?: ContainerResources[]
  overhead?: Record<string, unknown>
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> }
  activeDeadlineSeconds?: number | null
  priorityClassName?: string
  affinity?: unknown
}

// PodLevelResources is beta and on by default since v1.34; these are the names it supports.
const POD_LEVEL_RESOURCES = new Set(['cpu', 'memory'])

export const podSpecOf = (pod: KubeObject | undefined): PodSpecResources =>
  (pod?.spec ?? {}) as PodSpecResources

type Which = 'requests' | 'limits'

function aggregateContainers(spec: PodSpecResources, which: Which): ResourceList {
  const total: ResourceList = new Map()
  for (const c of spec.containers ?? []) addInto(total, resourceListFrom(c.resources?.[which]))
  const sidecars: ResourceList = new Map()
  const initPeak: ResourceList = new Map()
  for (const c of spec.initContainers ?? []) {
    const own = resourceListFrom(c.resources?.[which])
    let during: ResourceList
    if (c.restartPolicy === 'Always') {
      // A sidecar keeps running next to the app containers and next to the init containers after it.
      addInto(total, own)
      addInto(sidecars, own)
      during = new Map(sidecars)
    } else {
      during = new Map(own)
      addInto(during, sidecars)
    }
    maxInto(initPeak, during)
  }
  maxInto(total, initPeak)
  return total
}

/** Whether pod-level requests or limits name cpu or memory. */
export function podLevelResourcesSet(spec: PodSpecResources, which?: Which): boolean {
  const names = (w: Which) => Object.keys(spec.resources?.[w] ?? {})
  const lists = which ? [names(which)] : [names('requests'), names('limits')]
  return lists.some((list) => list.some((n) => POD_LEVEL_RESOURCES.has(n)))
}

function applyPodLevel(list: ResourceList, spec: PodSpecResources, which: Which): void {
  if (!podLevelResourcesSet(spec, which)) return
  for (const [name, q] of resourceListFrom(spec.resources?.[which]))
    if (POD_LEVEL_RESOURCES.has(name)) list.set(name, q)
}

export function podRequests(spec: PodSpecResources, options: { overhead: boolean }): ResourceList {
  const requests = aggregateContainers(spec, 'requests')
  applyPodLevel(requests, spec, 'requests')
  if (options.overhead) addInto(requests, resourceListFrom(spec.overhead))
  return requests
}

export function podLimits(spec: PodSpecResources, options: { overhead: boolean }): ResourceList {
  const limits = aggregateContainers(spec, 'limits')
  applyPodLevel(limits, spec, 'limits')
  if (options.overhead) {
    // Overhead is added only to limits that are set: no limit stays no limit.
    for (const [name, q] of resourceListFrom(spec.overhead)) {
      const current = limits.get(name)
      if (current) limits.set(name, add(current, q))
    }
  }
  return limits
}
