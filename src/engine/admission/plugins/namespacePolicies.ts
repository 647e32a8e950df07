// The three built-in plugins that apply policy objects kept in the Pod's namespace. When the namespace
// holds no such policy they pass the request untouched, which the simulation models exactly; what they do
// with policies present (defaults and limits, Pod Security checks, quota charging) is not simulated yet,
// and the trace says so rather than pretending.
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin, PluginVerdict } from '../types'

const isPodWrite = (a: AdmissionAttributes) =>
  a.resource.group === '' && a.resource.resource === 'pods' && a.subresource === '' && (a.operation === 'CREATE' || a.operation === 'UPDATE')

const notSimulated = (what: string): PluginVerdict => ({
  allowed: true,
  summary: `${what} (not simulated yet: the request is let through)`,
})

function limitRangeCheck(attrs: AdmissionAttributes, ctx: AdmissionContext): PluginVerdict {
  if (!isPodWrite(attrs)) return { allowed: true, skipped: true, summary: 'acts only on Pods' }
  const ranges = ctx.cluster.list('limitranges', attrs.namespace)
  if (ranges.length === 0) return { allowed: true, summary: `namespace "${attrs.namespace}" has no LimitRange: nothing to default or enforce` }
  return notSimulated(`namespace "${attrs.namespace}" has ${ranges.length} LimitRange${ranges.length === 1 ? '' : 's'}`)
}

export const limitRanger: AdmissionPlugin = {
  name: 'LimitRanger',
  admit: limitRangeCheck,
  validate: limitRangeCheck,
}

const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce'

export const podSecurity: AdmissionPlugin = {
  name: 'PodSecurity',
  validate(attrs, ctx) {
    if (!isPodWrite(attrs)) return { allowed: true, skipped: true, summary: 'checks Pods (and warns for workloads and namespace label changes)' }
    const labels = ctx.cluster.get('namespaces', '', attrs.namespace)?.metadata?.labels ?? {}
    const level = labels[ENFORCE_LABEL]
    if (!level || level === 'privileged') {
      return {
        allowed: true,
        summary: `namespace "${attrs.namespace}" enforces privileged:latest, which allows every Pod`,
        details: [
          `The namespace has ${level ? 'pod-security.kubernetes.io/enforce=privileged' : `no ${ENFORCE_LABEL} label`}; with no cluster-wide configuration the default level is privileged.`,
        ],
      }
    }
    return notSimulated(`namespace "${attrs.namespace}" enforces ${level}:${labels[`${ENFORCE_LABEL}-version`] ?? 'latest'}`)
  },
}

export const resourceQuota: AdmissionPlugin = {
  name: 'ResourceQuota',
  validate(attrs, ctx) {
    if (!attrs.namespace || (attrs.operation !== 'CREATE' && attrs.operation !== 'UPDATE'))
      return { allowed: true, skipped: true, summary: 'charges only creates and updates of namespaced objects' }
    const quotas = ctx.cluster.list('resourcequotas', attrs.namespace)
    if (quotas.length === 0) return { allowed: true, summary: `namespace "${attrs.namespace}" has no ResourceQuota: nothing to charge` }
    return notSimulated(`namespace "${attrs.namespace}" has ${quotas.length} ResourceQuota${quotas.length === 1 ? '' : 's'}`)
  },
}
