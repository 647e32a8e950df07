// The learner's workspace: the manifest in the editor, the request bar, the scenario the cluster came
// from, and the theme. Loading a scenario resets the cluster and fills the editor and the request bar
// from its first request.
import type { StoreApi } from 'zustand/vanilla'
import type { Example } from '../scenarios'
import type { EngineClient } from '../worker/engineClient'
import type { Loaded, RequestDraft } from '../worker/protocol'
import { flagsOf, flagsText, knownFlags } from './admission'
import { configureAdmission } from './admissionSlice'
import type { KeyValueStorage, Persisted } from './persistence'
import { readPersisted } from './persistence'
import { message } from './runSlice'
import type { Actions, AppState, RequestSettings, Theme, Verb, WorkspaceSlice } from './types'
import { VERBS } from './types'

export const DEFAULT_SETTINGS: RequestSettings = {
  verb: 'apply',
  as: 'admin',
  impersonateUser: '',
  impersonateGroups: '',
  namespace: '',
  dryRun: false,
}

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
  }
}

function sameSource(a: WorkspaceSlice['scenarioSource'], b: WorkspaceSlice['scenarioSource']): boolean {
  if (!a || !b) return false
  if ('example' in a) return 'example' in b && a.example === b.example
  return 'text' in b && a.text === b.text
}

/** The request bar as a scenario request would set it. `list` shows as `get`, which is what kubectl runs. */
export function settingsFrom(request: RequestDraft | undefined): RequestSettings {
  if (!request) return DEFAULT_SETTINGS
  const verb = request.verb === 'list' ? 'get' : request.verb
  return {
    // Verbs the request bar does not offer (yet) fall back to apply.
    verb: (VERBS as readonly string[]).includes(verb) ? (verb as Verb) : 'apply',
    as: request.as ?? 'admin',
    impersonateUser: request.impersonate?.user ?? '',
    impersonateGroups: (request.impersonate?.groups ?? []).join(', '),
    namespace: request.namespace ?? '',
    dryRun: request.dryRun ?? false,
    ...(request.serverSide
      ? { serverSide: true, forceConflicts: request.force ?? false, fieldManager: request.fieldManager ?? '' }
      : {}),
    ...(request.canI
      ? {
          canI: {
            verb: request.canI.verb,
            resource: `${request.canI.resource ?? ''}${request.canI.subresource ? `/${request.canI.subresource}` : ''}`,
            name: request.canI.name ?? '',
            list: request.canI.list ?? false,
          },
        }
      : {}),
  }
}

export interface WorkspaceDeps {
  engine: EngineClient
  examples: readonly Example[]
  storage?: KeyValueStorage
}

type WorkspaceActions = Pick<
  Actions,
  'boot' | 'loadExample' | 'openFile' | 'editText' | 'changeSettings' | 'toggleTheme'
>

export function createWorkspaceActions(
  set: StoreApi<AppState>['setState'],
  get: () => AppState,
  { engine, examples, storage }: WorkspaceDeps,
): WorkspaceActions {
  let lintTimer: ReturnType<typeof setTimeout> | undefined

  function cleared() {
    return {
      results: [],
      steps: [],
      sent: null,
      position: 0,
      playing: false,
      selectedStage: null,
      markers: [],
      error: null,
    }
  }

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
      ...(fillWorkspace ? { text: first?.manifestText ?? '', settings: settingsFrom(first) } : {}),
    })
  }

  async function loadExample(name: string) {
    const example = examples.find((e) => e.name === name)
    if (!example) {
      set({ error: `There is no example named “${name}”.` })
      return
    }
    try {
      applyLoaded(await engine.load(example.text), { example: example.name }, true)
    } catch (error) {
      set({ error: `The example “${name}” could not be loaded: ${message(error)}` })
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
      const wanted = new URLSearchParams(search).get('scenario')
      let missing: string | null = null
      if (wanted) {
        await loadExample(wanted)
        if (get().scenario) {
          await restoreAdmission(persisted)
          return
        }
        missing = get().error
      }
      const source = persisted?.scenarioSource
      try {
        if (source && 'text' in source) {
          applyLoaded(await engine.load(source.text), source, false)
        } else {
          const example = examples.find((e) => source && e.name === source.example) ?? examples[0]
          if (!example) {
            // No bundled examples (a trimmed build): an empty cluster still lets the learner send requests.
            applyLoaded(await engine.load(BLANK_SCENARIO), null, !persisted)
            if (persisted) set({ text: persisted.text, settings: persisted.settings })
            return
          }
          applyLoaded(await engine.load(example.text), { example: example.name }, !persisted)
        }
      } catch (error) {
        set({ error: `The saved scenario could not be loaded: ${message(error)}` })
        if (examples[0]) applyLoaded(await engine.load(examples[0].text), { example: examples[0].name }, true)
        return
      }
      if (persisted) set({ text: persisted.text, settings: persisted.settings })
      await restoreAdmission(persisted)
      if (missing) set({ error: missing })
    },

    loadExample,

    async openFile(text, fileName) {
      try {
        const reply = await engine.open(text)
        if (reply.kind === 'scenario') {
          applyLoaded(reply.loaded, { text }, true)
          set({ notice: `Opened scenario ${fileName}.` })
        } else {
          set({ ...cleared(), text: reply.text, notice: `Opened ${fileName} into the editor.` })
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
