import { describe, expect, it } from 'vitest'
import { createInlineEngineClient } from '../worker/inlineEngineClient'
import type { KeyValueStorage } from './persistence'
import { readSpeed, SPEED_KEY } from './playbackSlice'
import { createAppStore } from './store'

function memoryStorage(seed: Record<string, string> = {}): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(seed))
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) }
}

const makeStore = (storage: KeyValueStorage) =>
  createAppStore({ engine: createInlineEngineClient(), examples: [], storage })

describe('the playback speed', () => {
  it('survives a reload', () => {
    const storage = memoryStorage()
    makeStore(storage).getState().actions.setSpeed('instant')
    expect(storage.data.get(SPEED_KEY)).toBe('instant')
    expect(makeStore(storage).getState().speed).toBe('instant')
    makeStore(storage).getState().actions.setSpeed(0.5)
    expect(makeStore(storage).getState().speed).toBe(0.5)
  })

  it.each([
    ['nothing saved', undefined, 1],
    ['a speed this build does not offer', '3', 1],
    ['garbage', '{"x":', 1],
    ['2×', '2', 2],
  ])('starts at 1× unless a known speed was saved: %s', (_, saved, expected) => {
    const storage = memoryStorage(saved === undefined ? {} : { [SPEED_KEY]: saved })
    expect(readSpeed(storage)).toBe(expected)
  })

  it('still works when the storage throws', () => {
    const broken: KeyValueStorage = {
      getItem: () => {
        throw new Error('denied')
      },
      setItem: () => {
        throw new Error('quota')
      },
    }
    expect(readSpeed(broken)).toBe(1)
    const store = makeStore(broken)
    store.getState().actions.setSpeed(2)
    expect(store.getState().speed).toBe(2)
  })
})
