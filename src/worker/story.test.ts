import { describe, expect, it } from 'vitest'
import { createSimulator, parseScenario } from '../engine'
import type { KubectlResult } from '../engine'
import { EXAMPLES } from '../scenarios'
// The one test that crosses the worker boundary on purpose: it proves the request bar's settings (state) round-trip
// to exactly the request the CLI sends, so it needs both sides.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { settingsFrom, toScenarioRequest } from '../state/requestSettings'
import { createWorkerState, dispatch } from './protocol'
import { replay, runRequest } from './story'

const outcome = (results: readonly KubectlResult[]) =>
  results.map((r) => ({
    name: r.name,
    code: r.response.code,
    stoppedAt: r.stoppedAt,
    kubectl: r.kubectl,
    commandLine: r.commandLine,
    calls: r.calls.map((c) => `${c.request.method} ${c.request.path}`),
  }))

describe('a request read into the request bar and sent from it', () => {
  it.each(EXAMPLES.map((e) => [e.name, e] as const))('%s: runs exactly as the CLI runs it', (_, example) => {
    const parsed = parseScenario(example.text)
    if (!parsed.ok) throw new Error(parsed.error)
    const cli = createSimulator(parsed.value)
    const state = createWorkerState()
    const loaded = dispatch(state, { type: 'load', text: example.text })
    for (const [i, draft] of loaded.scenario.requests.entries()) {
      const fromBar = toScenarioRequest(draft.manifestText, settingsFrom(draft))
      const ran = runRequest(state.simulator!, fromBar)
      expect(outcome(ran.results)).toEqual(outcome(cli.run(parsed.value.requests![i]!)))
    }
  })
})

describe('runRequest', () => {
  const scenario = {
    name: 's',
    cluster: { objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { a: 'b' } }] },
  }

  it('parses a patch typed as YAML or JSON', () => {
    const { simulator } = replay(scenario, [])
    for (const patch of ['data: {a: c}', '{"data": {"a": "d"}}']) {
      const ran = runRequest(simulator, { verb: 'patch', resource: 'configmaps', name: 'c', patchType: 'merge', patch })
      expect(ran.results[0]?.kubectl).toBe('configmap/c patched')
    }
  })

  it('refuses a patch that does not parse, with a marker, and sends nothing', () => {
    const { simulator, snapshot } = replay(scenario, [])
    const ran = runRequest(simulator, { verb: 'patch', resource: 'configmaps', name: 'c', patchType: 'merge', patch: '{data: [' })
    expect(ran.results).toEqual([])
    expect(ran.markers[0]?.severity).toBe('error')
    expect(simulator.snapshot().revision).toBe(snapshot.revision)
  })

  it('replays requests onto a fresh cluster deterministically', () => {
    const requests = [{ verb: 'patch' as const, resource: 'configmaps', name: 'c', patchType: 'merge' as const, patch: { data: { a: 'z' } } }]
    expect(replay(scenario, requests).snapshot).toEqual(replay(scenario, requests).snapshot)
    expect(replay(scenario, requests).snapshot.revision).toBe(replay(scenario, []).snapshot.revision + 1)
  })
})
