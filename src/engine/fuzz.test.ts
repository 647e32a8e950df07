// A seeded property test of hostile input: mutated manifests, random YAML, raw-ish HTTP requests and scenario
// files. Whatever comes in, the engine answers as kube-apiserver would: no exception escapes, no JavaScript
// error text reaches a response, every refusal is a Status (or the mux's plain-text 404), and a refused
// request leaves etcd as it was. Seeded and bounded, so a failure reproduces and the run stays short.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseManifest, parseScenario } from './scenario/parse'
import { createSimulator, type Simulator } from './simulator'
import { PAGE_NOT_FOUND } from './status'
import type { HttpRequest, RequestResult } from './types'

const SEED = 1919
const JS_ERRORS =
  /Cannot read propert|Cannot set propert|is not a function|is not iterable|is not defined|Maximum call stack|Cannot convert|Invalid array length|Invalid time value|\[object Object\]|undefined is not|Unexpected token|in JSON at position/

const ADMIN = { clientCertificate: { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] } }

const BASES: Record<string, unknown>[] = [
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', labels: { app: 'web' } }, data: { a: '1' } },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'pod', namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '1' } } }] },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
    },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'r' },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
  },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { k: 'v' }, type: 'Opaque' },
]

const weird = fc.oneof(
  fc.constantFrom<unknown>(null, [], {}, '', 0, -1, 2147483648, Number.POSITIVE_INFINITY, Number.NaN, -0, 2 ** 53 + 1, true, 'web?dryRun=All', 'a/b', '__proto__', '..'),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 20 }),
)

type Mutation = { pick: number; action: 'set' | 'delete' | 'add'; key: string; value: unknown }
const mutation: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  action: fc.constantFrom('set' as const, 'delete' as const, 'add' as const),
  key: fc.oneof(fc.constantFrom('name', 'namespace', 'kind', 'apiVersion', 'metadata', 'spec', 'replicas', 'labels', 'bogus', '__proto__'), fc.string({ maxLength: 8 })),
  value: weird,
})

/** Every container in the object, with the key or index under which it holds each child. */
function containers(root: unknown): { node: Record<string, unknown> | unknown[]; key: string | number }[] {
  const out: { node: Record<string, unknown> | unknown[]; key: string | number }[] = []
  const stack: unknown[] = [root]
  while (stack.length) {
    const node = stack.pop()
    if (!node || typeof node !== 'object') continue
    for (const [k, v] of Object.entries(node)) {
      out.push({ node: node as Record<string, unknown>, key: Array.isArray(node) ? Number(k) : k })
      stack.push(v)
    }
  }
  return out
}

function mutate(base: Record<string, unknown>, mutations: Mutation[]): Record<string, unknown> {
  const obj = structuredClone(base)
  for (const m of mutations) {
    const spots = containers(obj)
    const spot = spots[m.pick % Math.max(spots.length, 1)]
    if (!spot) continue
    const target = spot.node as Record<string, unknown>
    if (m.action === 'delete') delete target[spot.key as string]
    else if (m.action === 'set') target[spot.key as string] = m.value
    else {
      const child = target[spot.key as string]
      if (child && typeof child === 'object' && !Array.isArray(child)) Object.defineProperty(child, m.key, { value: m.value, enumerable: true, writable: true, configurable: true })
    }
  }
  return obj
}

function checkResponse(result: RequestResult, label: string): void {
  const { code, body } = result.response
  const text = JSON.stringify(body) ?? ''
  expect(text, label).not.toMatch(JS_ERRORS)
  if (code < 400) return
  if (typeof body === 'string') {
    expect(body, label).toBe(PAGE_NOT_FOUND)
    return
  }
  expect(body, label).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code })
}

/** etcd's revision moves with every write, delete included: equal revisions mean nothing was stored. */
function etcdState(sim: Simulator): number {
  return sim.snapshot().revision
}

/** Runs one request and checks it left no trace when refused. */
function runChecked(sim: Simulator, run: () => RequestResult[], label: string): void {
  const before = etcdState(sim)
  let results: RequestResult[] = []
  expect(() => (results = run()), label).not.toThrow()
  for (const r of results) checkResponse(r, label)
  const last = results.at(-1)
  if (last && last.response.code >= 400) expect(etcdState(sim), `${label}: refused but storage changed`).toBe(before)
}

const VERBS = ['create', 'apply', 'update', 'delete', 'get', 'patch'] as const

describe('hostile input never crashes, leaks a JavaScript error or changes storage on refusal', () => {
  it('mutated manifests through kubectl', () => {
    const sim = createSimulator()
    fc.assert(
      fc.property(
        fc.constantFrom(...BASES),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...VERBS),
        fc.boolean(),
        (base, mutations, verb, serverSide) => {
          const object = mutate(base, mutations)
          const label = `${verb} ${JSON.stringify(object)}`
          const before = etcdState(sim)
          let results: ReturnType<Simulator['run']> = []
          expect(() => (results = sim.run({ verb, object, serverSide, patch: object } as never)), label).not.toThrow()
          for (const r of results) {
            expect(r.kubectl, label).not.toMatch(JS_ERRORS)
            for (const call of r.calls) checkResponse(call, label)
            if (r.calls.length === 0 || r.response.code >= 400) {
              const refusedAtOnce = r.calls.length <= 1
              if (refusedAtOnce) expect(etcdState(sim), `${label}: refused but storage changed`).toBe(before)
            }
          }
        },
      ),
      { seed: SEED, numRuns: 1500 },
    )
  }, 120_000)

  it('random YAML as a manifest', () => {
    const sim = createSimulator()
    const yamlish = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc
        .array(fc.constantFrom('apiVersion: v1\n', 'kind: ConfigMap\n', 'metadata:\n', '  name: x\n', '  name: *a\n', '  name: &a [1]\n', 'data: {a: 1}\n', '---\n', 'replicas: .nan\n', '- - -\n', '  labels: {a: b, a: c}\n', 'kind: [\n', '<<: *b\n', '? [a]\n: b\n', '"\\u0000": x\n', 'x: !!binary aGk=\n', 'y: 1e400\n'), { maxLength: 12 })
        .map((lines) => lines.join('')),
    )
    fc.assert(
      fc.property(yamlish, fc.constantFrom(...VERBS), (manifest, verb) => {
        expect(() => parseManifest(manifest)).not.toThrow()
        runChecked(sim, () => sim.run({ verb, manifest }).flatMap((r) => r.calls), `${verb} ${JSON.stringify(manifest)}`)
      }),
      { seed: SEED, numRuns: 1500 },
    )
  }, 120_000)

  it('raw-ish HTTP requests', () => {
    const sim = createSimulator()
    sim.run({ verb: 'apply', object: BASES[0] })
    const segment = fc.oneof(fc.constantFrom('api', 'apis', 'v1', 'apps', 'namespaces', 'default', 'configmaps', 'cm', 'pods', 'status', 'scale', 'deployments', 'watch', '%2F', '%3F', '..', ''), fc.string({ maxLength: 6 }))
    const path = fc.array(segment, { maxLength: 7 }).chain((parts) =>
      fc.oneof(fc.constant(''), fc.constantFrom('?dryRun=All', '?fieldValidation=Strict', '?fieldManager=%00', '?labelSelector=a%20in%20(', '?limit=-1', '?watch=1', '?fieldSelector=metadata.name%3D')).map((q) => `/${parts.join('/')}${q}`),
    )
    const body = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 40 }),
      weird.map((v) => JSON.stringify(v)),
      fc.constantFrom(...BASES).chain((b) => fc.array(mutation, { maxLength: 3 }).map((m) => JSON.stringify(mutate(b, m)))),
      fc.constantFrom('[{"op":"copy","from":"/data","path":"/x"}]', '[{"op":"replace","path":"/kind","value":"Secret"}]', '{"kind":[]}', '{"metadata":{"name":"cm","name":"x"}}', '{"a":1e400}', `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"d"},"x":${'['.repeat(10_001)}${']'.repeat(10_001)}}`, `{"data":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\n  name: z\n', `x: ${'['.repeat(3_000)}${']'.repeat(3_000)}\n`, 'replicas: .nan\n'),
    )
    const contentType = fc.constantFrom(undefined, 'application/json', 'application/yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml', 'text/plain', 'application/vnd.kubernetes.protobuf')
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE') as fc.Arbitrary<HttpRequest['method']>
    fc.assert(
      fc.property(method, path, body, contentType, (m, p, b, ct) => {
        const req: HttpRequest = { method: m, path: p, ...ADMIN, ...(ct ? { headers: { 'Content-Type': ct } } : {}), ...(b !== undefined ? { body: b } : {}) }
        runChecked(sim, () => [sim.handle(req)], `${m} ${p} ${ct ?? ''} ${b ?? ''}`)
      }),
      { seed: SEED, numRuns: 2000 },
    )
  }, 120_000)

  it('scenario files', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc
        .array(fc.constantFrom('name: x\n', 'cluster:\n', '  objects:\n', '    - {apiVersion: v1, kind: Bogus, metadata: {name: a}}\n', '    - {apiVersion: v1, kind: ConfigMap, metadata: {name: []}}\n', '    - {kind: Namespace}\n', '  users: [{name: 5}]\n', 'requests:\n', '  - {verb: create, manifest: "kind: [", name: r}\n', '  - {verb: delete, resource: pods, name: "a?b"}\n', '  admission: {plugins: 7}\n', '  webhookServers: [{}]\n', 'requests: 3\n'), { maxLength: 10 })
        .map((lines) => lines.join('')),
    )
    fc.assert(
      fc.property(text, (source) => {
        let parsed: ReturnType<typeof parseScenario> | undefined
        expect(() => (parsed = parseScenario(source))).not.toThrow()
        if (!parsed?.ok) return
        const scenario = parsed.value
        let sim: Simulator | undefined
        expect(() => (sim = createSimulator(scenario))).not.toThrow()
        for (const request of scenario.requests ?? []) {
          expect(() => sim!.run(request), JSON.stringify(request)).not.toThrow()
        }
      }),
      { seed: SEED, numRuns: 60 },
    )
  }, 120_000)
})
