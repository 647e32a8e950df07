import { parseCSR, requestPem } from '../../registry/certificateRequest'
import { admissionForbidden } from '../forbidden'
import type { AdmissionPlugin } from '../types'
import { skip } from './common'

const KUBE_APISERVER_CLIENT = 'kubernetes.io/kube-apiserver-client'

/**
 * Refuses a CSR for the kube-apiserver-client signer whose subject puts the holder in system:masters: such a
 * certificate would be a cluster-admin credential that RBAC can never take away.
 */
export const certificateSubjectRestriction: AdmissionPlugin = {
  name: 'CertificateSubjectRestriction',
  validate(attrs) {
    const isCSR =
      attrs.resource.group === 'certificates.k8s.io' &&
      attrs.resource.resource === 'certificatesigningrequests'
    if (!isCSR || attrs.subresource !== '' || attrs.operation !== 'CREATE')
      return skip('acts only on CertificateSigningRequest creation')
    const spec = (attrs.object?.spec ?? {}) as { signerName?: string; request?: string }
    if (spec.signerName !== KUBE_APISERVER_CLIENT)
      return {
        allowed: true,
        summary: `signer ${spec.signerName ?? '(none)'} is not ${KUBE_APISERVER_CLIENT}: nothing to check`,
      }
    const parsed = parseCSR(requestPem(spec.request))
    if (!parsed.ok) {
      return {
        allowed: false,
        status: admissionForbidden(attrs, `failed to parse CSR: ${parsed.error}`),
        summary: 'spec.request is not a PEM certificate request',
      }
    }
    if (parsed.csr.organizations.includes('system:masters')) {
      return {
        allowed: false,
        status: admissionForbidden(
          attrs,
          `use of ${KUBE_APISERVER_CLIENT} signer with system:masters group is not allowed`,
        ),
        summary: 'the request asks for a client certificate in the group system:masters',
        details: [
          "The subject's Organization becomes the user's groups; system:masters bypasses RBAC entirely and cannot be revoked.",
          'Ask for a certificate with an ordinary group and bind that group with RBAC instead.',
        ],
      }
    }
    const orgs = parsed.csr.organizations
    return {
      allowed: true,
      summary: `the subject's groups (${orgs.length ? orgs.join(', ') : 'none'}) do not include system:masters`,
    }
  },
}
