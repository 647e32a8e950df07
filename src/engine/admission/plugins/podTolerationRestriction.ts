import { computePodQOS } from '../../registry/quantity'
import { notFound } from '../../status'
import type { KubeObject } from '../../types'
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin, PluginVerdict } from '../types'
import { isMain, plainError, skip } from './common'
import { describeToleration, mergeTolerations, verifyAgainstWhitelist, type Toleration } from './tolerations'

const DEFAULTS = 'scheduler.alpha.kubernetes.io/defaultTolerations'
const WHITELIST = 'scheduler.alpha.kubernetes.io/tolerationsWhitelist'
const MEMORY_PRESSURE: Toleration = {
  key: 'node.kubernetes.io/memory-pressure',
  operator: 'Exists',
  effect: 'NoSchedule',
}

interface PodSpec {
  tolerations?: Toleration[]
  initContainers?: unknown[]
  containers?: unknown[]
}

type Lookup = { tolerations: Toleration[] | undefined } | PluginVerdict

/**
 * extractNSTolerations: undefined when the annotation is absent (the cluster-wide setting applies), [] when it is
 * empty (which overrides the cluster-wide setting), else the JSON list.
 */
function namespaceTolerations(attrs: AdmissionAttributes, ctx: AdmissionContext, key: string): Lookup {
  const ns = ctx.cluster.get('namespaces', '', attrs.namespace) as KubeObject | undefined
  if (!ns) {
    return {
      allowed: false,
      status: notFound({ group: '', resource: 'namespaces' }, attrs.namespace),
      summary: `namespace "${attrs.namespace}" does not exist`,
    }
  }
  const raw = ns.metadata?.annotations?.[key]
  if (raw === undefined) return { tolerations: undefined }
  if (raw === '') return { tolerations: [] }
  try {
    const parsed: unknown = JSON.parse(raw)
    if (parsed === null) return { tolerations: [] }
    if (!Array.isArray(parsed)) throw new Error('not a list')
    return { tolerations: parsed as Toleration[] }
  } catch {
    // encoding/json's own wording is not reproduced; the outcome (a bare 500) is.
    return {
      allowed: false,
      status: plainError(
        `json: cannot unmarshal the ${key} annotation into Go value of type []v1.Toleration`,
      ),
      summary: `the namespace's ${key} annotation is not a JSON list of tolerations`,
    }
  }
}

const isVerdict = (x: Lookup): x is PluginVerdict => 'allowed' in x

function checkWhitelist(attrs: AdmissionAttributes, ctx: AdmissionContext): PluginVerdict {
  const tolerations = ((attrs.object!.spec ?? {}) as PodSpec).tolerations ?? []
  if (tolerations.length === 0) return { allowed: true, summary: 'the Pod has no tolerations to check' }
  const found = namespaceTolerations(attrs, ctx, WHITELIST)
  if (isVerdict(found)) return found
  // Without the annotation the cluster-wide whitelist from the plugin's config file applies; there is none here.
  const scope = found.tolerations === undefined ? 'cluster' : 'namespace'
  const whitelist = found.tolerations ?? []
  if (whitelist.length === 0)
    return {
      allowed: true,
      summary: `no toleration whitelist applies (${scope} scope): every toleration is allowed`,
    }
  if (!verifyAgainstWhitelist(tolerations, whitelist)) {
    const offending = tolerations.filter((t) => !verifyAgainstWhitelist([t], whitelist))
    return {
      allowed: false,
      status: plainError(
        `pod tolerations (possibly merged with namespace default tolerations) conflict with its ${scope} whitelist`,
      ),
      summary: `${offending.map(describeToleration).join(', ')} ${offending.length === 1 ? 'is' : 'are'} not in the namespace's whitelist`,
      details: [
        `The whitelist (annotation ${WHITELIST}) allows: ${whitelist.map(describeToleration).join(', ')}.`,
        'The plugin returns a plain error, so the answer is a 500 without a reason, not a 403.',
        "Tolerations other plugins added (DefaultTolerationSeconds, this plugin's memory-pressure one) must be whitelisted too.",
      ],
    }
  }
  return { allowed: true, summary: `every toleration is in the ${scope} whitelist` }
}

/**
 * Adds the namespace's default tolerations (annotation scheduler.alpha.kubernetes.io/defaultTolerations) to new
 * Pods, and a memory-pressure toleration to Pods that are not BestEffort; then checks every toleration against
 * the namespace's whitelist (scheduler.alpha.kubernetes.io/tolerationsWhitelist).
 */
export const podTolerationRestriction: AdmissionPlugin = {
  name: 'PodTolerationRestriction',
  admit(attrs, ctx) {
    if (!isMain(attrs, '', 'pods') || (attrs.operation !== 'CREATE' && attrs.operation !== 'UPDATE'))
      return skip('acts only on Pod creates and updates')
    const pod = attrs.object!
    const spec = (pod.spec ??= {}) as PodSpec
    let extra: Toleration[] = []
    const details: string[] = []
    if (attrs.operation === 'CREATE') {
      const found = namespaceTolerations(attrs, ctx, DEFAULTS)
      if (isVerdict(found)) return found
      extra = [...(found.tolerations ?? [])]
      if (extra.length)
        details.push(
          `Namespace "${attrs.namespace}" adds ${extra.map(describeToleration).join(', ')} (annotation ${DEFAULTS}).`,
        )
    }
    // GetPodQOS prefers a status.qosClass already present, else computes it.
    const qos = ((pod.status as { qosClass?: string } | undefined)?.qosClass ||
      computePodQOS([...(spec.initContainers ?? []), ...(spec.containers ?? [])] as Parameters<
        typeof computePodQOS
      >[0])) as string
    if (qos !== 'BestEffort') {
      extra.push({ ...MEMORY_PRESSURE })
      details.push(
        `The Pod is ${qos}, so it tolerates node.kubernetes.io/memory-pressure:NoSchedule (only BestEffort Pods are kept off such nodes).`,
      )
    }
    if (extra.length) {
      const before = JSON.stringify(spec.tolerations ?? [])
      spec.tolerations = mergeTolerations(spec.tolerations ?? [], extra)
      if (JSON.stringify(spec.tolerations) === before) details.push('The Pod already had them all.')
    }
    const check = checkWhitelist(attrs, ctx)
    if (!check.allowed) return check
    return {
      allowed: true,
      summary: extra.length ? 'merged namespace and QoS tolerations into the Pod' : 'no tolerations to add',
      details,
    }
  },
  validate(attrs, ctx) {
    if (!isMain(attrs, '', 'pods') || (attrs.operation !== 'CREATE' && attrs.operation !== 'UPDATE'))
      return skip('acts only on Pod creates and updates')
    return checkWhitelist(attrs, ctx)
  },
}
