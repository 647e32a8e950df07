// Running a request of a story, the one code path for the request bar's Send and for replaying a story:
// a patch typed in the editor is parsed here (the main thread never parses YAML), and a replay builds a
// fresh cluster from the scenario and runs the requests in order, as `kube-api-lab run` does.
import { parse } from 'yaml'
import { createSimulator } from '../engine'
import type { ClusterSnapshot, KubectlResult, Scenario, ScenarioRequest, Simulator } from '../engine'
import { markersForResults, syntaxMarkers } from './markers'
import type { EditorMarker } from './markers'

export interface Ran {
  results: KubectlResult[]
  markers: EditorMarker[]
}

/** The text the editor sent: a manifest, or a patch typed as YAML or JSON. */
function editorText(request: ScenarioRequest): string {
  if (request.manifest !== undefined) return request.manifest
  return request.verb === 'patch' && typeof request.patch === 'string' ? request.patch : ''
}

/** Runs one request; a manifest or patch that does not parse is refused before kubectl sends anything. */
export function runRequest(simulator: Simulator, request: ScenarioRequest): Ran {
  const text = editorText(request)
  const syntax = text ? syntaxMarkers(text).filter((m) => m.severity === 'error') : []
  if (syntax.length > 0) return { results: [], markers: syntax }
  const runnable =
    request.verb === 'patch' && typeof request.patch === 'string'
      ? { ...request, patch: (parse(request.patch) as unknown) ?? {} }
      : request
  const results = simulator.run(runnable)
  return { results, markers: request.manifest ? markersForResults(request.manifest, results) : [] }
}

/** A fresh cluster from the scenario's start with `requests` run on it in order. */
export function replay(
  scenario: Scenario,
  requests: readonly ScenarioRequest[],
): { simulator: Simulator; snapshot: ClusterSnapshot } {
  const simulator = createSimulator(scenario)
  for (const request of requests) runRequest(simulator, request)
  return { simulator, snapshot: simulator.snapshot() }
}
