// The React surface of the store: components read through these hooks and never see the store itself.
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import type { StageId } from '../engine'
import { appStore } from './appStore'
import { selectStageView } from './selectors'
import type { StageView } from './timeline'
import type { Actions, AppState } from './types'

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector)
}

/** For selectors that build a new array or object each time. */
export function useAppShallow<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, useShallow(selector))
}

/** The actions never change, so this never re-renders. */
export function useActions(): Actions {
  return appStore.getState().actions
}

export function useStageView(stage: StageId): StageView {
  return useStore(
    appStore,
    useShallow((s) => selectStageView(s, stage)),
  )
}
