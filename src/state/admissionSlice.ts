// The admission plugins the learner switches on and off. A change is a restart of kube-apiserver with
// new flags, so the worker rebuilds the cluster from the scenario's start and the results on screen go.
import type { StoreApi } from 'zustand/vanilla'
import type { EngineClient } from '../worker/engineClient'
import type { AdmissionFlags } from '../worker/protocol'
import { DEFAULT_FLAGS, flagsOf, flagsWith } from './admission'
import { message } from './runSlice'
import { replayPlan } from './story'
import type { Actions, AppState } from './types'

export const RESTART_NOTE = 'Changing plugins restarts the cluster from the scenario’s start.'

/** Sends new flags to the worker; `notice` (or none) is what the status line says afterwards. */
export async function configureAdmission(
  set: StoreApi<AppState>['setState'],
  get: () => AppState,
  engine: EngineClient,
  flags: AdmissionFlags,
  notice: string | null,
): Promise<void> {
  if (get().busy) return
  set({ busy: true, error: null })
  try {
    let snapshot = await engine.configureAdmission(flags)
    // The new server starts from the scenario; the story's earlier requests run again on it, and the
    // current request waits to be sent.
    const { story } = get()
    const kept = { ...story, ran: story.ran.slice(0, story.index) }
    if (kept.ran.length > 0) snapshot = await engine.replay(replayPlan(kept))
    set({
      busy: false,
      snapshot,
      story: kept,
      admission: flagsOf(snapshot.admission),
      results: [],
      steps: [],
      sent: null,
      position: 0,
      playing: false,
      selectedStage: null,
      notice,
    })
  } catch (error) {
    set({ busy: false, error: `The admission plugins could not be changed: ${message(error)}` })
  }
}

export function createAdmissionActions(
  set: StoreApi<AppState>['setState'],
  get: () => AppState,
  engine: EngineClient,
): Pick<Actions, 'setAdmissionPlugin' | 'resetAdmission'> {
  return {
    async setAdmissionPlugin(name, enabled) {
      const plugins = get().snapshot?.admission ?? []
      const plugin = plugins.find((p) => p.name === name)
      if (!plugin || plugin.enabled === enabled) return
      await configureAdmission(
        set,
        get,
        engine,
        flagsWith(plugins, name, enabled),
        `${name} ${enabled ? 'enabled' : 'disabled'}: the cluster restarted from the scenario’s start.`,
      )
    },
    async resetAdmission() {
      await configureAdmission(
        set,
        get,
        engine,
        DEFAULT_FLAGS,
        'Admission plugins back to the v1.35 defaults: the cluster restarted from the scenario’s start.',
      )
    },
  }
}
