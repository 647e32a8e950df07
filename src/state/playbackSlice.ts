// Playback is pure UI state over a finished trace: where the request is, whether it moves, how fast.
import type { StoreApi } from 'zustand/vanilla'
import type { KeyValueStorage } from './persistence'
import { clampPosition, lastPosition } from './timeline'
import { SPEEDS } from './types'
import type { Actions, AppState, PlaybackSlice, Speed } from './types'

/** The speed is a preference of the learner, not of the scenario: kept apart from the workspace. */
export const SPEED_KEY = 'kube-api-lab/speed/v1'

export function readSpeed(storage: KeyValueStorage | undefined): Speed {
  try {
    const saved = storage?.getItem(SPEED_KEY)
    return SPEEDS.find((s) => String(s) === saved) ?? 1
  } catch {
    return 1
  }
}

function writeSpeed(storage: KeyValueStorage | undefined, speed: Speed): void {
  try {
    storage?.setItem(SPEED_KEY, String(speed))
  } catch {
    // Private mode or a full quota: the speed simply is not remembered.
  }
}

export const initialPlayback: PlaybackSlice = { position: 0, playing: false, speed: 1 }

type PlaybackActions = Pick<Actions, 'play' | 'pause' | 'stepForward' | 'stepBack' | 'seek' | 'setSpeed'>

export function createPlaybackActions(
  set: StoreApi<AppState>['setState'],
  get: () => AppState,
  storage?: KeyValueStorage,
): PlaybackActions {
  return {
    play() {
      const { steps, position, speed } = get()
      if (steps.length === 0) return
      // Play from the start again once the response is back; Instant jumps straight to the end.
      const from = position >= lastPosition(steps) ? 0 : position
      if (speed === 'instant') set({ position: lastPosition(steps), playing: false, selectedStage: null })
      else set({ position: from, playing: true, selectedStage: null })
    },
    pause() {
      set({ playing: false })
    },
    stepForward() {
      const { steps, position } = get()
      const next = clampPosition(position + 1, steps)
      // Stepping means "show me where it goes next": the inspector follows the request again.
      set({ position: next, playing: get().playing && next < lastPosition(steps), selectedStage: null })
    },
    stepBack() {
      const { steps, position } = get()
      set({ position: clampPosition(position - 1, steps), playing: false, selectedStage: null })
    },
    seek(position) {
      set({ position: clampPosition(position, get().steps), playing: false })
    },
    setSpeed(speed) {
      writeSpeed(storage, speed)
      const { steps } = get()
      if (speed === 'instant') set({ speed, position: lastPosition(steps), playing: false })
      else set({ speed })
    },
  }
}
