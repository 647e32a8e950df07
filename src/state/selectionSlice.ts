// Which stage the inspector explains. Nothing picked means it follows the request as it plays.
import type { StoreApi } from 'zustand/vanilla'
import { clampPosition } from './timeline'
import type { Actions, AppState, SelectionSlice } from './types'

export const initialSelection: SelectionSlice = { selectedStage: null, openPluginLists: [] }

export function createSelectionActions(
  set: StoreApi<AppState>['setState'],
  get: () => AppState,
): Pick<Actions, 'selectStage' | 'selectStep' | 'togglePlugins'> {
  return {
    selectStage(stage) {
      set({ selectedStage: stage })
    },
    togglePlugins(stage) {
      const open = get().openPluginLists
      set({ openPluginLists: open.includes(stage) ? open.filter((s) => s !== stage) : [...open, stage] })
    },
    selectStep(index) {
      const { steps } = get()
      const step = steps[index]
      if (!step) return
      // Put the request at that step and explain its stage (or kubectl, for a response).
      set({
        position: clampPosition(index, steps),
        playing: false,
        selectedStage: step.kind === 'entry' ? step.stage : 'client',
      })
    },
  }
}
