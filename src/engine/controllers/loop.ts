// The controller loop: after a request changes the cluster, every controller looks at the view and says what
// it would do; the requests are sent through the API server, and the loop goes round until nothing is left
// to do. Controllers are level-triggered (they compare desired and actual state), so the order of rounds
// does not matter and a controller that has nothing to change returns nothing.
import type { HttpRequest, RequestResult } from '../types'
import { deploymentController } from './deployment'
import { disruptionController } from './disruption'
import { garbageCollector } from './garbageCollector'
import { namespaceController } from './namespace'
import { replicaSetController } from './replicaset'
import type { ClusterView, ControllerRequest } from './types'

/** `now` is the virtual time, for the timestamps a controller writes into status. */
export type Controller = (view: ClusterView, now: string) => ControllerRequest[]

/** In the order kube-controller-manager's informers would typically see the effects. */
export const CONTROLLERS: readonly Controller[] = [
  deploymentController,
  replicaSetController,
  garbageCollector,
  disruptionController,
  namespaceController,
]

export interface ControllerCall {
  request: ControllerRequest
  result: RequestResult
}

export interface ControllerLoopDeps {
  view: ClusterView
  now(): string
  send(request: ControllerRequest): RequestResult
  controllers?: readonly Controller[]
  /** A guard against controllers that fight each other; real ones back off, these stop. */
  maxRounds?: number
}

export function runControllers(deps: ControllerLoopDeps): ControllerCall[] {
  const calls: ControllerCall[] = []
  const controllers = deps.controllers ?? CONTROLLERS
  for (let round = 0; round < (deps.maxRounds ?? 50); round++) {
    const requests = controllers.flatMap((controller) => controller(deps.view, deps.now()))
    if (!requests.length) break
    let progressed = false
    for (const request of requests) {
      const result = deps.send(request)
      calls.push({ request, result })
      if (result.response.code < 300) progressed = true
    }
    // Requests that all fail would fail the same way next round (403 without RBAC, 422...): stop.
    if (!progressed) break
  }
  return calls
}

/** The HTTP request a controller request becomes, given the credential headers of its identity. */
export function toHttpRequest(
  request: ControllerRequest,
  credentials: Pick<HttpRequest, 'headers' | 'clientCertificate'>,
): HttpRequest {
  const headers: Record<string, string | string[]> = {
    Accept: 'application/json',
    'User-Agent': `kube-controller-manager/v1.35.0 (linux/amd64) kubernetes/simulated/system:serviceaccount:kube-system:${request.controller}`,
    ...(credentials.headers ?? {}),
  }
  const req: HttpRequest = { method: request.method, path: request.path, headers }
  if (credentials.clientCertificate) req.clientCertificate = credentials.clientCertificate
  if (request.body !== undefined) {
    headers['Content-Type'] = request.contentType ?? 'application/json'
    req.body = JSON.stringify(request.body)
  }
  return req
}
