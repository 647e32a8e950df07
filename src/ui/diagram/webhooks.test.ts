import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { ClusterSnapshot, TraceEntry } from '../../engine'
import {
  EMPTY_CONTEXT,
  classifyOutcome,
  decodePatch,
  entryCalls,
  entryPlayMs,
  formatLatency,
  layoutServers,
  scenarioServerKinds,
  serverState,
  serverStatus,
  snapshotWebhookFinder,
  stepTimings,
  traceCalls,
  webhookServers,
  WEBHOOK_WIDTH,
} from './webhooks'
import type { WebhookContext } from './webhooks'

const PATCH = [{ op: 'add', path: '/metadata/labels/injected', value: 'yes' }]
const b64 = (text: string) => btoa(text)

const review = (uid: string) => ({
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
  details: ['namespace.sidecar-injector.istio.io: patched after 15ms'],
  data: {
    latencyMs: 15,
    webhooks: [
      {
        webhook: 'namespace.sidecar-injector.istio.io',
        configuration: 'istio-sidecar-injector',
        latencyMs: 15,
        outcome: 'patched',
        admissionReview: review('uid-1'),
        admissionResponse: {
          uid: 'uid-1',
          allowed: true,
          patch: b64(JSON.stringify(PATCH)),
          patchType: 'JSONPatch',
        },
        notes: ['istiod: injected istio-init and istio-proxy'],
      },
    ],
  },
})

const refused = (name: string) =>
  `call failed: Post "https://checker.policy.svc:443/validate?timeout=10s": dial tcp 10.96.120.15:443: connect: connection refused`.replace(
    'checker.policy',
    name,
  )

const downEntry = (ignore: boolean) =>
  entry({
    stage: 'validating-admission',
    step: 'ValidatingAdmissionWebhook',
    outcome: ignore ? 'passed' : 'rejected',
    details: [
      'lenient.checker.example.com: not called (namespaceSelector does not match the namespace\u2019s labels)',
      `strict.checker.example.com: ${refused('checker.policy')} after 0ms`,
      ...(ignore
        ? [
            'strict.checker.example.com: failurePolicy Ignore, failing open: failed calling webhook "strict.checker.example.com": ...',
          ]
        : []),
    ],
    data: {
      latencyMs: 0,
      webhooks: [
        {
          webhook: 'strict.checker.example.com',
          configuration: 'checker',
          latencyMs: 0,
          outcome: refused('checker.policy'),
          admissionReview: review('uid-2'),
          notes: ['the server is down'],
        },
      ],
    },
  })

describe('classifyOutcome', () => {
  it('reads the dispatcher’s words', () => {
    expect(classifyOutcome('patched', true)).toBe('patched')
    expect(classifyOutcome('allowed', true)).toBe('allowed')
    expect(classifyOutcome('allowed (patch changed nothing)', true)).toBe('allowed')
    expect(classifyOutcome('denied', true)).toBe('denied')
    expect(classifyOutcome(refused('checker.policy'), true)).toBe('refused')
    expect(
      classifyOutcome('call failed: Post "https://x.y.svc:443/?timeout=5s": context deadline exceeded', true),
    ).toBe('timeout')
    expect(
      classifyOutcome('call failed: Post "https://x.y.svc:443/?timeout=5s": service "x" not found', true),
    ).toBe('refused')
    expect(classifyOutcome('call failed: the server could not find the requested resource', true)).toBe(
      'error',
    )
    expect(classifyOutcome('invalid response', true)).toBe('error')
    expect(classifyOutcome('not called: dry run', false)).toBe('not-called')
  })
})

describe('entryCalls', () => {
  it('ignores steps without webhook calls', () => {
    expect(entryCalls(entry({}), 0, EMPTY_CONTEXT)).toEqual([])
    expect(entryPlayMs(entry({}))).toBe(0)
  })

  it('reads an Istio injection: review, response, decoded patch and the server from the configuration', () => {
    const context: WebhookContext = {
      findWebhook: (stage, configuration, name) =>
        stage === 'mutating-admission' && configuration === 'istio-sidecar-injector'
          ? {
              name,
              clientConfig: {
                service: { namespace: 'istio-system', name: 'istiod', path: '/inject', port: 443 },
              },
              failurePolicy: 'Fail',
              timeoutSeconds: 10,
            }
          : undefined,
      serverKinds: new Map([['istio-system/istiod:443', 'istio-sidecar-injector']]),
    }
    const [call] = entryCalls(istioEntry, 7, context)
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
      patch: PATCH,
    })
    expect(call!.review?.request?.uid).toBe('uid-1')
    expect(call!.response?.uid).toBe('uid-1')
  })

  it('falls back to the URL in the error and to the server’s notes when the configuration is unknown', () => {
    const [down] = entryCalls(downEntry(false), 3, EMPTY_CONTEXT)
    expect(down).toMatchObject({
      outcome: 'refused',
      ignored: false,
      service: 'policy/checker:443/validate',
      timeoutSeconds: 10,
      serverKind: 'scenario',
    })
    expect(down!.failurePolicy).toBeUndefined()
    const [istio] = entryCalls(istioEntry, 0, EMPTY_CONTEXT)
    expect(istio!.serverKind).toBe('istio-sidecar-injector')
    expect(istio!.service).toBeNull()
    expect(istio!.serverId).toBe('mutating-admission|webhook namespace.sidecar-injector.istio.io')
  })

  it('tells a failure ignored by failurePolicy from one that failed the request', () => {
    const [ignored] = entryCalls(downEntry(true), 3, EMPTY_CONTEXT)
    expect(ignored!.ignored).toBe(true)
    expect(ignored!.failurePolicy).toBe('Ignore')
    expect(serverState([ignored!])).toBe('ignored')
    const [failed] = entryCalls(downEntry(false), 3, EMPTY_CONTEXT)
    expect(serverState([failed!])).toBe('refused')
  })
})

describe('webhookServers', () => {
  const twoValidating = entry({
    stage: 'validating-admission',
    step: 'ValidatingAdmissionWebhook',
    data: {
      webhooks: [
        {
          webhook: 'a.example.com',
          configuration: 'c',
          latencyMs: 8,
          outcome: 'allowed',
          admissionReview: review('a'),
        },
        {
          webhook: 'b.example.com',
          configuration: 'c',
          latencyMs: 40,
          outcome: 'denied',
          admissionReview: review('b'),
        },
        { webhook: 'c.example.com', configuration: 'c', latencyMs: 0, outcome: 'not called: dry run' },
      ],
    },
  })
  const context: WebhookContext = {
    findWebhook: (_stage, _configuration, name) => ({
      name,
      clientConfig: {
        service: { namespace: 'policy', name: name === 'a.example.com' ? 'one' : 'two', path: '/v' },
      },
    }),
    serverKinds: new Map(),
  }

  it('makes one node per Service actually called, in call order, per admission phase', () => {
    const calls = traceCalls([entry({}), istioEntry, entry({}), twoValidating], context)
    expect(calls.map((c) => c.entry)).toEqual([1, 3, 3, 3])
    const servers = webhookServers(calls)
    expect(servers.map((s) => [s.stage, s.label, s.calls.length])).toEqual([
      ['mutating-admission', 'policy/two:443/v', 1],
      ['validating-admission', 'policy/one:443/v', 1],
      ['validating-admission', 'policy/two:443/v', 1],
    ])
  })

  it('follows playback: idle before its step, calling during it, done after it', () => {
    const [server] = webhookServers(traceCalls([entry({}), istioEntry], EMPTY_CONTEXT))
    expect(serverStatus(server!, 0)).toEqual({ phase: 'idle', done: 0, entry: -1 })
    expect(serverStatus(server!, 1)).toEqual({ phase: 'calling', done: 0, entry: 1 })
    expect(serverStatus(server!, 2)).toEqual({ phase: 'done', done: 1, entry: -1 })
    expect(serverStatus(server!, undefined)).toEqual({ phase: 'done', done: 1, entry: -1 })
  })

  it('shows the call that mattered most', () => {
    const calls = traceCalls([twoValidating], context)
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

describe('scenarioServerKinds', () => {
  it('finds the built-in servers of the bundled scenarios', () => {
    const read = (name: string) => readFileSync(new URL(`../../scenarios/${name}`, import.meta.url), 'utf8')
    expect([...scenarioServerKinds(read('75-istio-sidecar-injection.yaml'))]).toEqual([
      ['istio-system/istiod:443', 'istio-sidecar-injector'],
    ])
    expect([...scenarioServerKinds(read('76-gatekeeper-required-labels.yaml'))]).toEqual([
      ['gatekeeper-system/gatekeeper-webhook-service:443', 'gatekeeper'],
    ])
    expect(scenarioServerKinds(read('77-webhook-down.yaml')).size).toBe(0)
  })

  it('reads block-style services and items that do not start with the service', () => {
    const text = `cluster:
  webhookServers:
  - latencyMs: 3
    builtin: "gatekeeper"
    constraints:
      - kind: K8sRequiredLabels
        name: not-the-service
    service:
      namespace: gk
      name: webhook
      port: 8443
  - service: {namespace: mine, name: own}
    responses: [{allowed: true}]
requests: []
`
    expect([...scenarioServerKinds(text)]).toEqual([['gk/webhook:8443', 'gatekeeper']])
    expect(scenarioServerKinds('name: x\n').size).toBe(0)
  })
})

describe('snapshotWebhookFinder', () => {
  it('finds a webhook in the stored configurations', () => {
    const snapshot = {
      entries: [
        {
          key: '/registry/validatingwebhookconfigurations/checker',
          createRevision: 1,
          modRevision: 1,
          version: 1,
          object: {
            kind: 'ValidatingWebhookConfiguration',
            metadata: { name: 'checker' },
            webhooks: [{ name: 'strict.checker.example.com', clientConfig: {}, failurePolicy: 'Fail' }],
          },
        },
      ],
    } as unknown as ClusterSnapshot
    const find = snapshotWebhookFinder(snapshot)
    expect(find('validating-admission', 'checker', 'strict.checker.example.com')?.failurePolicy).toBe('Fail')
    expect(find('mutating-admission', 'checker', 'strict.checker.example.com')).toBeUndefined()
    expect(snapshotWebhookFinder(null)('validating-admission', 'checker', 'x')).toBeUndefined()
  })
})

describe('small helpers', () => {
  it('decodes base64 JSON patches, and nothing else', () => {
    expect(decodePatch(b64(JSON.stringify(PATCH)))).toEqual(PATCH)
    expect(decodePatch(undefined)).toBeUndefined()
    expect(decodePatch('not base64!')).toBeUndefined()
    expect(decodePatch(b64('{"op":"add"}'))).toBeUndefined()
  })

  it('prints latencies', () => {
    expect(formatLatency(15)).toBe('15 ms')
    expect(formatLatency(5000)).toBe('5 s')
    expect(formatLatency(1500)).toBe('1.5 s')
  })
})
