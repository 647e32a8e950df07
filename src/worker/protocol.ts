// The seam between the main thread and the engine worker: a typed command union, id-correlated replies,
// and `dispatch`, which does the work for one command. `dispatch` touches no worker globals, so Vitest
// runs it in Node exactly as the worker runs it in the browser.
import { parseAllDocuments, stringify } from 'yaml'
import { ADMISSION_PLUGINS, createSimulator, parseScenario } from '../engine'
import type { ClusterSnapshot, KubectlResult, Scenario, ScenarioRequest, Simulator, StageId } from '../engine'
import { kubectlCommandLine } from '../engine/kubectl/client'
import { accessGraph, accessMatrix, whoCan } from './access'
import type {
  AccessFilter,
  AccessGraph,
  AccessMatrix,
  MatrixTarget,
  WhoCanQuery,
  WhoCanReply,
} from './access'
import { decidingStage } from './decidingStage'
import { syntaxMarkers } from './markers'
import type { EditorMarker } from './markers'
import { keyHistory, watchStream } from './storage'
import { replay, runRequest } from './story'
import type { KeyHistory, WatchStream } from './storage'

export type { EditorMarker } from './markers'
export type {
  EncryptionAtRest,
  KeyHistory,
  KeyRevision,
  WatchEventType,
  WatchStream,
  WatchStreamEvent,
} from './storage'

/** A scenario request plus its manifest as the editor shows it (an inline `object` becomes YAML). */
export interface RequestDraft extends ScenarioRequest {
  manifestText: string
}

export interface ScenarioInfo {
  name: string
  title: string
  description: string
  requests: RequestDraft[]
}

export interface Loaded {
  scenario: ScenarioInfo
  snapshot: ClusterSnapshot
}

export interface RunReply {
  results: KubectlResult[]
  snapshot: ClusterSnapshot
  /** 422 causes and YAML syntax errors, placed on the lines of the manifest that was sent. */
  markers: EditorMarker[]
  /** The stage that decided the outcome (the one that refused it, or the one that changed it most). */
  decidedBy: StageId | null
}

/** --enable-admission-plugins / --disable-admission-plugins, as a scenario's `cluster.admission`. */
export interface AdmissionFlags {
  enable: string[]
  disable: string[]
}

export type OpenReply = { kind: 'scenario'; loaded: Loaded } | { kind: 'manifest'; text: string }

export type EngineCommand =
  /** Parse a scenario and start a fresh cluster from it. */
  | { type: 'load'; text: string }
  /** A file from disk: a scenario (loaded as with `load`) or a manifest (handed back for the editor). */
  | { type: 'open'; text: string }
  /** One kubectl-level request against the current cluster. */
  | { type: 'run'; request: ScenarioRequest }
  /** The kubectl command line for a request, without running it: pure, so it needs no cluster. */
  | { type: 'commandLine'; request: ScenarioRequest }
  /** Back to the scenario's initial cluster. */
  | { type: 'reset' }
  /** A fresh cluster from the scenario's start with these requests run in order: a story's earlier requests. */
  | { type: 'replay'; requests: ScenarioRequest[] }
  /** YAML syntax markers for the editor while the learner types. */
  | { type: 'lint'; text: string }
  /** New admission flags for the loaded scenario: a fresh cluster from its start, as after a restart. */
  | { type: 'admission'; flags: AdmissionFlags }
  /** Subjects → bindings → roles → rules of the running cluster, filtered and laid out. */
  | { type: 'accessGraph'; filter: AccessFilter }
  /** Which subjects may make this request (a SubjectAccessReview for each). */
  | { type: 'whoCan'; query: WhoCanQuery }
  /** What one subject may do in a namespace: resources × verbs. */
  | { type: 'accessMatrix'; target: MatrixTarget; namespace: string }
  /** The authorizer's suggested grant, applied as the cluster admin (`kubectl apply`). */
  | { type: 'applyFix'; yaml: string }
  /** Every retained revision of one etcd key: decoded, as the bytes etcd holds, and decrypted when encrypted at rest. */
  | { type: 'history'; key: string }
  /** The watch events under an etcd key prefix since a revision, as a watch from there would see them. */
  | { type: 'watch'; prefix: string; since: number }

export interface EngineResults {
  load: Loaded
  open: OpenReply
  run: RunReply
  commandLine: string
  reset: ClusterSnapshot
  replay: ClusterSnapshot
  lint: EditorMarker[]
  admission: ClusterSnapshot
  accessGraph: AccessGraph
  whoCan: WhoCanReply
  accessMatrix: AccessMatrix
  applyFix: { results: KubectlResult[]; snapshot: ClusterSnapshot }
  history: KeyHistory
  watch: WatchStream
}

export type CommandType = EngineCommand['type']

export interface ToWorker {
  id: number
  command: EngineCommand
}

export type FromWorker =
  { id: number; ok: true; result: EngineResults[CommandType] } | { id: number; ok: false; error: string }

/** What the worker keeps between commands: the scenario it was loaded with and the running cluster. */
export interface WorkerState {
  scenario: Scenario | null
  simulator: Simulator | null
}

export function createWorkerState(): WorkerState {
  return { scenario: null, simulator: null }
}

/** What the editor shows for a request: its manifest, or for a patch the patch (JSON, as `kubectl patch -p`). */
function editorTextOf(request: ScenarioRequest): string {
  if (request.manifest !== undefined) return request.manifest
  if (request.object !== undefined) return stringify(request.object)
  if (request.verb !== 'patch' || request.patch === undefined) return ''
  if (typeof request.patch === 'string') return request.patch
  return request.patchType === 'apply' ? stringify(request.patch) : `${JSON.stringify(request.patch, null, 2)}\n`
}

function draftOf(request: ScenarioRequest): RequestDraft {
  return { ...request, manifestText: editorTextOf(request) }
}

function load(state: WorkerState, text: string): Loaded {
  const parsed = parseScenario(text)
  if (!parsed.ok) throw new Error(parsed.error)
  const scenario = parsed.value
  const simulator = createSimulator(scenario)
  state.scenario = scenario
  state.simulator = simulator
  return {
    scenario: {
      name: scenario.name,
      title: scenario.title ?? scenario.name,
      description: scenario.description ?? '',
      requests: (scenario.requests ?? []).map(draftOf),
    },
    snapshot: simulator.snapshot(),
  }
}

function configureAdmission(state: WorkerState, flags: AdmissionFlags): ClusterSnapshot {
  if (!state.scenario) throw new Error('No scenario is loaded yet.')
  for (const name of [...flags.enable, ...flags.disable]) {
    if (!ADMISSION_PLUGINS.some((p) => p.name === name)) throw new Error(`unknown admission plugin "${name}"`)
  }
  const scenario: Scenario = {
    ...state.scenario,
    cluster: {
      ...state.scenario.cluster,
      admission: { enable: [...flags.enable], disable: [...flags.disable] },
    },
  }
  // Built before anything is replaced: if the scenario's starting objects are refused under the new
  // plugins, this throws and the running cluster stays as it was.
  const simulator = createSimulator(scenario)
  state.scenario = scenario
  state.simulator = simulator
  return simulator.snapshot()
}

/** A scenario has `requests` or `cluster` at the top and is not itself a Kubernetes object. */
function looksLikeScenario(text: string): boolean {
  const first = parseAllDocuments(text)
  const docs = Array.isArray(first) ? first : []
  let value: unknown
  try {
    value = docs[0]?.toJS({ maxAliasCount: 100 })
  } catch {
    // An unresolved alias or an alias bomb: not a scenario; the manifest parser reports the error.
    return false
  }
  if (typeof value !== 'object' || value === null) return false
  const top = value as Record<string, unknown>
  return !('kind' in top) && ('requests' in top || 'cluster' in top)
}

function requireSimulator(state: WorkerState): Simulator {
  if (!state.simulator) throw new Error('No scenario is loaded yet.')
  return state.simulator
}

/** Runs one command against `state`. Throws on bad input; the worker shell turns that into `ok: false`. */
export function dispatch<T extends CommandType>(
  state: WorkerState,
  command: Extract<EngineCommand, { type: T }>,
): EngineResults[T]
export function dispatch(state: WorkerState, command: EngineCommand): EngineResults[CommandType] {
  switch (command.type) {
    case 'load':
      return load(state, command.text)
    case 'open':
      return looksLikeScenario(command.text)
        ? { kind: 'scenario', loaded: load(state, command.text) }
        : { kind: 'manifest', text: command.text }
    case 'run': {
      const simulator = requireSimulator(state)
      const { results, markers } = runRequest(simulator, command.request)
      return { results, snapshot: simulator.snapshot(), markers, decidedBy: decidingStage(results) }
    }
    case 'replay': {
      if (!state.scenario) throw new Error('No scenario is loaded yet.')
      const { simulator, snapshot } = replay(state.scenario, command.requests)
      state.simulator = simulator
      return snapshot
    }
    case 'commandLine':
      return kubectlCommandLine(command.request)
    case 'reset': {
      if (!state.scenario) throw new Error('No scenario is loaded yet.')
      const simulator = createSimulator(state.scenario)
      state.simulator = simulator
      return simulator.snapshot()
    }
    case 'lint':
      return syntaxMarkers(command.text)
    case 'admission':
      return configureAdmission(state, command.flags)
    case 'accessGraph':
      return accessGraph(requireSimulator(state).snapshot(), command.filter)
    case 'whoCan':
      return whoCan(requireSimulator(state), command.query)
    case 'accessMatrix':
      return accessMatrix(requireSimulator(state), command.target, command.namespace)
    case 'applyFix': {
      const simulator = requireSimulator(state)
      const results = simulator.run({ verb: 'apply', manifest: command.yaml, as: 'admin' })
      return { results, snapshot: simulator.snapshot() }
    }
    case 'history':
      return keyHistory(requireSimulator(state), command.key)
    case 'watch':
      return watchStream(requireSimulator(state), command.prefix, command.since)
  }
}

/** The reply for one message: never throws, so nothing escapes across the thread boundary. */
export function handleMessage(state: WorkerState, message: ToWorker): FromWorker {
  try {
    return { id: message.id, ok: true, result: dispatch(state, message.command) }
  } catch (error) {
    return { id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }
  }
}
