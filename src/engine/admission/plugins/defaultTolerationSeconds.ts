import type { AdmissionPlugin } from '../types'

interface Toleration {
  key?: string
  operator?: string
  effect?: string
  tolerationSeconds?: number
}

const NOT_READY = 'node.kubernetes.io/not-ready'
const UNREACHABLE = 'node.kubernetes.io/unreachable'

function tolerates(tolerations: Toleration[], key: string): boolean {
  return tolerations.some((t) => (!t.key || t.key === key) && (!t.effect || t.effect === 'NoExecute'))
}

/**
 * Lets a Pod stay 300 s on a node that becomes not-ready or unreachable before it is evicted, unless the
 * Pod already says how long it tolerates that.
 */
export const defaultTolerationSeconds: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  admit(attrs) {
    const isPod = attrs.resource.group === '' && attrs.resource.resource === 'pods' && attrs.subresource === ''
    if (!isPod || (attrs.operation !== 'CREATE' && attrs.operation !== 'UPDATE'))
      return { allowed: true, skipped: true, summary: 'acts only on Pods' }
    const spec = (attrs.object!.spec ??= {}) as { tolerations?: Toleration[] }
    const existing = spec.tolerations ?? []
    const added: string[] = []
    for (const key of [NOT_READY, UNREACHABLE]) {
      if (tolerates(existing, key)) continue
      ;(spec.tolerations ??= []).push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 })
      added.push(key)
    }
    if (added.length === 0) return { allowed: true, summary: 'the Pod already tolerates not-ready and unreachable nodes' }
    return {
      allowed: true,
      summary: `added NoExecute tolerations for ${added.join(' and ')} (300 s)`,
      details: ['Without them the Pod would be evicted the moment its node stopped reporting; with them it waits five minutes.'],
    }
  },
}
