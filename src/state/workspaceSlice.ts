// The learner's workspace: the manifest in the editor, the request bar, the scenario the cluster came
// from, and the theme. Loading a scenario resets the cluster and fills the editor and the request bar
// from its first request.
import type { StoreApi } from 'zustand/vanilla'
import type { Example } from '../scenarios'
import type { EngineClient } from '../worker/engineClient'
import type { Loaded } from '../worker/protocol'
import { flagsOf, flagsText, knownFlags } from './admission'
import { configureAdmission } from './admissionSlice'
import type { KeyValueStorage, Persisted } from './persistence'
import { readPersisted } from './persistence'
import { message } from './runSlice'
import { DEFAULT_SETTINGS, settingsFrom } from './requestSettings'
import { STORY_START, arrival, hasUnsentEdits } from './story'
import { clearedRun, restoreStory } from './storySlice'
import type { Actions, AppState, Theme, WorkspaceSlice } from './types'

export { DEFAULT_SETTINGS, settingsFrom } from './requestSettings'

const BLANK_SCENARIO = 'name: blank\ntitle: An empty cluster\n'

export function initialWorkspace(theme: Theme): WorkspaceSlice {
  return {
    text: '',
    settings: DEFAULT_SETTINGS,
    scenario: null,
    scenarioSource: null,
    markers: [],
    theme,
    admission: null,
    story: STORY_START,
    pendingLoad: null,
    openedFile: null,
  }
}

function sameSource(a: WorkspaceSlice['scenarioSource'], b: WorkspaceSlice['scenarioSource']): boolean {
  if (!a || !b) return false
  if ('example' in a) return 'example' in b && a.example === b.example
  return 'text' in b && a.text === b.text
}

export interface WorkspaceDeps {
  engine: EngineClient
  examples: readonly Example[]
  storage?: KeyValueStorage
}

type WorkspaceActions = Pick<
  Actions,
  'boot' | 'loadExample' | 'chooseExample' | 'confirmLoad' | 'openFile' | 'editText' | 'changeSettings' | 'toggleTheme'
>

export function createWorkspaceActions(
  set: StoreApi<AppState>['setState'],
  get: () => AppState,
  { engine, examples, storage }: WorkspaceDeps,
): WorkspaceActions {
  let lintTimer: ReturnType<typeof setTimeout> | undefined

  const cleared = () => ({ ...clearedRun(), error: null })

  // Loading a scenario (again) starts from its own admission flags; the saved ones come back only at boot.
  function applyLoaded(loaded: Loaded, source: WorkspaceSlice['scenarioSource'], fillWorkspace: boolean) {
    const first = loaded.scenario.requests[0]
    set({
      ...cleared(),
      scenario: loaded.scenario,
      scenarioSource: source,
      snapshot: loaded.snapshot,
      admission: null,
      notice: null,
      story: STORY_START,
      pendingLoad: null,
      openedFile: null,
      ...(fillWorkspace ? { text: first?.manifestText ?? '', settings: settingsFrom(first) } : {}),
    })
  }

  /** `request` is 1-based, as in `?request=`. */
  async function loadExample(name: string, request?: number) {
    const example = examples.find((e) => e.name === name)
    if (!example) {
      set({ error: `There is no example named “${name}”.` })
      return
    }
    try {
      applyLoaded(await engine.load(example.text), { example: example.name }, true)
    } catch (error) {
      set({ error: `The example “${name}” could not be loaded: ${message(error)}` })
      return
    }
    if (request !== undefined && request > 1) await get().actions.goToRequest(request - 1)
  }

  /** Whether loading something else now would drop text the learner typed and never sent. */
  function unsent(): boolean {
    const { text, scenario, story, sent } = get()
    return hasUnsentEdits(text, arrival(scenario, STORY_START, story.index), sent)
  }

  /** The saved workspace (or the first example): its scenario, flags, place in the story and editor. */
  async function restorePersisted(persisted: Persisted | null) {
    const source = persisted?.scenarioSource
    try {
      if (source && 'text' in source) {
        applyLoaded(await engine.load(source.text), source, false)
      } else {
        const example = examples.find((e) => source && e.name === source.example) ?? examples[0]
        // No bundled examples (a trimmed build): an empty cluster still lets the learner send requests.
        if (!example) applyLoaded(await engine.load(BLANK_SCENARIO), null, !persisted)
        else applyLoaded(await engine.load(example.text), { example: example.name }, !persisted)
      }
    } catch (error) {
      set({ error: `The saved scenario could not be loaded: ${message(error)}` })
      if (examples[0]) applyLoaded(await engine.load(examples[0].text), { example: examples[0].name }, true)
      return
    }
    if (!persisted) return
    await restoreAdmission(persisted)
    try {
      await restoreStory(set, get, engine, { story: persisted.story ?? STORY_START, text: persisted.text, settings: persisted.settings })
    } catch (error) {
      set({ text: persisted.text, settings: persisted.settings, error: `The cluster could not be rebuilt: ${message(error)}` })
    }
  }

  /** The flags saved with this very scenario, if any: a cluster the learner configured stays configured. */
  async function restoreAdmission(persisted: Persisted | null) {
    const plugins = get().snapshot?.admission ?? []
    if (!persisted?.admission || !sameSource(persisted.scenarioSource, get().scenarioSource)) return
    const flags = knownFlags(persisted.admission, plugins)
    // Already running with these flags (the scenario's own): no need to restart the cluster.
    if (flagsText(flags) === flagsText(flagsOf(plugins))) set({ admission: flags })
    else await configureAdmission(set, get, engine, flags, null)
  }

  return {
    async boot(search) {
      // Read first: loading a scenario writes the new workspace over the saved one.
      const persisted = readPersisted(storage)
      const params = new URLSearchParams(search)
      const wanted = params.get('scenario')
      const number = Number(params.get('request') ?? NaN)
      const request = Number.isInteger(number) && number >= 1 ? number : undefined
      if (wanted && examples.some((e) => e.name === wanted)) {
        const here =
          persisted !== null &&
          sameSource(persisted.scenarioSource, { example: wanted }) &&
          (request === undefined || request === (persisted.story?.index ?? 0) + 1)
        // A link to where the learner already is (a reload): come back to it exactly.
        if (here) return restorePersisted(persisted)
        if (persisted) {
          await restorePersisted(persisted)
          // Opening the link would drop what the learner typed: ask first.
          if (unsent()) return set({ pendingLoad: { kind: 'example', name: wanted, request }, notice: null })
        }
        await loadExample(wanted)
        if (get().scenario?.name) await restoreAdmission(persisted)
        if (request !== undefined && request > 1) await get().actions.goToRequest(request - 1)
        return
      }
      await restorePersisted(persisted)
      if (wanted) set({ error: `There is no example named “${wanted}”.` })
    },

    async chooseExample(name) {
      if (unsent()) set({ pendingLoad: { kind: 'example', name } })
      else await loadExample(name)
    },

    async confirmLoad(proceed) {
      const pending = get().pendingLoad
      set({ pendingLoad: null })
      if (proceed && pending) await loadExample(pending.name, pending.request)
    },

    loadExample,

    async openFile(text, fileName) {
      try {
        const reply = await engine.open(text)
        if (reply.kind === 'scenario') {
          applyLoaded(reply.loaded, { text }, true)
          set({ notice: `Opened scenario ${fileName}.`, openedFile: fileName })
        } else {
          set({ ...cleared(), text: reply.text, openedFile: fileName, notice: `Opened ${fileName} into the editor.` })
          get().actions.editText(reply.text)
        }
      } catch (error) {
        set({ error: `${fileName} could not be opened: ${message(error)}` })
      }
    },

    editText(text) {
      set({ text })
      // Syntax markers while typing, debounced so a burst of keystrokes costs one parse in the worker.
      clearTimeout(lintTimer)
      lintTimer = setTimeout(() => {
        engine.lint(text).then(
          (markers) => {
            // Markers from sending this very text (422 causes) say more than syntax alone: keep them.
            if (get().text === text && get().sent?.text !== text) set({ markers })
          },
          () => {},
        )
      }, 300)
    },

    changeSettings(patch) {
      set({ settings: { ...get().settings, ...patch } })
    },

    toggleTheme() {
      set({ theme: get().theme === 'dark' ? 'light' : 'dark' })
    },
  }
}
