import type { AdmissionPlugin } from '../types'
import { isMain, skip } from './common'

const NOT_READY = 'node.kubernetes.io/not-ready'

interface Taint {
  key?: string
  value?: string
  effect?: string
}

/**
 * Every new Node starts tainted not-ready:NoSchedule, so nothing is scheduled onto it before the node
 * lifecycle controller has seen it report Ready (the controller then removes the taint).
 */
export const taintNodesByCondition: AdmissionPlugin = {
  name: 'TaintNodesByCondition',
  admit(attrs) {
    if (!isMain(attrs, '', 'nodes') || attrs.operation !== 'CREATE') return skip('acts only on Node creation')
    const spec = (attrs.object!.spec ??= {}) as { taints?: Taint[] }
    // Taint.MatchTaint compares key and effect only.
    if (spec.taints?.some((t) => t.key === NOT_READY && t.effect === 'NoSchedule'))
      return { allowed: true, summary: `the Node already carries ${NOT_READY}:NoSchedule` }
    ;(spec.taints ??= []).push({ key: NOT_READY, effect: 'NoSchedule' })
    return {
      allowed: true,
      summary: `added the taint ${NOT_READY}:NoSchedule`,
      details: [
        'A Node is born not ready: the scheduler must not place Pods on it until its kubelet reports Ready.',
        'The node lifecycle controller removes the taint once the Ready condition is True.',
      ],
    }
  },
}
