// The trace: one entry per stage and per step inside it, in run order, with virtual time. The UI plays it
// back; the engine never waits. Each step costs a fixed, plausible number of microseconds so that the
// timeline shows where a real API server spends its time (etcd and webhooks, not RBAC).
import type { JsonPatchOperation, Outcome, StageId, TraceEntry } from './types'

const STEP_COST_MICROS: Record<StageId, number> = {
  http: 20,
  authentication: 40,
  impersonation: 30,
  authorization: 30,
  decoding: 60,
  'mutating-admission': 25,
  validation: 50,
  'validating-admission': 25,
  storage: 1500,
}

export interface TraceRecorder {
  readonly entries: TraceEntry[]
  record(
    stage: StageId,
    step: string,
    outcome: Outcome,
    summary: string,
    extra?: {
      details?: string[]
      patch?: JsonPatchOperation[]
      phase?: 'mutating' | 'validating'
      warnings?: string[]
      data?: Record<string, unknown>
      /** Time the step waited on something outside the API server (a webhook's round trip). */
      waitedMicros?: number
    },
  ): void
}

export function createTraceRecorder(): TraceRecorder {
  const entries: TraceEntry[] = []
  let at = 0
  return {
    entries,
    record(stage, step, outcome, summary, extra) {
      at += STEP_COST_MICROS[stage] + (extra?.waitedMicros ?? 0)
      const entry: TraceEntry = { stage, step, outcome, summary, at }
      if (extra?.details?.length) entry.details = extra.details
      if (extra?.patch?.length) entry.patch = extra.patch
      if (extra?.warnings?.length) entry.warnings = extra.warnings
      if (extra?.phase) entry.phase = extra.phase
      if (extra?.data) entry.data = extra.data
      entries.push(entry)
    },
  }
}
