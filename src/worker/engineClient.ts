// The main thread's handle on the engine worker: each command becomes a Promise settled by the reply with
// the same id. Only types cross from the engine into this file, so the engine stays in the worker's bundle.
import type { ScenarioRequest } from '../engine'
import type { AccessFilter, MatrixTarget, WhoCanQuery } from './access'
import type { AdmissionFlags, EngineCommand, EngineResults, FromWorker, ToWorker } from './protocol'

export interface EngineClient {
  load(text: string): Promise<EngineResults['load']>
  open(text: string): Promise<EngineResults['open']>
  run(request: ScenarioRequest): Promise<EngineResults['run']>
  commandLine(request: ScenarioRequest): Promise<EngineResults['commandLine']>
  reset(): Promise<EngineResults['reset']>
  replay(requests: ScenarioRequest[]): Promise<EngineResults['replay']>
  lint(text: string): Promise<EngineResults['lint']>
  configureAdmission(flags: AdmissionFlags): Promise<EngineResults['admission']>
  accessGraph(filter: AccessFilter): Promise<EngineResults['accessGraph']>
  whoCan(query: WhoCanQuery): Promise<EngineResults['whoCan']>
  accessMatrix(target: MatrixTarget, namespace: string): Promise<EngineResults['accessMatrix']>
  applyFix(yaml: string): Promise<EngineResults['applyFix']>
  history(key: string): Promise<EngineResults['history']>
  watch(prefix: string, since: number): Promise<EngineResults['watch']>
  dispose(): void
}

/** Anything that can carry protocol messages: a Worker, or a fake in tests. */
export interface MessagePort {
  postMessage(message: ToWorker): void
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null
  onerror?: ((event: ErrorEvent) => void) | null
  terminate?(): void
}

export function createEngineClient(port: MessagePort): EngineClient {
  let nextId = 1
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()

  port.onmessage = (event) => {
    const reply = event.data
    const waiter = pending.get(reply.id)
    if (!waiter) return
    pending.delete(reply.id)
    if (reply.ok) waiter.resolve(reply.result)
    else waiter.reject(new Error(reply.error))
  }
  // A worker that fails to start (or dies) would leave every caller waiting: fail them all instead.
  port.onerror = (event) => {
    for (const waiter of pending.values())
      waiter.reject(new Error(event.message || 'The engine worker failed.'))
    pending.clear()
  }

  function send<T extends EngineCommand['type']>(command: Extract<EngineCommand, { type: T }>) {
    const id = nextId++
    return new Promise<EngineResults[T]>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      port.postMessage({ id, command })
    })
  }

  return {
    load: (text) => send({ type: 'load', text }),
    open: (text) => send({ type: 'open', text }),
    run: (request) => send({ type: 'run', request }),
    commandLine: (request) => send({ type: 'commandLine', request }),
    reset: () => send({ type: 'reset' }),
    replay: (requests) => send({ type: 'replay', requests }),
    lint: (text) => send({ type: 'lint', text }),
    configureAdmission: (flags) => send({ type: 'admission', flags }),
    accessGraph: (filter) => send({ type: 'accessGraph', filter }),
    whoCan: (query) => send({ type: 'whoCan', query }),
    accessMatrix: (target, namespace) => send({ type: 'accessMatrix', target, namespace }),
    applyFix: (yaml) => send({ type: 'applyFix', yaml }),
    history: (key) => send({ type: 'history', key }),
    watch: (prefix, since) => send({ type: 'watch', prefix, since }),
    dispose: () => port.terminate?.(),
  }
}

export function createWorkerEngineClient(): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'engine',
  })
  return createEngineClient(worker as unknown as MessagePort)
}
