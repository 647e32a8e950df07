import { admissionForbidden } from '../forbidden'
import type { AdmissionPlugin } from '../types'
import { skip } from './common'

/**
 * Creates the namespace a new object is headed for when it does not exist yet, through the API server's own
 * loopback client. It runs before NamespaceLifecycle, which then finds the namespace.
 */
export const namespaceAutoProvision: AdmissionPlugin = {
  name: 'NamespaceAutoProvision',
  admit(attrs, ctx) {
    if (attrs.operation !== 'CREATE') return skip('acts only on creates')
    if (attrs.dryRun) return skip('a dry run must not create the namespace')
    const isNamespace = attrs.resource.group === '' && attrs.resource.resource === 'namespaces'
    if (!attrs.namespace || isNamespace) return skip('not a namespaced object')
    if (ctx.cluster.get('namespaces', '', attrs.namespace))
      return { allowed: true, summary: `namespace "${attrs.namespace}" exists` }
    if (!ctx.createNamespace)
      return {
        allowed: true,
        summary: `namespace "${attrs.namespace}" is missing, but this simulation cannot create it from admission yet`,
      }
    const failure = ctx.createNamespace(attrs.namespace)
    if (failure && failure.reason !== 'AlreadyExists') {
      return {
        allowed: false,
        status: admissionForbidden(attrs, failure.message ?? ''),
        summary: `creating namespace "${attrs.namespace}" failed`,
      }
    }
    return {
      allowed: true,
      summary: `created the missing namespace "${attrs.namespace}"`,
      details: [
        'The namespace is written by kube-apiserver itself (its loopback client), so the requester needs no right to create namespaces.',
      ],
    }
  },
}
