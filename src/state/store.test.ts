import { describe, expect, it } from 'vitest'
import type { Example } from '../scenarios'
import { createInlineEngineClient } from '../worker/inlineEngineClient'
import { STORAGE_KEY } from './persistence'
import type { KeyValueStorage } from './persistence'
import { selectFocusedStage, selectStageView, selectTokenAt } from './selectors'
import { createAppStore } from './store'
import { lastPosition } from './timeline'

const EXAMPLE: Example = {
  name: 'jane-pod',
  title: 'Jane creates a Pod',
  text: `name: jane-pod
title: Jane creates a Pod
cluster:
  users:
    - name: jane
      token: jane-token
requests:
  - verb: create
    as: jane
    namespace: default
    object:
      apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec:
        containers: [{ name: web, image: nginx }]
`,
}
const OTHER: Example = { name: 'blank', title: 'Blank', text: 'name: blank\n' }

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) }
}

function makeStore(storage = memoryStorage()) {
  return createAppStore({ engine: createInlineEngineClient(), examples: [OTHER, EXAMPLE], storage })
}

describe('workspace', () => {
  it('opens the example named in ?scenario= and fills the editor and request bar from its first request', async () => {
    const store = makeStore()
    await store.getState().actions.boot('?scenario=jane-pod')
    const s = store.getState()
    expect(s.scenario?.title).toBe('Jane creates a Pod')
    expect(s.text).toContain('kind: Pod')
    expect(s.settings).toMatchObject({ verb: 'create', as: 'jane', namespace: 'default' })
    expect(s.snapshot?.identities.some((i) => i.id === 'jane')).toBe(true)
  })

  it('says so when ?scenario= names no example, and opens the first one', async () => {
    const store = makeStore()
    await store.getState().actions.boot('?scenario=nope')
    expect(store.getState().error).toContain('nope')
    expect(store.getState().scenario?.name).toBe('blank')
  })

  it('keeps the editor text and request settings across a reload', async () => {
    const storage = memoryStorage()
    const first = makeStore(storage)
    await first.getState().actions.boot('?scenario=jane-pod')
    first.getState().actions.editText('kind: ConfigMap\n')
    first.getState().actions.changeSettings({ verb: 'apply', dryRun: true })
    expect(storage.data.has(STORAGE_KEY)).toBe(true)

    const second = makeStore(storage)
    await second.getState().actions.boot('')
    expect(second.getState().text).toBe('kind: ConfigMap\n')
    expect(second.getState().settings).toMatchObject({ verb: 'apply', dryRun: true, as: 'jane' })
    expect(second.getState().scenario?.name).toBe('jane-pod')
  })

  it('ignores a stored value it cannot read', async () => {
    const storage = memoryStorage()
    storage.setItem(STORAGE_KEY, '{"text": 3}')
    const store = makeStore(storage)
    await store.getState().actions.boot('')
    expect(store.getState().scenario?.name).toBe('blank')
  })
})

describe('sending and playback', () => {
  it('plays a forbidden request: token stops at authorization and returns with 403', async () => {
    const store = makeStore()
    const { actions } = store.getState()
    await actions.boot('?scenario=jane-pod')
    await actions.send()
    let s = store.getState()
    expect(s.results[0]?.response.code).toBe(403)
    expect(s.playing).toBe(true)
    expect(s.position).toBe(0)
    expect(selectStageView(s, 'http').state).toBe('active')

    actions.seek(lastPosition(s.steps))
    s = store.getState()
    expect(selectStageView(s, 'authorization').state).toBe('rejected')
    expect(selectStageView(s, 'authentication').state).toBe('passed')
    expect(selectStageView(s, 'storage').state).toBe('idle')
    expect(selectTokenAt(s)).toEqual({ at: 'client', code: 403 })
    expect(selectFocusedStage(s)).toBe('authorization')
  })

  it('steps forward and back, and Instant jumps to the end', async () => {
    const store = makeStore()
    const { actions } = store.getState()
    await actions.boot('?scenario=jane-pod')
    actions.setSpeed('instant')
    actions.changeSettings({ as: 'admin' })
    await actions.send()
    let s = store.getState()
    expect(s.position).toBe(lastPosition(s.steps))
    expect(s.results[0]?.response.code).toBe(201)
    for (const stage of ['http', 'authentication', 'impersonation', 'authorization', 'storage'] as const) {
      expect(['passed', 'mutated']).toContain(selectStageView(s, stage).state)
    }
    expect(selectStageView(s, 'mutating-admission')).toMatchObject({ state: 'mutated' })

    actions.seek(0)
    actions.stepForward()
    actions.stepForward()
    s = store.getState()
    expect(s.position).toBe(2)
    actions.stepBack()
    expect(store.getState().position).toBe(1)
    actions.selectStep(3)
    const step = store.getState().steps[3]!
    expect(store.getState().selectedStage).toBe(step.kind === 'entry' ? step.stage : 'client')
    expect(store.getState().position).toBe(3)
  })

  it('marks the offending line of an invalid Pod', async () => {
    const store = makeStore()
    const { actions } = store.getState()
    await actions.boot('?scenario=jane-pod')
    actions.changeSettings({ as: 'admin' })
    actions.editText(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: ""\n',
    )
    await actions.send()
    const s = store.getState()
    expect(s.results[0]?.response.code).toBe(422)
    expect(s.markers[0]).toMatchObject({ startLine: 8, severity: 'error' })
  })

  it('resets the cluster', async () => {
    const store = makeStore()
    const { actions } = store.getState()
    await actions.boot('?scenario=jane-pod')
    const revision = store.getState().snapshot!.revision
    actions.changeSettings({ as: 'admin' })
    await actions.send()
    expect(store.getState().snapshot!.revision).toBeGreaterThan(revision)
    await actions.resetCluster()
    expect(store.getState().snapshot!.revision).toBe(revision)
    expect(store.getState().steps).toEqual([])
  })
})
