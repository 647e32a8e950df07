import { describe, expect, it } from 'vitest'
import type { TraceEntry } from '../../engine'
import type { WebhookCallRecord } from '../../engine/admission/webhook/dispatcher'
import type { AdmissionReview } from '../../engine/admission/webhook/types'
import {
  classifyOutcome,
  entryCalls,
  entryPlayMs,
  formatLatency,
  layoutServers,
  serverState,
  serverStatus,
  stepTimings,
  traceCalls,
  webhookServers,
  WEBHOOK_WIDTH,
} from './webhooks'

const PATCH = [{ op: 'add' as const, path: '/metadata/labels/injected', value: 'yes' }]

const review = (uid: string): AdmissionReview => ({
  kind: 'AdmissionReview',
  apiVersion: 'admission.k8s.io/v1',
  request: {
    uid,
    kind: { group: '', version: 'v1', kind: 'Pod' },
    resource: { group: '', version: 'v1', resource: 'pods' },
    requestKind: { group: '', version: 'v1', kind: 'Pod' },
    requestResource: { group: '', version: 'v1', resource: 'pods' },
    name: 'web',
    namespace: 'shop',
    operation: 'CREATE',
    userInfo: { username: 'kubernetes-admin' },
    object: { apiVersion: 'v1', kind: 'Pod' },
    oldObject: null,
    dryRun: false,
  },
})

/** A call record as the dispatcher writes it, to a Service `policy/<name>` at `/validate`. */
function record(over: Partial<WebhookCallRecord> & { webhook: string }): WebhookCallRecord {
  const name = over.service?.name ?? 'checker'
  return {
    configuration: 'checker',
    url: `https://${name}.policy.svc:443/validate?timeout=10s`,
    service: { namespace: 'policy', name, port: 443, path: '/validate' },
    server: 'scenario',
    timeoutSeconds: 10,
    failurePolicy: 'Fail',
    latencyMs: 0,
    outcome: 'allowed',
    ...over,
  }
}

const entry = (over: Partial<TraceEntry>): TraceEntry => ({
  stage: 'mutating-admission',
  step: 'NamespaceLifecycle',
  outcome: 'passed',
  summary: '',
  at: 0,
  ...over,
})

const istioEntry = entry({
  step: 'MutatingAdmissionWebhook',
  outcome: 'mutated',
  data: {
    latencyMs: 15,
    webhooks: [
      record({
        webhook: 'namespace.sidecar-injector.istio.io',
        configuration: 'istio-sidecar-injector',
        url: 'https://istiod.istio-system.svc:443/inject?timeout=10s',
        service: { namespace: 'istio-system', name: 'istiod', port: 443, path: '/inject' },
        server: 'istio-sidecar-injector',
        latencyMs: 15,
        outcome: 'patched',
        admissionReview: review('uid-1'),
        admissionResponse: {
          uid: 'uid-1',
          allowed: true,
          patch: btoa(JSON.stringify(PATCH)),
          patchType: 'JSONPatch',
        },
        patch: PATCH,
        notes: ['istiod: injected istio-init and istio-proxy'],
      }),
    ],
  },
})

const REFUSED =
  'call failed: Post "https://checker.policy.svc:443/validate?timeout=10s": dial tcp 10.96.120.15:443: connect: connection refused'

const downEntry = (ignore: boolean) =>
  entry({
    stage: 'validating-admission',
    step: 'ValidatingAdmissionWebhook',
    outcome: ignore ? 'passed' : 'rejected',
    data: {
      latencyMs: 0,
      webhooks: [
        record({
          webhook: 'strict.checker.example.com',
          failurePolicy: ignore ? 'Ignore' : 'Fail',
          outcome: REFUSED,
          failure: 'connection refused',
          ...(ignore ? { failureIgnored: true } : {}),
          admissionReview: review('uid-2'),
          notes: ['the server is down'],
        }),
      ],
    },
  })

describe('classifyOutcome', () => {
  const of = (over: Partial<WebhookCallRecord>) =>
    classifyOutcome(record({ webhook: 'w', admissionReview: review('u'), ...over }))

  it('reads the answer, or why the call failed', () => {
    expect(of({ outcome: 'patched' })).toBe('patched')
    expect(of({ outcome: 'allowed' })).toBe('allowed')
    expect(of({ outcome: 'allowed (patch changed nothing)' })).toBe('allowed')
    expect(of({ outcome: 'denied' })).toBe('denied')
    expect(of({ outcome: REFUSED, failure: 'connection refused' })).toBe('refused')
    expect(of({ outcome: 'call failed: …', failure: 'service not found' })).toBe('refused')
    expect(of({ outcome: 'call failed: …', failure: 'timeout', latencyMs: 5000 })).toBe('timeout')
    expect(of({ outcome: 'call failed: …', failure: 'path not found' })).toBe('error')
    expect(of({ outcome: 'invalid response' })).toBe('error')
    const { admissionReview: _, ...notCalled } = record({ webhook: 'w', outcome: 'not called: dry run' })
    expect(classifyOutcome(notCalled)).toBe('not-called')
  })
})

describe('entryCalls', () => {
  it('ignores steps without webhook calls', () => {
    expect(entryCalls(entry({}), 0)).toEqual([])
    expect(entryPlayMs(entry({}))).toBe(0)
  })

  it('reads an Istio injection: review, response, patch and the server, all from the call record', () => {
    const [call] = entryCalls(istioEntry, 7)
    expect(call).toMatchObject({
      entry: 7,
      stage: 'mutating-admission',
      called: true,
      outcome: 'patched',
      ignored: false,
      latencyMs: 15,
      timeoutSeconds: 10,
      failurePolicy: 'Fail',
      service: 'istio-system/istiod:443/inject',
      url: 'https://istiod.istio-system.svc:443/inject?timeout=10s',
      serverKind: 'istio-sidecar-injector',
      serverId: 'mutating-admission|istio-system/istiod:443/inject',
      patch: PATCH,
    })
    expect(call!.review?.request?.uid).toBe('uid-1')
    expect(call!.response?.uid).toBe('uid-1')
    expect(call!.failure).toBeUndefined()
  })

  it('names the endpoint without a root path, and a URL webhook by its URL', () => {
    const calls = entryCalls(
      entry({
        stage: 'validating-admission',
        step: 'ValidatingAdmissionWebhook',
        data: {
          webhooks: [
            record({
              webhook: 'root',
              service: { namespace: 'policy', name: 'root', port: 8443, path: '/' },
            }),
            record({
              webhook: 'external',
              url: 'https://hooks.example.com/check?timeout=3s',
              timeoutSeconds: 3,
              service: undefined,
              server: undefined,
              outcome: 'call failed: …',
              failure: 'connection refused',
            }),
          ],
        },
      }),
      0,
    )
    expect(calls.map((c) => [c.service, c.serverKind])).toEqual([
      ['policy/root:8443', 'scenario'],
      ['https://hooks.example.com/check', 'none'],
    ])
  })

  it('tells a failure ignored by failurePolicy from one that failed the request', () => {
    const [ignored] = entryCalls(downEntry(true), 3)
    expect(ignored).toMatchObject({ ignored: true, failurePolicy: 'Ignore', failure: 'connection refused' })
    expect(serverState([ignored!])).toBe('ignored')
    const [failed] = entryCalls(downEntry(false), 3)
    expect(failed).toMatchObject({ ignored: false, failurePolicy: 'Fail', outcome: 'refused' })
    expect(serverState([failed!])).toBe('refused')
  })

  it('has no server kind when nothing listens behind the Service', () => {
    const [call] = entryCalls(
      entry({
        stage: 'validating-admission',
        step: 'ValidatingAdmissionWebhook',
        data: { webhooks: [record({ webhook: 'w', server: undefined, failure: 'connection refused' })] },
      }),
      0,
    )
    expect(call!.serverKind).toBe('none')
  })
})

describe('webhookServers', () => {
  const twoValidating = entry({
    stage: 'validating-admission',
    step: 'ValidatingAdmissionWebhook',
    data: {
      webhooks: [
        record({
          webhook: 'a.example.com',
          service: { namespace: 'policy', name: 'one', port: 443, path: '/v' },
          latencyMs: 8,
          admissionReview: review('a'),
        }),
        record({
          webhook: 'b.example.com',
          service: { namespace: 'policy', name: 'two', port: 443, path: '/v' },
          latencyMs: 40,
          outcome: 'denied',
          admissionReview: review('b'),
        }),
        record({ webhook: 'c.example.com', outcome: 'not called: dry run' }),
      ],
    },
  })

  it('makes one node per Service actually called, in call order, per admission phase', () => {
    const calls = traceCalls([entry({}), istioEntry, entry({}), twoValidating])
    expect(calls.map((c) => c.entry)).toEqual([1, 3, 3, 3])
    const servers = webhookServers(calls)
    expect(servers.map((s) => [s.stage, s.label, s.kind, s.calls.length])).toEqual([
      ['mutating-admission', 'istio-system/istiod:443/inject', 'istio-sidecar-injector', 1],
      ['validating-admission', 'policy/one:443/v', 'scenario', 1],
      ['validating-admission', 'policy/two:443/v', 'scenario', 1],
    ])
  })

  it('follows playback: idle before its step, calling during it, done after it', () => {
    const [server] = webhookServers(traceCalls([entry({}), istioEntry]))
    expect(serverStatus(server!, 0)).toEqual({ phase: 'idle', done: 0, entry: -1 })
    expect(serverStatus(server!, 1)).toEqual({ phase: 'calling', done: 0, entry: 1 })
    expect(serverStatus(server!, 2)).toEqual({ phase: 'done', done: 1, entry: -1 })
    expect(serverStatus(server!, undefined)).toEqual({ phase: 'done', done: 1, entry: -1 })
  })

  it('shows the call that mattered most', () => {
    const calls = traceCalls([twoValidating])
    expect(serverState(calls.slice(0, 2))).toBe('denied')
    expect(serverState([])).toBeNull()
  })
})

describe('stepTimings', () => {
  it('sends validating webhooks together, waiting in proportion to their latencies', () => {
    const [fast, slow] = stepTimings([8, 40], true)
    expect(fast!.start).toBe(0)
    expect(slow!.start).toBe(0)
    expect(fast!.wait / slow!.wait).toBeCloseTo(8 / 40, 1)
  })

  it('calls mutating webhooks one after another', () => {
    const [first, second] = stepTimings([15, 15], false)
    expect(first!.start).toBe(0)
    expect(second!.start).toBe(first!.out + first!.wait + first!.back)
  })

  it('keeps long timeouts short on screen, and connection refused bounces straight back', () => {
    const [timeout] = stepTimings([5000], true)
    expect(timeout!.wait).toBeLessThanOrEqual(1600)
    expect(timeout!.wait).toBeGreaterThan(stepTimings([15], true)[0]!.wait)
    expect(stepTimings([0], true)[0]!.wait).toBe(0)
    expect(stepTimings([null], true)[0]!.out).toBe(0)
  })

  it('plays a five-second timeout in well under five seconds', () => {
    const timeout = entry({
      stage: 'validating-admission',
      step: 'ValidatingAdmissionWebhook',
      data: {
        latencyMs: 5000,
        webhooks: [
          record({
            webhook: 'slow',
            latencyMs: 5000,
            outcome: 'call failed: …',
            failure: 'timeout',
            admissionReview: review('u'),
          }),
        ],
      },
    })
    expect(entryPlayMs(timeout)).toBeGreaterThan(entryPlayMs(downEntry(false)))
    expect(entryPlayMs(timeout)).toBeLessThan(3000)
  })

  it('gives a webhook step enough time for every leg', () => {
    expect(entryPlayMs(istioEntry)).toBeGreaterThan(1000)
    expect(entryPlayMs(downEntry(false))).toBeGreaterThan(600)
  })
})

describe('layoutServers', () => {
  const server = (id: string, stage: 'mutating-admission' | 'validating-admission') => ({
    id,
    stage,
    label: id,
    kind: 'scenario' as const,
    calls: [],
  })

  it('centres a lone server under the stage that calls it', () => {
    const at = layoutServers(
      [server('m', 'mutating-admission'), server('v', 'validating-admission')],
      { 'mutating-admission': 300, 'validating-admission': 700 },
      { 'mutating-admission': 320, 'validating-admission': 280 },
    )
    expect(at.get('m')).toEqual({ x: 300 - WEBHOOK_WIDTH / 2, y: 320 })
    expect(at.get('v')).toEqual({ x: 700 - WEBHOOK_WIDTH / 2, y: 280 })
  })

  it('never overlaps neighbours', () => {
    const servers = [
      server('m1', 'mutating-admission'),
      server('m2', 'mutating-admission'),
      server('m3', 'mutating-admission'),
      server('v1', 'validating-admission'),
      server('v2', 'validating-admission'),
    ]
    const at = layoutServers(
      servers,
      { 'mutating-admission': 300, 'validating-admission': 600 },
      { 'mutating-admission': 0, 'validating-admission': 0 },
    )
    const xs = servers.map((s) => at.get(s.id)!.x)
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(WEBHOOK_WIDTH)
  })
})

describe('formatLatency', () => {
  it('prints latencies', () => {
    expect(formatLatency(15)).toBe('15 ms')
    expect(formatLatency(5000)).toBe('5 s')
    expect(formatLatency(1500)).toBe('1.5 s')
  })
})
