// Admission webhook calls, read from the trace: which servers the request reached, what each answered, and
// how long the playback lingers on each leg. The dispatcher records every call in the plugin step's
// `data.webhooks`; the Service a webhook posts to and its timeout and failurePolicy come from the stored
// webhook configuration, and the built-in server kind from the scenario's `cluster.webhookServers`.
import type { ClusterSnapshot, JsonPatchOperation, TraceEntry } from '../../engine'
import type { WebhookCallRecord } from '../../engine/admission/webhook/dispatcher'
import type {
  AdmissionResponse,
  AdmissionReview,
  Webhook,
  WebhookConfiguration,
} from '../../engine/admission/webhook/types'

export type WebhookStage = 'mutating-admission' | 'validating-admission'

/** What came of one call, as the learner would put it. */
export type CallOutcome = 'allowed' | 'patched' | 'denied' | 'refused' | 'timeout' | 'error' | 'not-called'

export type ServerKind = 'istio-sidecar-injector' | 'gatekeeper' | 'scenario'

export const SERVER_KIND_LABELS: Record<ServerKind, string> = {
  'istio-sidecar-injector': 'Istio sidecar injector',
  gatekeeper: 'OPA Gatekeeper',
  scenario: 'Scenario-defined',
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
  /** The call failed and failurePolicy Ignore let the request go on. */
  ignored: boolean
  latencyMs: number
  timeoutSeconds?: number
  failurePolicy?: 'Fail' | 'Ignore'
  /** `namespace/name:port/path`, or the webhook's URL; null when neither is known. */
  service: string | null
  /** The URL the API server posts to, `?timeout=` included. */
  url: string | null
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
  /** `namespace/name:port/path`, a URL, or the webhook's name when the configuration is gone. */
  label: string
  kind: ServerKind
  calls: WebhookCall[]
}

/** Facts the trace leaves out, looked up elsewhere. */
export interface WebhookContext {
  findWebhook(stage: WebhookStage, configuration: string, name: string): Webhook | undefined
  /** Built-in servers by `namespace/name:port`. */
  serverKinds: ReadonlyMap<string, ServerKind>
}

export const EMPTY_CONTEXT: WebhookContext = { findWebhook: () => undefined, serverKinds: new Map() }

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

export function classifyOutcome(result: string, called: boolean): CallOutcome {
  if (result === 'patched') return 'patched'
  if (result.startsWith('allowed')) return 'allowed'
  if (result === 'denied') return 'denied'
  if (result.startsWith('not called')) return 'not-called'
  if (result.startsWith('call failed')) {
    if (result.includes('context deadline exceeded')) return 'timeout'
    if (result.includes('connection refused') || /service ".*" not found/.test(result)) return 'refused'
    return 'error'
  }
  return called ? 'error' : 'not-called'
}

/** `https://name.namespace.svc:port/path?timeout=Ns` as the API server writes it into its errors. */
const SERVICE_URL = /https:\/\/([^./"]+)\.([^./"]+)\.svc:(\d+)([^?"\s]*)\?timeout=(\d+)s/

function serviceLabel(namespace: string, name: string, port: number | undefined, path: string | undefined) {
  return `${namespace}/${name}:${port ?? 443}${path ?? ''}`
}

function urlOf(hook: Webhook): string {
  const timeout = `?timeout=${hook.timeoutSeconds ?? 10}s`
  const svc = hook.clientConfig.service
  if (!svc) return `${hook.clientConfig.url ?? ''}${timeout}`
  return `https://${svc.name}.${svc.namespace}.svc:${svc.port ?? 443}${svc.path || '/'}${timeout}`
}

function kindFromNotes(notes: readonly string[]): ServerKind | undefined {
  if (notes.some((n) => n.startsWith('istiod:'))) return 'istio-sidecar-injector'
  if (notes.some((n) => n.startsWith('gatekeeper'))) return 'gatekeeper'
  return undefined
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
export function entryCalls(entry: TraceEntry, index: number, context: WebhookContext): WebhookCall[] {
  const records = webhookRecords(entry)
  const stage = stageOfEntry(entry)
  if (!records.length || !stage) return []
  const details = entry.details ?? []
  const timings = stepTimings(records.map(latencyOrNull), stage === 'validating-admission')
  return records.map((record, i) => {
    const hook = context.findWebhook(stage, record.configuration, record.webhook)
    const called = record.admissionReview !== undefined
    const ignored = details.some((d) => d.startsWith(`${record.webhook}: failurePolicy Ignore, failing open`))
    const fromError = SERVICE_URL.exec(record.outcome)
    const svc = hook?.clientConfig?.service
    let service: string | null = null
    let url: string | null = null
    if (svc) service = serviceLabel(svc.namespace, svc.name, svc.port, svc.path)
    else if (hook?.clientConfig?.url) service = hook.clientConfig.url
    else if (fromError)
      service = serviceLabel(fromError[2]!, fromError[1]!, Number(fromError[3]), fromError[4] || undefined)
    if (hook) url = urlOf(hook)
    else if (fromError) url = fromError[0]
    const kindKey = svc
      ? `${svc.namespace}/${svc.name}:${svc.port ?? 443}`
      : fromError
        ? `${fromError[2]}/${fromError[1]}:${fromError[3]}`
        : ''
    const serverKind = context.serverKinds.get(kindKey) ?? kindFromNotes(record.notes ?? []) ?? 'scenario'
    const call: WebhookCall = {
      entry: index,
      stage,
      webhook: record.webhook,
      configuration: record.configuration,
      called,
      outcome: classifyOutcome(record.outcome, called),
      result: record.outcome,
      ignored,
      latencyMs: record.latencyMs || 0,
      service,
      url,
      serverKind,
      serverId: `${stage}|${service ?? `webhook ${record.webhook}`}`,
      notes: record.notes ?? [],
      timing: timings[i]!,
    }
    // Without the configuration, the dispatcher's words still tell an ignored failure, and the URL in an
    // error carries the timeout.
    if (hook) call.failurePolicy = hook.failurePolicy ?? 'Fail'
    else if (ignored) call.failurePolicy = 'Ignore'
    if (hook) call.timeoutSeconds = hook.timeoutSeconds ?? 10
    else if (fromError) call.timeoutSeconds = Number(fromError[5])
    if (record.admissionReview) call.review = record.admissionReview
    if (record.admissionResponse) call.response = record.admissionResponse
    const patch = record.patch ?? decodePatch(record.admissionResponse?.patch)
    if (patch) call.patch = patch
    return call
  })
}

/** Every webhook call the HTTP request made, in trace order. */
export function traceCalls(trace: readonly TraceEntry[], context: WebhookContext): WebhookCall[] {
  return trace.flatMap((entry, i) => entryCalls(entry, i, context))
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
        label: call.service ?? call.webhook,
        kind: call.serverKind,
        calls: [],
      }
      servers.set(call.serverId, server)
    }
    server.calls.push(call)
  }
  return [...servers.values()]
}

/** base64 JSON Patch from an AdmissionResponse, decoded; undefined when absent or not JSON. */
export function decodePatch(patch: string | undefined): JsonPatchOperation[] | undefined {
  if (!patch) return undefined
  try {
    const binary = atob(patch)
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
    const ops = JSON.parse(new TextDecoder().decode(bytes)) as unknown
    return Array.isArray(ops) ? (ops as JsonPatchOperation[]) : undefined
  } catch {
    return undefined
  }
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
  for (const { id, centre, top } of wanted) {
    const x = Math.max(centre - WEBHOOK_WIDTH / 2, right + WEBHOOK_GAP)
    out.set(id, { x, y: top })
    right = x + WEBHOOK_WIDTH
  }
  return out
}

// The scenario's servers

function indentOf(line: string): number {
  return line.length - line.trimStart().length
}

const unquote = (v: string) =>
  v
    .trim()
    .replace(/\s+#.*$/, '')
    .replace(/^(['"])(.*)\1$/, '$2')

function flowMap(text: string): Record<string, string> {
  const inner = text.trim().replace(/^\{/, '').replace(/\}.*$/, '')
  const out: Record<string, string> = {}
  for (const part of inner.split(',')) {
    const at = part.indexOf(':')
    if (at > 0) out[part.slice(0, at).trim()] = unquote(part.slice(at + 1))
  }
  return out
}

const BUILTINS: readonly ServerKind[] = ['istio-sidecar-injector', 'gatekeeper']

/**
 * The built-in servers a scenario declares under `cluster.webhookServers`, by `namespace/name:port`. The
 * main thread does not parse YAML, so this reads the block as scenarios write it (block or flow style
 * `service`); anything it does not recognise is simply not a built-in.
 */
export function scenarioServerKinds(text: string): Map<string, ServerKind> {
  const out = new Map<string, ServerKind>()
  const lines = text.split(/\r?\n/)
  const start = lines.findIndex((l) => /^\s*webhookServers:\s*(#.*)?$/.test(l))
  if (start < 0) return out
  const keyIndent = indentOf(lines[start]!)
  const block: string[] = []
  for (const line of lines.slice(start + 1)) {
    const trimmed = line.trim()
    if (!trimmed || trimmed.startsWith('#')) continue
    const indent = indentOf(line)
    if (indent < keyIndent || (indent === keyIndent && !trimmed.startsWith('-'))) break
    block.push(line)
  }
  if (!block.length) return out
  const itemIndent = indentOf(block[0]!)
  const items: string[][] = []
  for (const line of block) {
    const trimmed = line.trimStart()
    if (indentOf(line) === itemIndent && (trimmed === '-' || trimmed.startsWith('- '))) {
      items.push([`${' '.repeat(itemIndent)}  ${trimmed.slice(1).trimStart()}`])
    } else items.at(-1)?.push(line)
  }
  for (const item of items) {
    const keyAt = itemIndent + 2
    let kind: ServerKind | undefined
    let service: Record<string, string> | undefined
    item.forEach((line, i) => {
      if (indentOf(line) !== keyAt) return
      const builtin = /^\s*builtin:\s*(.+)$/.exec(line)
      if (builtin) {
        const value = unquote(builtin[1]!) as ServerKind
        if (BUILTINS.includes(value)) kind = value
      }
      const svc = /^\s*service:\s*(.*)$/.exec(line)
      if (svc) {
        if (svc[1]!.trim().startsWith('{')) service = flowMap(svc[1]!)
        else {
          service = {}
          for (const next of item.slice(i + 1)) {
            if (indentOf(next) <= keyAt) break
            const pair = /^\s*([\w-]+):\s*(.*)$/.exec(next)
            if (pair) service[pair[1]!] = unquote(pair[2]!)
          }
        }
      }
    })
    if (kind && service?.namespace && service.name)
      out.set(`${service.namespace}/${service.name}:${service.port || 443}`, kind)
  }
  return out
}

/** The stored webhook configurations of a cluster snapshot, as a lookup. */
export function snapshotWebhookFinder(snapshot: ClusterSnapshot | null): WebhookContext['findWebhook'] {
  const configs = new Map<string, WebhookConfiguration>()
  for (const entry of snapshot?.entries ?? []) {
    const match = /^\/registry\/(mutating|validating)webhookconfigurations\/(.+)$/.exec(entry.key)
    if (match) configs.set(`${match[1]}/${match[2]}`, entry.object as WebhookConfiguration)
  }
  return (stage, configuration, name) => {
    const phase = stage === 'mutating-admission' ? 'mutating' : 'validating'
    return configs.get(`${phase}/${configuration}`)?.webhooks?.find((w) => w.name === name)
  }
}
