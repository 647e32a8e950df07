// Admission as k8s.io/apiserver/pkg/admission defines it: plugins that handle some operations, with a
// mutating half (Admit) and a validating half (Validate), run by one chain in a fixed order.
import type { AuthorizationAttributes, AuthorizationDecision } from '../authorization/types'
import type { ResourceInfo } from '../resources'
import type { Clock, IdSource, KubeObject, Status, UserInfo } from '../types'
import type { WebhookServerSpec } from './webhook/types'

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT'

export interface AdmissionAttributes {
  name: string
  namespace: string
  resource: ResourceInfo
  subresource: string
  operation: Operation
  /** The object being written; mutating plugins change it in place. */
  object?: KubeObject
  oldObject?: KubeObject
  userInfo: UserInfo
  dryRun: boolean
  /** The write's `?fieldManager=` and `?fieldValidation=`, which the Create/UpdateOptions carry. */
  fieldManager?: string
  fieldValidation?: string
}

/** What plugins may read of the cluster: the informers' view of stored objects. */
export interface ClusterReader {
  get(resource: string, namespace: string, name: string): KubeObject | undefined
  list(resource: string, namespace: string): KubeObject[]
}

export interface AdmissionContext {
  cluster: ClusterReader
  ids: IdSource
  clock: Clock
  /**
   * Creates the Namespace `name` as kube-apiserver's loopback client would (NamespaceAutoProvision writes through
   * the API). Returns the failure Status, or undefined when the namespace was created. Absent: the plugin says it
   * could not write.
   */
  createNamespace?(name: string): Status | undefined
  /** The server's authorizer, for plugins that ask it questions (CertificateApproval, OwnerReferences...). */
  authorize?(attrs: AuthorizationAttributes): AuthorizationDecision
  /** The server's --feature-gates (the scenario's `cluster.featureGates`); absent gates take their defaults. */
  featureGates?: Record<string, boolean>
  /** The simulated webhook servers behind Services (the scenario's `cluster.webhookServers`). */
  webhookServers?: WebhookServerSpec[]
}

export type PluginVerdict =
  /** The plugin looked at the request and let it through; `mutated` is decided by the chain from the diff. */
  | {
      allowed: true
      summary: string
      details?: string[]
      warnings?: string[]
      /** Structured data for the inspector (webhooks: the AdmissionReview sent and the response). */
      data?: Record<string, unknown>
      /** A mutating webhook changed the object: the chain must run the whole mutating phase once more. */
      reinvoke?: boolean
    }
  /** The plugin does not act on this request at all. */
  | { allowed: true; skipped: true; summary: string }
  | { allowed: false; status: Status; summary: string; details?: string[]; data?: Record<string, unknown> }

export interface AdmissionPlugin {
  readonly name: string
  admit?(attrs: AdmissionAttributes, ctx: AdmissionContext): PluginVerdict
  validate?(attrs: AdmissionAttributes, ctx: AdmissionContext): PluginVerdict
}
