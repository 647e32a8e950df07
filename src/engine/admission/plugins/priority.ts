import { admissionForbidden, isPodCreate } from '../forbidden'
import type { AdmissionPlugin } from '../types'

interface PriorityClass {
  metadata?: { name?: string }
  value?: number
  globalDefault?: boolean
  preemptionPolicy?: string
}

/** Resolves a Pod's priorityClassName (or the global default class) to spec.priority and preemptionPolicy. */
export const priority: AdmissionPlugin = {
  name: 'Priority',
  admit(attrs, ctx) {
    if (!isPodCreate(attrs)) return { allowed: true, skipped: true, summary: 'acts on Pod creation (and PriorityClass writes)' }
    const spec = (attrs.object!.spec ??= {}) as { priorityClassName?: string; priority?: number; preemptionPolicy?: string }
    let value = 0
    let policy = 'PreemptLowerPriority'
    let because: string
    if (!spec.priorityClassName) {
      // The lowest-valued global default wins when several claim to be the default.
      const defaults = (ctx.cluster.list('priorityclasses', '') as PriorityClass[])
        .filter((pc) => pc.globalDefault)
        .sort((a, b) => (a.value ?? 0) - (b.value ?? 0))
      const chosen = defaults[0]
      if (chosen) {
        spec.priorityClassName = chosen.metadata?.name
        value = chosen.value ?? 0
        policy = chosen.preemptionPolicy ?? policy
        because = `no priorityClassName was given; the global default PriorityClass "${chosen.metadata?.name}" has value ${value}`
      } else {
        because = 'no priorityClassName was given and no PriorityClass is the global default, so the priority is 0'
      }
    } else {
      const pc = ctx.cluster.get('priorityclasses', '', spec.priorityClassName) as PriorityClass | undefined
      if (!pc) {
        return {
          allowed: false,
          status: admissionForbidden(attrs, `no PriorityClass with name ${spec.priorityClassName} was found`),
          summary: `PriorityClass "${spec.priorityClassName}" does not exist`,
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
}
