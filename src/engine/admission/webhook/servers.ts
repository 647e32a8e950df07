// The network between the API server and a webhook, simulated: the Service is resolved to its cluster IP
// (kube-apiserver's ClusterIPServiceResolver), the scenario's server behind it answers after its virtual
// latency, and the errors are worded as Go's HTTP client words them inside `failed to call webhook: ...`.
import { compile, evaluate, toCel } from '../../cel'
import type { JsonPatchOperation } from '../../types'
import type { AdmissionContext } from '../types'
import { gatekeeperAnswer } from './gatekeeper'
import { istioInjectorAnswer } from './istio'
import { base64Encode } from './review'
import type {
  AdmissionRequest,
  AdmissionResponse,
  Webhook,
  WebhookServerResponse,
  WebhookServerSpec,
} from './types'

export type ServerCall =
  | { ok: true; response: AdmissionResponse; latencyMs: number; notes: string[] }
  /** `error` is what follows `failed to call webhook: `. */
  | { ok: false; error: string; failure: CallFailure; latencyMs: number; notes: string[] }

/** Why a call failed, for readers that should not parse the Go error text. */
export type CallFailure = 'connection refused' | 'service not found' | 'timeout' | 'path not found'

/** Which server stands behind the webhook's Service, as the scenario declares it. */
export function serverKind(hook: Webhook, ctx: AdmissionContext): 'istio-sidecar-injector' | 'gatekeeper' | 'scenario' | undefined {
  const server = findServer(hook, ctx)
  return server ? (server.builtin ?? 'scenario') : undefined
}

/** The URL the API server posts to, with the ?timeout= the client adds from the webhook's timeout. */
export function webhookUrl(hook: Webhook): string {
  const timeout = `?timeout=${hook.timeoutSeconds ?? 10}s`
  const svc = hook.clientConfig.service
  if (!svc) return `${hook.clientConfig.url ?? ''}${timeout}`
  return `https://${svc.name}.${svc.namespace}.svc:${svc.port ?? 443}${svc.path || '/'}${timeout}`
}

function findServer(hook: Webhook, ctx: AdmissionContext): WebhookServerSpec | undefined {
  const svc = hook.clientConfig.service
  if (!svc) return undefined
  return (ctx.webhookServers ?? []).find(
    (s) =>
      s.service.namespace === svc.namespace &&
      s.service.name === svc.name &&
      (s.service.port ?? 443) === (svc.port ?? 443),
  )
}

/**
 * The learner's `when`: CEL over `request` (the AdmissionRequest as sent, object included), `object` and
 * `oldObject`. A `when` that does not compile or fails never matches, and the trace says why.
 */
function whenHolds(response: WebhookServerResponse, request: AdmissionRequest, notes: string[]): boolean {
  if (response.when === undefined) return true
  const compiled = compile(response.when, { hasParams: false })
  if (!compiled.ok) {
    notes.push(`when "${response.when}" does not compile: ${compiled.issue.summary}`)
    return false
  }
  const result = evaluate(compiled.program, {
    request: toCel(request),
    object: toCel(request.object ?? null),
    oldObject: toCel(request.oldObject ?? null),
  })
  if (!result.ok) {
    notes.push(`when "${response.when}" failed: ${result.error}`)
    return false
  }
  return result.value === true
}

function patchFields(patch: JsonPatchOperation[] | undefined): Partial<AdmissionResponse> {
  return patch?.length ? { patch: base64Encode(JSON.stringify(patch)), patchType: 'JSONPatch' } : {}
}

function answer(
  server: WebhookServerSpec,
  request: AdmissionRequest,
  ctx: AdmissionContext,
  notes: string[],
) {
  const response: AdmissionResponse = { uid: request.uid, allowed: true }
  if (server.builtin === 'istio-sidecar-injector') {
    const injected = istioInjectorAnswer(request)
    notes.push(`istiod: ${injected.note}`)
    return { ...response, ...patchFields(injected.patch) }
  }
  if (server.builtin === 'gatekeeper') {
    const result = gatekeeperAnswer(request, server.constraints ?? [], ctx)
    for (const line of result.dryRun) notes.push(`gatekeeper dryrun (audit only): ${line}`)
    if (!result.allowed) {
      response.allowed = false
      response.status = { code: 403, reason: 'Forbidden', message: result.message }
    }
    if (result.warnings.length) response.warnings = result.warnings
    return response
  }
  const chosen = (server.responses ?? []).find((r) => whenHolds(r, request, notes))
  if (!chosen) return response
  response.allowed = chosen.allowed
  if (chosen.code !== undefined || chosen.reason || chosen.message || chosen.details) {
    const status: NonNullable<AdmissionResponse['status']> = {}
    if (chosen.message) status.message = chosen.message
    if (chosen.reason) status.reason = chosen.reason
    if (chosen.details) status.details = chosen.details
    if (chosen.code !== undefined) status.code = chosen.code
    response.status = status
  }
  Object.assign(response, patchFields(chosen.patch))
  if (chosen.auditAnnotations) response.auditAnnotations = { ...chosen.auditAnnotations }
  if (chosen.warnings?.length) response.warnings = [...chosen.warnings]
  return response
}

/** Posts the review to the webhook's Service and returns the server's answer or the client's error. */
export function callServer(hook: Webhook, request: AdmissionRequest, ctx: AdmissionContext): ServerCall {
  const url = webhookUrl(hook)
  const notes: string[] = []
  const svcRef = hook.clientConfig.service
  if (!svcRef) {
    const host = (hook.clientConfig.url ?? '').replace(/^https?:\/\//, '').replace(/\/.*$/, '')
    return {
      ok: false,
      error: `Post "${url}": dial tcp ${host}: connect: connection refused`,
      failure: 'connection refused',
      latencyMs: 0,
      notes: ['the simulation serves webhooks behind Services only; url webhooks are unreachable'],
    }
  }
  const svc = ctx.cluster.get('services', svcRef.namespace, svcRef.name)
  if (!svc)
    return { ok: false, error: `Post "${url}": service "${svcRef.name}" not found`, failure: 'service not found', latencyMs: 0, notes }
  const clusterIP = (svc.spec as { clusterIP?: string } | undefined)?.clusterIP ?? ''
  const server = findServer(hook, ctx)
  if (!server || server.down) {
    notes.push(server ? 'the server is down' : 'no server listens behind this Service')
    return {
      ok: false,
      error: `Post "${url}": dial tcp ${clusterIP}:${svcRef.port ?? 443}: connect: connection refused`,
      failure: 'connection refused',
      latencyMs: 0,
      notes,
    }
  }
  const latencyMs = server.latencyMs ?? 0
  const timeoutMs = (hook.timeoutSeconds ?? 10) * 1000
  if (latencyMs > timeoutMs) {
    notes.push(`the server needs ${latencyMs}ms; the webhook's timeout is ${hook.timeoutSeconds ?? 10}s`)
    return { ok: false, error: `Post "${url}": context deadline exceeded`, failure: 'timeout', latencyMs: timeoutMs, notes }
  }
  if (server.service.path !== undefined && (server.service.path || '/') !== (svcRef.path || '/')) {
    notes.push(`the server serves ${server.service.path}, the webhook posts to ${svcRef.path || '/'}`)
    return { ok: false, error: 'the server could not find the requested resource', failure: 'path not found', latencyMs, notes }
  }
  return { ok: true, response: answer(server, request, ctx, notes), latencyMs, notes }
}
