// The line between Node's HTTP and the engine's HTTP-level entry point: a Node request becomes an engine
// HttpRequest (canonical header names, the body's bytes as text, the verified client certificate's subject),
// and an engine HttpResponse is written back with its status, headers and body as kube-apiserver sends them.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { TLSSocket } from 'node:tls'
import { decodeProtobufObject, type HttpMethod, type HttpRequest, type HttpResponse } from '../engine'
import { decodeProtobufReview } from './protobufReviews'

/** kube-apiserver's MaxRequestBodyBytes: 3 MiB. One byte more is read so that the engine can refuse it. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024

const METHODS = new Set<string>(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'])

export function isEngineMethod(method: string | undefined): method is HttpMethod {
  return METHODS.has(method ?? '')
}

/** `impersonate-extra-scopes` → `Impersonate-Extra-Scopes`, as Go's textproto canonicalises header keys. */
export function canonicalHeaderName(name: string): string {
  return name
    .split('-')
    .map((part) => (part ? part[0]!.toUpperCase() + part.slice(1).toLowerCase() : part))
    .join('-')
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      if (size > MAX_BODY_BYTES) return
      chunks.push(chunk)
      size += chunk.length
    })
    req.on('end', () => resolve(Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES + 1)))
    req.on('error', reject)
  })
}

function peerSubject(req: IncomingMessage): HttpRequest['clientCertificate'] {
  const socket = req.socket as TLSSocket
  // Only a certificate that chains to the cluster CA is a credential; anything else is ignored, as the
  // x509 authenticator ignores a certificate it cannot verify.
  if (typeof socket.getPeerCertificate !== 'function' || !socket.authorized) return undefined
  const subject = socket.getPeerCertificate().subject as unknown as Record<string, string | string[] | undefined> | undefined
  if (!subject?.CN) return undefined
  const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v])
  return { commonName: list(subject.CN)[0]!, organizations: list(subject.O) }
}

/**
 * kubectl's typed clients (create deployment, create token, auth can-i) send Kubernetes protobuf. The engine
 * reads JSON, so the body becomes the JSON of the same object; undefined leaves the body to the engine.
 */
function protobufAsJson(body: Buffer): string | undefined {
  const review = decodeProtobufReview(body)
  if (review.ok) return review.json
  try {
    return JSON.stringify(decodeProtobufObject(body))
  } catch {
    return undefined
  }
}

export function toEngineRequest(req: IncomingMessage, method: HttpMethod, body: Buffer): HttpRequest {
  const headers: Record<string, string | string[]> = {}
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (!values?.length) continue
    headers[canonicalHeaderName(name)] = values.length === 1 ? values[0]! : values
  }
  const request: HttpRequest = { method, path: req.url ?? '/', headers }
  if (body.length) {
    const contentType = String(headers['Content-Type'] ?? '')
    const json = contentType.startsWith('application/vnd.kubernetes.protobuf') ? protobufAsJson(body) : undefined
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json'
      request.body = json
    } else request.body = body.toString('utf8')
  }
  const certificate = peerSubject(req)
  if (certificate) request.clientCertificate = certificate
  return request
}

/** k8s.io/apimachinery's NewWarningHeader: code 299, agent "-", the text quoted with `"` and `\` escaped. */
export function warningHeader(text: string): string {
  return `299 - "${text.replace(/["\\]/g, (c) => `\\${c}`)}"`
}

/** The body's bytes: JSON as Go's encoder writes it (one line, then a newline), text as it is. */
export function responseBytes(response: HttpResponse): string {
  return typeof response.body === 'string' ? response.body : `${JSON.stringify(response.body)}\n`
}

export function writeHead(res: ServerResponse, response: HttpResponse, streaming = false): void {
  const headers: Record<string, string | string[]> = { ...response.headers }
  if (response.warnings.length) headers['Warning'] = response.warnings.map(warningHeader)
  if (!streaming) headers['Content-Length'] = String(Buffer.byteLength(responseBytes(response)))
  res.writeHead(response.code, headers)
}

export function writeResponse(res: ServerResponse, method: HttpMethod, response: HttpResponse): void {
  writeHead(res, response)
  res.end(method === 'HEAD' ? undefined : responseBytes(response))
}
