import type { AdmissionPlugin } from '../types'
import { skip } from './common'
import { signerVerdict } from './signerAuthorization'

interface CSRStatus {
  certificate?: string
  conditions?: unknown[]
}

/**
 * Writing a CSR's status (the issued certificate, or its conditions) needs `sign` on the signer the stored
 * CSR names. Status updates that change neither are let through.
 */
export const certificateSigning: AdmissionPlugin = {
  name: 'CertificateSigning',
  validate(attrs, ctx) {
    const isCSR =
      attrs.resource.group === 'certificates.k8s.io' &&
      attrs.resource.resource === 'certificatesigningrequests'
    if (!isCSR || attrs.subresource !== 'status' || attrs.operation !== 'UPDATE')
      return skip('acts only on updates of certificatesigningrequests/status')
    const oldStatus = (attrs.oldObject?.status ?? {}) as CSRStatus
    const newStatus = (attrs.object?.status ?? {}) as CSRStatus
    const sameCertificate = (oldStatus.certificate ?? '') === (newStatus.certificate ?? '')
    const sameConditions =
      JSON.stringify(oldStatus.conditions ?? []) === JSON.stringify(newStatus.conditions ?? [])
    if (sameCertificate && sameConditions)
      return {
        allowed: true,
        summary: 'neither status.certificate nor status.conditions changes: nothing to authorize',
      }
    return signerVerdict(attrs, ctx, 'sign')
  },
}
