// Walking a scenario's requests: Next, Previous, a jump to request n, Start over, and coming back to a
// saved place. The worker rebuilds the cluster by replaying (story.ts decides what), the store only moves.
import type { StoreApi } from 'zustand/vanilla'
import type { EngineClient } from '../worker/engineClient'
import { message } from './runSlice'
import { STORY_START, arrival, moveTo, readStory, replayPlan } from './story'
import type { SavedStory } from './story'
import type { Actions, AppState } from './types'

/** What a move leaves on screen: no results yet for the request arrived at. */
export function clearedRun() {
  return {
    results: [],
    steps: [],
    sent: null,
    position: 0,
    playing: false,
    selectedStage: null,
    markers: [],
    decidedBy: null,
  }
}

/** "Request 2 of 5", or null for a scenario without requests. */
export function storyPosition(state: Pick<AppState, 'scenario' | 'story'>): string | null {
  const count = state.scenario?.requests.length ?? 0
  return count > 0 ? `Request ${state.story.index + 1} of ${count}` : null
}

/** The serialisable place in the story (for persistence, lessons and links). */
export function saveStory(state: AppState): SavedStory {
  return { source: state.scenarioSource, story: state.story, text: state.text, settings: state.settings }
}

type StoryActions = Pick<Actions, 'goToRequest' | 'nextRequest' | 'previousRequest' | 'resetCluster'>

export function createStoryActions(
  set: StoreApi<AppState>['setState'],
  get: () => AppState,
  engine: EngineClient,
): StoryActions {
  async function goToRequest(target: number) {
    const { scenario, story, text, settings, busy } = get()
    if (!scenario || busy) return
    if (!Number.isInteger(target) || target < 0 || target >= scenario.requests.length) return
    if (target === story.index) return
    const next = moveTo(scenario, story, { text, settings }, target)
    set({ busy: true, error: null, notice: null })
    try {
      const snapshot = await engine.replay(replayPlan(next))
      const draft = arrival(scenario, next, target)
      set({ busy: false, snapshot, story: next, ...clearedRun(), ...(draft ?? {}) })
    } catch (error) {
      set({ busy: false, error: `The cluster could not be rebuilt: ${message(error)}` })
    }
  }

  return {
    goToRequest,
    nextRequest: () => goToRequest(get().story.index + 1),
    previousRequest: () => goToRequest(get().story.index - 1),
    async resetCluster() {
      try {
        const snapshot = await engine.reset()
        const draft = arrival(get().scenario, STORY_START, 0)
        set({
          snapshot,
          story: STORY_START,
          ...clearedRun(),
          ...(draft ?? {}),
          notice: draft
            ? 'Back to the start: the scenario’s cluster, before its first request.'
            : 'Cluster reset to the scenario’s start.',
        })
      } catch (error) {
        set({ error: message(error) })
      }
    },
  }
}

/** Comes back to a saved place in the loaded scenario: the cluster is rebuilt by replaying what ran. */
export async function restoreStory(
  set: StoreApi<AppState>['setState'],
  get: () => AppState,
  engine: EngineClient,
  saved: Pick<SavedStory, 'story' | 'text' | 'settings'>,
): Promise<void> {
  const count = get().scenario?.requests.length ?? 0
  const story = readStory(saved.story, count)
  const plan = replayPlan(story)
  const snapshot = plan.length > 0 ? await engine.replay(plan) : get().snapshot
  set({ story, snapshot, text: saved.text, settings: saved.settings })
  if (count > 0)
    set({
      notice: `Restored where you were: request ${story.index + 1} of ${count}${
        plan.length > 0 ? `, the cluster rebuilt by replaying ${plan.length} request${plan.length === 1 ? '' : 's'}` : ''
      }.`,
    })
}
