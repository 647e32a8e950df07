// Sending: the request bar and the editor become a ScenarioRequest, the worker runs it, and playback
// starts over the new trace.
import type { StoreApi } from 'zustand/vanilla'
import type { ScenarioRequest } from '../engine'
import type { EngineClient } from '../worker/engineClient'
import { buildTimeline, lastPosition } from './timeline'
import type { Actions, AppState, CanISettings, RequestSettings, RunSlice } from './types'

export const DEFAULT_CAN_I: CanISettings = { verb: 'create', resource: 'pods', name: '', list: false }

export const initialRun: RunSlice = {
  snapshot: null,
  results: [],
  steps: [],
  busy: false,
  error: null,
  sent: null,
  notice: null,
  commandPreview: null,
}

function splitGroups(text: string): string[] {
  return text
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean)
}

/** The request the engine runs for the current editor text and request bar. */
export function toScenarioRequest(text: string, settings: RequestSettings): ScenarioRequest {
  const request: ScenarioRequest = { verb: settings.verb, as: settings.as }
  // kubectl auth can-i and whoami send a review object of their own: the editor's manifest is not used.
  if (settings.verb === 'can-i') {
    const ask = settings.canI ?? DEFAULT_CAN_I
    const [resource = '', subresource] = ask.resource.trim().split('/')
    request.canI = ask.list
      ? { verb: ask.verb.trim() || 'get', list: true }
      : {
          verb: ask.verb.trim() || 'get',
          resource,
          ...(subresource ? { subresource } : {}),
          ...(ask.name.trim() ? { name: ask.name.trim() } : {}),
        }
  } else if (settings.verb !== 'whoami') request.manifest = text
  const user = settings.impersonateUser.trim()
  const groups = splitGroups(settings.impersonateGroups)
  if (user || groups.length > 0) {
    request.impersonate = {}
    if (user) request.impersonate.user = user
    if (groups.length > 0) request.impersonate.groups = groups
  }
  if (settings.namespace) request.namespace = settings.namespace
  if (settings.dryRun && settings.verb !== 'can-i' && settings.verb !== 'whoami') request.dryRun = true
  if (settings.verb === 'apply' && settings.serverSide) {
    request.serverSide = true
    if (settings.fieldManager?.trim()) request.fieldManager = settings.fieldManager.trim()
    if (settings.forceConflicts) request.force = true
  }
  if (settings.verb === 'whoami') delete request.namespace
  return request
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
): Pick<Actions, 'send' | 'resetCluster' | 'dismissError'> {
  return {
    async send() {
      const { text, settings, speed, busy } = get()
      if (busy) return
      set({ busy: true, error: null, notice: null })
      try {
        const reply = await engine.run(toScenarioRequest(text, settings))
        const steps = buildTimeline(reply.results)
        const instant = speed === 'instant'
        set({
          busy: false,
          results: reply.results,
          snapshot: reply.snapshot,
          markers: reply.markers,
          steps,
          sent: { text, settings },
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
    async resetCluster() {
      try {
        const snapshot = await engine.reset()
        set({
          snapshot,
          results: [],
          steps: [],
          sent: null,
          position: 0,
          playing: false,
          notice: 'Cluster reset to the scenario’s start.',
        })
      } catch (error) {
        set({ error: message(error) })
      }
    },
    dismissError() {
      set({ error: null })
    },
  }
}
