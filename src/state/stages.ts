// The stage list as data for the main thread. stages.ts is plain data with type-only imports, so taking
// it directly (not through src/engine/index.ts) keeps the engine itself out of the main bundle; this file
// is the single, reviewed exception to the "types only from the engine" rule.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- data-only module, see above
import { STAGES } from '../engine/stages'
import type { StageId } from '../engine'

export { STAGES }
export type { StageInfo } from '../engine/stages'

export const STAGE_ORDER: readonly StageId[] = STAGES.map((s) => s.id)

export function stageInfo(id: StageId) {
  return STAGES.find((s) => s.id === id)
}
