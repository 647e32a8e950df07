import type { AdmissionPlugin } from '../types'
import { skip } from './common'
import { signerVerdict } from './signerAuthorization'

const isCSR = (group: string, resource: string) =>
  group === 'certificates.k8s.io' && resource === 'certificatesigningrequests'

/**
 * Approving or denying a CSR (an update of its approval subresource) needs `approve` on the signer it names,
 * checked against the stored object so the request cannot swap the signer on the way.
 */
export const certificateApproval: AdmissionPlugin = {
  name: 'CertificateApproval',
  validate(attrs, ctx) {
    if (
      !isCSR(attrs.resource.group, attrs.resource.resource) ||
      attrs.subresource !== 'approval' ||
      attrs.operation !== 'UPDATE'
    )
      return skip('acts only on updates of certificatesigningrequests/approval')
    return signerVerdict(attrs, ctx, 'approve')
  },
}
