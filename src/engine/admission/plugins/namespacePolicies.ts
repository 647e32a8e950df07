// LimitRanger and ResourceQuota apply policy objects kept in the namespace. When the namespace holds no
// such object they pass the request untouched, which the simulation models exactly; what they do with
// policies present (defaults and limits, quota charging) is not simulated yet, and the trace says so.
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
