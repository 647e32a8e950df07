import { compareQuantities, parseQuantity } from '../../registry/quantity'
import type { KubeObject } from '../../types'
import { admissionForbidden } from '../forbidden'
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin, PluginVerdict } from '../types'
import { isMain, skip } from './common'
import { mergeTolerations, type Toleration } from './tolerations'

type ResourceList = Record<string, unknown>

interface RuntimeClassObject extends KubeObject {
  handler?: string
  overhead?: { podFixed?: ResourceList }
  scheduling?: { nodeSelector?: Record<string, string>; tolerations?: Toleration[] }
}

interface PodSpec {
  runtimeClassName?: string | null
  overhead?: ResourceList
  nodeSelector?: Record<string, string>
  tolerations?: Toleration[]
}

/** apiequality.Semantic.DeepEqual on two ResourceLists: same names, quantities equal by value. */
function sameResources(a: ResourceList | undefined, b: ResourceList | undefined): boolean {
  const ak = Object.keys(a ?? {})
  const bk = Object.keys(b ?? {})
  if (ak.length !== bk.length) return false
  return ak.every((k) => b && k in b && compareQuantities(parseQuantity(a![k]), parseQuantity(b[k])) === 0)
}

const hasOverhead = (spec: PodSpec) => Object.keys(spec.overhead ?? {}).length > 0

/** prepareObjects: the Pod's RuntimeClass, a 403 when it names one that does not exist, or none at all. */
function lookup(
  attrs: AdmissionAttributes,
  ctx: AdmissionContext,
): RuntimeClassObject | PluginVerdict | undefined {
  const name = (attrs.object!.spec as PodSpec | undefined)?.runtimeClassName
  if (name == null) return undefined
  const rc = ctx.cluster.get('runtimeclasses', '', name) as RuntimeClassObject | undefined
  if (rc) return rc
  return {
    allowed: false,
    status: admissionForbidden(attrs, `pod rejected: RuntimeClass "${name}" not found`),
    summary: `RuntimeClass "${name}" does not exist`,
    details: [
      'The plugin looked in its informer and then asked storage directly: no RuntimeClass has that name.',
      'A RuntimeClass maps a name to a container runtime handler configured on the nodes; create it first.',
    ],
  }
}

const isVerdict = (x: RuntimeClassObject | PluginVerdict): x is PluginVerdict => 'allowed' in x

function overheadMismatch(attrs: AdmissionAttributes, why: string): PluginVerdict {
  return {
    allowed: false,
    status: admissionForbidden(attrs, why),
    summary: 'spec.overhead does not come from the RuntimeClass',
    details: [
      "Only this plugin may set a Pod's overhead, by copying overhead.podFixed from its RuntimeClass.",
    ],
  }
}

const sortedMap = (m: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.keys(m)
      .sort()
      .map((k) => [k, m[k]!]),
  )

/**
 * Admit copies the RuntimeClass's pod overhead into spec.overhead and merges its scheduling constraints
 * (nodeSelector, tolerations) into the Pod. Validate checks that spec.overhead is exactly the class's.
 */
export const runtimeClass: AdmissionPlugin = {
  name: 'RuntimeClass',
  admit(attrs, ctx) {
    if (!isMain(attrs, '', 'pods') || attrs.operation !== 'CREATE') return skip('acts only on Pod creation')
    const found = lookup(attrs, ctx)
    if (!found) return { allowed: true, summary: 'the Pod names no runtimeClassName: nothing to copy' }
    if (isVerdict(found)) return found
    const rc = found
    const name = rc.metadata?.name ?? ''
    const spec = attrs.object!.spec as PodSpec
    const details: string[] = [`RuntimeClass "${name}" selects the handler "${rc.handler ?? ''}".`]
    if (rc.overhead) {
      const podFixed = rc.overhead.podFixed
      if (hasOverhead(spec) && !sameResources(podFixed, spec.overhead))
        return overheadMismatch(
          attrs,
          "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead",
        )
      if (podFixed) spec.overhead = { ...podFixed }
      else delete spec.overhead
      if (podFixed)
        details.push(
          `Copied overhead ${Object.entries(podFixed)
            .map(([k, v]) => `${k}=${String(v)}`)
            .join(', ')}: the scheduler and quota add it to the Pod's requests.`,
        )
    }
    if (rc.scheduling) {
      const selector = rc.scheduling.nodeSelector ?? {}
      if (spec.nodeSelector) {
        for (const [key, value] of Object.entries(selector)) {
          const podValue = spec.nodeSelector[key]
          if (podValue !== undefined && podValue !== value) {
            return {
              allowed: false,
              status: admissionForbidden(
                attrs,
                `conflict: runtimeClass.scheduling.nodeSelector[${key}] = ${value}; pod.spec.nodeSelector[${key}] = ${podValue}`,
              ),
              summary: `the Pod's nodeSelector ${key}=${podValue} contradicts the RuntimeClass's ${key}=${value}`,
            }
          }
        }
        spec.nodeSelector = sortedMap({ ...spec.nodeSelector, ...selector })
      } else if (rc.scheduling.nodeSelector) {
        spec.nodeSelector = sortedMap(selector)
      }
      const merged = mergeTolerations(spec.tolerations ?? [], rc.scheduling.tolerations ?? [])
      if (merged.length) spec.tolerations = merged
      else delete spec.tolerations
      details.push(
        "Merged the RuntimeClass's scheduling constraints so the Pod lands only on nodes that have the handler.",
      )
    }
    return { allowed: true, summary: `applied RuntimeClass "${name}"`, details }
  },
  validate(attrs, ctx) {
    if (!isMain(attrs, '', 'pods') || attrs.operation !== 'CREATE') return skip('acts only on Pod creation')
    const found = lookup(attrs, ctx)
    if (found && isVerdict(found)) return found
    const spec = attrs.object!.spec as PodSpec
    if (!hasOverhead(spec)) return { allowed: true, summary: 'the Pod has no overhead to check' }
    if (found?.overhead) {
      if (!sameResources(found.overhead.podFixed, spec.overhead))
        return overheadMismatch(
          attrs,
          "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead",
        )
      return { allowed: true, summary: 'spec.overhead matches the RuntimeClass' }
    }
    return overheadMismatch(
      attrs,
      'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead',
    )
  },
}
