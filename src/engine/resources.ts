// The API resources this kube-apiserver serves: what discovery (`kubectl api-resources`) would list,
// and where each is kept in etcd. The order of entries is the order discovery lists them.
import type { GroupVersionKind } from './types'

export interface ResourceInfo {
  group: string
  version: string
  kind: string
  /** Plural resource name, as in URLs and RBAC rules. */
  resource: string
  singular: string
  shortNames: string[]
  /** The groups `kubectl get <category>` expands to (`all`). */
  categories: string[]
  namespaced: boolean
  /** Key prefix in etcd below /registry (kube-apiserver's special cases included). */
  etcdPrefix: string
  subresources: string[]
  /** Whether the engine implements this kind's defaulting and validation beyond object metadata. */
  modelled: boolean
  /** Create-only and never stored: the API server computes the answer (access reviews). */
  computed: boolean
  /** How etcd holds it: built-in kinds as protobuf, custom resources as JSON. */
  encoding: 'protobuf' | 'json'
}

function r(
  group: string,
  version: string,
  kind: string,
  resource: string,
  namespaced: boolean,
  opts: Partial<Pick<ResourceInfo, 'shortNames' | 'categories' | 'etcdPrefix' | 'subresources' | 'modelled' | 'computed'>> = {},
): ResourceInfo {
  return {
    group,
    version,
    kind,
    resource,
    singular: kind.toLowerCase(),
    shortNames: opts.shortNames ?? [],
    categories: opts.categories ?? [],
    namespaced,
    etcdPrefix: opts.etcdPrefix ?? resource,
    subresources: opts.subresources ?? [],
    modelled: opts.modelled ?? false,
    computed: opts.computed ?? false,
    encoding: 'protobuf',
  }
}

/**
 * The kind a subresource reads and writes (Scale, Eviction, TokenRequest): the decoder needs its group, version
 * and kind, and it is never stored under a key of its own.
 */
export function subresourceKind(group: string, version: string, kind: string, parent: string, computed = false): ResourceInfo {
  return r(group, version, kind, parent, true, { etcdPrefix: '', computed })
}

const rbac = 'rbac.authorization.k8s.io'
const admreg = 'admissionregistration.k8s.io'

/** The built-in resources, one row each; a server starts from these (resourceRegistry.ts). */
export const BUILTIN_RESOURCES: readonly ResourceInfo[] = [
  r('', 'v1', 'ConfigMap', 'configmaps', true, { shortNames: ['cm'], modelled: true }),
  r('', 'v1', 'Endpoints', 'endpoints', true, { shortNames: ['ep'], etcdPrefix: 'services/endpoints' }),
  r('', 'v1', 'Event', 'events', true, { shortNames: ['ev'] }),
  r('', 'v1', 'LimitRange', 'limitranges', true, { shortNames: ['limits'] }),
  r('', 'v1', 'Namespace', 'namespaces', false, {
    shortNames: ['ns'],
    subresources: ['finalize', 'status'],
    modelled: true,
  }),
  r('', 'v1', 'Node', 'nodes', false, { shortNames: ['no'], etcdPrefix: 'minions', subresources: ['proxy', 'status'] }),
  r('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, {
    shortNames: ['pvc'],
    subresources: ['status'],
    modelled: true,
  }),
  r('', 'v1', 'PersistentVolume', 'persistentvolumes', false, { shortNames: ['pv'], subresources: ['status'] }),
  r('', 'v1', 'Pod', 'pods', true, { categories: ['all'],
    shortNames: ['po'],
    subresources: ['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'resize', 'status'],
    modelled: true,
  }),
  r('', 'v1', 'ReplicationController', 'replicationcontrollers', true, { categories: ['all'],
    shortNames: ['rc'],
    etcdPrefix: 'controllers',
    subresources: ['scale', 'status'],
  }),
  r('', 'v1', 'ResourceQuota', 'resourcequotas', true, { shortNames: ['quota'], subresources: ['status'] }),
  r('', 'v1', 'Secret', 'secrets', true, { modelled: true }),
  r('', 'v1', 'ServiceAccount', 'serviceaccounts', true, { shortNames: ['sa'], subresources: ['token'], modelled: true }),
  r('', 'v1', 'Service', 'services', true, { categories: ['all'],
    shortNames: ['svc'],
    etcdPrefix: 'services/specs',
    subresources: ['proxy', 'status'],
    modelled: true,
  }),
  r(admreg, 'v1', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', false, { modelled: true }),
  r(admreg, 'v1', 'ValidatingAdmissionPolicy', 'validatingadmissionpolicies', false, { subresources: ['status'], modelled: true }),
  r(admreg, 'v1', 'ValidatingAdmissionPolicyBinding', 'validatingadmissionpolicybindings', false, { modelled: true }),
  r(admreg, 'v1', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false, { modelled: true }),
  // Beta: served only with --runtime-config=admissionregistration.k8s.io/v1beta1=true in a real 1.35 server.
  r(admreg, 'v1beta1', 'MutatingAdmissionPolicy', 'mutatingadmissionpolicies', false, { modelled: true }),
  r(admreg, 'v1beta1', 'MutatingAdmissionPolicyBinding', 'mutatingadmissionpolicybindings', false, { modelled: true }),
  r('apps', 'v1', 'DaemonSet', 'daemonsets', true, { categories: ['all'], shortNames: ['ds'], subresources: ['status'], modelled: true }),
  r('apps', 'v1', 'Deployment', 'deployments', true, { categories: ['all'], shortNames: ['deploy'], subresources: ['scale', 'status'], modelled: true }),
  r('apps', 'v1', 'ReplicaSet', 'replicasets', true, { categories: ['all'], shortNames: ['rs'], subresources: ['scale', 'status'], modelled: true }),
  r('apps', 'v1', 'StatefulSet', 'statefulsets', true, { categories: ['all'], shortNames: ['sts'], subresources: ['scale', 'status'], modelled: true }),
  // Served in two versions; v2 first, being the preferred (and storage) version, so lookups by name find it.
  r('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true, { categories: ['all'], shortNames: ['hpa'], subresources: ['status'], modelled: true }),
  r('autoscaling', 'v1', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true, { categories: ['all'], shortNames: ['hpa'], subresources: ['status'], modelled: true }),
  r('authentication.k8s.io', 'v1', 'SelfSubjectReview', 'selfsubjectreviews', false, { modelled: true, computed: true }),
  r('authorization.k8s.io', 'v1', 'LocalSubjectAccessReview', 'localsubjectaccessreviews', true, { modelled: true, computed: true }),
  r('authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', false, { modelled: true, computed: true }),
  r('authorization.k8s.io', 'v1', 'SelfSubjectRulesReview', 'selfsubjectrulesreviews', false, { modelled: true, computed: true }),
  r('authorization.k8s.io', 'v1', 'SubjectAccessReview', 'subjectaccessreviews', false, { modelled: true, computed: true }),
  r('batch', 'v1', 'CronJob', 'cronjobs', true, { categories: ['all'], shortNames: ['cj'], subresources: ['status'], modelled: true }),
  r('batch', 'v1', 'Job', 'jobs', true, { categories: ['all'], subresources: ['status'], modelled: true }),
  r('certificates.k8s.io', 'v1', 'CertificateSigningRequest', 'certificatesigningrequests', false, {
    shortNames: ['csr'],
    subresources: ['approval', 'status'],
    modelled: true,
  }),
  r('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', false, { modelled: true }),
  r('networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, { shortNames: ['ing'], etcdPrefix: 'ingress', subresources: ['status'], modelled: true }),
  r('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', true, { shortNames: ['netpol'], modelled: true }),
  r('node.k8s.io', 'v1', 'RuntimeClass', 'runtimeclasses', false, { modelled: true }),
  r('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true, { shortNames: ['pdb'], subresources: ['status'], modelled: true }),
  r(rbac, 'v1', 'ClusterRoleBinding', 'clusterrolebindings', false, { modelled: true }),
  r(rbac, 'v1', 'ClusterRole', 'clusterroles', false, { modelled: true }),
  r(rbac, 'v1', 'RoleBinding', 'rolebindings', true, { modelled: true }),
  r(rbac, 'v1', 'Role', 'roles', true, { modelled: true }),
  r('scheduling.k8s.io', 'v1', 'PriorityClass', 'priorityclasses', false, { shortNames: ['pc'], modelled: true }),
  r('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false, { shortNames: ['sc'], modelled: true }),
]

/** The built-in rows; code that serves requests asks the server's ResourceRegistry instead. */
export const RESOURCES = BUILTIN_RESOURCES

const byGroupVersionResource = new Map<string, ResourceInfo>()
const byGroupVersionKind = new Map<string, ResourceInfo>()
for (const info of RESOURCES) {
  byGroupVersionResource.set(`${info.group}/${info.version}/${info.resource}`, info)
  byGroupVersionKind.set(`${info.group}/${info.version}/${info.kind}`, info)
}

/** The group/versions the server serves, `v1` for the core group. */
export const SERVED_GROUP_VERSIONS: ReadonlySet<string> = new Set(
  RESOURCES.map((info) => (info.group ? `${info.group}/${info.version}` : info.version)),
)

export function resourceFor(group: string, version: string, resource: string): ResourceInfo | undefined {
  return byGroupVersionResource.get(`${group}/${version}/${resource}`)
}

/** By plural name alone: every resource this server serves has a distinct plural. */
export function resourceByName(resource: string): ResourceInfo | undefined {
  return RESOURCES.find((info) => info.resource === resource)
}

export function resourceForKind(gvk: GroupVersionKind): ResourceInfo | undefined {
  return byGroupVersionKind.get(`${gvk.group}/${gvk.version}/${gvk.kind}`)
}

/** Splits `apps/v1` into group and version; `v1` is the core group. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/')
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) }
}

export function apiVersionOf(info: { group: string; version: string }): string {
  return info.group ? `${info.group}/${info.version}` : info.version
}

/**
 * How kubectl resolves what a user typed (`pods`, `pod`, `po`, `Pod`, `deployments.apps`) to a resource,
 * as its RESTMapper does from discovery.
 */
export function resolveResourceArg(arg: string): ResourceInfo | undefined {
  const lower = arg.toLowerCase()
  const dot = lower.indexOf('.')
  const name = dot < 0 ? lower : lower.slice(0, dot)
  const group = dot < 0 ? undefined : lower.slice(dot + 1)
  return RESOURCES.find(
    (info) =>
      (group === undefined || info.group === group) &&
      (info.resource === name || info.singular === name || info.shortNames.includes(name)),
  )
}

/** The etcd key for an object: /registry/<prefix>/<namespace>/<name>, or without namespace when cluster-scoped. */
export function etcdKey(info: ResourceInfo, namespace: string, name: string): string {
  return info.namespaced ? `/registry/${info.etcdPrefix}/${namespace}/${name}` : `/registry/${info.etcdPrefix}/${name}`
}

/** The key prefix a list reads: all namespaces, or one. */
export function etcdListPrefix(info: ResourceInfo, namespace: string): string {
  return info.namespaced && namespace ? `/registry/${info.etcdPrefix}/${namespace}/` : `/registry/${info.etcdPrefix}/`
}

/** The URL of a collection: /api/v1/namespaces/dev/pods, /apis/apps/v1/deployments. */
export function collectionPath(info: ResourceInfo, namespace: string): string {
  const root = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`
  return info.namespaced && namespace ? `${root}/namespaces/${namespace}/${info.resource}` : `${root}/${info.resource}`
}
