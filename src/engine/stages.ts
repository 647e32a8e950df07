// The stages of kube-apiserver a request passes, in run order. This is the one list of them: the engine's
// pipeline, the UI's diagram and the docs all read it. kube-apiserver builds the same order inside out
// (DefaultBuildHandlerChain in k8s.io/apiserver/pkg/server/config.go, then the REST handler and registry).
import type { StageId } from './types'

export interface StageInfo {
  id: StageId
  /** The name the diagram shows. */
  title: string
  /** Where in kube-apiserver this happens. */
  source: string
  docs: string
}

export const STAGES: readonly StageInfo[] = [
  {
    id: 'http',
    title: 'HTTP handler',
    source: 'WithRequestInfo, then routing (go-restful / NonGoRestfulMux)',
    docs: 'https://kubernetes.io/docs/reference/using-api/api-concepts/',
  },
  {
    id: 'authentication',
    title: 'Authentication',
    source: 'WithAuthentication',
    docs: 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/',
  },
  {
    id: 'impersonation',
    title: 'Impersonation',
    source: 'WithImpersonation',
    docs: 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation',
  },
  {
    id: 'authorization',
    title: 'Authorization',
    source: 'WithAuthorization (system:masters, then Node, RBAC)',
    docs: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/',
  },
  {
    id: 'decoding',
    title: 'Decoding & defaulting',
    source: 'REST handler: decode, default, convert to the internal version',
    docs: 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
  },
  {
    id: 'mutating-admission',
    title: 'Mutating admission',
    source: 'admission chain, Admit phase',
    docs: 'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/',
  },
  {
    id: 'validation',
    title: 'Schema validation',
    source: 'registry: BeforeCreate (PrepareForCreate, Validate)',
    docs: 'https://kubernetes.io/docs/reference/using-api/api-concepts/',
  },
  {
    id: 'validating-admission',
    title: 'Validating admission',
    source: 'admission chain, Validate phase',
    docs: 'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/',
  },
  {
    id: 'storage',
    title: 'etcd',
    source: 'registry Store, etcd3 storage',
    docs: 'https://kubernetes.io/docs/concepts/overview/components/#etcd',
  },
]
