// The MutatingAdmissionWebhook and ValidatingAdmissionWebhook plugins
// (k8s.io/apiserver/pkg/admission/plugin/webhook/{mutating,validating}/dispatcher.go): the configurations in
// name order, each webhook matched by ShouldCallHook, then called; mutating webhooks one after another with
// their JSON Patch applied before the next, validating webhooks in parallel where the first error to arrive
// wins. A call that fails follows the webhook's failurePolicy.
import { cloneJson } from '../../clone'
import { redecode } from '../../decoding/redecode'
import { applyOperations } from '../../patches/jsonPatch'
import { applyDefaults } from '../../registry/strategy'
import type { ResourceInfo } from '../../resources'
import { badRequest, internalError } from '../../status'
import type { JsonPatchOperation, KubeObject, Status } from '../../types'
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin, PluginVerdict } from '../types'
import { defaultWebhook } from './configuration'
import { isExemptConfigurationResource, shouldCallHook } from './matching'
import { base64Decode, buildAdmissionReview, reviewVersion, verifyResponse } from './review'
import { callServer, serverKind, webhookUrl, type CallFailure } from './servers'
import type { AdmissionResponse, AdmissionReview, Webhook, WebhookConfiguration } from './types'

type Kind = 'mutating' | 'validating'

interface Hook {
  webhook: Webhook
  configuration: string
  /** The webhook's UID in the dispatcher: configuration name and index. */
  key: string
}

/** One webhook call, as the inspector shows it. */
export interface WebhookCallRecord {
  webhook: string
  configuration: string
  /** Where the API server posts, `?timeout=` included, and the Service behind it when there is one. */
  url: string
  service?: { namespace: string; name: string; port: number; path: string }
  /** What the scenario put behind the Service; absent when nothing does. */
  server?: 'istio-sidecar-injector' | 'gatekeeper' | 'scenario'
  timeoutSeconds: number
  failurePolicy: 'Fail' | 'Ignore'
  latencyMs: number
  outcome: string
  /** Set when the call itself failed; `failureIgnored` when failurePolicy Ignore let the request through. */
  failure?: CallFailure
  failureIgnored?: boolean
  admissionReview?: AdmissionReview
  admissionResponse?: AdmissionResponse
  patch?: JsonPatchOperation[]
  notes?: string[]
}

type CallResult =
  | { kind: 'allowed'; warnings: string[]; changed: boolean }
  /** webhookutil.ErrCallingWebhook: subject to the failurePolicy. */
  | { kind: 'callError'; message: string }
  /** A rejection or any other error: always fails the request. */
  | { kind: 'status'; status: Status }

function hooksOf(kind: Kind, ctx: AdmissionContext): Hook[] {
  const resource = kind === 'mutating' ? 'mutatingwebhookconfigurations' : 'validatingwebhookconfigurations'
  const configs = [...ctx.cluster.list(resource, '')] as WebhookConfiguration[]
  configs.sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1))
  return configs.flatMap((config) =>
    (config.webhooks ?? []).map((webhook, i) => {
      const defaulted = cloneJson(webhook)
      defaultWebhook(defaulted, kind)
      const name = config.metadata?.name ?? ''
      return { webhook: defaulted, configuration: name, key: `${name}/${i}` }
    }),
  )
}

/** `failed calling webhook "<name>": failed to call webhook: <err>`, ErrCallingWebhook.Error(). */
const callingError = (hook: Webhook, reason: string) => `failed calling webhook "${hook.name}": ${reason}`

/** webhookerrors.ToStatusErr: a webhook's refusal as the Status the API server returns. */
export function toStatusErr(webhookName: string, result: AdmissionResponse['status']): Status {
  const deniedBy = `admission webhook "${webhookName}" denied the request`
  const r = result ?? {}
  let message: string
  if (r.message) message = `${deniedBy}: ${r.message}`
  else if (r.reason) message = `${deniedBy}: ${r.reason}`
  else message = `${deniedBy} without explanation`
  const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message } as Status
  if (r.reason) status.reason = r.reason as Status['reason']
  if (r.details) status.details = cloneJson(r.details)
  status.code = r.code === undefined || r.code < 400 ? 400 : r.code
  return status
}

/** The dry-run rule both dispatchers apply before calling: side effects must be None or NoneOnDryRun. */
function dryRunRefusal(hook: Webhook, attrs: AdmissionAttributes): CallResult | undefined {
  if (!attrs.dryRun) return undefined
  if (hook.sideEffects === undefined)
    return { kind: 'callError', message: callingError(hook, 'Webhook SideEffects is nil') }
  if (hook.sideEffects !== 'None' && hook.sideEffects !== 'NoneOnDryRun')
    return { kind: 'status', status: badRequest(`admission webhook "${hook.name}" does not support dry run`) }
  return undefined
}

/** Go's evanphx/json-patch wording for the usual failure: the parent of the path does not exist. */
function patchErrorMessage(err: unknown, ops: JsonPatchOperation[]): string {
  const e = err as { name?: string; index?: number; message?: string }
  const op = typeof e.index === 'number' ? ops[e.index] : undefined
  const missing = e.name === 'OPERATION_PATH_UNRESOLVABLE' || e.name === 'OPERATION_PATH_CANNOT_ADD'
  if (op && missing && (op.op === 'add' || op.op === 'remove'))
    return `${op.op} operation does not apply: doc is missing path: "${op.path}": missing value`
  if (op && missing)
    return `${op.op} operation does not apply: doc is missing path: ${op.path}: missing value`
  if (op && e.name === 'TEST_OPERATION_FAILED') return `testing value ${op.path} failed: test failed`
  return String(e.message ?? err).split('\n')[0]!
}

function callHook(
  kind: Kind,
  hook: Hook,
  attrs: AdmissionAttributes,
  resource: ResourceInfo,
  ctx: AdmissionContext,
  record: WebhookCallRecord,
): CallResult {
  const wh = hook.webhook
  const refusal = dryRunRefusal(wh, attrs)
  if (refusal) {
    record.outcome = 'not called: dry run'
    return refusal
  }
  const version = reviewVersion(wh)
  if (!version) {
    record.outcome = 'not called'
    return {
      kind: 'callError',
      message: callingError(
        wh,
        'could not create admission objects: webhook does not accept known AdmissionReview versions',
      ),
    }
  }
  const review = buildAdmissionReview(attrs, resource, version, ctx)
  record.admissionReview = review
  const call = callServer(wh, review.request!, ctx)
  record.latencyMs = call.latencyMs
  if (call.notes.length) record.notes = call.notes
  if (!call.ok) {
    record.outcome = `call failed: ${call.error}`
    record.failure = call.failure
    return { kind: 'callError', message: callingError(wh, `failed to call webhook: ${call.error}`) }
  }
  const response = call.response
  record.admissionResponse = response
  const invalid = verifyResponse(review.request!.uid, response, kind === 'mutating')
  if (invalid) {
    record.outcome = 'invalid response'
    return { kind: 'callError', message: callingError(wh, `received invalid webhook response: ${invalid}`) }
  }
  const warnings = response.warnings ?? []
  if (!response.allowed) {
    record.outcome = 'denied'
    return { kind: 'status', status: toStatusErr(wh.name, response.status) }
  }
  if (!response.patch) {
    record.outcome = 'allowed'
    return { kind: 'allowed', warnings, changed: false }
  }
  let ops: JsonPatchOperation[]
  try {
    ops = JSON.parse(base64Decode(response.patch)) as JsonPatchOperation[]
  } catch (err) {
    record.outcome = 'undecodable patch'
    return {
      kind: 'callError',
      message: callingError(
        wh,
        `received undecodable patch in webhook response: ${String((err as Error).message ?? err)}`,
      ),
    }
  }
  record.patch = ops
  if (!ops.length) {
    record.outcome = 'allowed'
    return { kind: 'allowed', warnings, changed: false }
  }
  if (!attrs.object) {
    record.outcome = 'patch refused'
    return {
      kind: 'status',
      status: internalError(
        `admission webhook "${wh.name}" attempted to modify the object, which is not supported for this operation`,
      ),
    }
  }
  const applied = Array.isArray(ops)
    ? applyOperations(attrs.object, ops as unknown as Record<string, unknown>[])
    : { ok: false as const, error: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' }
  if (!applied.ok) {
    record.outcome = 'patch failed'
    const message = 'cause' in applied ? patchErrorMessage(applied.cause, ops) : applied.error
    return { kind: 'status', status: internalError(message) }
  }
  // The patched JSON is decoded again as the endpoint's type, then converted back to it.
  const decoded = redecode(applied.value, resource)
  if (!decoded.ok) {
    record.outcome = `the patched object does not decode: ${decoded.error}`
    return { kind: 'status', status: decoded.stage === 'conversion' ? unconvertedStatus(decoded.error) : internalError(decoded.error) }
  }
  const patched = decoded.object
  // The decoded object is defaulted again, as the API server does after every webhook patch.
  applyDefaults(patched, resource)
  const changed = JSON.stringify(patched) !== JSON.stringify(attrs.object)
  if (changed) replaceContents(attrs.object, patched)
  record.outcome = changed ? 'patched' : 'allowed (patch changed nothing)'
  return { kind: 'allowed', warnings, changed }
}

/**
 * The dispatcher returns the conversion error as it is, not as a Status, so the handler answers with what
 * ErrorToAPIStatus makes of a plain error: 500 with no reason.
 */
function unconvertedStatus(message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 } as Status
}

/** Mutating plugins change attrs.object in place; the chain diffs it. */
function replaceContents(target: KubeObject, source: KubeObject): void {
  for (const k of Object.keys(target)) delete (target as Record<string, unknown>)[k]
  Object.assign(target, source)
}

function newRecord(hook: Hook, ctx: AdmissionContext): WebhookCallRecord {
  const wh = hook.webhook
  const svc = wh.clientConfig.service
  const server = serverKind(wh, ctx)
  return {
    webhook: wh.name,
    configuration: hook.configuration,
    url: webhookUrl(wh),
    ...(svc ? { service: { namespace: svc.namespace, name: svc.name, port: svc.port ?? 443, path: svc.path || '/' } } : {}),
    ...(server ? { server } : {}),
    timeoutSeconds: wh.timeoutSeconds ?? 10,
    failurePolicy: wh.failurePolicy ?? 'Fail',
    latencyMs: 0,
    outcome: '',
  }
}

function traceData(records: WebhookCallRecord[], latencyMs: number): Record<string, unknown> {
  const data: Record<string, unknown> = { latencyMs, webhooks: records }
  const called = records.filter((r) => r.admissionReview)
  if (called.length === 1) {
    data.admissionReview = called[0]!.admissionReview
    if (called[0]!.admissionResponse) data.admissionResponse = called[0]!.admissionResponse
  }
  return data
}

/** Mutating webhook state kept between the first run of the chain and its reinvocation (same attributes). */
interface ReinvocationState {
  previouslyInvoked: Set<string>
  reinvoke: Set<string>
  lastOutput: string
}
const reinvocations = new WeakMap<AdmissionAttributes, ReinvocationState>()

function admit(attrs: AdmissionAttributes, ctx: AdmissionContext): PluginVerdict {
  if (isExemptConfigurationResource(attrs))
    return {
      allowed: true,
      skipped: true,
      summary: 'webhooks are never called for admission configuration objects',
    }
  const hooks = hooksOf('mutating', ctx)
  if (!hooks.length)
    return { allowed: true, skipped: true, summary: 'this cluster has no MutatingWebhookConfiguration' }
  const previous = reinvocations.get(attrs)
  const isReinvoke = previous !== undefined
  const state: ReinvocationState = previous ?? {
    previouslyInvoked: new Set(),
    reinvoke: new Set(),
    lastOutput: '',
  }
  reinvocations.set(attrs, state)
  const output = () => JSON.stringify(attrs.object ?? null)
  // In-tree plugins changed the object during reinvocation: every eligible webhook runs again.
  if (isReinvoke && output() !== state.lastOutput) state.reinvoke = new Set(state.previouslyInvoked)
  const records: WebhookCallRecord[] = []
  const details: string[] = []
  const warnings: string[] = []
  let latency = 0
  let shouldReinvoke = false
  const finish = () => {
    state.lastOutput = output()
  }
  for (const hook of hooks) {
    const wh = hook.webhook
    const should = shouldCallHook(wh, attrs, ctx)
    if ('error' in should) {
      finish()
      return {
        allowed: false,
        status: should.error,
        summary: `webhook "${wh.name}": ${should.error.message}`,
        details,
      }
    }
    if (!should.call) {
      details.push(`${wh.name}: not called (${should.reason})`)
      continue
    }
    if (isReinvoke && !state.reinvoke.has(hook.key)) {
      details.push(
        `${wh.name}: not reinvoked (reinvocationPolicy ${wh.reinvocationPolicy ?? 'Never'}, or nothing changed after it)`,
      )
      continue
    }
    const record = newRecord(hook, ctx)
    records.push(record)
    const result = callHook('mutating', hook, attrs, should.invocation.resource, ctx, record)
    latency += record.latencyMs
    details.push(...should.invocation.notes.map((n) => `${wh.name}: ${n}`))
    details.push(
      `${wh.name}${isReinvoke ? ' (reinvoked)' : ''}: ${record.outcome} after ${record.latencyMs}ms`,
    )
    for (const note of record.notes ?? []) details.push(`${wh.name}: ${note}`)
    if (result.kind === 'allowed' && result.changed) {
      state.reinvoke = new Set(state.previouslyInvoked)
      shouldReinvoke = true
    }
    if (wh.reinvocationPolicy === 'IfNeeded') state.previouslyInvoked.add(hook.key)
    if (result.kind === 'allowed') {
      warnings.push(...result.warnings)
      continue
    }
    if (result.kind === 'callError') {
      if (wh.failurePolicy === 'Ignore') {
        record.failureIgnored = true
        details.push(`${wh.name}: failurePolicy Ignore, failing open: ${result.message}`)
        continue
      }
      finish()
      const status = internalError(result.message)
      return {
        allowed: false,
        status,
        summary: status.message ?? '',
        details,
        data: traceData(records, latency),
      }
    }
    finish()
    return {
      allowed: false,
      status: result.status,
      summary: result.status.message ?? '',
      details,
      data: traceData(records, latency),
    }
  }
  finish()
  const called = records.length
  if (!called) {
    const why = isReinvoke
      ? 'reinvocation: no webhook needs to run again'
      : 'no mutating webhook matches this request'
    return { allowed: true, skipped: true, summary: details.length ? `${why} (${details.join('; ')})` : why }
  }
  const verdict: PluginVerdict = {
    allowed: true,
    summary: `${isReinvoke ? 'reinvoked' : 'called'} ${called} mutating webhook${called === 1 ? '' : 's'} one after another (${latency}ms)`,
    details,
    warnings,
    data: traceData(records, latency),
  }
  if (shouldReinvoke && !isReinvoke) verdict.reinvoke = true
  return verdict
}

function validate(attrs: AdmissionAttributes, ctx: AdmissionContext): PluginVerdict {
  if (isExemptConfigurationResource(attrs))
    return {
      allowed: true,
      skipped: true,
      summary: 'webhooks are never called for admission configuration objects',
    }
  const hooks = hooksOf('validating', ctx)
  if (!hooks.length)
    return { allowed: true, skipped: true, summary: 'this cluster has no ValidatingWebhookConfiguration' }
  const details: string[] = []
  const relevant: { hook: Hook; resource: ResourceInfo; notes: string[] }[] = []
  for (const hook of hooks) {
    const should = shouldCallHook(hook.webhook, attrs, ctx)
    if ('error' in should)
      return {
        allowed: false,
        status: should.error,
        summary: `webhook "${hook.webhook.name}": ${should.error.message}`,
        details,
      }
    if (!should.call) details.push(`${hook.webhook.name}: not called (${should.reason})`)
    else relevant.push({ hook, resource: should.invocation.resource, notes: should.invocation.notes })
  }
  if (!relevant.length)
    return {
      allowed: true,
      skipped: true,
      summary: `no validating webhook matches this request (${details.join('; ')})`,
    }
  // All calls start together; each finishes after its latency. The first error to arrive is returned.
  const outcomes = relevant.map(({ hook, resource, notes }, index) => {
    const record = newRecord(hook, ctx)
    const result = callHook('validating', hook, attrs, resource, ctx, record)
    details.push(...notes.map((n) => `${hook.webhook.name}: ${n}`))
    details.push(`${hook.webhook.name}: ${record.outcome} after ${record.latencyMs}ms`)
    for (const note of record.notes ?? []) details.push(`${hook.webhook.name}: ${note}`)
    return { hook, result, record, index }
  })
  const records = outcomes.map((o) => o.record)
  const latency = Math.max(0, ...records.map((r) => r.latencyMs))
  const warnings: string[] = []
  const errors: { status: Status; at: number; index: number }[] = []
  for (const { hook, result, record, index } of outcomes) {
    if (result.kind === 'allowed') warnings.push(...result.warnings)
    else if (result.kind === 'callError') {
      if (hook.webhook.failurePolicy === 'Ignore') {
        record.failureIgnored = true
        details.push(`${hook.webhook.name}: failurePolicy Ignore, failing open: ${result.message}`)
      }
      else errors.push({ status: internalError(result.message), at: record.latencyMs, index })
    } else errors.push({ status: result.status, at: record.latencyMs, index })
  }
  const data = traceData(records, latency)
  if (errors.length) {
    errors.sort((a, b) => a.at - b.at || a.index - b.index)
    const first = errors[0]!.status
    if (errors.length > 1)
      details.push(`${errors.length} webhooks failed the request; the first to answer is returned`)
    return { allowed: false, status: first, summary: first.message ?? '', details, data }
  }
  return {
    allowed: true,
    summary: `called ${relevant.length} validating webhook${relevant.length === 1 ? '' : 's'} in parallel (${latency}ms)`,
    details,
    warnings,
    data,
  }
}

export const mutatingAdmissionWebhook: AdmissionPlugin = { name: 'MutatingAdmissionWebhook', admit }
export const validatingAdmissionWebhook: AdmissionPlugin = { name: 'ValidatingAdmissionWebhook', validate }
