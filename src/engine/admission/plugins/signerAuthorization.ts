import type { AuthorizationAttributes } from '../../authorization/types'
import type { UserInfo } from '../../types'
import type { AdmissionContext } from '../types'

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
