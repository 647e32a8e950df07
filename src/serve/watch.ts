// Watch as kube-apiserver serves it: a chunked stream of JSON events, one per line, that stays open. The
// engine answers a watch with the events since `resourceVersion` so far; serve mode asks again, from the last
// event it sent, after every request that moved the store, and pushes what is new. The stream ends at
// `timeoutSeconds` (default: the apiserver's --min-request-timeout, 1800s) or when the client goes away.
import type { ServerResponse } from 'node:http'
import type { HttpRequest, HttpResponse } from '../engine'
import { writeHead } from './http'

const MIN_REQUEST_TIMEOUT_SECONDS = 1800

export function isWatchRequest(path: string): boolean {
  const url = new URL(path, 'https://127.0.0.1')
  const watch = url.searchParams.get('watch')
  if (watch === 'true' || watch === '1') return true
  // The deprecated /watch/ paths: /api/v1/watch/... and /apis/<group>/<version>/watch/...
  const parts = url.pathname.split('/').filter(Boolean)
  return (parts[0] === 'api' && parts[2] === 'watch') || (parts[0] === 'apis' && parts[3] === 'watch')
}

interface WatchEvent {
  type: string
  object?: { metadata?: { resourceVersion?: string } }
}

interface OpenWatch {
  request: HttpRequest
  resourceVersion: string
  res: ServerResponse
  /** Whether an event went out: a Table event carries its columns only in the stream's first event. */
  sent: boolean
}

export interface WatchHub {
  /** Answers a watch request; returns false when the engine's answer is not a stream (an error Status). */
  open(request: HttpRequest, res: ServerResponse): void
  /** Called after every request the server handled: pushes what each open watch has not seen yet. */
  pushAll(): void
  closeAll(): void
}

function withResourceVersion(path: string, resourceVersion: string): string {
  const url = new URL(path, 'https://127.0.0.1')
  url.searchParams.set('resourceVersion', resourceVersion)
  url.searchParams.delete('resourceVersionMatch')
  url.searchParams.delete('sendInitialEvents')
  return url.pathname + url.search
}

function timeoutSeconds(path: string): number {
  const given = Number(new URL(path, 'https://127.0.0.1').searchParams.get('timeoutSeconds'))
  return Number.isFinite(given) && given > 0 ? given : MIN_REQUEST_TIMEOUT_SECONDS
}

export function createWatchHub(handle: (request: HttpRequest) => HttpResponse, currentRevision: (request: HttpRequest) => string): WatchHub {
  const open = new Set<OpenWatch>()

  const send = (watch: OpenWatch, events: WatchEvent[]) => {
    for (const event of events) {
      const rv = event.object?.metadata?.resourceVersion
      if (rv && event.type !== 'ERROR') watch.resourceVersion = rv
      const table = event.object as { kind?: string; columnDefinitions?: unknown } | undefined
      if (watch.sent && table?.kind === 'Table') table.columnDefinitions = null
      watch.sent = true
      watch.res.write(`${JSON.stringify(event)}\n`)
      if (event.type === 'ERROR') {
        close(watch)
        return
      }
    }
  }

  const close = (watch: OpenWatch) => {
    if (!open.delete(watch)) return
    watch.res.end()
  }

  return {
    open(request, res) {
      const response = handle(request)
      if (response.code !== 200 || !Array.isArray(response.body)) {
        writeHead(res, response)
        res.end(typeof response.body === 'string' ? response.body : `${JSON.stringify(response.body)}\n`)
        return
      }
      writeHead(res, response, true)
      res.flushHeaders()
      const watch: OpenWatch = { request, resourceVersion: '', res, sent: false }
      open.add(watch)
      send(watch, response.body as WatchEvent[])
      if (!watch.resourceVersion) watch.resourceVersion = new URL(request.path, 'https://127.0.0.1').searchParams.get('resourceVersion') || currentRevision(request)
      const timer = setTimeout(() => close(watch), timeoutSeconds(request.path) * 1000)
      res.on('close', () => {
        clearTimeout(timer)
        open.delete(watch)
      })
    },
    pushAll() {
      for (const watch of open) {
        const response = handle({ ...watch.request, path: withResourceVersion(watch.request.path, watch.resourceVersion) })
        if (response.code === 200 && Array.isArray(response.body)) send(watch, response.body as WatchEvent[])
        else close(watch)
      }
    },
    closeAll() {
      for (const watch of open) close(watch)
    },
  }
}
