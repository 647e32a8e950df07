// Impersonation (k8s.io/apiserver/pkg/endpoints/filters/impersonation): each Impersonate-* header is a
// separate permission, checked with the verb "impersonate" against the real user, before the request is
// authorized again as the impersonated user.
import { headerValue, headerValues, parseServiceAccountUsername, serviceAccountGroups, serviceAccountUsername } from './authentication'
import { forbiddenMessage, type AuthorizationAttributes, type AuthorizationDecision } from './authorization'
import { forbidden } from './status'
import type { HttpRequest, Status, UserInfo } from './types'

export type ImpersonationOutcome =
  | { kind: 'none' }
  | { kind: 'rejected'; status: Status; summary: string; details: string[] }
  /** A malformed set of headers: responsewriters.InternalError, a plain-text 500. */
  | { kind: 'malformed'; text: string; summary: string }
  | { kind: 'impersonated'; user: UserInfo; details: string[] }

interface Target {
  resource: string
  apiGroup: string
  namespace: string
  name: string
  subresource: string
  describe: string
}

export function impersonate(
  req: HttpRequest,
  requestor: UserInfo,
  authorize: (attrs: AuthorizationAttributes) => AuthorizationDecision,
): ImpersonationOutcome {
  const username = headerValue(req, 'Impersonate-User')
  const groups = headerValues(req, 'Impersonate-Group')
  const uid = headerValue(req, 'Impersonate-Uid')
  const extras: [string, string][] = []
  for (const key of Object.keys(req.headers ?? {})) {
    if (!/^impersonate-extra-/i.test(key)) continue
    const extraKey = decodeURIComponent(key.slice('impersonate-extra-'.length)).toLowerCase()
    for (const value of headerValues(req, key)) extras.push([extraKey, value])
  }
  if (username === undefined && groups.length === 0 && uid === undefined && extras.length === 0) return { kind: 'none' }
  if (username === undefined) {
    // Go prints the impersonation requests as ObjectReference structs: {Kind Namespace Name UID APIVersion
    // ResourceVersion FieldPath}, empty fields and all.
    const refs = [
      ...groups.map((g) => `{Group  ${g}    }`),
      ...extras.map(([key, value]) => `{UserExtra   ${value}  authentication.k8s.io/v1  ${key}}`),
      ...(uid !== undefined ? [`{UID   ${uid}  authentication.k8s.io/v1  }`] : []),
    ]
    return {
      kind: 'malformed',
      text: `requested [${refs.join(' ')}] without impersonating a user`,
      summary: 'Impersonate-Group, Impersonate-Uid and Impersonate-Extra need an Impersonate-User',
    }
  }

  const targets: Target[] = []
  const sa = parseServiceAccountUsername(username)
  if (sa) targets.push({ resource: 'serviceaccounts', apiGroup: '', namespace: sa.namespace, name: sa.name, subresource: '', describe: `service account ${sa.namespace}/${sa.name}` })
  else targets.push({ resource: 'users', apiGroup: '', namespace: '', name: username, subresource: '', describe: `user "${username}"` })
  for (const group of groups) targets.push({ resource: 'groups', apiGroup: '', namespace: '', name: group, subresource: '', describe: `group "${group}"` })
  for (const [key, value] of extras)
    targets.push({ resource: 'userextras', apiGroup: 'authentication.k8s.io', namespace: '', name: value, subresource: key, describe: `extra ${key}=${value}` })
  if (uid !== undefined) targets.push({ resource: 'uids', apiGroup: 'authentication.k8s.io', namespace: '', name: uid, subresource: '', describe: `uid "${uid}"` })

  const details: string[] = []
  for (const target of targets) {
    const attrs: AuthorizationAttributes = {
      user: requestor,
      verb: 'impersonate',
      namespace: target.namespace,
      apiGroup: target.apiGroup,
      apiVersion: target.apiGroup ? 'v1' : 'v1',
      resource: target.resource,
      subresource: target.subresource,
      name: target.name,
      isResourceRequest: true,
      path: '',
    }
    const decision = authorize(attrs)
    if (decision.decision !== 'Allow') {
      const message = forbiddenMessage(attrs, decision.reason)
      return {
        kind: 'rejected',
        status: forbidden({ group: target.apiGroup, resource: target.resource }, target.name, message),
        summary: `${requestor.username} may not impersonate ${target.describe}`,
        details: [...details, ...decision.details],
      }
    }
    details.push(`${requestor.username} may impersonate ${target.describe}: ${decision.reason || decision.authorizer}`)
  }

  let impersonatedGroups = [...groups]
  let name = username
  if (sa) {
    name = serviceAccountUsername(sa.namespace, sa.name)
    // A service account's groups are fixed, so they are filled in when none were asked for.
    if (groups.length === 0) impersonatedGroups = serviceAccountGroups(sa.namespace)
  }
  if (name !== 'system:anonymous') {
    if (!impersonatedGroups.some((g) => g === 'system:authenticated' || g === 'system:unauthenticated'))
      impersonatedGroups.push('system:authenticated')
  } else if (!impersonatedGroups.includes('system:unauthenticated')) impersonatedGroups.push('system:unauthenticated')

  const user: UserInfo = { username: name, groups: impersonatedGroups }
  if (uid !== undefined) user.uid = uid
  if (extras.length) {
    user.extra = {}
    for (const [key, value] of extras) (user.extra[key] ??= []).push(value)
  }
  return { kind: 'impersonated', user, details }
}
