// What survives a reload: the editor text, the request bar, the theme and the admission flags chosen for
// the scenario, under a versioned key. A newer
// or unreadable value is ignored rather than trusted, so a format change can never break the app.
import type { AdmissionFlags } from '../worker/protocol'
import type { Story } from './story'
import type { RequestSettings, Theme, WorkspaceSlice } from './types'
import { VERBS } from './types'

export const STORAGE_KEY = 'kube-api-lab/workspace/v1'

export interface Persisted {
  text: string
  settings: RequestSettings
  scenarioSource: WorkspaceSlice['scenarioSource']
  theme: Theme
  /** Added after v1 shipped: absent in older values, which simply keep the scenario's own flags. */
  admission: AdmissionFlags | null
  /** The place in the story (story.ts); absent in older values, which start the story from its beginning. */
  story?: Story
}

/** The subset of the Web Storage API the store uses (tests pass a Map-backed fake). */
export interface KeyValueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

function isSettings(value: unknown): value is RequestSettings {
  if (typeof value !== 'object' || value === null) return false
  const s = value as Record<string, unknown>
  return (
    VERBS.includes(s.verb as RequestSettings['verb']) &&
    typeof s.as === 'string' &&
    typeof s.impersonateUser === 'string' &&
    typeof s.impersonateGroups === 'string' &&
    typeof s.namespace === 'string' &&
    typeof s.dryRun === 'boolean'
  )
}

const isNames = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string')

function isFlags(value: unknown): value is AdmissionFlags {
  if (typeof value !== 'object' || value === null) return false
  const f = value as Record<string, unknown>
  return isNames(f.enable) && isNames(f.disable)
}

export function readPersisted(storage: KeyValueStorage | undefined): Persisted | null {
  try {
    const raw = storage?.getItem(STORAGE_KEY)
    if (!raw) return null
    const value = JSON.parse(raw) as Partial<Persisted>
    if (typeof value.text !== 'string' || !isSettings(value.settings)) return null
    return {
      text: value.text,
      settings: value.settings,
      scenarioSource: value.scenarioSource ?? null,
      theme: value.theme === 'dark' ? 'dark' : 'light',
      admission: isFlags(value.admission) ? value.admission : null,
      // Checked against the scenario's requests once it is loaded (readStory).
      ...(value.story !== undefined ? { story: value.story } : {}),
    }
  } catch {
    return null
  }
}

export function writePersisted(storage: KeyValueStorage | undefined, value: Persisted): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(value))
  } catch {
    // Private mode or a full quota: the app works without persistence.
  }
}
