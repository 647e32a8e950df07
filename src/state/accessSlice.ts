// The Access view's questions (graph, who-can, matrix) go to the worker and come back as plain data the
// view keeps; only "Apply fix" changes the cluster, so only it touches the store's state.
import type { StoreApi } from 'zustand/vanilla'
import type { EngineClient } from '../worker/engineClient'
import { message } from './runSlice'
import { recordSend } from './story'
import type { Actions, AppState } from './types'

type AccessActions = Pick<Actions, 'accessGraph' | 'whoCan' | 'accessMatrix' | 'applyFix'>

export function createAccessActions(
  set: StoreApi<AppState>['setState'],
  get: () => AppState,
  engine: EngineClient,
): AccessActions {
  return {
    accessGraph: (filter) => engine.accessGraph(filter),
    whoCan: (query) => engine.whoCan(query),
    accessMatrix: (target, namespace) => engine.accessMatrix(target, namespace),
    async applyFix(yaml) {
      if (get().busy) return
      set({ busy: true, error: null })
      try {
        const { results, snapshot } = await engine.applyFix(yaml)
        const failed = results.find((r) => (r.calls.at(-1)?.response.code ?? 500) >= 400)
        if (failed) {
          set({ busy: false, snapshot, error: `The fix could not be applied: ${failed.kubectl}` })
          return
        }
        // Send the request that was refused once more, exactly as it was sent.
        const sent = get().sent
        // The fix changed the cluster: a replay of this story runs it too.
        const story = recordSend(get().story, { verb: 'apply', manifest: yaml, as: 'admin' })
        set({ busy: false, snapshot, story, ...(sent ? { text: sent.text, settings: sent.settings } : {}) })
        await get().actions.send()
        set({ notice: 'Fix applied as admin (kubectl apply), and the request sent again.' })
      } catch (error) {
        set({ busy: false, error: `The fix could not be applied: ${message(error)}` })
      }
    },
  }
}
