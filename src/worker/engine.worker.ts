// The engine's home: a module worker that keeps one simulated cluster and answers commands. It is a thin
// shell; the work is in `dispatch` (protocol.ts), which is tested in Node.
import { loadOpenApi } from '../engine'
import { createWorkerState, handleMessage } from './protocol'
import type { ToWorker } from './protocol'

const state = createWorkerState()
// The OpenAPI documents are a chunk of their own, fetched after start-up; /openapi/* answers once they are in.
void loadOpenApi()

self.onmessage = (event: MessageEvent<ToWorker>) => {
  self.postMessage(handleMessage(state, event.data))
}
