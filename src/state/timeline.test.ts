import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { KubectlResult, RequestResult, TraceEntry } from '../engine'
import { createInlineEngineClient } from '../worker/inlineEngineClient'
import { buildTimeline, stepWait, WAIT_MARK_MICROS } from './timeline'

const entry = (step: string, at: number): TraceEntry => ({
  stage: 'validating-admission',
  step,
  outcome: 'passed',
  summary: '',
  at,
})

const result = (...traces: TraceEntry[][]): KubectlResult =>
  ({
    calls: traces.map(
      (trace) => ({ trace, response: { code: 201 }, stoppedAt: null }) as unknown as RequestResult,
    ),
  }) as unknown as KubectlResult

/** The results of a bundled scenario's first request, through the engine as the app runs it. */
async function firstRun(file: string): Promise<KubectlResult[]> {
  const engine = createInlineEngineClient()
  const loaded = await engine.load(readFileSync(new URL(`../scenarios/${file}`, import.meta.url), 'utf8'))
  const { manifestText: _, ...request } = loaded.scenario.requests[0]!
  const { results } = await engine.run(request)
  engine.dispose()
  return results
}

describe('buildTimeline', () => {
  it('gives each entry the virtual time it took, starting again with each HTTP call', () => {
    const steps = buildTimeline([result([entry('a', 20), entry('b', 60)], [entry('c', 30)])])
    expect(steps.map((s) => (s.kind === 'entry' ? s.elapsed : s.kind))).toEqual([
      20,
      40,
      'response',
      30,
      'response',
    ])
  })
})

describe('stepWait', () => {
  it('marks only a step that waited outside the API server', () => {
    const steps = buildTimeline([
      result([entry('http', 20), entry('etcd', 1520), entry('webhook', 1520 + WAIT_MARK_MICROS)]),
    ])
    expect(steps.map(stepWait)).toEqual([0, 0, WAIT_MARK_MICROS, 0])
  })

  it('shows the timeout example’s five seconds on its webhook step, and nowhere else', async () => {
    const steps = buildTimeline(await firstRun('78-webhook-timeout.yaml'))
    const waits = steps.filter((s) => stepWait(s) > 0)
    expect(waits).toHaveLength(1)
    expect(waits[0]).toMatchObject({ kind: 'entry', stage: 'validating-admission' })
    expect(stepWait(waits[0]!)).toBe(5_000_000 + 25)
  })

  it('shows Istio’s round trip as a short wait on the mutating webhook step', async () => {
    const results = await firstRun('75-istio-sidecar-injection.yaml')
    const steps = buildTimeline(results)
    const waits = steps.filter((s) => stepWait(s) > 0)
    expect(waits).toHaveLength(1)
    const step = waits[0]!
    if (step.kind !== 'entry') throw new Error('not an entry')
    expect(results[step.result]!.calls[step.call]!.trace[step.entry]!.step).toBe('MutatingAdmissionWebhook')
    expect(stepWait(step)).toBe(15_000 + 25)
  })
})
