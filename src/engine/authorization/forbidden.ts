// The text WithAuthorization puts into a 403 (endpoints/handlers/responsewriters Forbidden and forbiddenMessage).
import { goQuote } from '../goQuote'
import type { AuthorizationAttributes } from './types'

// The message is HTML-escaped so that an error page can never look like markup; quotes are left alone.
function sanitize(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
}

/**
 * `User "jane" cannot create resource "pods" in API group "" in the namespace "default"`, plus `: <reason>` when
 * the authorizer gave one. The caller wraps it with apierrors.NewForbidden (`pods is forbidden: ...`). Only the
 * generated part is escaped: the reason is appended as the authorizer wrote it.
 */
export function forbiddenMessage(attrs: AuthorizationAttributes, reason: string): string {
  const user = goQuote(attrs.user.username)
  let msg: string
  if (!attrs.isResourceRequest) {
    msg = `User ${user} cannot ${attrs.verb} path ${goQuote(attrs.path)}`
  } else {
    const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource
    const scope = attrs.namespace ? `in the namespace ${goQuote(attrs.namespace)}` : 'at the cluster scope'
    msg = `User ${user} cannot ${attrs.verb} resource ${goQuote(resource)} in API group ${goQuote(attrs.apiGroup)} ${scope}`
  }
  msg = sanitize(msg)
  return reason ? `${msg}: ${reason}` : msg
}
