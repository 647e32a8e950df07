// Admission webhook calls, read from the trace: which servers the request reached, what each answered, and
// how long the playback lingers on each leg. The dispatcher records every call, with the webhook's Service,
// URL, timeout, failurePolicy and the server behind it, in the plugin step's `data.webhooks`.
import type { JsonPatchOperation, TraceEntry } from '../../engine'
import type { WebhookCallRecord } from '../../engine/admission/webhook/dispatcher'
import type { CallFailure } from '../../engine/admission/webhook/servers'
import type { AdmissionResponse, AdmissionReview } from '../../engine/admission/webhook/types'

export type WebhookStage = 'mutating-admission' | 'validating-admission'

/** What came of one call, as the learner would put it. */
export type CallOutcome = 'allowed' | 'patched' | 'denied' | 'refused' | 'timeout' | 'error' | 'not-called'

/** What stands behind the webhook's Service; `none` when nothing listens there. */
export type ServerKind = NonNullable<WebhookCallRecord['server']> | 'none'

export const SERVER_KIND_LABELS: Record<ServerKind, string> = {
  'istio-sidecar-injector': 'Istio sidecar injector',
  gatekeeper: 'OPA Gatekeeper',
  scenario: 'Scenario-defined',
  none: 'No server',
}

/** Milliseconds at 1× speed. */
export interface CallTiming {
  start: number
  out: number
  wait: number
  back: number
}

export interface WebhookCall {
  /** Index of the plugin step in the call's trace. */
  entry: number
  stage: WebhookStage
  webhook: string
  configuration: string
  /** Whether the AdmissionReview went out (a dry-run refusal, for one, stops before calling). */
  called: boolean
  outcome: CallOutcome
  /** The dispatcher's own words. */
  result: string
  /** Why the call itself failed, when it did. */
  failure?: CallFailure
  /** The call failed and failurePolicy Ignore let the request go on. */
  ignored: boolean
  latencyMs: number
  timeoutSeconds: number
  failurePolicy: 'Fail' | 'Ignore'
  /** `namespace/name:port/path`, or the webhook's URL. */
  service: string
  /** The URL the API server posts to, `?timeout=` included. */
  url: string
  serverKind: ServerKind
  serverId: string
  review?: AdmissionReview
  response?: AdmissionResponse
  patch?: JsonPatchOperation[]
  notes: string[]
  timing: CallTiming
}

export interface WebhookServer {
  id: string
  stage: WebhookStage
  /** `namespace/name:port/path`, or a URL. */
  label: string
  kind: ServerKind
  calls: WebhookCall[]
}

const STEP_NAMES: Record<string, WebhookStage> = {
  MutatingAdmissionWebhook: 'mutating-admission',
  ValidatingAdmissionWebhook: 'validating-admission',
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

function isRecord(v: unknown): v is WebhookCallRecord {
  return isObject(v) && typeof v.webhook === 'string' && typeof v.outcome === 'string'
}

/** The records of a webhook plugin step, or none for any other step. */
export function webhookRecords(entry: TraceEntry): WebhookCallRecord[] {
  const list = entry.data?.webhooks
  return Array.isArray(list) ? list.filter(isRecord) : []
}

export function stageOfEntry(entry: TraceEntry): WebhookStage | null {
  if (STEP_NAMES[entry.step]) return STEP_NAMES[entry.step]!
  if (entry.stage === 'mutating-admission' || entry.stage === 'validating-admission') return entry.stage
  return null
}

export function classifyOutcome(record: WebhookCallRecord): CallOutcome {
  switch (record.failure) {
    case 'timeout':
      return 'timeout'
    case 'connection refused':
    case 'service not found':
      return 'refused'
    case 'path not found':
      return 'error'
  }
  const result = record.outcome
  if (result === 'patched') return 'patched'
  if (result.startsWith('allowed')) return 'allowed'
  if (result === 'denied') return 'denied'
  return record.admissionReview ? 'error' : 'not-called'
}

/** `namespace/name:port/path` of the Service; a URL webhook is shown by its URL. */
function endpointOf(record: WebhookCallRecord): string {
  const svc = record.service
  if (svc) return `${svc.namespace}/${svc.name}:${svc.port}${svc.path === '/' ? '' : svc.path}`
  const query = `?timeout=${record.timeoutSeconds}s`
  return record.url.endsWith(query) ? record.url.slice(0, -query.length) : record.url
}

/** Virtual latency squeezed into playback time: a 5 s timeout must not hold the screen for 5 s. */
const LEG_MS = 320
const HOLD_MS = 360
const MAX_WAIT_MS = 1600

function waitBudget(latencyMs: number): number {
  if (latencyMs <= 0) return 0
  return Math.min(MAX_WAIT_MS, Math.round(220 + 320 * Math.log10(1 + latencyMs)))
}

/**
 * When each call of one plugin step leaves and comes back. Mutating webhooks run one after another, each
 * on the object the previous one patched; validating webhooks all leave together. Within a step the
 * waits are proportional to the calls' latencies, so the first to answer is seen answering first.
 */
export function stepTimings(latencies: readonly (number | null)[], parallel: boolean): CallTiming[] {
  const max = Math.max(0, ...latencies.map((l) => l ?? 0))
  const budget = waitBudget(max)
  let clock = 0
  return latencies.map((latency) => {
    if (latency === null) return { start: clock, out: 0, wait: 0, back: 0 }
    const wait = max > 0 ? Math.round((budget * latency) / max) : 0
    const timing = { start: parallel ? 0 : clock, out: LEG_MS, wait, back: LEG_MS }
    if (!parallel) clock += LEG_MS + wait + LEG_MS
    return timing
  })
}

/** How long playback stays on a webhook step at 1× speed: every leg, then a moment to read the answers. */
export function stepDurationMs(timings: readonly CallTiming[]): number {
  const end = Math.max(0, ...timings.map((t) => (t.out ? t.start + t.out + t.wait + t.back : 0)))
  return end ? end + HOLD_MS : 0
}

/** Playback time of a trace entry's webhook calls; 0 when it called none. */
export function entryPlayMs(entry: TraceEntry): number {
  const records = webhookRecords(entry)
  if (!records.length) return 0
  const parallel = stageOfEntry(entry) === 'validating-admission'
  return stepDurationMs(stepTimings(records.map(latencyOrNull), parallel))
}

const latencyOrNull = (r: WebhookCallRecord) => (r.admissionReview ? Math.max(0, r.latencyMs || 0) : null)

/** Every webhook call of one trace entry (`index` is its place in the trace). */
export function entryCalls(entry: TraceEntry, index: number): WebhookCall[] {
  const records = webhookRecords(entry)
  const stage = stageOfEntry(entry)
  if (!records.length || !stage) return []
  const timings = stepTimings(records.map(latencyOrNull), stage === 'validating-admission')
  return records.map((record, i) => {
    const service = endpointOf(record)
    const call: WebhookCall = {
      entry: index,
      stage,
      webhook: record.webhook,
      configuration: record.configuration,
      called: record.admissionReview !== undefined,
      outcome: classifyOutcome(record),
      result: record.outcome,
      ignored: record.failureIgnored === true,
      latencyMs: record.latencyMs || 0,
      timeoutSeconds: record.timeoutSeconds,
      failurePolicy: record.failurePolicy,
      service,
      url: record.url,
      serverKind: record.server ?? 'none',
      serverId: `${stage}|${service}`,
      notes: record.notes ?? [],
      timing: timings[i]!,
    }
    if (record.failure) call.failure = record.failure
    if (record.admissionReview) call.review = record.admissionReview
    if (record.admissionResponse) call.response = record.admissionResponse
    if (record.patch) call.patch = record.patch
    return call
  })
}

/** Every webhook call the HTTP request made, in trace order. */
export function traceCalls(trace: readonly TraceEntry[]): WebhookCall[] {
  return trace.flatMap((entry, i) => entryCalls(entry, i))
}

/** One server per Service (and admission phase) that was actually called, in the order first called. */
export function webhookServers(calls: readonly WebhookCall[]): WebhookServer[] {
  const servers = new Map<string, WebhookServer>()
  for (const call of calls) {
    if (!call.called) continue
    let server = servers.get(call.serverId)
    if (!server) {
      server = {
        id: `webhook:${call.serverId}`,
        stage: call.stage,
        label: call.service,
        kind: call.serverKind,
        calls: [],
      }
      servers.set(call.serverId, server)
    }
    server.calls.push(call)
  }
  return [...servers.values()]
}

// Playback

export type ServerPhase = 'idle' | 'calling' | 'done'

export interface ServerStatus {
  phase: ServerPhase
  /** Calls that have come back by this step. */
  done: number
  /** The trace entry calling the server now, or -1. */
  entry: number
}

/** Where a server is at a playback step of the same HTTP call (`entry` is undefined at the response). */
export function serverStatus(server: WebhookServer, entry: number | undefined): ServerStatus {
  if (entry === undefined) return { phase: 'done', done: server.calls.length, entry: -1 }
  const done = server.calls.filter((c) => c.entry < entry).length
  const calling = server.calls.some((c) => c.entry === entry)
  return { phase: calling ? 'calling' : done ? 'done' : 'idle', done, entry: calling ? entry : -1 }
}

export type ServerState = Exclude<CallOutcome, 'not-called'> | 'ignored'

const SEVERITY: ServerState[] = ['allowed', 'patched', 'ignored', 'denied', 'error', 'timeout', 'refused']

export function callState(call: WebhookCall): ServerState {
  if (call.ignored) return 'ignored'
  return call.outcome === 'not-called' ? 'error' : call.outcome
}

/** What a server node shows for its calls so far: the one that mattered most to the request. */
export function serverState(calls: readonly WebhookCall[]): ServerState | null {
  let worst: ServerState | null = null
  for (const call of calls) {
    const state = callState(call)
    if (worst === null || SEVERITY.indexOf(state) > SEVERITY.indexOf(worst)) worst = state
  }
  return worst
}

export const STATE_LABELS: Record<ServerState, string> = {
  allowed: 'allowed',
  patched: 'patched',
  denied: 'denied',
  refused: 'down: connection refused',
  timeout: 'timed out',
  error: 'call failed',
  ignored: 'failed, ignored by failurePolicy',
}

/** The word the answer carries back to the API server. */
export const REPLY_LABELS: Record<ServerState, string> = {
  allowed: 'allowed',
  patched: 'patch',
  denied: 'denied',
  refused: 'refused',
  timeout: 'timeout',
  error: 'error',
  ignored: 'failed',
}

export function formatLatency(ms: number): string {
  if (ms >= 1000) return `${Number((ms / 1000).toFixed(ms % 1000 ? 1 : 0))} s`
  return `${ms} ms`
}

// Layout

export const WEBHOOK_WIDTH = 240
const WEBHOOK_GAP = 18
/** Room between the lowest admission node and the servers, for the calls' lines. */
export const WEBHOOK_DROP = 44

/**
 * Top-left corners of the server nodes: under the admission stage that calls them (`tops` clears each
 * stage's node), each as close as it can be to that stage's centre, never overlapping a neighbour.
 */
export function layoutServers(
  servers: readonly WebhookServer[],
  centres: Record<WebhookStage, number>,
  tops: Record<WebhookStage, number>,
): Map<string, { x: number; y: number }> {
  const byStage = (stage: WebhookStage) => servers.filter((s) => s.stage === stage)
  const wanted: { id: string; centre: number; top: number }[] = []
  for (const stage of ['mutating-admission', 'validating-admission'] as const) {
    const group = byStage(stage)
    group.forEach((s, i) =>
      wanted.push({
        id: s.id,
        centre: centres[stage] + (i - (group.length - 1) / 2) * (WEBHOOK_WIDTH + WEBHOOK_GAP),
        top: tops[stage],
      }),
    )
  }
  const out = new Map<string, { x: number; y: number }>()
  let right = -Infinity
  let row = NaN
  for (const { id, centre, top } of wanted) {
    // Servers only push each other aside within one row; a narrow diagram hangs the two stages' servers in different rows.
    if (top !== row) right = -Infinity
    row = top
    const x = Math.max(centre - WEBHOOK_WIDTH / 2, right + WEBHOOK_GAP)
    out.set(id, { x, y: top })
    right = x + WEBHOOK_WIDTH
  }
  return out
}
