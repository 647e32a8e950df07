import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { KubectlResult, RequestResult, TraceEntry } from '../engine'
import { createInlineEngineClient } from '../worker/inlineEngineClient'
import {
  buildTimeline,
  documentRange,
  documentStarts,
  INNER_STEP_MS,
  MOVE_MS,
  QUIET_STEP_MS,
  stepDwellMs,
  stepWait,
  trackSegments,
  WAIT_MARK_MICROS,
} from './timeline'

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

const at = (stage: TraceEntry['stage'], outcome: TraceEntry['outcome'] = 'passed'): TraceEntry => ({
  stage,
  step: stage,
  outcome,
  summary: '',
  at: 1,
})

describe('stepDwellMs', () => {
  it('gives moves to another stage time to glide, steps inside a stage less, idle steps least', () => {
    const steps = buildTimeline([
      result([
        at('http'),
        at('mutating-admission'),
        at('mutating-admission', 'skipped'),
        at('mutating-admission'),
      ]),
    ])
    expect(steps.map((_, i) => stepDwellMs(steps, i))).toEqual([
      MOVE_MS,
      MOVE_MS,
      QUIET_STEP_MS,
      INNER_STEP_MS,
      MOVE_MS,
    ])
    expect(stepDwellMs(steps, 99)).toBe(0)
  })

  it('plays the first example, a Pod create, in at most six seconds at 1×', async () => {
    const steps = buildTimeline(await firstRun('01-pod-created.yaml'))
    expect(steps.length).toBeGreaterThan(20)
    const total = steps.reduce((ms, _, i) => ms + stepDwellMs(steps, i), 0)
    expect(total).toBeLessThanOrEqual(6000)
    expect(total).toBeGreaterThan(3000)
  })
})

describe('documents and the track', () => {
  const many = (n: number) =>
    buildTimeline(
      Array.from({ length: n }, (_, i) =>
        result([at('http'), at('authorization', i === 2 ? 'rejected' : 'passed')]),
      ),
    )

  it('finds where each document starts and the range a position belongs to', () => {
    const steps = many(3)
    expect(documentStarts(steps)).toEqual([0, 3, 6])
    expect(documentRange(steps, 4)).toEqual({ start: 3, end: 6 })
    expect(documentRange(steps, 99)).toEqual({ start: 6, end: 9 })
    expect(documentRange([], 0)).toEqual({ start: 0, end: 0 })
  })

  it('draws few steps as one segment per stage run, toned by what happened there', () => {
    expect(trackSegments(many(3), 100)).toEqual([
      { start: 0, end: 1, tone: 'passed' },
      { start: 1, end: 2, tone: 'passed' },
      { start: 2, end: 3, tone: 'passed' },
      { start: 3, end: 4, tone: 'passed' },
      { start: 4, end: 5, tone: 'passed' },
      { start: 5, end: 6, tone: 'passed' },
      { start: 6, end: 7, tone: 'passed' },
      { start: 7, end: 8, tone: 'rejected' },
      { start: 8, end: 9, tone: 'passed' },
    ])
  })

  it('keeps a thousand documents to at most the given number of segments, rejections still showing', () => {
    const steps = many(1000)
    const segments = trackSegments(steps, 200)
    expect(segments.length).toBeLessThanOrEqual(200)
    expect(segments[0]!.start).toBe(0)
    expect(segments.at(-1)!.end).toBe(steps.length)
    expect(segments.filter((s) => s.tone === 'rejected')).toEqual([{ start: 0, end: 15, tone: 'rejected' }])
    expect(trackSegments([], 10)).toEqual([])
  })
})
