// POST pods/{name}/eviction (EvictionREST.Create in pkg/registry/core/pod/storage/eviction.go): a Pod is
// deleted only if the one PodDisruptionBudget that selects it allows a disruption, which the eviction
// spends by decrementing the budget's status before the delete. A Pod that is not running (Pending,
// Succeeded, Failed) or already being deleted is deleted without asking any budget.
import { headerValue } from '../authentication'
import { isPodReady } from '../controllers/disruption'
import { decodeBody } from '../decoding'
import { encodeForResponse, withResourceVersion } from '../encoding'
import { splitPathAndQuery } from '../http/requestInfo'
import { selectorMatches } from '../registry/validation/workloads'
import { etcdKey, etcdListPrefix, resourceByName, subresourceKind, type ResourceInfo } from '../resources'
import { badRequest, forbidden, internalError, notFound, routeMethodNotAllowed, tooManyRequests } from '../status'
import type { KubeObject, Status } from '../types'
import { respondObject, respondStatus, type HandlerDeps, type RequestContext } from './context'
import { deleteObject, validateDeleteOptions, type DeleteOptions } from './delete'

type Obj = Record<string, unknown>

const eviction = (version: string) => subresourceKind('policy', version, 'Eviction', 'pods')

const VIOLATES_BUDGET = "Cannot evict pod as it would violate the pod's disruption budget."

/** createTooManyRequestsError: the budget has not caught up with its spec, or the delete raced a change. */
const stillProcessing = (pdb: string): Status =>
  tooManyRequests(VIOLATES_BUDGET, 10, [
    { reason: 'DisruptionBudget', message: `The disruption budget ${pdb} is still being processed by the server.` },
  ])

/** propagateDryRun: the request's dryRun goes into the Eviction's DeleteOptions unless they disagree. */
function deleteOptionsOf(evictionObj: KubeObject, queryDryRun: string[]): DeleteOptions | string {
  const given = (evictionObj.deleteOptions ?? {}) as Obj
  const options: DeleteOptions = {}
  if (typeof given.gracePeriodSeconds === 'number') options.gracePeriodSeconds = given.gracePeriodSeconds
  if (given.preconditions && typeof given.preconditions === 'object') options.preconditions = { ...(given.preconditions as object) }
  if (typeof given.propagationPolicy === 'string') options.propagationPolicy = given.propagationPolicy
  const bodyDryRun = Array.isArray(given.dryRun) ? given.dryRun.map(String) : []
  if (bodyDryRun.length && queryDryRun.length && bodyDryRun.join() !== queryDryRun.join())
    return `Non-matching dry-run options in request and content: [${queryDryRun.join(' ')}] and [${bodyDryRun.join(' ')}]`
  const dryRun = bodyDryRun.length ? bodyDryRun : queryDryRun
  if (dryRun.length) options.dryRun = dryRun
  return options
}

/** canIgnorePDB */
function canIgnoreBudget(pod: KubeObject): boolean {
  const phase = (pod.status as Obj | undefined)?.phase
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || Boolean(pod.metadata?.deletionTimestamp)
}

export function serveEviction(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps): void {
  const info = ctx.info!
  if (info.verb !== 'create') {
    ctx.trace.record('http', 'go-restful', 'rejected', `the eviction subresource has only a POST route, not ${info.verb}`)
    return respondStatus(ctx, 'http', routeMethodNotAllowed())
  }
  const body = ctx.req.body ?? ''
  const version = /"apiVersion"\s*:\s*"policy\/v1beta1"/.test(body) ? 'v1beta1' : 'v1'
  const decoded = decodeBody(body, headerValue(ctx.req, 'Content-Type'), eviction(version))
  if (!decoded.ok) {
    ctx.trace.record('decoding', 'decoder', 'rejected', `${decoded.status.code}: ${decoded.note}`)
    return respondStatus(ctx, 'decoding', decoded.status)
  }
  ctx.trace.record('decoding', 'decoder', 'passed', decoded.note)
  const evictionObj = decoded.object
  if ((evictionObj.metadata?.name ?? '') !== info.name) {
    ctx.trace.record('validation', 'EvictionREST', 'rejected', '400: the Eviction names another Pod')
    return respondStatus(ctx, 'validation', badRequest('name in URL does not match name in Eviction object'))
  }
  const options = deleteOptionsOf(evictionObj, splitPathAndQuery(ctx.req.path).query.getAll('dryRun'))
  if (typeof options === 'string') return respondStatus(ctx, 'validation', internalError(options))
  if (validateDeleteOptions(options).length)
    return respondStatus(ctx, 'validation', badRequest('the Eviction\'s DeleteOptions are not valid'))

  const podKey = etcdKey(resource, info.namespace, info.name)
  const podKv = deps.etcd.get(podKey)
  if (!podKv) {
    ctx.trace.record('storage', 'etcd3 get', 'rejected', `${podKey} does not exist`)
    return respondStatus(ctx, 'storage', notFound({ group: '', resource: 'pods' }, info.name))
  }
  const pod = withResourceVersion(podKv.value, podKv.modRevision)
  if (canIgnoreBudget(pod)) {
    ctx.trace.record('validation', 'EvictionREST', 'passed', `the Pod is ${String((pod.status as Obj | undefined)?.phase ?? 'not running')} or already being deleted: no disruption budget is consulted`)
    return deletePod(ctx, resource, deps, options)
  }
  const budgets = matchingBudgets(deps, pod)
  if (budgets.length > 1) {
    ctx.trace.record('validation', 'EvictionREST', 'rejected', `${budgets.length} PodDisruptionBudgets select the Pod`)
    // Returned as the created object, so the HTTP code is 201 while the Status says 500.
    return respondObject(ctx, 201, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
      code: 500,
    })
  }
  if (budgets.length === 0) {
    ctx.trace.record('validation', 'EvictionREST', 'passed', 'no PodDisruptionBudget selects the Pod')
    return deletePod(ctx, resource, deps, options)
  }
  const pdb = budgets[0]!
  const status = (pdb.value.status ?? {}) as Obj
  const num = (field: string) => (typeof status[field] === 'number' ? (status[field] as number) : 0)
  const policy = (pdb.value.spec as Obj | undefined)?.unhealthyPodEvictionPolicy
  if (!isPodReady(pod) && (policy === 'AlwaysAllow' || (num('currentHealthy') >= num('desiredHealthy') && num('desiredHealthy') > 0))) {
    ctx.trace.record('validation', 'EvictionREST', 'passed', `the Pod is not Ready, so it does not count against ${pdb.value.metadata?.name}`)
    return deletePod(ctx, resource, deps, { ...options, preconditions: { ...options.preconditions, resourceVersion: options.preconditions?.resourceVersion ?? pod.metadata?.resourceVersion } })
  }
  const refused = checkAndDecrement(ctx, deps, pdb, info.name, Boolean(options.dryRun?.length))
  if (refused) {
    ctx.trace.record('validation', 'EvictionREST', 'rejected', `${refused.code}: ${pdb.value.metadata?.name} allows no disruption`)
    respondStatus(ctx, 'validation', refused)
    if (refused.details?.retryAfterSeconds) ctx.response!.headers['Retry-After'] = String(refused.details.retryAfterSeconds)
    return
  }
  deletePod(ctx, resource, deps, options)
}

type Budget = { key: string; modRevision: number; value: KubeObject }

/** getPodDisruptionBudgets: a budget with a nil or empty selector matches nothing. */
function matchingBudgets(deps: HandlerDeps, pod: KubeObject): Budget[] {
  const info = resourceByName('poddisruptionbudgets')!
  return deps.etcd
    .range(etcdListPrefix(info, pod.metadata?.namespace ?? ''))
    .filter((kv) => {
      const selector = (kv.value.spec as Obj | undefined)?.selector as Obj | undefined
      if (!selector || (!Object.keys((selector.matchLabels as Obj) ?? {}).length && !((selector.matchExpressions as unknown[]) ?? []).length)) return false
      return selectorMatches(selector, pod.metadata?.labels)
    })
    .map((kv) => ({ key: kv.key, modRevision: kv.modRevision, value: kv.value }))
}

/** checkAndDecrement: the refusal, or undefined once the budget's status records the disruption. */
function checkAndDecrement(ctx: RequestContext, deps: HandlerDeps, pdb: Budget, podName: string, dryRun: boolean): Status | undefined {
  const name = pdb.value.metadata?.name ?? ''
  const status = { ...((pdb.value.status ?? {}) as Obj) }
  const allowed = typeof status.disruptionsAllowed === 'number' ? status.disruptionsAllowed : 0
  if (((status.observedGeneration as number | undefined) ?? 0) < (pdb.value.metadata?.generation ?? 0)) return stillProcessing(name)
  if (allowed < 0)
    return forbidden({ group: 'policy', resource: 'poddisruptionbudget' }, name, 'pdb disruptions allowed is negative')
  if (allowed === 0)
    return tooManyRequests(VIOLATES_BUDGET, 0, [
      {
        reason: 'DisruptionBudget',
        message: `The disruption budget ${name} needs ${String(status.desiredHealthy ?? 0)} healthy pods and has ${String(status.currentHealthy ?? 0)} currently`,
      },
    ])
  status.disruptionsAllowed = allowed - 1
  if (dryRun) return undefined
  const now = deps.clock.now()
  status.disruptedPods = { ...((status.disruptedPods ?? {}) as Obj), [podName]: now }
  if (allowed - 1 === 0)
    status.conditions = ((status.conditions ?? []) as Obj[]).map((c) =>
      c.type === 'DisruptionAllowed' && c.status !== 'False'
        ? { ...c, status: 'False', lastTransitionTime: now, reason: 'InsufficientPods' }
        : c,
    )
  const written = deps.etcd.update(pdb.key, encodeForResponse({ ...pdb.value, status }), pdb.modRevision)
  if (!written.ok) return stillProcessing(name)
  ctx.trace.record('storage', 'etcd3 update', 'passed', `${name}: disruptionsAllowed ${allowed} → ${allowed - 1}, ${podName} recorded in disruptedPods`, {
    data: { key: pdb.key, revision: written.revision },
  })
  return undefined
}

/** The delete at the end of every allowed eviction; the answer is the created Status, code 201. */
function deletePod(ctx: RequestContext, resource: ResourceInfo, deps: HandlerDeps, options: DeleteOptions): void {
  const info = ctx.info!
  const outcome = deleteObject(ctx, resource, deps, info.namespace, info.name, options)
  if (outcome.kind === 'failed') return respondStatus(ctx, outcome.stage, outcome.status)
  respondObject(ctx, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 })
}
