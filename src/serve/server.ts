// Serve mode's listener: one TCP port on 127.0.0.1 that speaks HTTPS only. The first byte of a connection
// decides: a TLS handshake goes to the HTTPS server, anything that looks like plain HTTP gets the answer Go's
// net/http gives (400, `Client sent an HTTP request to an HTTPS server.`), anything else is closed.
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net'
import { Duplex } from 'node:stream'
import type { HttpRequest, HttpResponse, RequestResult } from '../engine'
import type { KeyPair } from './certificates'
import { isEngineMethod, readBody, toEngineRequest, writeResponse } from './http'
import { createWatchHub, isWatchRequest } from './watch'

export interface ServeOptions {
  port: number
  ca: KeyPair
  serving: KeyPair
  /** The engine's HTTP-level entry point. */
  handle(request: HttpRequest): RequestResult
  /** One line per request, for the terminal. */
  log?(line: string): void
}

export interface RunningServer {
  port: number
  close(): Promise<void>
}

const TLS_HANDSHAKE = 0x16
/** A connection that starts a TLS handshake and never finishes it is dropped after this long. */
const HANDSHAKE_TIMEOUT_MS = 10_000
const GO_HTTP_TO_HTTPS = 'HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n'
// tlsRecordHeaderLooksLikeHTTP in net/http: the five bytes of a TLS record header read as one of these.
const HTTP_STARTS = ['GET /', 'HEAD ', 'POST ', 'PUT /', 'OPTIO']

function internalError(message: string): HttpResponse {
  const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'InternalError', code: 500 }
  return { code: 500, headers: { 'Cache-Control': 'no-cache, private', 'Content-Type': 'application/json', 'X-Content-Type-Options': 'nosniff' }, body: status, warnings: [] }
}

const METHOD_NOT_ALLOWED: HttpResponse = {
  code: 405,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  body: '405: Method Not Allowed',
  warnings: [],
}

/**
 * The socket as a stream that first yields the bytes already read. Handing the socket itself to the TLS
 * server would lose them: TLS reads from the socket's handle, below any bytes put back into the stream.
 */
function replay(socket: Socket, first: Buffer): Duplex {
  const stream = new Duplex({
    allowHalfOpen: false,
    read: () => void socket.resume(),
    write: (chunk: Buffer, _encoding, done) => void socket.write(chunk, done),
    final: (done) => {
      socket.end()
      done()
    },
    destroy: (error, done) => {
      socket.destroy()
      done(error)
    },
  })
  stream.push(first)
  socket.on('data', (chunk: Buffer) => {
    if (!stream.push(chunk)) socket.pause()
  })
  socket.on('end', () => stream.push(null))
  socket.on('close', () => stream.destroy())
  socket.resume()
  return stream
}

export function startServer(options: ServeOptions): Promise<RunningServer> {
  const log = options.log ?? (() => {})
  const handle = (request: HttpRequest): HttpResponse => {
    try {
      const result = options.handle(request)
      const who = result.user?.username ?? 'system:anonymous'
      log(`${request.method} ${request.path} ${result.response.code} ${who}`)
      return result.response
    } catch (error) {
      log(`${request.method} ${request.path} 500 ${String(error)}`)
      return internalError(`an error on the server ("${String(error)}") has prevented the request from succeeding`)
    }
  }
  const currentRevision = (request: HttpRequest): string => {
    const url = new URL(request.path, 'https://127.0.0.1')
    url.search = '?limit=1'
    const body = handle({ ...request, path: url.pathname + url.search }).body as { metadata?: { resourceVersion?: string } }
    return body?.metadata?.resourceVersion ?? '0'
  }
  const watches = createWatchHub(handle, currentRevision)

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method
    const body = await readBody(req)
    if (!isEngineMethod(method)) return writeResponse(res, 'GET', METHOD_NOT_ALLOWED)
    const request = toEngineRequest(req, method, body)
    if (method === 'GET' && isWatchRequest(request.path)) return watches.open(request, res)
    writeResponse(res, method, handle(request))
    if (method !== 'GET' && method !== 'HEAD') watches.pushAll()
  }

  const https: HttpsServer = createHttpsServer(
    { key: options.serving.key, cert: options.serving.cert, ca: [options.ca.cert], requestCert: true, rejectUnauthorized: false, handshakeTimeout: HANDSHAKE_TIMEOUT_MS },
    (req, res) => {
      serve(req, res).catch((error: unknown) => {
        if (!res.headersSent) writeResponse(res, 'GET', internalError(String(error)))
        else res.destroy()
      })
    },
  )
  https.on('tlsClientError', (_error, socket) => socket.destroy())
  https.on('clientError', (_error, socket) => socket.destroy())

  const sockets = new Set<Socket>()
  const tcp: TcpServer = createTcpServer((socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
    socket.once('data', (first: Buffer) => {
      socket.pause()
      if (first[0] === TLS_HANDSHAKE) {
        https.emit('connection', replay(socket, first))
        return
      }
      const start = first.subarray(0, 5).toString('latin1')
      if (HTTP_STARTS.includes(start)) socket.end(GO_HTTP_TO_HTTPS)
      else socket.destroy()
    })
  })

  return new Promise((resolve, reject) => {
    tcp.once('error', reject)
    tcp.listen(options.port, '127.0.0.1', () => {
      const address = tcp.address()
      const port = typeof address === 'object' && address ? address.port : options.port
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            watches.closeAll()
            for (const socket of sockets) socket.destroy()
            tcp.close(() => done())
          }),
      })
    })
  })
}
