import { goQuote } from '../../goQuote'
import { admissionForbidden } from '../forbidden'
import type { AdmissionPlugin } from '../types'
import { skip } from './common'
import { authorizedForSigner } from './signerAuthorization'

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
    const signer = String((attrs.oldObject?.spec as { signerName?: string } | undefined)?.signerName ?? '')
    const answer = authorizedForSigner(ctx, attrs.userInfo, 'approve', signer)
    if (!answer)
      return {
        allowed: true,
        summary: 'the authorizer is not connected to admission in this simulation: not checked',
      }
    if (!answer.allowed) {
      return {
        allowed: false,
        status: admissionForbidden(
          attrs,
          `user not permitted to approve requests with signerName ${goQuote(signer)}`,
        ),
        summary: `${attrs.userInfo.username} may not approve CSRs for the signer ${signer}`,
        details: [
          `Asked the authorizer: ${answer.asked.join(', then ')}; neither was allowed.`,
          'Grant the verb approve on resource signers in API group certificates.k8s.io, with the signer as resourceName.',
        ],
      }
    }
    return { allowed: true, summary: `${attrs.userInfo.username} may approve CSRs for ${signer}` }
  },
}
