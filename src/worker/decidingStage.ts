// Where a request ended, for the inspector to open on: the stage that refused it, else the stage that
// changed the object most (by patch operations), else where the outcome was written or read (storage).
import type { KubectlResult, StageId } from '../engine'

export function decidingStage(results: readonly KubectlResult[]): StageId | null {
  if (results.length === 0) return null
  const refused = results.find((r) => r.stoppedAt !== null)
  if (refused) return refused.stoppedAt
  const changes = new Map<StageId, number>()
  let reached: StageId | null = null
  for (const result of results) {
    for (const call of result.calls) {
      for (const entry of call.trace) {
        const ops = entry.patch?.length ?? 0
        if (ops > 0) changes.set(entry.stage, (changes.get(entry.stage) ?? 0) + ops)
        if (entry.stage === 'storage') reached = 'storage'
      }
    }
  }
  let best: StageId | null = null
  for (const [stage, ops] of changes) if (best === null || ops > (changes.get(best) ?? 0)) best = stage
  return best ?? reached
}
