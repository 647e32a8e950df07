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

describe('admission plugins', () => {
  const enabled = (store: ReturnType<typeof makeStore>, name: string) =>
    store.getState().snapshot?.admission.find((p) => p.name === name)?.enabled

  it('switching a plugin restarts the cluster with the new flags', async () => {
    const store = makeStore()
    const { actions } = store.getState()
    await actions.boot('?scenario=jane-pod')
    const revision = store.getState().snapshot!.revision
    actions.changeSettings({ as: 'admin' })
    await actions.send()
    expect(store.getState().steps.length).toBeGreaterThan(0)

    await actions.setAdmissionPlugin('AlwaysPullImages', true)
    await actions.setAdmissionPlugin('DefaultTolerationSeconds', false)
    const s = store.getState()
    expect(enabled(store, 'AlwaysPullImages')).toBe(true)
    expect(enabled(store, 'DefaultTolerationSeconds')).toBe(false)
    expect(s.admission).toEqual({ enable: ['AlwaysPullImages'], disable: ['DefaultTolerationSeconds'] })
    expect(s.snapshot!.revision).toBe(revision)
    expect(s.steps).toEqual([])
    expect(s.notice).toContain('restarted')

    // The new cluster runs without DefaultTolerationSeconds.
    await actions.send()
    const pod = store.getState().results[0]!.response.body as { spec: { tolerations?: unknown } }
    expect(pod.spec.tolerations).toBeUndefined()
  })

  it('saves the flags with the scenario and restores them after a reload', async () => {
    const storage = memoryStorage()
    const first = makeStore(storage)
    await first.getState().actions.boot('?scenario=jane-pod')
    await first.getState().actions.setAdmissionPlugin('AlwaysPullImages', true)

    for (const search of ['', '?scenario=jane-pod']) {
      const second = makeStore(storage)
      await second.getState().actions.boot(search)
      expect(enabled(second, 'AlwaysPullImages')).toBe(true)
      expect(second.getState().admission).toEqual({ enable: ['AlwaysPullImages'], disable: [] })
    }

    // Another scenario starts from its own flags.
    const third = makeStore(storage)
    await third.getState().actions.boot('?scenario=blank')
    expect(enabled(third, 'AlwaysPullImages')).toBe(false)
    expect(third.getState().admission).toBeNull()
  })

  it('ignores saved plugin names this build does not know', async () => {
    const storage = memoryStorage()
    const first = makeStore(storage)
    await first.getState().actions.boot('?scenario=jane-pod')
    const saved = JSON.parse(storage.data.get(STORAGE_KEY)!) as Record<string, unknown>
    storage.setItem(
      STORAGE_KEY,
      JSON.stringify({ ...saved, admission: { enable: ['AlwaysPullImages', 'NoSuchPlugin'], disable: [] } }),
    )
    const second = makeStore(storage)
    await second.getState().actions.boot('')
    expect(second.getState().error).toBeNull()
    expect(enabled(second, 'AlwaysPullImages')).toBe(true)
  })

  it('resets to the v1.35 defaults', async () => {
    const store = makeStore()
    const { actions } = store.getState()
    await actions.boot('?scenario=jane-pod')
    await actions.setAdmissionPlugin('NamespaceLifecycle', false)
    expect(enabled(store, 'NamespaceLifecycle')).toBe(false)
    await actions.resetAdmission()
    const s = store.getState()
    expect(s.snapshot!.admission.every((p) => p.enabled === p.defaultOn)).toBe(true)
    expect(s.admission).toEqual({ enable: [], disable: [] })
  })

  it('reports a restart the worker refuses, and keeps the running cluster', async () => {
    const inline = createInlineEngineClient()
    const engine = {
      ...inline,
      configureAdmission: () => Promise.reject(new Error('cluster.objects[0] (Pod web): forbidden')),
    }
    const store = createAppStore({ engine, examples: [EXAMPLE], storage: memoryStorage() })
    const { actions } = store.getState()
    await actions.boot('')
    const before = store.getState().snapshot
    await actions.setAdmissionPlugin('AlwaysPullImages', true)
    const s = store.getState()
    expect(s.error).toBe(
      'The admission plugins could not be changed: cluster.objects[0] (Pod web): forbidden',
    )
    expect(s.snapshot).toBe(before)
    expect(s.busy).toBe(false)
    expect(s.admission).toBeNull()
  })
})
