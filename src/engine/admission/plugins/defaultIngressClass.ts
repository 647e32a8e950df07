import type { AdmissionPlugin } from '../types'
import { isMain, newestDefault, skip } from './common'

const IS_DEFAULT = 'ingressclass.kubernetes.io/is-default-class'
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class'

/** Gives a new Ingress that names no class (neither field nor the old annotation) the default IngressClass. */
export const defaultIngressClass: AdmissionPlugin = {
  name: 'DefaultIngressClass',
  admit(attrs, ctx) {
    if (!isMain(attrs, 'networking.k8s.io', 'ingresses') || attrs.operation !== 'CREATE')
      return skip('acts only on Ingress creation')
    const ingress = attrs.object!
    const spec = (ingress.spec ??= {}) as { ingressClassName?: string | null }
    if (spec.ingressClassName != null)
      return { allowed: true, summary: `the Ingress asks for IngressClass "${spec.ingressClassName}"` }
    const annotated = ingress.metadata?.annotations?.[CLASS_ANNOTATION]
    if (annotated !== undefined)
      return {
        allowed: true,
        summary: `the Ingress names its class "${annotated}" in the deprecated ${CLASS_ANNOTATION} annotation`,
      }
    const { chosen, candidates } = newestDefault(
      ctx.cluster.list('ingressclasses', ''),
      (c) => c.metadata?.annotations?.[IS_DEFAULT] === 'true',
    )
    if (!chosen) {
      return {
        allowed: true,
        summary: 'no IngressClass is marked as the default: the Ingress keeps no ingressClassName',
        details: [
          `Without a class, which controller serves the Ingress depends on each controller. Mark one class with ${IS_DEFAULT}: "true".`,
        ],
      }
    }
    const name = chosen.metadata?.name ?? ''
    spec.ingressClassName = name
    const details = [`IngressClass "${name}" carries ${IS_DEFAULT}: "true".`]
    if (candidates.length > 1)
      details.push(
        `${candidates.length} IngressClasses claim to be the default; the newest wins: ${candidates.map((c) => c.metadata?.name).join(', ')}.`,
      )
    return { allowed: true, summary: `set ingressClassName to the default IngressClass "${name}"`, details }
  },
}
