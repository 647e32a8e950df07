// The scenario format: one YAML file holds a cluster and an ordered list of requests. It is the single
// currency of the product (presets, lessons, share links, the CLI and tests). docs/scenario-format.md
// documents it; scenario.schema.json is its JSON Schema.
import type { JwtAuthenticatorConfig } from '../authentication'
import type { EncryptionConfiguration } from '../storage/encryptionConfig'
import type { ClientCertificate, HttpRequest, KubeObject, RequestResult, StageId, UserInfo } from '../types'

export interface ScenarioUser {
  name: string
  groups?: string[]
  /** Static bearer token that authenticates this user. */
  token?: string
  /** Client certificate that authenticates this user (CN is the user, O the groups). */
  clientCertificate?: ClientCertificate
  /** An ID token from a trusted OIDC issuer (cluster.authentication.jwt), carrying these claims. */
  oidc?: { issuer: string; claims?: Record<string, unknown> }
}

export interface ScenarioCluster {
  users?: ScenarioUser[]
  /** Objects in the cluster at the start, stored as the admin in this order. */
  objects?: KubeObject[]
  /** Like --enable-admission-plugins / --disable-admission-plugins. */
  admission?: { enable?: string[]; disable?: string[] }
  /** Like --anonymous-auth (default true) and the structured authentication configuration's jwt issuers. */
  authentication?: { anonymous?: boolean; jwt?: JwtAuthenticatorConfig[] }
  /** Like --feature-gates. */
  featureGates?: Record<string, boolean>
  /** Simulated servers behind the Services that admission webhooks call. */
  webhookServers?: Record<string, unknown>[]
  /** Like --encryption-provider-config: an EncryptionConfiguration (which resources etcd holds encrypted). */
  encryption?: EncryptionConfiguration
}

export type ScenarioVerb = 'create' | 'apply' | 'get' | 'list' | 'watch' | 'delete' | 'update' | 'patch' | 'can-i' | 'whoami'

export interface ScenarioRequest {
  /**
   * For get and delete, the object's name (as in `kubectl get pods nginx`); for other verbs, a label for
   * the request. `title` labels any request.
   */
  name?: string
  title?: string
  /** A user of the cluster, `admin` (default), `anonymous`, or `system:serviceaccount:<ns>:<name>`. */
  as?: string
  /** Send exactly this bearer token instead of the identity's own credential. */
  token?: string
  impersonate?: { user?: string; groups?: string[] }
  verb: ScenarioVerb
  object?: KubeObject
  manifest?: string
  resource?: string
  subresource?: string
  namespace?: string
  dryRun?: boolean
  /**
   * verb: patch — the patch type (kubectl patch --type; strategic by default) and the patch itself. `apply`
   * sends a server-side apply configuration as a plain API call (kubectl patch has no such type).
   */
  patchType?: 'json' | 'merge' | 'strategic' | 'apply'
  patch?: unknown
  /** verb: apply — server-side apply (kubectl apply --server-side) instead of client-side apply. */
  serverSide?: boolean
  /** Server-side apply's field manager (--field-manager; kubectl by default for apply). */
  fieldManager?: string
  /** Server-side apply: take fields other managers own (--force-conflicts). */
  force?: boolean
  /** can-i: what to ask (kubectl auth can-i <verb> <resource>[/<name>] [--subresource] | --list). */
  canI?: { verb: string; resource?: string; subresource?: string; name?: string; nonResourceURL?: string; list?: boolean }
  /** list and watch: selectors, paging, and the resourceVersion to start from (`previous`: the last list's). */
  labelSelector?: string
  fieldSelector?: string
  limit?: number
  continue?: string
  resourceVersion?: string
  /** delete: kubectl --cascade (background by default) and --grace-period. */
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan'
  gracePeriodSeconds?: number
  /** ?fieldValidation= for creates; kubectl sends Strict. */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore'
  /**
   * A raw API call to exactly this path and query, as `kubectl get --raw` sends: verb get, create, update,
   * patch or delete is GET, POST, PUT, PATCH or DELETE; `object`, `manifest` (as YAML text) or `patch` is the body.
   */
  raw?: string
  /** raw: the Accept header (kubectl's own when absent). */
  accept?: string
  /** raw: the body's Content-Type (JSON for object, YAML for manifest, the patchType's type for patch). */
  contentType?: string
  /** The outcome the request should have, for every document of its manifest (checked by tests and lessons). */
  expect?: Expectation
}

/**
 * What a result must show; every key given must hold (scenario/expect.ts checks it). Besides the answer,
 * it can check how the API server reached it: the stage that stopped the request, the step that rejected
 * it, the steps that changed the object, or any CEL expression over request, response, trace and cluster.
 */
export interface Expectation {
  code?: number
  /** The Status reason (`Forbidden`, `Invalid`, ...); absent for a success. */
  reason?: string
  stoppedAt?: StageId | null
  /** The trace step that rejected the request: `PodSecurity`, `ResourceQuota`, `Validate`, `decoder`... */
  rejectedBy?: string
  /** Trace steps that must each have changed the object (`defaulting`, `ServiceAccount`, ...). */
  mutatedBy?: string[]
  kubectl?: string
  /** The Status message, exactly or a part of it. */
  message?: string
  messageContains?: string
  /** Exactly these Warning headers, in order (`[]`: none). */
  warnings?: string[]
  /** A CEL expression that must evaluate to true. */
  cel?: string
}

export interface Scenario {
  name: string
  title?: string
  description?: string
  cluster?: ScenarioCluster
  requests?: ScenarioRequest[]
}

/** One kubectl-level result: a request from the scenario (or one document of its manifest). */
export interface KubectlResult {
  name: string
  /** Every HTTP call kubectl made for this request, in order; the last one decides the outcome. */
  calls: RequestResult[]
  /** The last call's request and user, as the CLI's JSON prints them. */
  request: { method: HttpRequest['method']; path: string; user: UserInfo | null }
  response: RequestResult['response']
  stoppedAt: StageId | null
  /** What kubectl prints: `pod/nginx created`, `Error from server (Forbidden): ...`. */
  kubectl: string
  /** The kubectl command line this request corresponds to. */
  commandLine: string
  /** For requests built from a manifest: which YAML document (0-based) this result came from. */
  documentIndex?: number
}
