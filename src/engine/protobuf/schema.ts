// Message layouts of the built-in kinds the engine stores, with the field numbers of k8s.io/api's and
// k8s.io/apimachinery's generated.proto. Each field also says how Go marshals it, because that decides the
// bytes: a Go value field (string, int32, bool, an embedded struct) is always written, even when empty; a
// pointer, slice or map is written only when set. And how encoding/json shows it, for the way back: most
// scalars are `omitempty`, a few are not (`keepEmpty`), structs always appear, and some structs are inlined
// into their parent (a Volume's VolumeSource, a selector's LocalObjectReference).
//
// Fields not listed here (probes' grpc, affinity, container statuses, ephemeral containers, newer alpha
// fields...) are not encoded: decodeFromStorage(encodeForStorage(x)) drops them. The list is what the
// simulator's objects use; anything else in a modelled kind is named by `unmodelledFields`.

export type FieldKind =
  | 'string'
  | 'bool'
  | 'int32'
  | 'int64'
  | 'bytes'
  | 'message'
  | 'time'
  | 'microtime'
  | 'quantity'
  | 'intstr'
  | 'fieldsV1'

export interface FieldSpec {
  no: number
  name: string
  kind: FieldKind
  msg?: () => MessageSpec
  repeated?: boolean
  /** map<string, X>: X is the field's kind (string, bytes or quantity). */
  map?: boolean
  /** A Go value field: written even when empty. */
  always?: boolean
  /** encoding/json inlines this struct's fields into the parent. */
  inline?: boolean
  /** encoding/json has no omitempty on it: an empty value still shows. */
  keepEmpty?: boolean
}

export interface MessageSpec {
  name: string
  /** Ascending field numbers: the order Go's generated marshallers write. */
  fields: FieldSpec[]
}

type Opts = Partial<Pick<FieldSpec, 'keepEmpty' | 'inline'>>
const f = (no: number, name: string, kind: FieldKind, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  no,
  name,
  kind,
  ...extra,
})
// Go value fields.
const s = (no: number, name: string, o: Opts = {}) => f(no, name, 'string', { always: true, ...o })
const b = (no: number, name: string, o: Opts = {}) => f(no, name, 'bool', { always: true, ...o })
const i32 = (no: number, name: string, o: Opts = {}) => f(no, name, 'int32', { always: true, ...o })
const i64 = (no: number, name: string, o: Opts = {}) => f(no, name, 'int64', { always: true, ...o })
const t = (no: number, name: string) => f(no, name, 'time', { always: true })
const M = (no: number, name: string, msg: () => MessageSpec, o: Opts = {}) =>
  f(no, name, 'message', { msg, always: true, ...o })
const intstr = (no: number, name: string) => f(no, name, 'intstr', { always: true })
const quantity = (no: number, name: string) => f(no, name, 'quantity', { always: true })
// Pointers.
const ps = (no: number, name: string) => f(no, name, 'string')
const pb = (no: number, name: string) => f(no, name, 'bool')
const pi32 = (no: number, name: string) => f(no, name, 'int32')
const pi64 = (no: number, name: string) => f(no, name, 'int64')
const pt = (no: number, name: string) => f(no, name, 'time')
const m = (no: number, name: string, msg: () => MessageSpec) => f(no, name, 'message', { msg })
const pintstr = (no: number, name: string) => f(no, name, 'intstr')
const pquantity = (no: number, name: string) => f(no, name, 'quantity')
// Slices and maps.
const rs = (no: number, name: string) => f(no, name, 'string', { repeated: true })
const ri64 = (no: number, name: string) => f(no, name, 'int64', { repeated: true })
const rm = (no: number, name: string, msg: () => MessageSpec) =>
  f(no, name, 'message', { msg, repeated: true })
const map = (no: number, name: string, kind: 'string' | 'bytes' | 'quantity' = 'string') =>
  f(no, name, kind, { map: true })

const msg = (name: string, fields: FieldSpec[]): MessageSpec => ({
  name,
  fields: [...fields].sort((x, y) => x.no - y.no),
})

// --- k8s.io/apimachinery/pkg/apis/meta/v1 ---

export const OwnerReference = msg('OwnerReference', [
  s(1, 'kind', { keepEmpty: true }),
  s(3, 'name', { keepEmpty: true }),
  s(4, 'uid', { keepEmpty: true }),
  s(5, 'apiVersion', { keepEmpty: true }),
  pb(6, 'controller'),
  pb(7, 'blockOwnerDeletion'),
])

export const ManagedFieldsEntry = msg('ManagedFieldsEntry', [
  s(1, 'manager'),
  s(2, 'operation'),
  s(3, 'apiVersion'),
  pt(4, 'time'),
  s(6, 'fieldsType'),
  f(7, 'fieldsV1', 'fieldsV1'),
  s(8, 'subresource'),
])

export const ObjectMeta = msg('ObjectMeta', [
  s(1, 'name'),
  s(2, 'generateName'),
  s(3, 'namespace'),
  s(4, 'selfLink'),
  s(5, 'uid'),
  s(6, 'resourceVersion'),
  i64(7, 'generation'),
  t(8, 'creationTimestamp'),
  pt(9, 'deletionTimestamp'),
  pi64(10, 'deletionGracePeriodSeconds'),
  map(11, 'labels'),
  map(12, 'annotations'),
  rm(13, 'ownerReferences', () => OwnerReference),
  rs(14, 'finalizers'),
  rm(17, 'managedFields', () => ManagedFieldsEntry),
])

export const LabelSelectorRequirement = msg('LabelSelectorRequirement', [
  s(1, 'key', { keepEmpty: true }),
  s(2, 'operator', { keepEmpty: true }),
  rs(3, 'values'),
])

export const LabelSelector = msg('LabelSelector', [
  map(1, 'matchLabels'),
  rm(2, 'matchExpressions', () => LabelSelectorRequirement),
])

export const Condition = msg('Condition', [
  s(1, 'type', { keepEmpty: true }),
  s(2, 'status', { keepEmpty: true }),
  i64(3, 'observedGeneration'),
  t(4, 'lastTransitionTime'),
  s(5, 'reason', { keepEmpty: true }),
  s(6, 'message', { keepEmpty: true }),
])

// --- k8s.io/api/core/v1 ---

const LocalObjectReference = msg('LocalObjectReference', [s(1, 'name')])
const inlineRef = () => M(1, 'localObjectReference', () => LocalObjectReference, { inline: true })

const KeyToPath = msg('KeyToPath', [
  s(1, 'key', { keepEmpty: true }),
  s(2, 'path', { keepEmpty: true }),
  pi32(3, 'mode'),
])
const ObjectFieldSelector = msg('ObjectFieldSelector', [
  s(1, 'apiVersion'),
  s(2, 'fieldPath', { keepEmpty: true }),
])
const ResourceFieldSelector = msg('ResourceFieldSelector', [
  s(1, 'containerName'),
  s(2, 'resource', { keepEmpty: true }),
  quantity(3, 'divisor'),
])
const ConfigMapKeySelector = msg('ConfigMapKeySelector', [
  inlineRef(),
  s(2, 'key', { keepEmpty: true }),
  pb(3, 'optional'),
])
const SecretKeySelector = msg('SecretKeySelector', [
  inlineRef(),
  s(2, 'key', { keepEmpty: true }),
  pb(3, 'optional'),
])
const EnvVarSource = msg('EnvVarSource', [
  m(1, 'fieldRef', () => ObjectFieldSelector),
  m(2, 'resourceFieldRef', () => ResourceFieldSelector),
  m(3, 'configMapKeyRef', () => ConfigMapKeySelector),
  m(4, 'secretKeyRef', () => SecretKeySelector),
])
const EnvVar = msg('EnvVar', [
  s(1, 'name', { keepEmpty: true }),
  s(2, 'value'),
  m(3, 'valueFrom', () => EnvVarSource),
])
const ConfigMapEnvSource = msg('ConfigMapEnvSource', [inlineRef(), pb(2, 'optional')])
const SecretEnvSource = msg('SecretEnvSource', [inlineRef(), pb(2, 'optional')])
const EnvFromSource = msg('EnvFromSource', [
  s(1, 'prefix'),
  m(2, 'configMapRef', () => ConfigMapEnvSource),
  m(3, 'secretRef', () => SecretEnvSource),
])
const ContainerPort = msg('ContainerPort', [
  s(1, 'name'),
  i32(2, 'hostPort'),
  i32(3, 'containerPort', { keepEmpty: true }),
  s(4, 'protocol'),
  s(5, 'hostIP'),
])
const ResourceRequirements = msg('ResourceRequirements', [
  map(1, 'limits', 'quantity'),
  map(2, 'requests', 'quantity'),
])
const VolumeMount = msg('VolumeMount', [
  s(1, 'name', { keepEmpty: true }),
  b(2, 'readOnly'),
  s(3, 'mountPath', { keepEmpty: true }),
  s(4, 'subPath'),
  ps(5, 'mountPropagation'),
  s(6, 'subPathExpr'),
  ps(7, 'recursiveReadOnly'),
])
const Capabilities = msg('Capabilities', [rs(1, 'add'), rs(2, 'drop')])
const SELinuxOptions = msg('SELinuxOptions', [s(1, 'user'), s(2, 'role'), s(3, 'type'), s(4, 'level')])
const SeccompProfile = msg('SeccompProfile', [s(1, 'type', { keepEmpty: true }), ps(2, 'localhostProfile')])
const SecurityContext = msg('SecurityContext', [
  m(1, 'capabilities', () => Capabilities),
  pb(2, 'privileged'),
  m(3, 'seLinuxOptions', () => SELinuxOptions),
  pi64(4, 'runAsUser'),
  pb(5, 'runAsNonRoot'),
  pb(6, 'readOnlyRootFilesystem'),
  pb(7, 'allowPrivilegeEscalation'),
  pi64(8, 'runAsGroup'),
  ps(9, 'procMount'),
  m(11, 'seccompProfile', () => SeccompProfile),
])
const ExecAction = msg('ExecAction', [rs(1, 'command')])
const HTTPHeader = msg('HTTPHeader', [s(1, 'name', { keepEmpty: true }), s(2, 'value', { keepEmpty: true })])
const HTTPGetAction = msg('HTTPGetAction', [
  s(1, 'path'),
  intstr(2, 'port'),
  s(3, 'host'),
  s(4, 'scheme'),
  rm(5, 'httpHeaders', () => HTTPHeader),
])
const TCPSocketAction = msg('TCPSocketAction', [intstr(1, 'port'), s(2, 'host')])
const ProbeHandler = msg('ProbeHandler', [
  m(1, 'exec', () => ExecAction),
  m(2, 'httpGet', () => HTTPGetAction),
  m(3, 'tcpSocket', () => TCPSocketAction),
])
const Probe = msg('Probe', [
  M(1, 'handler', () => ProbeHandler, { inline: true }),
  i32(2, 'initialDelaySeconds'),
  i32(3, 'timeoutSeconds'),
  i32(4, 'periodSeconds'),
  i32(5, 'successThreshold'),
  i32(6, 'failureThreshold'),
  pi64(7, 'terminationGracePeriodSeconds'),
])

export const Container = msg('Container', [
  s(1, 'name', { keepEmpty: true }),
  s(2, 'image'),
  rs(3, 'command'),
  rs(4, 'args'),
  s(5, 'workingDir'),
  rm(6, 'ports', () => ContainerPort),
  rm(7, 'env', () => EnvVar),
  M(8, 'resources', () => ResourceRequirements),
  rm(9, 'volumeMounts', () => VolumeMount),
  m(10, 'livenessProbe', () => Probe),
  m(11, 'readinessProbe', () => Probe),
  s(13, 'terminationMessagePath'),
  s(14, 'imagePullPolicy'),
  m(15, 'securityContext', () => SecurityContext),
  b(16, 'stdin'),
  b(17, 'stdinOnce'),
  b(18, 'tty'),
  rm(19, 'envFrom', () => EnvFromSource),
  s(20, 'terminationMessagePolicy'),
  m(22, 'startupProbe', () => Probe),
  ps(24, 'restartPolicy'),
])

const Toleration = msg('Toleration', [
  s(1, 'key'),
  s(2, 'operator'),
  s(3, 'value'),
  s(4, 'effect'),
  pi64(5, 'tolerationSeconds'),
])
const HostPathVolumeSource = msg('HostPathVolumeSource', [s(1, 'path', { keepEmpty: true }), ps(2, 'type')])
const EmptyDirVolumeSource = msg('EmptyDirVolumeSource', [s(1, 'medium'), pquantity(2, 'sizeLimit')])
const SecretVolumeSource = msg('SecretVolumeSource', [
  s(1, 'secretName'),
  rm(2, 'items', () => KeyToPath),
  pi32(3, 'defaultMode'),
  pb(4, 'optional'),
])
const ConfigMapVolumeSource = msg('ConfigMapVolumeSource', [
  inlineRef(),
  rm(2, 'items', () => KeyToPath),
  pi32(3, 'defaultMode'),
  pb(4, 'optional'),
])
const DownwardAPIVolumeFile = msg('DownwardAPIVolumeFile', [
  s(1, 'path', { keepEmpty: true }),
  m(2, 'fieldRef', () => ObjectFieldSelector),
  m(3, 'resourceFieldRef', () => ResourceFieldSelector),
  pi32(4, 'mode'),
])
const DownwardAPIVolumeSource = msg('DownwardAPIVolumeSource', [
  rm(1, 'items', () => DownwardAPIVolumeFile),
  pi32(2, 'defaultMode'),
])
const DownwardAPIProjection = msg('DownwardAPIProjection', [rm(1, 'items', () => DownwardAPIVolumeFile)])
const ConfigMapProjection = msg('ConfigMapProjection', [
  inlineRef(),
  rm(2, 'items', () => KeyToPath),
  pb(4, 'optional'),
])
const SecretProjection = msg('SecretProjection', [
  inlineRef(),
  rm(2, 'items', () => KeyToPath),
  pb(4, 'optional'),
])
const ServiceAccountTokenProjection = msg('ServiceAccountTokenProjection', [
  s(1, 'audience'),
  pi64(2, 'expirationSeconds'),
  s(3, 'path', { keepEmpty: true }),
])
const VolumeProjection = msg('VolumeProjection', [
  m(1, 'secret', () => SecretProjection),
  m(2, 'downwardAPI', () => DownwardAPIProjection),
  m(3, 'configMap', () => ConfigMapProjection),
  m(4, 'serviceAccountToken', () => ServiceAccountTokenProjection),
])
const ProjectedVolumeSource = msg('ProjectedVolumeSource', [
  rm(1, 'sources', () => VolumeProjection),
  pi32(2, 'defaultMode'),
])
const PersistentVolumeClaimVolumeSource = msg('PersistentVolumeClaimVolumeSource', [
  s(1, 'claimName', { keepEmpty: true }),
  b(2, 'readOnly'),
])
const VolumeSource = msg('VolumeSource', [
  m(1, 'hostPath', () => HostPathVolumeSource),
  m(2, 'emptyDir', () => EmptyDirVolumeSource),
  m(6, 'secret', () => SecretVolumeSource),
  m(10, 'persistentVolumeClaim', () => PersistentVolumeClaimVolumeSource),
  m(16, 'downwardAPI', () => DownwardAPIVolumeSource),
  m(19, 'configMap', () => ConfigMapVolumeSource),
  m(26, 'projected', () => ProjectedVolumeSource),
])
const Volume = msg('Volume', [
  s(1, 'name', { keepEmpty: true }),
  M(2, 'volumeSource', () => VolumeSource, { inline: true }),
])
const Sysctl = msg('Sysctl', [s(1, 'name', { keepEmpty: true }), s(2, 'value', { keepEmpty: true })])
const PodSecurityContext = msg('PodSecurityContext', [
  m(1, 'seLinuxOptions', () => SELinuxOptions),
  pi64(2, 'runAsUser'),
  pb(3, 'runAsNonRoot'),
  ri64(4, 'supplementalGroups'),
  pi64(5, 'fsGroup'),
  pi64(6, 'runAsGroup'),
  rm(7, 'sysctls', () => Sysctl),
  ps(9, 'fsGroupChangePolicy'),
  m(10, 'seccompProfile', () => SeccompProfile),
])

export const PodSpec = msg('PodSpec', [
  rm(1, 'volumes', () => Volume),
  rm(2, 'containers', () => Container),
  s(3, 'restartPolicy'),
  pi64(4, 'terminationGracePeriodSeconds'),
  pi64(5, 'activeDeadlineSeconds'),
  s(6, 'dnsPolicy'),
  map(7, 'nodeSelector'),
  s(8, 'serviceAccountName'),
  s(9, 'serviceAccount'),
  s(10, 'nodeName'),
  b(11, 'hostNetwork'),
  b(12, 'hostPID'),
  b(13, 'hostIPC'),
  m(14, 'securityContext', () => PodSecurityContext),
  rm(15, 'imagePullSecrets', () => LocalObjectReference),
  s(16, 'hostname'),
  s(17, 'subdomain'),
  s(19, 'schedulerName'),
  rm(20, 'initContainers', () => Container),
  pb(21, 'automountServiceAccountToken'),
  rm(22, 'tolerations', () => Toleration),
  s(24, 'priorityClassName'),
  pi32(25, 'priority'),
  pb(27, 'shareProcessNamespace'),
  ps(29, 'runtimeClassName'),
  pb(30, 'enableServiceLinks'),
  ps(31, 'preemptionPolicy'),
])

const PodCondition = msg('PodCondition', [
  s(1, 'type', { keepEmpty: true }),
  s(2, 'status', { keepEmpty: true }),
  t(3, 'lastProbeTime'),
  t(4, 'lastTransitionTime'),
  s(5, 'reason'),
  s(6, 'message'),
  i64(7, 'observedGeneration'),
])
const PodIP = msg('PodIP', [s(1, 'ip', { keepEmpty: true })])
const HostIP = msg('HostIP', [s(1, 'ip', { keepEmpty: true })])
export const PodStatus = msg('PodStatus', [
  s(1, 'phase'),
  rm(2, 'conditions', () => PodCondition),
  s(3, 'message'),
  s(4, 'reason'),
  s(5, 'hostIP'),
  s(6, 'podIP'),
  pt(7, 'startTime'),
  s(9, 'qosClass'),
  s(11, 'nominatedNodeName'),
  rm(12, 'podIPs', () => PodIP),
  s(14, 'resize'),
  rm(16, 'hostIPs', () => HostIP),
  i64(17, 'observedGeneration'),
])
export const Pod = msg('Pod', [
  M(1, 'metadata', () => ObjectMeta),
  M(2, 'spec', () => PodSpec),
  M(3, 'status', () => PodStatus),
])
export const PodTemplateSpec = msg('PodTemplateSpec', [
  M(1, 'metadata', () => ObjectMeta),
  M(2, 'spec', () => PodSpec),
])

export const ConfigMap = msg('ConfigMap', [
  M(1, 'metadata', () => ObjectMeta),
  map(2, 'data'),
  map(3, 'binaryData', 'bytes'),
  pb(4, 'immutable'),
])
export const Secret = msg('Secret', [
  M(1, 'metadata', () => ObjectMeta),
  map(2, 'data', 'bytes'),
  s(3, 'type'),
  map(4, 'stringData'),
  pb(5, 'immutable'),
])
const ObjectReference = msg('ObjectReference', [
  s(1, 'kind'),
  s(2, 'namespace'),
  s(3, 'name'),
  s(4, 'uid'),
  s(5, 'apiVersion'),
  s(6, 'resourceVersion'),
  s(7, 'fieldPath'),
])
export const ServiceAccount = msg('ServiceAccount', [
  M(1, 'metadata', () => ObjectMeta),
  rm(2, 'secrets', () => ObjectReference),
  rm(3, 'imagePullSecrets', () => LocalObjectReference),
  pb(4, 'automountServiceAccountToken'),
])
const NamespaceCondition = msg('NamespaceCondition', [
  s(1, 'type', { keepEmpty: true }),
  s(2, 'status', { keepEmpty: true }),
  t(4, 'lastTransitionTime'),
  s(5, 'reason'),
  s(6, 'message'),
])
export const Namespace = msg('Namespace', [
  M(1, 'metadata', () => ObjectMeta),
  M(2, 'spec', () => msg('NamespaceSpec', [rs(1, 'finalizers')])),
  M(3, 'status', () =>
    msg('NamespaceStatus', [s(1, 'phase'), rm(2, 'conditions', () => NamespaceCondition)]),
  ),
])
const ServicePort = msg('ServicePort', [
  s(1, 'name'),
  s(2, 'protocol'),
  i32(3, 'port', { keepEmpty: true }),
  intstr(4, 'targetPort'),
  i32(5, 'nodePort'),
  ps(6, 'appProtocol'),
])
const SessionAffinityConfig = msg('SessionAffinityConfig', [
  m(1, 'clientIP', () => msg('ClientIPConfig', [pi32(1, 'timeoutSeconds')])),
])
export const ServiceSpec = msg('ServiceSpec', [
  rm(1, 'ports', () => ServicePort),
  map(2, 'selector'),
  s(3, 'clusterIP'),
  s(4, 'type'),
  rs(5, 'externalIPs'),
  s(7, 'sessionAffinity'),
  s(8, 'loadBalancerIP'),
  rs(9, 'loadBalancerSourceRanges'),
  s(10, 'externalName'),
  s(11, 'externalTrafficPolicy'),
  i32(12, 'healthCheckNodePort'),
  b(13, 'publishNotReadyAddresses'),
  m(14, 'sessionAffinityConfig', () => SessionAffinityConfig),
  ps(17, 'ipFamilyPolicy'),
  rs(18, 'clusterIPs'),
  rs(19, 'ipFamilies'),
  pb(20, 'allocateLoadBalancerNodePorts'),
  ps(21, 'loadBalancerClass'),
  ps(22, 'internalTrafficPolicy'),
  ps(23, 'trafficDistribution'),
])
const PortStatus = msg('PortStatus', [
  i32(1, 'port', { keepEmpty: true }),
  s(2, 'protocol', { keepEmpty: true }),
  ps(3, 'error'),
])
const LoadBalancerIngress = msg('LoadBalancerIngress', [
  s(1, 'ip'),
  s(2, 'hostname'),
  ps(3, 'ipMode'),
  rm(4, 'ports', () => PortStatus),
])
export const ServiceStatus = msg('ServiceStatus', [
  M(1, 'loadBalancer', () => msg('LoadBalancerStatus', [rm(1, 'ingress', () => LoadBalancerIngress)])),
  rm(2, 'conditions', () => Condition),
])
export const Service = msg('Service', [
  M(1, 'metadata', () => ObjectMeta),
  M(2, 'spec', () => ServiceSpec),
  M(3, 'status', () => ServiceStatus),
])
export const Event = msg('Event', [
  M(1, 'metadata', () => ObjectMeta),
  M(2, 'involvedObject', () => ObjectReference),
  s(3, 'reason'),
  s(4, 'message'),
  M(5, 'source', () => msg('EventSource', [s(1, 'component'), s(2, 'host')])),
  t(6, 'firstTimestamp'),
  t(7, 'lastTimestamp'),
  i32(8, 'count'),
  s(9, 'type'),
  f(10, 'eventTime', 'microtime', { always: true }),
  m(11, 'series', () =>
    msg('EventSeries', [i32(1, 'count'), f(2, 'lastObservedTime', 'microtime', { always: true })]),
  ),
  s(12, 'action'),
  m(13, 'related', () => ObjectReference),
  s(14, 'reportingComponent', { keepEmpty: true }),
  s(15, 'reportingInstance', { keepEmpty: true }),
])

// --- k8s.io/api/apps/v1 ---

const RollingUpdateDeployment = msg('RollingUpdateDeployment', [
  pintstr(1, 'maxUnavailable'),
  pintstr(2, 'maxSurge'),
])
const DeploymentStrategy = msg('DeploymentStrategy', [
  s(1, 'type'),
  m(2, 'rollingUpdate', () => RollingUpdateDeployment),
])
const DeploymentCondition = msg('DeploymentCondition', [
  s(1, 'type', { keepEmpty: true }),
  s(2, 'status', { keepEmpty: true }),
  s(4, 'reason'),
  s(5, 'message'),
  t(6, 'lastUpdateTime'),
  t(7, 'lastTransitionTime'),
])
export const Deployment = msg('Deployment', [
  M(1, 'metadata', () => ObjectMeta),
  M(2, 'spec', () =>
    msg('DeploymentSpec', [
      pi32(1, 'replicas'),
      m(2, 'selector', () => LabelSelector),
      M(3, 'template', () => PodTemplateSpec),
      M(4, 'strategy', () => DeploymentStrategy),
      i32(5, 'minReadySeconds'),
      pi32(6, 'revisionHistoryLimit'),
      b(7, 'paused'),
      pi32(9, 'progressDeadlineSeconds'),
      ps(10, 'podReplacementPolicy'),
    ]),
  ),
  M(3, 'status', () =>
    msg('DeploymentStatus', [
      i64(1, 'observedGeneration'),
      i32(2, 'replicas'),
      i32(3, 'updatedReplicas'),
      i32(4, 'availableReplicas'),
      i32(5, 'unavailableReplicas'),
      rm(6, 'conditions', () => DeploymentCondition),
      i32(7, 'readyReplicas'),
      pi32(8, 'collisionCount'),
      pi32(9, 'terminatingReplicas'),
    ]),
  ),
])
const ReplicaSetCondition = msg('ReplicaSetCondition', [
  s(1, 'type', { keepEmpty: true }),
  s(2, 'status', { keepEmpty: true }),
  t(3, 'lastTransitionTime'),
  s(4, 'reason'),
  s(5, 'message'),
])
export const ReplicaSet = msg('ReplicaSet', [
  M(1, 'metadata', () => ObjectMeta),
  M(2, 'spec', () =>
    msg('ReplicaSetSpec', [
      pi32(1, 'replicas'),
      m(2, 'selector', () => LabelSelector),
      M(3, 'template', () => PodTemplateSpec),
      i32(4, 'minReadySeconds'),
    ]),
  ),
  M(3, 'status', () =>
    msg('ReplicaSetStatus', [
      i32(1, 'replicas', { keepEmpty: true }),
      i32(2, 'fullyLabeledReplicas'),
      i64(3, 'observedGeneration'),
      i32(4, 'readyReplicas'),
      i32(5, 'availableReplicas'),
      rm(6, 'conditions', () => ReplicaSetCondition),
      pi32(7, 'terminatingReplicas'),
    ]),
  ),
])

// --- k8s.io/api/rbac/v1 ---

const PolicyRule = msg('PolicyRule', [
  rs(1, 'verbs'),
  rs(2, 'apiGroups'),
  rs(3, 'resources'),
  rs(4, 'resourceNames'),
  rs(5, 'nonResourceURLs'),
])
const RoleRef = msg('RoleRef', [
  s(1, 'apiGroup', { keepEmpty: true }),
  s(2, 'kind', { keepEmpty: true }),
  s(3, 'name', { keepEmpty: true }),
])
const Subject = msg('Subject', [
  s(1, 'kind', { keepEmpty: true }),
  s(2, 'apiGroup'),
  s(3, 'name', { keepEmpty: true }),
  s(4, 'namespace'),
])
export const Role = msg('Role', [M(1, 'metadata', () => ObjectMeta), rm(2, 'rules', () => PolicyRule)])
export const ClusterRole = msg('ClusterRole', [
  M(1, 'metadata', () => ObjectMeta),
  rm(2, 'rules', () => PolicyRule),
  m(3, 'aggregationRule', () => msg('AggregationRule', [rm(1, 'clusterRoleSelectors', () => LabelSelector)])),
])
export const RoleBinding = msg('RoleBinding', [
  M(1, 'metadata', () => ObjectMeta),
  rm(2, 'subjects', () => Subject),
  M(3, 'roleRef', () => RoleRef),
])
export const ClusterRoleBinding = msg('ClusterRoleBinding', [
  M(1, 'metadata', () => ObjectMeta),
  rm(2, 'subjects', () => Subject),
  M(3, 'roleRef', () => RoleRef),
])

/** The kinds stored as protobuf, by `apiVersion/kind` (the storage version). */
export const STORED_KINDS: Record<string, MessageSpec> = {
  'v1/Pod': Pod,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/ServiceAccount': ServiceAccount,
  'v1/Namespace': Namespace,
  'v1/Service': Service,
  'v1/Event': Event,
  'apps/v1/Deployment': Deployment,
  'apps/v1/ReplicaSet': ReplicaSet,
  'rbac.authorization.k8s.io/v1/Role': Role,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole,
  'rbac.authorization.k8s.io/v1/RoleBinding': RoleBinding,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding,
}
