// The webhook scenarios (src/scenarios/7[5-9]-*.yaml) end to end: the simulator hands the scenario's
// cluster.webhookServers to the admission context, and the stored objects show what the webhooks did.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseScenario } from '../../scenario/parse'
import { createSimulator } from '../../simulator'

const dir = join(import.meta.dirname, '..', '..', '..', 'scenarios')
const files = readdirSync(dir).filter((f) => /^7[5-9]-.*\.yaml$/.test(f))

function load(file: string) {
  const parsed = parseScenario(readFileSync(join(dir, file), 'utf8'))
  if (!parsed.ok) throw new Error(parsed.error)
  return { scenario: parsed.value, simulator: createSimulator(parsed.value) }
}

describe('webhook scenarios', () => {
  it('there are five', () => expect(files).toHaveLength(5))

  it.each(files)('%s has the outcomes it declares', (file) => {
    const { scenario, simulator } = load(file)
    for (const request of scenario.requests ?? []) {
      expect(request.expect).toBeDefined()
      for (const result of simulator.run(request)) {
        const label = `${file}: ${result.name}`
        if (request.expect?.code !== undefined) expect(result.response.code, label).toBe(request.expect.code)
        if (request.expect?.stoppedAt !== undefined)
          expect(result.stoppedAt, label).toBe(request.expect.stoppedAt)
        if (request.expect?.kubectl !== undefined) expect(result.kubectl, label).toBe(request.expect.kubectl)
      }
    }
  })

  it('the AdmissionReview carries the CreateOptions kubectl sent', () => {
    const { scenario, simulator } = load('75-istio-sidecar-injection.yaml')
    const [result] = simulator.run(scenario.requests![0]!)
    const entry = result!.calls.at(-1)!.trace.find((e) => e.data?.admissionReview)
    const review = entry!.data!.admissionReview as { request: { operation: string; options: unknown } }
    expect(review.request.operation).toBe('CREATE')
    expect(review.request.options).toEqual({
      kind: 'CreateOptions',
      apiVersion: 'meta.k8s.io/v1',
      fieldManager: 'kubectl-create',
      fieldValidation: 'Strict',
    })
  })

  it('timeout: the virtual clock waits for the webhook until its timeout', () => {
    const { scenario, simulator } = load('78-webhook-timeout.yaml')
    const [result] = simulator.run(scenario.requests![0]!)
    const trace = result!.calls.at(-1)!.trace
    const i = trace.findIndex((e) => typeof e.data?.latencyMs === 'number' && (e.data.latencyMs as number) > 0)
    const waited = (trace[i]!.data!.latencyMs as number) * 1000
    expect(waited).toBeGreaterThan(0)
    expect(trace[i]!.at - trace[i - 1]!.at).toBe(25 + waited)
  })

  it('istio: the stored Pod has the sidecar, the opted-out one does not', () => {
    const { scenario, simulator } = load('75-istio-sidecar-injection.yaml')
    const [web, batch] = scenario.requests!.slice(0, 2).map((r) => simulator.run(r)[0]!)
    const body = web!.response.body as {
      spec: { containers: { name: string }[]; initContainers: { name: string }[] }
    }
    expect(body.spec.containers.map((c) => c.name)).toEqual(['web', 'istio-proxy'])
    expect(body.spec.initContainers.map((c) => c.name)).toEqual(['istio-init'])
    const step = web!.calls.at(-1)!.trace.find((t) => t.step === 'MutatingAdmissionWebhook')!
    expect(step.outcome).toBe('mutated')
    expect((batch!.response.body as { spec: { containers: unknown[] } }).spec.containers).toHaveLength(1)
  })
})
