// Plain data types shared by every part of the engine. Everything here must survive structured clone
// (postMessage to and from the Web Worker): no classes, no functions.

/** A Kubernetes object as JSON: apiVersion, kind, metadata and whatever the kind defines. */
export interface KubeObject {
  apiVersion?: string
  kind?: string
  metadata?: ObjectMeta
  [field: string]: unknown
}

export interface ObjectMeta {
  name?: string
  generateName?: string
  namespace?: string
  uid?: string
  resourceVersion?: string
  generation?: number
  creationTimestamp?: string | null
  deletionTimestamp?: string
  deletionGracePeriodSeconds?: number
  labels?: Record<string, string>
  annotations?: Record<string, string>
  ownerReferences?: unknown[]
  finalizers?: string[]
  managedFields?: ManagedFieldsEntry[]
  [field: string]: unknown
}

export interface ManagedFieldsEntry {
  manager: string
  operation: 'Apply' | 'Update'
  apiVersion: string
  time: string
  fieldsType: 'FieldsV1'
  fieldsV1: Record<string, unknown>
  subresource?: string
}

export interface GroupVersionKind {
  group: string
  version: string
  kind: string
}

export interface GroupVersionResource {
  group: string
  version: string
  resource: string
}

/** authentication.k8s.io user.Info */
export interface UserInfo {
  username: string
  uid?: string
  groups: string[]
  extra?: Record<string, string[]>
}

/** An X.509 client certificate as the TLS layer would present it. */
export interface ClientCertificate {
  commonName: string
  organizations?: string[]
}

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * A request as it reaches kube-apiserver. Header names are canonical HTTP names
 * (`Authorization`, `Content-Type`, `Impersonate-User`); a header sent several times
 * (`Impersonate-Group`) is an array.
 */
export interface HttpRequest {
  method: HttpMethod
  /** Path and query, e.g. `/api/v1/namespaces/dev/pods?dryRun=All&fieldManager=kubectl-create`. */
  path: string
  headers?: Record<string, string | string[]>
  body?: string
  clientCertificate?: ClientCertificate
}

export interface HttpResponse {
  code: number
  headers: Record<string, string>
  /** A JSON body (object, list or Status) or, for the few plain-text answers, a string. */
  body: unknown
  /** `Warning: 299 - "..."` headers, as their text. */
  warnings: string[]
}

/** metav1.Status */
export interface Status {
  kind: 'Status'
  apiVersion: 'v1'
  metadata: Record<string, never>
  status: 'Success' | 'Failure'
  message?: string
  reason?: StatusReason
  details?: StatusDetails
  code: number
}

export type StatusReason =
  | ''
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Invalid'
  | 'ServerTimeout'
  | 'Timeout'
  | 'TooManyRequests'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'InternalError'
  | 'Expired'
  | 'ServiceUnavailable'

export interface StatusDetails {
  name?: string
  group?: string
  kind?: string
  uid?: string
  causes?: StatusCause[]
  retryAfterSeconds?: number
}

export interface StatusCause {
  reason?: string
  message?: string
  field?: string
}

/** k8s.io/apimachinery/pkg/util/validation/field.Error */
export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueNotFound'
  | 'FieldValueTypeInvalid'
  | 'InternalError'

export interface FieldError {
  type: FieldErrorType
  /** Path in Kubernetes' notation: `spec.containers[0].image`, `metadata.labels[app]`. */
  field: string
  /** Omitted for error types that print no value (Required, Forbidden, TooLong, Internal). */
  badValue?: unknown
  /** Extra text after the value, e.g. the regex explanation or `supported values: ...`. */
  detail?: string
}

/** k8s.io/apiserver/pkg/endpoints/request.RequestInfo */
export interface RequestInfo {
  isResourceRequest: boolean
  path: string
  verb: string
  apiPrefix: string
  apiGroup: string
  apiVersion: string
  namespace: string
  resource: string
  subresource: string
  name: string
  parts: string[]
}

/** The fixed vocabulary of stages, shared by the engine, the UI, the CLI and tests. */
export type StageId =
  | 'http'
  | 'authentication'
  | 'impersonation'
  | 'authorization'
  | 'decoding'
  | 'mutating-admission'
  | 'validation'
  | 'validating-admission'
  | 'storage'

export type Outcome = 'passed' | 'mutated' | 'rejected' | 'skipped'

/** RFC 6902 operation. */
export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test'
  path: string
  value?: unknown
  from?: string
}

export interface TraceEntry {
  stage: StageId
  /** The authenticator, authorizer, plugin or registry step that acted, e.g. `RBAC`, `ServiceAccount`. */
  step: string
  outcome: Outcome
  /** One line in Kubernetes' own terms. */
  summary: string
  /** Further lines that explain the decision (why, which rule, which default). */
  details?: string[]
  /** What this step changed in the object, when it changed it. */
  patch?: JsonPatchOperation[]
  /** Warnings this step added to the response (sent as `Warning` headers). */
  warnings?: string[]
  /** The admission half a plugin step ran in. */
  phase?: 'mutating' | 'validating'
  /** Virtual time, microseconds since the request arrived. */
  at: number
  /** Stage-specific facts the inspector shows (etcd key and revision, user info, request info...). */
  data?: Record<string, unknown>
}

/** What one HTTP request through the API server produced. */
export interface RequestResult {
  request: HttpRequest
  requestInfo?: RequestInfo
  /** The user after authentication and impersonation; null when authentication failed. */
  user: UserInfo | null
  response: HttpResponse
  /** The stage that rejected the request, or null when it succeeded. */
  stoppedAt: StageId | null
  trace: TraceEntry[]
  /** The object as decoded and defaulted, before admission (for the inspector's diffs). */
  decodedObject?: KubeObject
}

/** Injected time source: the engine never reads the real clock. */
export interface Clock {
  /** RFC 3339 timestamp with second precision, as metav1.Time serialises. */
  now(): string
}

/** Injected source of identifiers and randomness. */
export interface IdSource {
  /** A UUID (v4 format) for metadata.uid. */
  uid(): string
  /** `n` characters from Kubernetes' name alphabet `bcdfghjklmnpqrstvwxz2456789`. */
  randomSuffix(n: number): string
}
