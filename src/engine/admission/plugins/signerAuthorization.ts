import type { AuthorizationAttributes } from '../../authorization/types'
import { goQuote } from '../../goQuote'
import type { UserInfo } from '../../types'
import { admissionForbidden } from '../forbidden'
import type { AdmissionAttributes, AdmissionContext, PluginVerdict } from '../types'

/**
 * certauthorization.IsAuthorizedForSignerName: may `user` `verb` (approve, sign) on the synthetic resource
 * signers.certificates.k8s.io named after the signer, or failing that on `<domain>/*`?
 * Returns undefined when the engine has not been given the authorizer.
 */
export function authorizedForSigner(
  ctx: AdmissionContext,
  user: UserInfo,
  verb: string,
  signerName: string,
): { allowed: boolean; asked: string[] } | undefined {
  if (!ctx.authorize) return undefined
  const attrs = (name: string): AuthorizationAttributes => ({
    user,
    verb,
    namespace: '',
    apiGroup: 'certificates.k8s.io',
    apiVersion: '*',
    resource: 'signers',
    subresource: '',
    name,
    isResourceRequest: true,
    path: '',
  })
  const wildcard = `${signerName.split('/')[0]}/*`
  const asked: string[] = []
  for (const name of [signerName, wildcard]) {
    asked.push(`${verb} signers "${name}"`)
    if (ctx.authorize(attrs(name)).decision === 'Allow') return { allowed: true, asked }
  }
  return { allowed: false, asked }
}

/**
 * The verdict of CertificateApproval (verb approve) and CertificateSigning (verb sign): the requester must hold
 * the verb on the CSR's signer, as the stored object names it.
 */
export function signerVerdict(
  attrs: AdmissionAttributes,
  ctx: AdmissionContext,
  verb: 'approve' | 'sign',
): PluginVerdict {
  const signer = String((attrs.oldObject?.spec as { signerName?: string } | undefined)?.signerName ?? '')
  const answer = authorizedForSigner(ctx, attrs.userInfo, verb, signer)
  if (!answer)
    return {
      allowed: true,
      summary: 'the authorizer is not connected to admission in this simulation: not checked',
    }
  if (!answer.allowed)
    return {
      allowed: false,
      status: admissionForbidden(
        attrs,
        `user not permitted to ${verb} requests with signerName ${goQuote(signer)}`,
      ),
      summary: `${attrs.userInfo.username} may not ${verb} requests for the signer ${signer}`,
      details: [
        `Asked the authorizer: ${answer.asked.join(', then ')}; neither was allowed.`,
        `Grant the verb ${verb} on resource signers in API group certificates.k8s.io, with the signer as resourceName.`,
      ],
    }
  return {
    allowed: true,
    summary: `${attrs.userInfo.username} may ${verb} requests for the signer ${signer}`,
  }
}
