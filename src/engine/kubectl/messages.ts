// What kubectl prints for a response, as k8s.io/kubectl/pkg/cmd/util/helpers.go formats errors.
import { isStatus } from '../status'
import type { HttpResponse, Status } from '../types'

/** `error when creating "manifest.yaml": ` is put in front of the server's message (AddSourceToErr). */
export function kubectlError(response: HttpResponse, source?: { verb: string; file: string }): string {
  const body = response.body
  if (!isStatus(body)) {
    // Plain-text answers reach kubectl as an "unknown" error carrying the status text.
    if (response.code === 404)
      return 'Error from server (NotFound): the server could not find the requested resource'
    return `Error from server: ${String(body).trim()}`
  }
  const status = body as Status
  if (status.reason === 'Unauthorized')
    return `error: You must be logged in to the server (${status.message})`
  if (status.reason === 'Invalid' && status.details) {
    const head = `The ${status.details.kind ?? ''} "${status.details.name ?? ''}" is invalid`
    const causes = status.details.causes ?? []
    if (causes.length === 0) return head
    if (causes.length === 1) return `${head}: ${causes[0]!.field ?? ''}: ${causes[0]!.message}`
    return `${head}: \n${causes.map((c) => `* ${c.field ?? ''}: ${c.message}`).join('\n')}`
  }
  const message = source ? `error when ${source.verb} "${source.file}": ${status.message}` : status.message
  return status.reason ? `Error from server (${status.reason}): ${message}` : `Error from server: ${message}`
}

/** kubectl prints server warnings on stderr before its own output. */
export function withWarnings(output: string, warnings: readonly string[]): string {
  return [...warnings.map((w) => `Warning: ${w}`), output].join('\n')
}
