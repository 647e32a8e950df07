// metav1.Status errors as k8s.io/apimachinery/pkg/api/errors builds them. Field order in these objects is
// the JSON field order kube-apiserver writes (kind, apiVersion, metadata, status, message, reason, details,
// code; details: name, group, kind, uid, causes, retryAfterSeconds), so the bodies compare letter for letter.
import { goQuote } from './goQuote'
import type { FieldError, FieldErrorType, Status, StatusCause, StatusDetails, StatusReason } from './types'

export interface GroupResource {
  group: string
  resource: string
}

/** `pods` or `deployments.apps`, as schema.GroupResource.String() prints it. */
export function groupResourceString(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource
}

function failure(code: number, reason: StatusReason, message: string, details?: StatusDetails): Status {
  // Built field by field so the JSON keeps kube-apiserver's order: details comes before code.
  const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason } as Status
  if (details) status.details = details
  status.code = code
  return status
}

function detailsFor(gr: GroupResource, name: string): StatusDetails {
  const details: StatusDetails = {}
  if (name) details.name = name
  if (gr.group) details.group = gr.group
  if (gr.resource) details.kind = gr.resource
  return details
}

export function unauthorized(message = 'Unauthorized'): Status {
  return failure(401, 'Unauthorized', message)
}

export function forbidden(gr: GroupResource, name: string, reason: string, causes?: StatusCause[]): Status {
  let message: string
  if (!gr.group && !gr.resource) message = `forbidden: ${reason}`
  else if (!name) message = `${groupResourceString(gr)} is forbidden: ${reason}`
  else message = `${groupResourceString(gr)} "${name}" is forbidden: ${reason}`
  const details = detailsFor(gr, name)
  if (causes?.length) details.causes = causes
  return failure(403, 'Forbidden', message, details)
}

export function notFound(gr: GroupResource, name: string): Status {
  return failure(404, 'NotFound', `${groupResourceString(gr)} "${name}" not found`, detailsFor(gr, name))
}

export function alreadyExists(gr: GroupResource, name: string): Status {
  return failure(409, 'AlreadyExists', `${groupResourceString(gr)} "${name}" already exists`, detailsFor(gr, name))
}

export function conflict(gr: GroupResource, name: string, reason: string): Status {
  return failure(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${groupResourceString(gr)} "${name}": ${reason}`,
    detailsFor(gr, name),
  )
}

export function badRequest(message: string): Status {
  return failure(400, 'BadRequest', message)
}

export function methodNotSupported(gr: GroupResource, verb: string): Status {
  return failure(
    405,
    'MethodNotAllowed',
    `${verb} is not supported on resources of kind "${groupResourceString(gr)}"`,
    detailsFor(gr, ''),
  )
}

/** apierrors.NewTooManyRequests: details carry retryAfterSeconds only when it is not zero. */
export function tooManyRequests(message: string, retryAfterSeconds: number, causes: StatusCause[] = []): Status {
  const details: StatusDetails = {}
  if (causes.length) details.causes = causes
  if (retryAfterSeconds) details.retryAfterSeconds = retryAfterSeconds
  return failure(429, 'TooManyRequests', message, details)
}

export function requestEntityTooLarge(message: string): Status {
  return failure(413, 'RequestEntityTooLarge', `Request entity too large: ${message}`)
}

export function unsupportedMediaType(accepted: string[]): Status {
  return failure(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  )
}

export function internalError(message: string): Status {
  return failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] })
}

/** apierrors.NewGenericServerResponse for a go-restful route that does not exist under a served version. */
export function routeNotFound(): Status {
  return failure(404, 'NotFound', 'the server could not find the requested resource', {})
}

/** NewGenericServerResponse(405): go-restful has a route for the path, but not for this method. */
export function routeMethodNotAllowed(): Status {
  return failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {})
}

/** The plain-text body of http.NotFound at the end of the delegation chain. */
export const PAGE_NOT_FOUND = '404 page not found\n'

const errorTypeText: Record<FieldErrorType, string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueNotFound: 'Not found',
  FieldValueTypeInvalid: 'Invalid value',
  InternalError: 'Internal error',
}

const valuelessTypes = new Set<FieldErrorType>([
  'FieldValueRequired',
  'FieldValueForbidden',
  'FieldValueTooLong',
  'InternalError',
])

/**
 * Renders a bad value as field.Error.ErrorBody does in v1.34+: strings quoted, numbers and booleans bare,
 * everything else JSON-encoded.
 */
export function renderBadValue(value: unknown): string {
  // ErrorBody formats a string with %q.
  if (typeof value === 'string') return goQuote(value)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  return JSON.stringify(value === undefined ? null : value)
}

/** field.Error.ErrorBody(): `Invalid value: "Foo": a lowercase RFC 1123 ...` */
export function fieldErrorBody(err: FieldError): string {
  let body = errorTypeText[err.type]
  if (!valuelessTypes.has(err.type) && 'badValue' in err) body += `: ${renderBadValue(err.badValue)}`
  if (err.detail) body += `: ${err.detail}`
  return body
}

/** Path.String(): the root path, whose name is empty, prints as an empty subscript. */
const pathString = (field: string) => field || '[]'

/** field.Error.Error(): `spec.containers[0].image: Required value` */
export function fieldErrorString(err: FieldError): string {
  return `${pathString(err.field)}: ${fieldErrorBody(err)}`
}

/** utilerrors.NewAggregate(...).Error(): one message bare, several de-duplicated inside brackets. */
export function aggregateMessage(messages: string[]): string {
  const unique = [...new Set(messages)]
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`
}

/** apierrors.NewInvalid: 422 with one cause per field error. `kind` is qualified, e.g. `Deployment.apps`. */
export function invalid(group: string, kind: string, name: string, errors: FieldError[]): Status {
  const qualifiedKind = group ? `${kind}.${group}` : kind
  const details: StatusDetails = {}
  if (name) details.name = name
  if (group) details.group = group
  details.kind = kind
  details.causes = errors.map((e) => ({ reason: e.type, message: fieldErrorBody(e), field: pathString(e.field) }))
  const message = errors.length
    ? `${qualifiedKind} "${name}" is invalid: ${aggregateMessage(errors.map(fieldErrorString))}`
    : `${qualifiedKind} "${name}" is invalid`
  return failure(422, 'Invalid', message, details)
}

/** The Success Status a registry returns from a delete of a kind that does not return the deleted object. */
export function deleteSuccess(details: StatusDetails): Omit<Status, 'code'> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details }
}

export function isStatus(value: unknown): value is Status {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Status'
}
