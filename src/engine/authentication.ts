// Authentication as kube-apiserver v1.35 assembles it (pkg/kubeapiserver/authenticator/config.go):
// x509 client certificates, then bearer tokens (static token file, service-account tokens), all in a
// union behind the group adder that adds system:authenticated; anonymous last, reached only when no
// credential was presented. A credential that is presented and rejected fails the request with 401.
import type { ClientCertificate, HttpRequest, UserInfo } from './types'

export type AuthenticationResult =
  | { kind: 'authenticated'; user: UserInfo; authenticator: string; details: string[] }
  /** The authenticator did not recognise this kind of credential: the next one is asked. `why` says what it saw. */
  | { kind: 'unrecognized'; why?: string }
  | { kind: 'failed'; authenticator: string; reason: string }

export interface RequestAuthenticator {
  readonly name: string
  authenticate(req: HttpRequest): AuthenticationResult
}

export interface StaticTokenUser {
  token: string
  user: UserInfo
}

export interface ServiceAccountLookup {
  /** The service account's uid, or undefined when it does not exist. */
  uid(namespace: string, name: string): string | undefined
}

export const SERVICE_ACCOUNT_ISSUER = 'https://kubernetes.default.svc.cluster.local'

export function serviceAccountUsername(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`
}

export function serviceAccountGroups(namespace: string): string[] {
  return ['system:serviceaccounts', `system:serviceaccounts:${namespace}`]
}

export function parseServiceAccountUsername(
  username: string,
): { namespace: string; name: string } | undefined {
  const parts = username.split(':')
  if (parts.length !== 4 || parts[0] !== 'system' || parts[1] !== 'serviceaccount' || !parts[2] || !parts[3])
    return
  return { namespace: parts[2], name: parts[3] }
}

export function bearerToken(req: HttpRequest): string | undefined {
  const header = headerValue(req, 'Authorization')
  if (!header) return undefined
  const match = /^Bearer\s+(.*)$/i.exec(header.trim())
  return match ? match[1]!.trim() : undefined
}

export function headerValue(req: HttpRequest, name: string): string | undefined {
  const value = headerValues(req, name)
  return value[0]
}

export function headerValues(req: HttpRequest, name: string): string[] {
  const headers = req.headers ?? {}
  const lower = name.toLowerCase()
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== lower) continue
    const value = headers[key]!
    return Array.isArray(value) ? value : [value]
  }
  return []
}

/** x509: the certificate's CommonName is the user, its Organizations the groups. */
export function clientCertificateAuthenticator(): RequestAuthenticator {
  return {
    name: 'x509 client certificate',
    authenticate(req) {
      const cert: ClientCertificate | undefined = req.clientCertificate
      if (!cert) return { kind: 'unrecognized', why: 'no client certificate was presented' }
      if (!cert.commonName)
        return { kind: 'failed', authenticator: this.name, reason: 'x509: certificate has no CommonName' }
      return {
        kind: 'authenticated',
        authenticator: this.name,
        user: { username: cert.commonName, groups: [...(cert.organizations ?? [])] },
        details: [
          `Client certificate signed by the cluster CA: CN=${cert.commonName}${(cert.organizations ?? []).map((o) => `, O=${o}`).join('')}.`,
          'The CommonName becomes the user name and each Organization a group.',
        ],
      }
    },
  }
}

/** --token-auth-file: a fixed list of tokens and the users they stand for. */
export function staticTokenAuthenticator(users: readonly StaticTokenUser[]): RequestAuthenticator {
  const byToken = new Map(users.map((u) => [u.token, u.user]))
  return {
    name: 'static token file',
    authenticate(req) {
      const token = bearerToken(req)
      if (!token) return { kind: 'unrecognized', why: 'no bearer token' }
      const user = byToken.get(token)
      if (!user) return { kind: 'unrecognized', why: 'the bearer token is not listed in the token file' }
      return {
        kind: 'authenticated',
        authenticator: this.name,
        user: { username: user.username, uid: user.uid, groups: [...user.groups] },
        details: ['The bearer token is listed in the static token file (--token-auth-file).'],
      }
    },
  }
}

// Service-account tokens are JWTs signed by the API server's key. The simulation signs with a fixed
// checksum instead of RSA; the claims are the ones a real bound token carries.
export interface ServiceAccountClaims {
  aud: string[]
  exp: number
  iat: number
  iss: string
  jti: string
  'kubernetes.io': { namespace: string; serviceaccount: { name: string; uid: string } }
  nbf: number
  sub: string
}

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
}

function checksum(text: string): string {
  let h1 = 0x811c9dc5
  let h2 = 0x01000193
  for (let i = 0; i < text.length; i++) {
    h1 = Math.imul(h1 ^ text.charCodeAt(i), 16777619)
    h2 = Math.imul(h2 ^ text.charCodeAt(i), 2246822519)
  }
  return base64url(`${(h1 >>> 0).toString(16)}.${(h2 >>> 0).toString(16)}.simulated-signature`)
}

export function issueServiceAccountToken(claims: ServiceAccountClaims): string {
  const signingInput = `${base64url(JSON.stringify({ alg: 'RS256', kid: 'kube-api-lab' }))}.${base64url(JSON.stringify(claims))}`
  return `${signingInput}.${checksum(signingInput)}`
}

export function decodeServiceAccountToken(token: string): ServiceAccountClaims | undefined {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  try {
    return JSON.parse(fromBase64url(parts[1]!)) as ServiceAccountClaims
  } catch {
    return undefined
  }
}

/** Bound service-account tokens: the JWT must be ours, unexpired, and its service account must still exist. */
export function serviceAccountTokenAuthenticator(
  accounts: ServiceAccountLookup,
  nowSeconds: () => number,
): RequestAuthenticator {
  return {
    name: 'service account token',
    authenticate(req) {
      const token = bearerToken(req)
      if (!token) return { kind: 'unrecognized', why: 'no bearer token' }
      const parts = token.split('.')
      const claims = decodeServiceAccountToken(token)
      // Not a JWT from this issuer: some other token authenticator's business.
      if (!claims) return { kind: 'unrecognized', why: 'the bearer token is not a JWT' }
      if (claims.iss !== SERVICE_ACCOUNT_ISSUER)
        return {
          kind: 'unrecognized',
          why: `the JWT's issuer ${JSON.stringify(claims.iss)} is not ${SERVICE_ACCOUNT_ISSUER}`,
        }
      const fail = (reason: string) => ({ kind: 'failed' as const, authenticator: this.name, reason })
      if (checksum(`${parts[0]}.${parts[1]}`) !== parts[2])
        return fail('square/go-jose: error in cryptographic primitive')
      if (!claims.aud.includes(SERVICE_ACCOUNT_ISSUER))
        return fail('token audiences do not match the API server audiences')
      if (claims.exp <= nowSeconds()) return fail('service account token has expired')
      const ref = claims['kubernetes.io']
      const uid = accounts.uid(ref.namespace, ref.serviceaccount.name)
      if (uid === undefined)
        return fail(`service account ${ref.namespace}/${ref.serviceaccount.name} has been deleted`)
      if (uid !== ref.serviceaccount.uid)
        return fail(`service account UID (${ref.serviceaccount.uid}) does not match claim (${uid})`)
      return {
        kind: 'authenticated',
        authenticator: this.name,
        user: {
          username: serviceAccountUsername(ref.namespace, ref.serviceaccount.name),
          uid,
          groups: serviceAccountGroups(ref.namespace),
          extra: { 'authentication.kubernetes.io/credential-id': [`JTI=${claims.jti}`] },
        },
        details: [
          `A bound service-account token (JWT) issued by ${claims.iss} for ${claims.sub}.`,
          `The service account ${ref.namespace}/${ref.serviceaccount.name} exists with the uid in the token; its groups are system:serviceaccounts and system:serviceaccounts:${ref.namespace}.`,
          `Token claims: ${JSON.stringify(claims)}`,
        ],
      }
    },
  }
}

export interface AuthenticationOutcome {
  result: AuthenticationResult
  /** One line per authenticator asked, for the trace: who recognised the credential and who did not. */
  consulted: string[]
}

/**
 * union(authenticators) → group adder → fail on error → anonymous: the authenticated user gets
 * system:authenticated; with no credential at all the request is system:anonymous.
 */
export function authenticateRequest(
  req: HttpRequest,
  authenticators: readonly RequestAuthenticator[],
  anonymousEnabled: boolean,
): AuthenticationOutcome {
  const consulted: string[] = []
  const failures: { authenticator: string; reason: string }[] = []
  for (const authenticator of authenticators) {
    const result = authenticator.authenticate(req)
    if (result.kind === 'authenticated') {
      consulted.push(`${authenticator.name}: recognised the credential`)
      const groups = result.user.groups.includes('system:authenticated')
        ? result.user.groups
        : [...result.user.groups, 'system:authenticated']
      return { result: { ...result, user: { ...result.user, groups } }, consulted }
    }
    if (result.kind === 'failed') {
      consulted.push(`${authenticator.name}: rejected the credential (${result.reason})`)
      failures.push(result)
    } else
      consulted.push(
        `${authenticator.name}: no credential of this kind${result.why ? ` (${result.why})` : ''}`,
      )
  }
  const token = bearerToken(req)
  if (failures.length > 0 || token) {
    // A presented bearer token nobody recognised is an "invalid bearer token" (bearertoken.go).
    const failure = failures[0] ?? { authenticator: 'bearer token', reason: 'invalid bearer token' }
    return { result: { kind: 'failed', ...failure }, consulted }
  }
  if (!anonymousEnabled)
    return { result: { kind: 'failed', authenticator: 'none', reason: 'no credential' }, consulted }
  consulted.push('anonymous: no credential was presented, so the request is anonymous')
  return {
    result: {
      kind: 'authenticated',
      authenticator: 'anonymous',
      user: { username: 'system:anonymous', groups: ['system:unauthenticated'] },
      details: ['Anonymous requests are enabled (--anonymous-auth=true, the default).'],
    },
    consulted,
  }
}

// ---- OIDC: the JWT authenticator of structured authentication configuration (AuthenticationConfiguration jwt[]) ----

/** One `jwt:` entry of an AuthenticationConfiguration (apiserver.config.k8s.io), the fields the simulation models. */
export interface JwtAuthenticatorConfig {
  issuer: { url: string; audiences: string[] }
  claimMappings: {
    username: { claim: string; prefix?: string }
    groups?: { claim: string; prefix?: string }
  }
}

/** Claims of an ID token from an external identity provider. */
export interface OidcClaims {
  iss?: string
  sub?: string
  aud?: string | string[]
  exp?: number
  iat?: number
  nbf?: number
  [claim: string]: unknown
}

/** An ID token as the identity provider would issue it: same shape as a real JWT, signed with a checksum. */
export function issueOidcToken(issuer: string, claims: OidcClaims): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', kid: 'kube-api-lab-oidc', typ: 'JWT' }))
  const signingInput = `${header}.${base64url(JSON.stringify({ ...claims, iss: issuer }))}`
  return `${signingInput}.${checksum(signingInput)}`
}

function decodeClaims(token: string): OidcClaims | undefined {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  try {
    const value: unknown = JSON.parse(fromBase64url(parts[1]!))
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as OidcClaims) : undefined
  } catch {
    return undefined
  }
}

/** Go's %v of a UTC time.Time: `2025-01-01 00:00:00 +0000 UTC`. */
function goTime(seconds: number): string {
  return `${new Date(seconds * 1000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.000Z$/, '')
    .replace(/Z$/, '')} +0000 UTC`
}

function goQuotedList(values: readonly string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(' ')}]`
}

/**
 * The JWT authenticator (k8s.io/apiserver/plugin/pkg/authenticator/token/oidc). A token whose `iss` is not this
 * issuer is left to the next authenticator; otherwise go-oidc checks expiry and signature, then the audiences
 * (any one may match), then the claim mappings turn claims into the username and groups, with their prefixes.
 */
export function jwtAuthenticator(
  config: JwtAuthenticatorConfig,
  nowSeconds: () => number,
): RequestAuthenticator {
  const name = `JWT authenticator (${config.issuer.url})`
  return {
    name,
    authenticate(req) {
      const token = bearerToken(req)
      if (!token) return { kind: 'unrecognized', why: 'no bearer token' }
      const claims = decodeClaims(token)
      if (!claims) return { kind: 'unrecognized', why: 'the bearer token is not a JWT' }
      if (claims.iss !== config.issuer.url)
        return {
          kind: 'unrecognized',
          why: `the JWT's issuer ${JSON.stringify(claims.iss ?? '')} is not ${config.issuer.url}`,
        }
      const fail = (reason: string) => ({ kind: 'failed' as const, authenticator: name, reason })
      const verify = (reason: string) => fail(`oidc: verify token: ${reason}`)
      const parts = token.split('.')
      if (typeof claims.exp === 'number' && claims.exp < nowSeconds())
        return verify(`oidc: token is expired (Token Expiry: ${goTime(claims.exp)})`)
      if (checksum(`${parts[0]}.${parts[1]}`) !== parts[2])
        return verify('failed to verify signature: failed to verify id token signature')
      const audiences =
        typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : []
      if (!audiences.some((a) => config.issuer.audiences.includes(a))) {
        const expected = [...new Set(config.issuer.audiences)].sort()
        return verify(`oidc: expected audience in ${goQuotedList(expected)} got ${goQuotedList(audiences)}`)
      }
      const mapping = config.claimMappings
      const usernameClaim = mapping.username.claim
      const rawName = claims[usernameClaim]
      if (rawName === undefined)
        return fail(`oidc: parse username claims ${JSON.stringify(usernameClaim)}: claim not present`)
      if (typeof rawName !== 'string')
        return fail(
          `oidc: parse username claims ${JSON.stringify(usernameClaim)}: json: cannot unmarshal ${Array.isArray(rawName) ? 'array' : typeof rawName} into Go value of type string`,
        )
      // An email is only trusted as a name when the provider says it was verified (or says nothing).
      if (usernameClaim === 'email' && claims.email_verified !== undefined && claims.email_verified !== true)
        return fail('oidc: email not verified')
      const username = `${mapping.username.prefix ?? ''}${rawName}`
      let groups: string[] = []
      if (mapping.groups) {
        const raw = claims[mapping.groups.claim]
        const values =
          typeof raw === 'string'
            ? [raw]
            : Array.isArray(raw)
              ? raw.filter((g): g is string => typeof g === 'string')
              : []
        groups = values.map((g) => `${mapping.groups!.prefix ?? ''}${g}`)
      }
      const details = [
        `An ID token issued by ${config.issuer.url} for audience ${audiences.join(', ')}; its signature checks out against the issuer's keys.`,
        `claimMappings.username: claim ${JSON.stringify(usernameClaim)} = ${JSON.stringify(rawName)} with prefix ${JSON.stringify(mapping.username.prefix ?? '')} gives ${JSON.stringify(username)}.`,
      ]
      if (mapping.groups)
        details.push(
          `claimMappings.groups: claim ${JSON.stringify(mapping.groups.claim)} with prefix ${JSON.stringify(mapping.groups.prefix ?? '')} gives ${groups.length ? groups.map((g) => JSON.stringify(g)).join(', ') : 'no groups'}.`,
        )
      return { kind: 'authenticated', authenticator: name, user: { username, groups }, details }
    },
  }
}
