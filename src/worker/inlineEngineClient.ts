// The same EngineClient contract, answered on the calling thread. Used by the state tests in Node (and
// usable as a fallback where Workers are unavailable); never imported by the browser's main bundle.
import { createEngineClient } from './engineClient'
import type { EngineClient, MessagePort } from './engineClient'
import { createWorkerState, handleMessage } from './protocol'
import type { FromWorker, ToWorker } from './protocol'

export function createInlineEngineClient(): EngineClient {
  const state = createWorkerState()
  const port: MessagePort = {
    onmessage: null,
    postMessage(message: ToWorker) {
      // Structured clone, as postMessage would: the store must not share objects with the engine.
      const reply = structuredClone(handleMessage(state, structuredClone(message)))
      queueMicrotask(() => port.onmessage?.({ data: reply } as MessageEvent<FromWorker>))
    },
  }
  return createEngineClient(port)
}
