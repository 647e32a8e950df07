// The admissionregistration.k8s.io/v1 webhook types the dispatchers read, and the scenario's simulated
// webhook servers (`cluster.webhookServers`): what answers when the API server posts an AdmissionReview to a
// Service. Nothing here executes code from a scenario; a server is one of the built-ins or a list of canned
// responses.
import type { JsonPatchOperation, KubeObject, StatusDetails } from '../../types'
import type { MetaLabelSelector } from '../../selectors/labels'

export interface RuleWithOperations {
  operations?: string[]
  apiGroups?: string[]
  apiVersions?: string[]
  resources?: string[]
  scope?: '*' | 'Cluster' | 'Namespaced'
}

export interface ServiceReference {
  namespace: string
  name: string
  path?: string
  port?: number
}

export interface WebhookClientConfig {
  url?: string
  service?: ServiceReference
  caBundle?: string
}

export interface MatchCondition {
  name: string
  expression: string
}

/** A MutatingWebhook or ValidatingWebhook after defaulting. */
export interface Webhook {
  name: string
  clientConfig: WebhookClientConfig
  rules?: RuleWithOperations[]
  failurePolicy?: 'Fail' | 'Ignore'
  matchPolicy?: 'Exact' | 'Equivalent'
  namespaceSelector?: MetaLabelSelector
  objectSelector?: MetaLabelSelector
  sideEffects?: 'None' | 'NoneOnDryRun' | 'Some' | 'Unknown'
  timeoutSeconds?: number
  admissionReviewVersions?: string[]
  reinvocationPolicy?: 'Never' | 'IfNeeded'
  matchConditions?: MatchCondition[]
}

export interface WebhookConfiguration extends KubeObject {
  webhooks?: Webhook[]
}

/** One canned answer of a learner's own server; the first whose `when` holds is sent. */
export interface WebhookServerResponse {
  /** CEL over `request` (the AdmissionRequest, object included), `object` and `oldObject`; absent: always. */
  when?: string
  allowed: boolean
  code?: number
  reason?: string
  message?: string
  details?: StatusDetails
  /** JSON Patch the server returns (sent base64-encoded with patchType JSONPatch). */
  patch?: JsonPatchOperation[]
  warnings?: string[]
  auditAnnotations?: Record<string, string>
}

/** A Gatekeeper Constraint, given inline (the constraint CRDs are not served by the simulated cluster). */
export interface GatekeeperConstraint {
  kind: 'K8sRequiredLabels' | 'K8sAllowedRepos' | 'K8sContainerLimits' | 'K8sBlockNodePort'
  name: string
  parameters?: Record<string, unknown>
  match?: {
    kinds?: { apiGroups?: string[]; kinds?: string[] }[]
    namespaces?: string[]
    excludedNamespaces?: string[]
    labelSelector?: MetaLabelSelector
    namespaceSelector?: MetaLabelSelector
    scope?: '*' | 'Cluster' | 'Namespaced'
  }
  enforcementAction?: 'deny' | 'warn' | 'dryrun'
}

/** `cluster.webhookServers[]` in a scenario: a server listening behind a Service. */
export interface WebhookServerSpec {
  service: { namespace: string; name: string; path?: string; port?: number }
  /** Virtual time the server takes to answer; beyond the webhook's timeoutSeconds the call times out. */
  latencyMs?: number
  /** Nothing listens: the call fails with `connect: connection refused`. */
  down?: boolean
  builtin?: 'istio-sidecar-injector' | 'gatekeeper'
  /** For builtin gatekeeper: the constraints it enforces. */
  constraints?: GatekeeperConstraint[]
  /** For a learner's own server: the answers, first match wins; none matching means allowed. */
  responses?: WebhookServerResponse[]
}

/** AdmissionReview v1 (admission.k8s.io/v1), field order as Go serialises it. */
export interface AdmissionRequest {
  uid: string
  kind: { group: string; version: string; kind: string }
  resource: { group: string; version: string; resource: string }
  subResource?: string
  requestKind: { group: string; version: string; kind: string }
  requestResource: { group: string; version: string; resource: string }
  requestSubResource?: string
  name?: string
  namespace?: string
  operation: string
  userInfo: { username: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> }
  object?: KubeObject | null
  oldObject?: KubeObject | null
  dryRun: boolean
  options?: Record<string, unknown>
}

export interface AdmissionResponse {
  uid: string
  allowed: boolean
  status?: { code?: number; reason?: string; message?: string; details?: StatusDetails; status?: string }
  patch?: string
  patchType?: 'JSONPatch'
  auditAnnotations?: Record<string, string>
  warnings?: string[]
}

export interface AdmissionReview {
  kind: 'AdmissionReview'
  apiVersion: 'admission.k8s.io/v1' | 'admission.k8s.io/v1beta1'
  request?: AdmissionRequest
  response?: AdmissionResponse
}
