import type { KubeObject } from '../../types'
import { admissionForbidden, isPodCreate } from '../forbidden'
import type { AdmissionContext, AdmissionPlugin } from '../types'
import { isMain, skip } from './common'

interface PriorityClass {
  metadata?: { name?: string }
  value?: number
  globalDefault?: boolean
  preemptionPolicy?: string
}

interface PriorityFields {
  priorityClassName?: string
  priority?: number
  preemptionPolicy?: string
}

/** getDefaultPriorityClass: should a race leave several global defaults, the lowest value wins. */
function globalDefault(ctx: AdmissionContext): PriorityClass | undefined {
  let chosen: PriorityClass | undefined
  for (const pc of ctx.cluster.list('priorityclasses', '') as PriorityClass[]) {
    if (pc.globalDefault && (!chosen || (chosen.value ?? 0) > (pc.value ?? 0))) chosen = pc
  }
  return chosen
}

/**
 * Admit: resolves a new Pod's priorityClassName (or the global default class) to spec.priority and
 * preemptionPolicy, and keeps both on updates. Validate: at most one PriorityClass may be the global default.
 * The value ceiling and the reserved system- prefix are PriorityClass validation (422), not this plugin.
 */
export const priority: AdmissionPlugin = {
  name: 'Priority',
  admit(attrs, ctx) {
    if (isMain(attrs, '', 'pods') && attrs.operation === 'UPDATE') {
      // Validation forbids changing them; the plugin only refills what a client left out of the update.
      const spec = (attrs.object!.spec ??= {}) as PriorityFields
      const old = (attrs.oldObject?.spec ?? {}) as PriorityFields
      const kept: string[] = []
      if (spec.priority === undefined && old.priority !== undefined) {
        spec.priority = old.priority
        kept.push(`priority ${old.priority}`)
      }
      if (spec.preemptionPolicy === undefined && old.preemptionPolicy !== undefined) {
        spec.preemptionPolicy = old.preemptionPolicy
        kept.push(`preemptionPolicy ${old.preemptionPolicy}`)
      }
      return {
        allowed: true,
        summary: kept.length
          ? `kept the stored ${kept.join(' and ')}`
          : "the update keeps the Pod's priority",
      }
    }
    if (!isPodCreate(attrs))
      return skip('acts on Pods (resolving their priority) and on PriorityClass writes')
    const spec = (attrs.object!.spec ??= {}) as PriorityFields
    let value = 0
    let policy = 'PreemptLowerPriority'
    let because: string
    if (!spec.priorityClassName) {
      const chosen = globalDefault(ctx)
      if (chosen) {
        spec.priorityClassName = chosen.metadata?.name
        value = chosen.value ?? 0
        policy = chosen.preemptionPolicy ?? policy
        because = `no priorityClassName was given; the global default PriorityClass "${chosen.metadata?.name}" has value ${value}`
      } else {
        because =
          'no priorityClassName was given and no PriorityClass is the global default, so the priority is 0'
      }
    } else {
      const pc = ctx.cluster.get('priorityclasses', '', spec.priorityClassName) as PriorityClass | undefined
      if (!pc) {
        return {
          allowed: false,
          status: admissionForbidden(attrs, `no PriorityClass with name ${spec.priorityClassName} was found`),
          summary: `PriorityClass "${spec.priorityClassName}" does not exist`,
          details: [
            'The plugin looks the name up in its PriorityClass informer; a Pod may only name a class that exists.',
          ],
        }
      }
      value = pc.value ?? 0
      policy = pc.preemptionPolicy ?? policy
      because = `PriorityClass "${spec.priorityClassName}" has value ${value}`
    }
    if (spec.priority !== undefined && spec.priority !== value) {
      return {
        allowed: false,
        status: admissionForbidden(
          attrs,
          `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`,
        ),
        summary: 'the Pod sets spec.priority itself, which only this plugin may do',
      }
    }
    if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== policy) {
      return {
        allowed: false,
        status: admissionForbidden(
          attrs,
          `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
        ),
        summary: 'the Pod sets spec.preemptionPolicy itself, which only this plugin may do',
      }
    }
    spec.priority = value
    spec.preemptionPolicy = policy
    return { allowed: true, summary: `priority ${value}, preemptionPolicy ${policy}`, details: [because] }
  },
  validate(attrs, ctx) {
    const isClassWrite =
      isMain(attrs, 'scheduling.k8s.io', 'priorityclasses') &&
      (attrs.operation === 'CREATE' || attrs.operation === 'UPDATE')
    if (!isClassWrite) return skip('validates only PriorityClass creates and updates')
    const pc = attrs.object as (KubeObject & PriorityClass) | undefined
    const name = pc?.metadata?.name ?? ''
    if (!pc?.globalDefault)
      return { allowed: true, summary: `PriorityClass "${name}" is not a global default: nothing to check` }
    const existing = globalDefault(ctx)
    if (existing && (attrs.operation === 'CREATE' || existing.metadata?.name !== name)) {
      const other = existing.metadata?.name ?? ''
      return {
        allowed: false,
        status: admissionForbidden(
          attrs,
          `PriorityClass ${other} is already marked as default. Only one default can exist`,
        ),
        summary: `PriorityClass "${other}" is already the global default`,
        details: [
          'Pods without a priorityClassName get the global default class, so only one PriorityClass may claim it.',
          `Set globalDefault: false on "${other}" first, or leave it off this one.`,
        ],
      }
    }
    return { allowed: true, summary: `PriorityClass "${name}" becomes the only global default` }
  },
}
