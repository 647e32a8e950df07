// What the RBAC and authorization REST storages add to the generic registry: the escalation check that
// guards Roles and bindings (pkg/registry/rbac/*/policybased), and the access reviews, which are computed
// from the authorizer and never stored.
import { checkBindingEscalation, checkRoleEscalation } from '../authorization/escalation'
import { handleReview, type ReviewKind } from '../reviews'
import type { ResourceInfo } from '../resources'
import type { KubeObject } from '../types'
import { respondObject, respondStatus, type HandlerDeps, type RequestContext } from './context'

const RBAC_GROUP = 'rbac.authorization.k8s.io'

/**
 * Runs the policy-based storage's escalation check for RBAC kinds. Returns false when it answered the request
 * (403), true when the write may go on. Other kinds pass untouched.
 */
export function passesEscalationCheck(ctx: RequestContext, resource: ResourceInfo, obj: KubeObject, deps: HandlerDeps): boolean {
  if (resource.group !== RBAC_GROUP) return true
  const user = ctx.user!
  const namespace = resource.namespaced ? ctx.info!.namespace : ''
  const kind = resource.kind
  const check =
    kind === 'Role' || kind === 'ClusterRole'
      ? checkRoleEscalation(kind, obj, user, namespace, deps.authorizer, deps.rbac, ctx.info!.name)
      : checkBindingEscalation(kind as 'RoleBinding' | 'ClusterRoleBinding', obj, user, namespace, deps.authorizer, deps.rbac)
  if (check.allowed) {
    ctx.trace.record('validation', 'RBAC escalation check', 'passed', check.why, { details: check.details })
    return true
  }
  ctx.trace.record('validation', 'RBAC escalation check', 'rejected', check.why, { details: check.details })
  respondStatus(ctx, 'validation', check.status)
  return false
}

/** The access reviews: the answer is computed by asking the authorizer, and nothing reaches etcd. */
export function answerReview(ctx: RequestContext, resource: ResourceInfo, obj: KubeObject, deps: HandlerDeps): void {
  const review = handleReview(resource.kind as ReviewKind, obj, {
    user: ctx.user!,
    namespace: ctx.info!.namespace,
    authorizer: deps.authorizer,
    rbac: deps.rbac,
    now: deps.clock.now(),
  })
  if (review.code >= 300) {
    ctx.trace.record('validation', `${resource.kind} REST`, 'rejected', `${review.code}: the review is not valid`)
    return respondStatus(ctx, 'validation', review.body as never)
  }
  const status = (review.body as { status?: { allowed?: boolean; reason?: string } }).status
  const verdict = status && 'allowed' in status ? (status.allowed ? 'allowed' : 'not allowed') : 'computed'
  ctx.trace.record('validation', `${resource.kind} REST`, 'passed', `asked the authorizer: ${verdict}${status?.reason ? ` (${status.reason})` : ''}`)
  ctx.trace.record('storage', 'not stored', 'skipped', `${resource.resource} are computed on request and never written to etcd`)
  respondObject(ctx, review.code, review.body)
}
