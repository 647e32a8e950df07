// The storage explorer: which etcd key the learner inspects and which prefix they watch. The worker reads
// the key's revisions and the watch events; they are read again whenever the cluster changes.
import type { StoreApi } from 'zustand/vanilla'
import type { EngineClient } from '../worker/engineClient'
import { message } from './runSlice'
import type { Actions, AppState, StorageSlice } from './types'

export const DEFAULT_WATCH_PREFIX = '/registry/pods/default/'

export const initialStorage: StorageSlice = {
  storageOpen: false,
  storageKey: null,
  keyHistory: null,
  watchPrefix: DEFAULT_WATCH_PREFIX,
  watchSince: 1,
  watchStream: null,
  storageError: null,
}

/** The etcd key the last request on screen wrote (or read), from its storage trace entries. */
export function lastWrittenKey(state: Pick<AppState, 'results'>): string | null {
  for (const result of [...state.results].reverse())
    for (const call of [...result.calls].reverse())
      for (const entry of [...call.trace].reverse()) {
        const key = entry.stage === 'storage' ? entry.data?.key : undefined
        if (typeof key === 'string' && key.startsWith('/registry/')) return key
      }
  return null
}

export function createStorageActions(
  set: StoreApi<AppState>['setState'],
  get: () => AppState,
  engine: EngineClient,
): Pick<Actions, 'openStorage' | 'closeStorage' | 'inspectKey' | 'watchKeys' | 'refreshStorage'> {
  async function readHistory(key: string | null) {
    if (!key) return set({ keyHistory: null })
    try {
      const keyHistory = await engine.history(key)
      if (get().storageKey === key) set({ keyHistory, storageError: null })
    } catch (error) {
      set({ storageError: message(error) })
    }
  }
  async function readWatch() {
    const { watchPrefix, watchSince } = get()
    try {
      const watchStream = await engine.watch(watchPrefix, watchSince)
      if (get().watchPrefix === watchPrefix) set({ watchStream, storageError: null })
    } catch (error) {
      set({ storageError: message(error) })
    }
  }
  return {
    async openStorage(key) {
      const storageKey = key ?? lastWrittenKey(get()) ?? get().storageKey
      set({ storageOpen: true, storageKey })
      await Promise.all([readHistory(storageKey), readWatch()])
    },
    closeStorage() {
      set({ storageOpen: false })
    },
    async inspectKey(key) {
      set({ storageKey: key })
      await readHistory(key)
    },
    async watchKeys(prefix, since) {
      set({ watchPrefix: prefix, watchSince: since ?? get().watchSince, watchStream: null })
      await readWatch()
    },
    async refreshStorage() {
      if (!get().storageOpen) return
      await Promise.all([readHistory(get().storageKey), readWatch()])
    },
  }
}
