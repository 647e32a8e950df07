import { describe, expect, it } from 'vitest'
import {
  authenticateRequest,
  clientCertificateAuthenticator,
  issueOidcToken,
  jwtAuthenticator,
  staticTokenAuthenticator,
  type JwtAuthenticatorConfig,
  type OidcClaims,
} from './authentication'

const ISSUER = 'https://dex.example.com'
const NOW = 1_735_689_600 // 2025-01-01T00:00:00Z
const config: JwtAuthenticatorConfig = {
  issuer: { url: ISSUER, audiences: ['kubernetes', 'kube-api-lab'] },
  claimMappings: {
    username: { claim: 'email', prefix: 'oidc:' },
    groups: { claim: 'groups', prefix: 'oidc:' },
  },
}
const oidc = jwtAuthenticator(config, () => NOW)
const claims = (extra: OidcClaims = {}): OidcClaims => ({
  sub: 'u-123',
  aud: 'kubernetes',
  exp: NOW + 600,
  iat: NOW,
  email: 'jane@example.com',
  email_verified: true,
  groups: ['developers'],
  ...extra,
})
const bearer = (token: string) => ({
  method: 'GET' as const,
  path: '/api',
  headers: { Authorization: `Bearer ${token}` },
})

describe('jwtAuthenticator', () => {
  it('maps the claims with their prefixes; the group adder adds system:authenticated', () => {
    const { result } = authenticateRequest(bearer(issueOidcToken(ISSUER, claims())), [oidc], true)
    expect(result.kind).toBe('authenticated')
    if (result.kind === 'authenticated')
      expect(result.user).toEqual({
        username: 'oidc:jane@example.com',
        groups: ['oidc:developers', 'system:authenticated'],
      })
  })

  it.each<[string, string, string]>([
    [
      'expired',
      issueOidcToken(ISSUER, claims({ exp: NOW - 60 })),
      'oidc: verify token: oidc: token is expired (Token Expiry: 2024-12-31 23:59:00 +0000 UTC)',
    ],
    [
      'wrong audience',
      issueOidcToken(ISSUER, claims({ aud: ['grafana'] })),
      'oidc: verify token: oidc: expected audience in ["kube-api-lab" "kubernetes"] got ["grafana"]',
    ],
    [
      'tampered signature',
      `${issueOidcToken(ISSUER, claims()).slice(0, -4)}AAAA`,
      'oidc: verify token: failed to verify signature: failed to verify id token signature',
    ],
    [
      'missing username claim',
      issueOidcToken(ISSUER, claims({ email: undefined })),
      'oidc: parse username claims "email": claim not present',
    ],
    [
      'unverified email',
      issueOidcToken(ISSUER, claims({ email_verified: false })),
      'oidc: email not verified',
    ],
  ])('%s: rejected with the authenticator error', (_name, token, reason) => {
    const { result, consulted } = authenticateRequest(bearer(token), [oidc], true)
    expect(result).toEqual({ kind: 'failed', authenticator: `JWT authenticator (${ISSUER})`, reason })
    expect(consulted).toEqual([`JWT authenticator (${ISSUER}): rejected the credential (${reason})`])
  })

  it('leaves tokens of other issuers to the next authenticator and says why', () => {
    const other = issueOidcToken('https://other.example.com', claims())
    const { result, consulted } = authenticateRequest(
      bearer(other),
      [clientCertificateAuthenticator(), oidc, staticTokenAuthenticator([])],
      true,
    )
    expect(result).toEqual({ kind: 'failed', authenticator: 'bearer token', reason: 'invalid bearer token' })
    expect(consulted).toEqual([
      'x509 client certificate: no credential of this kind (no client certificate was presented)',
      `JWT authenticator (${ISSUER}): no credential of this kind (the JWT's issuer "https://other.example.com" is not ${ISSUER})`,
      'static token file: no credential of this kind (the bearer token is not listed in the token file)',
    ])
  })
})
