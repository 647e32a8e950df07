// The engine's home: a module worker that keeps one simulated cluster and answers commands. It is a thin
// shell; the work is in `dispatch` (protocol.ts), which is tested in Node.
import { createWorkerState, handleMessage } from './protocol'
import type { ToWorker } from './protocol'

const state = createWorkerState()

self.onmessage = (event: MessageEvent<ToWorker>) => {
  self.postMessage(handleMessage(state, event.data))
}
