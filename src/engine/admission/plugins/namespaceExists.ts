import { notFound } from '../../status'
import type { AdmissionPlugin } from '../types'
import { skip } from './common'

/**
 * The validating-only ancestor of NamespaceLifecycle: any request into a namespace that does not exist is
 * refused with the namespace's NotFound. It checks creates, updates and deletes, but never terminating namespaces.
 */
export const namespaceExists: AdmissionPlugin = {
  name: 'NamespaceExists',
  validate(attrs, ctx) {
    if (attrs.operation === 'CONNECT') return skip('acts on creates, updates and deletes')
    const isNamespace = attrs.resource.group === '' && attrs.resource.resource === 'namespaces'
    if (!attrs.namespace || isNamespace) return skip('not a namespaced object')
    if (ctx.cluster.get('namespaces', '', attrs.namespace))
      return { allowed: true, summary: `namespace "${attrs.namespace}" exists` }
    return {
      allowed: false,
      status: notFound({ group: '', resource: 'namespaces' }, attrs.namespace),
      summary: `namespace "${attrs.namespace}" does not exist`,
      details: [
        'Like NamespaceLifecycle it asks its informer, then storage, and returns the NotFound as it is.',
      ],
    }
  },
}
