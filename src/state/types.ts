// The store's shape. One store, four slices (workspace, run, playback, selection), one stable `actions`
// object named for what the learner does.
import type { ClusterSnapshot, KubectlResult, ScenarioRequest, ScenarioVerb, StageId } from '../engine'
import type { AdmissionFlags, EditorMarker, KeyHistory, ScenarioInfo, WatchStream } from '../worker/protocol'
import type {
  AccessFilter,
  AccessGraph,
  AccessMatrix,
  MatrixTarget,
  WhoCanQuery,
  WhoCanReply,
} from '../worker/access'
import type { Story } from './story'
import type { Step } from './timeline'

export type Verb = ScenarioVerb
/** Every request kind of the scenario format, in the order kubectl users meet them. */
export const VERBS: readonly Verb[] = [
  'apply',
  'create',
  'get',
  'list',
  'watch',
  'update',
  'patch',
  'delete',
  'can-i',
  'whoami',
]
export type PatchType = NonNullable<ScenarioRequest['patchType']>
export type PropagationPolicy = NonNullable<ScenarioRequest['propagationPolicy']>
export type FieldValidation = NonNullable<ScenarioRequest['fieldValidation']>

/** `kubectl auth can-i <verb> <resource>[/<name>]` or `--list`; the resource may carry `/subresource`. */
export interface CanISettings {
  verb: string
  resource: string
  name: string
  list: boolean
}

export interface RequestSettings {
  verb: Verb
  /** An identity id from the snapshot (`admin`, `jane`, `anonymous`, `invalid-token`, ...). */
  as: string
  impersonateUser: string
  /** Comma-separated, as a person types them. */
  impersonateGroups: string
  /** '' means no `-n`: the manifest's namespace, or `default`. */
  namespace: string
  dryRun: boolean
  /** apply only: --server-side, and with it --force-conflicts and --field-manager ('' means kubectl's own). */
  serverSide?: boolean
  forceConflicts?: boolean
  fieldManager?: string
  /** For the `can-i` verb; absent in workspaces saved before it existed. */
  canI?: CanISettings
  /**
   * The request's own words (`title`, or the label `name` of a manifest request): kubectl's result is named
   * by them, exactly as the CLI names it.
   */
  label?: string
  /** `--token`: a bearer token instead of the identity's own credential. */
  token?: string
  /** The object by name (get, list, watch, patch, delete): `kubectl get pods nginx`. '' uses the manifest. */
  resource?: string
  name?: string
  subresource?: string
  /** list, watch and a get without a name. `previous` means the last list's continue token / resourceVersion. */
  labelSelector?: string
  fieldSelector?: string
  /** As typed: a number, or '' for none. */
  limit?: string
  continue?: string
  resourceVersion?: string
  /** patch: the editor holds the patch body. */
  patchType?: PatchType
  /** delete: --cascade and --grace-period ('' for kubectl's default). */
  propagationPolicy?: PropagationPolicy
  gracePeriodSeconds?: string
  /** ?fieldValidation= for create, update and apply ('' is kubectl's Strict). */
  fieldValidation?: FieldValidation | ''
}

export type Theme = 'light' | 'dark'
export type Speed = 0.5 | 1 | 2 | 'instant'
export const SPEEDS: readonly Speed[] = [0.5, 1, 2, 'instant']

export interface WorkspaceSlice {
  text: string
  settings: RequestSettings
  scenario: ScenarioInfo | null
  /** The scenario's YAML: an example's name is enough to find it again, a file's text is kept. */
  scenarioSource: { example: string } | { text: string } | null
  markers: EditorMarker[]
  theme: Theme
  /**
   * The admission flags the learner chose for this scenario (saved with it); null while the scenario's
   * own `cluster.admission` applies.
   */
  admission: AdmissionFlags | null
  /** Where the learner is in the scenario's requests, and what ran before (story.ts). */
  story: Story
  /** The name of the file last opened (Open file), shown in the header until another scenario loads. */
  openedFile: string | null
  /** A load waiting for the learner to say the editor's unsent edits may go (the in-app dialog). */
  pendingLoad: PendingLoad | null
}

/** What the learner asked to open while the editor held unsent edits. */
export type PendingLoad = { kind: 'example'; name: string; request?: number }

export interface RunSlice {
  snapshot: ClusterSnapshot | null
  results: KubectlResult[]
  steps: Step[]
  busy: boolean
  error: string | null
  /** What the results on screen were sent with, to tell whether the request bar has changed since. */
  sent: { text: string; settings: RequestSettings } | null
  /** A short note for the learner (e.g. "cluster reset"), shown in the status line. */
  notice: string | null
  /** The engine's kubectl command line for the request bar as it is now; null until the first answer. */
  commandPreview: string | null
  /** The stage that decided the last request (the worker's answer), for the inspector to open on. */
  decidedBy: StageId | null
}

export interface PlaybackSlice {
  position: number
  playing: boolean
  speed: Speed
}

export type Selectable = StageId | 'client'

export interface SelectionSlice {
  /** The node the learner picked; null means "follow the request". */
  selectedStage: Selectable | null
  /** Admission nodes whose plugin list is open. */
  openPluginLists: StageId[]
}

export interface StorageSlice {
  /** Whether the storage explorer (etcd keys, revisions, bytes, watch) is open. */
  storageOpen: boolean
  storageKey: string | null
  keyHistory: KeyHistory | null
  /** The etcd key prefix the watch stream follows, e.g. `/registry/pods/default/`. */
  watchPrefix: string
  /** The resourceVersion the watch starts from (1: the cluster's first write). */
  watchSince: number
  watchStream: WatchStream | null
  storageError: string | null
}

export interface Actions {
  boot(search: string): Promise<void>
  /** Loads an example, first asking (pendingLoad) when the editor holds unsent edits. */
  chooseExample(name: string): Promise<void>
  /** The learner's answer to the pending load: go ahead (edits are dropped) or keep editing. */
  confirmLoad(proceed: boolean): Promise<void>
  loadExample(name: string, request?: number): Promise<void>
  /** Moves to request `index` (0-based) of the story; the worker rebuilds the cluster by replaying. */
  goToRequest(index: number): Promise<void>
  nextRequest(): Promise<void>
  previousRequest(): Promise<void>
  openFile(text: string, fileName: string): Promise<void>
  editText(text: string): void
  changeSettings(patch: Partial<RequestSettings>): void
  send(): Promise<void>
  resetCluster(): Promise<void>
  play(): void
  pause(): void
  stepForward(): void
  stepBack(): void
  seek(position: number): void
  setSpeed(speed: Speed): void
  selectStage(stage: Selectable | null): void
  selectStep(index: number): void
  togglePlugins(stage: StageId): void
  /** Like adding a plugin to --enable-admission-plugins (or --disable-...): restarts the cluster. */
  setAdmissionPlugin(name: string, enabled: boolean): Promise<void>
  resetAdmission(): Promise<void>
  toggleTheme(): void
  dismissError(): void
  /** The Access view's questions, answered by the worker from the running cluster. */
  accessGraph(filter: AccessFilter): Promise<AccessGraph>
  whoCan(query: WhoCanQuery): Promise<WhoCanReply>
  accessMatrix(target: MatrixTarget, namespace: string): Promise<AccessMatrix>
  /** Applies the authorizer's suggested grant as admin and sends the refused request again. */
  applyFix(yaml: string): Promise<void>
  /** Opens the storage explorer on a key (by default the one the last request wrote). */
  openStorage(key?: string): Promise<void>
  closeStorage(): void
  inspectKey(key: string): Promise<void>
  watchKeys(prefix: string, since?: number): Promise<void>
  /** Reads the key and the watch again (after the cluster changed). */
  refreshStorage(): Promise<void>
}

export interface AppState extends WorkspaceSlice, RunSlice, PlaybackSlice, SelectionSlice, StorageSlice {
  actions: Actions
}
