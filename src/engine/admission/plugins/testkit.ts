// Builders for the plugin tests: attributes for a request, and a context whose cluster holds given objects.
import type { AuthorizationAttributes, AuthorizationDecision } from '../../authorization/types'
import { resourceByName } from '../../resources'
import type { KubeObject, UserInfo } from '../../types'
import type { AdmissionAttributes, AdmissionContext, Operation } from '../types'

export const ADMIN: UserInfo = {
  username: 'kubernetes-admin',
  groups: ['kubeadm:cluster-admins', 'system:authenticated'],
}

export function attrs(
  resource: string,
  operation: Operation,
  object: KubeObject | undefined,
  more: Partial<AdmissionAttributes> = {},
): AdmissionAttributes {
  const info = resourceByName(resource)
  if (!info) throw new Error(`unknown resource ${resource}`)
  return {
    name: object?.metadata?.name ?? '',
    namespace: info.namespaced ? (object?.metadata?.namespace ?? 'default') : '',
    resource: info,
    subresource: '',
    operation,
    object,
    userInfo: ADMIN,
    dryRun: false,
    ...more,
  }
}

const RESOURCE_OF: Record<string, string> = {
  Namespace: 'namespaces',
  StorageClass: 'storageclasses',
  IngressClass: 'ingressclasses',
  PriorityClass: 'priorityclasses',
  RuntimeClass: 'runtimeclasses',
}

export function context(
  objects: KubeObject[] = [],
  extra: {
    authorize?: (a: AuthorizationAttributes) => AuthorizationDecision
    createNamespace?: AdmissionContext['createNamespace']
  } = {},
): AdmissionContext {
  const resourceOf = (o: KubeObject) => RESOURCE_OF[o.kind ?? ''] ?? ''
  return {
    cluster: {
      get: (resource, namespace, name) =>
        objects.find(
          (o) =>
            resourceOf(o) === resource &&
            (o.metadata?.namespace ?? '') === namespace &&
            o.metadata?.name === name,
        ),
      list: (resource, namespace) =>
        objects.filter(
          (o) => resourceOf(o) === resource && (!namespace || o.metadata?.namespace === namespace),
        ),
    },
    ids: { uid: () => 'uid', randomSuffix: () => 'xxxxx' },
    clock: { now: () => '2026-01-15T10:00:00Z' },
    ...extra,
  }
}

export const namespace = (name: string, annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, ...(annotations ? { annotations } : {}) },
})

export const decision = (allowed: boolean): AuthorizationDecision => ({
  decision: allowed ? 'Allow' : 'NoOpinion',
  reason: '',
  authorizer: 'RBAC',
  details: [],
})

export const pod = (
  name: string,
  spec: Record<string, unknown> = {},
  namespaceName = 'default',
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: namespaceName },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }], ...spec },
})
