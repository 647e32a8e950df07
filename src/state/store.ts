// One vanilla zustand store made of four slices. The engine client and the storage are injected, so the
// tests build a fresh store over an in-thread engine and the app builds one over the worker.
import { createStore } from 'zustand/vanilla'
import type { Example } from '../scenarios'
import type { EngineClient } from '../worker/engineClient'
import { createAccessActions } from './accessSlice'
import { createAdmissionActions } from './admissionSlice'
import type { KeyValueStorage } from './persistence'
import { readPersisted, writePersisted } from './persistence'
import { createPlaybackActions, initialPlayback, readSpeed } from './playbackSlice'
import { createRunActions, followCommandLine, initialRun } from './runSlice'
import { createSelectionActions, initialSelection } from './selectionSlice'
import { createStoryActions } from './storySlice'
import { createStorageActions, initialStorage } from './storageSlice'
import type { AppState, Theme } from './types'
import { createWorkspaceActions, initialWorkspace } from './workspaceSlice'

export interface StoreDeps {
  engine: EngineClient
  examples: readonly Example[]
  storage?: KeyValueStorage
  /** The theme to start with when nothing was saved (the OS preference in the browser). */
  preferredTheme?: Theme
}

export function createAppStore(deps: StoreDeps) {
  const persisted = readPersisted(deps.storage)
  const store = createStore<AppState>()((set, get) => ({
    ...initialWorkspace(persisted?.theme ?? deps.preferredTheme ?? 'light'),
    ...initialRun,
    ...initialPlayback,
    speed: readSpeed(deps.storage),
    ...initialSelection,
    ...initialStorage,
    actions: {
      ...createWorkspaceActions(set, get, deps),
      ...createRunActions(set, get, deps.engine),
      ...createStoryActions(set, get, deps.engine),
      ...createPlaybackActions(set, get, deps.storage),
      ...createSelectionActions(set, get),
      ...createAdmissionActions(set, get, deps.engine),
      ...createAccessActions(set, get, deps.engine),
      ...createStorageActions(set, get, deps.engine),
    },
  }))

  followCommandLine(store, deps.engine)

  // The storage explorer follows the cluster: a new snapshot means new revisions and watch events.
  store.subscribe((state, previous) => {
    if (state.storageOpen && state.snapshot !== previous.snapshot) void state.actions.refreshStorage()
  })

  // Persist only once a scenario is loaded, so the empty boot state never overwrites saved work.
  store.subscribe((state, previous) => {
    if (!state.scenario) return
    if (
      state.text === previous.text &&
      state.settings === previous.settings &&
      state.theme === previous.theme &&
      state.scenarioSource === previous.scenarioSource &&
      state.admission === previous.admission &&
      state.story === previous.story
    )
      return
    writePersisted(deps.storage, {
      text: state.text,
      settings: state.settings,
      scenarioSource: state.scenarioSource,
      theme: state.theme,
      admission: state.admission,
      story: state.story,
    })
  })
  return store
}

export type AppStore = ReturnType<typeof createAppStore>
