import { admissionForbidden } from '../forbidden'
import type { AdmissionPlugin } from '../types'
import { isMain, skip } from './common'

const ips = (obj: unknown): string[] =>
  (obj as { spec?: { externalIPs?: string[] } } | undefined)?.spec?.externalIPs ?? []

/**
 * Refuses any Service that adds an externalIP (CVE-2020-8554: whoever can set one can intercept traffic to
 * that address cluster-wide). Updates may keep or drop addresses already there.
 */
export const denyServiceExternalIPs: AdmissionPlugin = {
  name: 'DenyServiceExternalIPs',
  validate(attrs) {
    if (!isMain(attrs, '', 'services') || (attrs.operation !== 'CREATE' && attrs.operation !== 'UPDATE'))
      return skip('acts only on Service creates and updates')
    const wanted = ips(attrs.object)
    if (wanted.length === 0) return { allowed: true, summary: 'the Service has no externalIPs' }
    const old = attrs.oldObject ? new Set(ips(attrs.oldObject)) : undefined
    const added = wanted.filter((ip) => !old?.has(ip))
    if (old && added.length === 0) return { allowed: true, summary: 'the update adds no new externalIPs' }
    return {
      allowed: false,
      status: admissionForbidden(attrs, 'Use of external IPs is denied by admission control'),
      summary: `the Service asks for externalIPs ${added.join(', ')}`,
      details: [
        'Any user who may write Services could claim an external address and intercept its traffic (CVE-2020-8554).',
        'The plugin refuses new externalIPs outright; use a LoadBalancer Service or an Ingress instead.',
      ],
    }
  },
}
