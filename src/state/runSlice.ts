// Sending: the request bar and the editor become a ScenarioRequest, the worker runs it, and playback
// starts over the new trace.
import type { StoreApi } from 'zustand/vanilla'
import type { EngineClient } from '../worker/engineClient'
import { recordSend } from './story'
import { buildTimeline, lastPosition } from './timeline'
import { toScenarioRequest } from './requestSettings'
import type { Actions, AppState, RequestSettings, RunSlice } from './types'

export { DEFAULT_CAN_I, toScenarioRequest } from './requestSettings'

export const initialRun: RunSlice = {
  snapshot: null,
  results: [],
  steps: [],
  busy: false,
  error: null,
  sent: null,
  notice: null,
  commandPreview: null,
  decidedBy: null,
}

/**
 * Keeps `commandPreview` on the engine's answer for the current request bar. The previous line stays on
 * screen until a newer answer arrives, and an answer to older settings never replaces a newer one.
 */
export function followCommandLine(store: StoreApi<AppState>, engine: EngineClient): void {
  let asked = 0
  let shown = 0
  const ask = (settings: RequestSettings) => {
    const id = ++asked
    // The command line names the file, never its contents, so the editor text stays on this thread.
    engine.commandLine(toScenarioRequest('', settings)).then(
      (line) => {
        if (id < shown) return
        shown = id
        store.setState({ commandPreview: line })
      },
      // Nothing better to show than the last line; sending reports whatever is wrong.
      () => undefined,
    )
  }
  ask(store.getState().settings)
  store.subscribe((state, previous) => {
    if (state.settings !== previous.settings) ask(state.settings)
  })
}

export function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export function createRunActions(
  set: StoreApi<AppState>['setState'],
  get: () => AppState,
  engine: EngineClient,
): Pick<Actions, 'send' | 'dismissError'> {
  return {
    async send() {
      const { text, settings, speed, busy } = get()
      if (busy) return
      set({ busy: true, error: null, notice: null })
      try {
        const request = toScenarioRequest(text, settings)
        const reply = await engine.run(request)
        const steps = buildTimeline(reply.results)
        const instant = speed === 'instant'
        set({
          busy: false,
          results: reply.results,
          snapshot: reply.snapshot,
          markers: reply.markers,
          steps,
          sent: { text, settings },
          decidedBy: reply.decidedBy,
          // Only what kubectl actually sent changed the cluster, so only that is replayed later.
          story: reply.results.length > 0 ? recordSend(get().story, request) : get().story,
          position: instant ? lastPosition(steps) : 0,
          playing: !instant && steps.length > 1,
          selectedStage: null,
          error:
            reply.results.length === 0
              ? reply.markers.length > 0
                ? 'kubectl would not send this: the manifest is not valid YAML (see the marked line).'
                : 'Nothing to send: the manifest has no objects.'
              : null,
        })
      } catch (error) {
        set({ busy: false, error: message(error) })
      }
    },
    dismissError() {
      set({ error: null })
    },
  }
}
