import { notFound } from '../../status'
import { admissionForbidden } from '../forbidden'
import type { AdmissionPlugin } from '../types'

const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public'])

/** Refuses work in namespaces that do not exist or are being terminated, and guards the immortal ones. */
export const namespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  admit(attrs, ctx) {
    const isNamespace = attrs.resource.group === '' && attrs.resource.resource === 'namespaces'
    if (attrs.operation === 'DELETE' && isNamespace && IMMORTAL_NAMESPACES.has(attrs.name)) {
      return {
        allowed: false,
        status: admissionForbidden(attrs, 'this namespace may not be deleted'),
        summary: `namespace "${attrs.name}" is one of default, kube-system and kube-public, which may never be deleted`,
      }
    }
    if (!attrs.namespace && !isNamespace) return { allowed: true, skipped: true, summary: 'cluster-scoped resource: no namespace to check' }
    if (isNamespace) return { allowed: true, skipped: true, summary: 'requests on namespaces themselves are always allowed' }
    if (attrs.operation === 'DELETE') return { allowed: true, skipped: true, summary: 'deletes are allowed in any namespace' }
    const namespace = ctx.cluster.get('namespaces', '', attrs.namespace)
    if (!namespace) {
      return {
        allowed: false,
        status: notFound({ group: '', resource: 'namespaces' }, attrs.namespace),
        summary: `namespace "${attrs.namespace}" does not exist`,
        details: [
          'The plugin looks the namespace up in its informer cache, waits briefly and asks storage directly before giving up.',
          "The NotFound from that lookup is returned as it is, so the 404 names the namespace, not your object.",
        ],
      }
    }
    const phase = (namespace.status as { phase?: string } | undefined)?.phase
    if (attrs.operation === 'CREATE' && phase === 'Terminating') {
      const status = admissionForbidden(
        attrs,
        `unable to create new content in namespace ${attrs.namespace} because it is being terminated`,
      )
      status.details!.causes = [
        { reason: 'NamespaceTerminating', message: `namespace ${attrs.namespace} is being terminated`, field: 'metadata.namespace' },
      ]
      return { allowed: false, status, summary: `namespace "${attrs.namespace}" is terminating` }
    }
    return { allowed: true, summary: `namespace "${attrs.namespace}" exists and is ${phase ?? 'Active'}` }
  },
}
