import { describe, expect, it } from 'vitest'
import { EXAMPLES } from '../scenarios'
import { createInlineEngineClient } from '../worker/inlineEngineClient'
import type { KeyValueStorage } from './persistence'
import { createAppStore } from './store'
import { storyPosition } from './storySlice'

function memoryStorage(): KeyValueStorage {
  const data = new Map<string, string>()
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) }
}

describe('every bundled example played as a story from the request bar', () => {
  it.each(EXAMPLES.map((e) => [e.name, e] as const))('%s ends where its expect says', async (_, example) => {
    const store = createAppStore({ engine: createInlineEngineClient(), examples: EXAMPLES, storage: memoryStorage() })
    await store.getState().actions.loadExample(example.name)
    const requests = store.getState().scenario?.requests ?? []
    for (const [i, request] of requests.entries()) {
      expect(storyPosition(store.getState())).toBe(`Request ${i + 1} of ${requests.length}`)
      await store.getState().actions.send()
      expect(store.getState().results.length).toBeGreaterThan(0)
      for (const r of store.getState().results) {
        if (request.expect?.code !== undefined) expect(r.response.code).toBe(request.expect.code)
        if (request.expect?.kubectl !== undefined) expect(r.kubectl).toBe(request.expect.kubectl)
      }
      await store.getState().actions.nextRequest()
    }
  })
})

describe('walking a story', () => {
  const example = EXAMPLES.find((e) => e.name === 'update-conflict')!

  function makeStore(storage = memoryStorage()) {
    return createAppStore({ engine: createInlineEngineClient(), examples: EXAMPLES, storage })
  }

  it('carries the cluster forward even when a request is passed over without sending it', async () => {
    const store = makeStore()
    await store.getState().actions.loadExample(example.name)
    await store.getState().actions.nextRequest()
    // The scenario's own first request (the other writer's patch) ran during the move.
    await store.getState().actions.send()
    expect(store.getState().results[0]?.response.code).toBe(409)
  })

  it('Previous rebuilds the cluster as it was before that request, so it can be sent again', async () => {
    const store = makeStore()
    await store.getState().actions.loadExample(example.name)
    await store.getState().actions.send()
    await store.getState().actions.nextRequest()
    await store.getState().actions.previousRequest()
    expect(store.getState().story).toMatchObject({ index: 0, ran: [] })
    await store.getState().actions.send()
    expect(store.getState().results[0]?.kubectl).toBe('configmap/settings patched')
  })

  it('keeps unsent edits at a request and gives them back on return', async () => {
    const store = makeStore()
    await store.getState().actions.loadExample(example.name)
    await store.getState().actions.nextRequest()
    store.getState().actions.editText('kind: ConfigMap\n')
    await store.getState().actions.nextRequest()
    expect(store.getState().text).toContain('name: settings')
    await store.getState().actions.previousRequest()
    expect(store.getState().text).toBe('kind: ConfigMap\n')
  })

  it('opens ?request=n at that request, with the requests before it run', async () => {
    const store = makeStore()
    await store.getState().actions.boot(`?scenario=${example.name}&request=3`)
    expect(storyPosition(store.getState())).toBe('Request 3 of 4')
    expect(store.getState().settings.verb).toBe('update')
    await store.getState().actions.send()
    expect(store.getState().results[0]?.kubectl).toBe('configmap/settings replaced')
  })

  it('a reload comes back to the same request, editor text, settings and cluster', async () => {
    const storage = memoryStorage()
    const first = makeStore(storage)
    await first.getState().actions.loadExample(example.name)
    for (let i = 0; i < 3; i++) {
      await first.getState().actions.send()
      if (i < 2) await first.getState().actions.nextRequest()
    }
    first.getState().actions.changeSettings({ dryRun: true })
    const second = makeStore(storage)
    await second.getState().actions.boot('')
    const [a, b] = [first.getState(), second.getState()]
    expect(storyPosition(b)).toBe('Request 3 of 4')
    expect(b.text).toBe(a.text)
    expect(b.settings).toEqual(a.settings)
    expect(b.snapshot?.revision).toBeGreaterThan(1)
    expect(b.snapshot?.revision).toBe(a.snapshot?.revision)
    expect(b.snapshot?.entries).toEqual(a.snapshot?.entries)
    expect(b.notice).toBe('Restored where you were: request 3 of 4, the cluster rebuilt by replaying 3 requests.')
  })

  it('asks before choosing another example drops unsent edits, and loads it only when told to', async () => {
    const store = makeStore()
    await store.getState().actions.loadExample(example.name)
    store.getState().actions.editText('kind: Secret\n')
    await store.getState().actions.chooseExample('pod-created')
    expect(store.getState().pendingLoad).toEqual({ kind: 'example', name: 'pod-created' })
    expect(store.getState().scenario?.name).toBe(example.name)
    await store.getState().actions.confirmLoad(false)
    expect(store.getState().text).toBe('kind: Secret\n')
    await store.getState().actions.chooseExample('pod-created')
    await store.getState().actions.confirmLoad(true)
    expect(store.getState().scenario?.name).toBe('pod-created')
  })

  it('Start over goes back to the first request and the scenario’s own cluster', async () => {
    const store = makeStore()
    await store.getState().actions.loadExample(example.name)
    const start = store.getState().snapshot?.entries
    await store.getState().actions.send()
    await store.getState().actions.nextRequest()
    await store.getState().actions.resetCluster()
    expect(storyPosition(store.getState())).toBe('Request 1 of 4')
    expect(start?.length).toBeGreaterThan(0)
    expect(store.getState().snapshot?.entries).toEqual(start)
  })
})
