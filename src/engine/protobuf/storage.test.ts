import protobuf from 'protobufjs'
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../types'
import { decodeFromStorage, encodeForStorage, fieldsNotStored, storageMediaType } from './storage'
import { createStorageTransformer, ERR_IDENTITY_ENCRYPTED } from '../storage/encryption'

const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: 'dev',
  uid: '3f1c2a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f',
  generation: 1,
  creationTimestamp: '2026-01-15T10:00:00Z',
  labels: { app: 'web', 'app.kubernetes.io/name': 'web' },
  annotations: { note: 'x<y & z' },
  ...extra,
})

const managedFields = [
  {
    manager: 'kubectl-create',
    operation: 'Update',
    apiVersion: 'v1',
    time: '2026-01-15T10:00:00Z',
    fieldsType: 'FieldsV1',
    fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } },
  },
]

const pod: KubeObject = {
  kind: 'Pod',
  apiVersion: 'v1',
  metadata: meta('web', {
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'web-7d',
        uid: 'u-1',
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
    finalizers: ['example.com/keep'],
    managedFields,
  }),
  spec: {
    volumes: [
      {
        name: 'kube-api-access-x2k4f',
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            {
              downwardAPI: {
                items: [
                  { path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } },
                ],
              },
            },
          ],
          defaultMode: 420,
        },
      },
      { name: 'cache', emptyDir: { sizeLimit: '1Gi' } },
      { name: 'conf', configMap: { name: 'web-conf', defaultMode: 420, optional: false } },
      { name: 'creds', secret: { secretName: 'web-creds', defaultMode: 256 } },
    ],
    containers: [
      {
        name: 'web',
        image: 'nginx:1.27',
        command: ['nginx'],
        args: ['-g', 'daemon off;'],
        ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
        env: [
          { name: 'MODE', value: 'prod' },
          { name: 'POD', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
          {
            name: 'MEM',
            valueFrom: {
              resourceFieldRef: { containerName: 'web', resource: 'limits.memory', divisor: '1Mi' },
            },
          },
          { name: 'PASS', valueFrom: { secretKeyRef: { name: 'web-creds', key: 'password' } } },
        ],
        resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m', memory: '64Mi' } },
        volumeMounts: [
          {
            name: 'kube-api-access-x2k4f',
            readOnly: true,
            mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
          },
        ],
        livenessProbe: {
          httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' },
          timeoutSeconds: 1,
          periodSeconds: 10,
          successThreshold: 1,
          failureThreshold: 3,
        },
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
        imagePullPolicy: 'IfNotPresent',
        securityContext: {
          allowPrivilegeEscalation: false,
          runAsNonRoot: true,
          runAsUser: 1000,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        },
      },
    ],
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    serviceAccountName: 'default',
    serviceAccount: 'default',
    automountServiceAccountToken: false,
    securityContext: { fsGroup: 2000, supplementalGroups: [3000, 4000] },
    schedulerName: 'default-scheduler',
    tolerations: [
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ],
    priority: 0,
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
  },
  status: { phase: 'Pending', qosClass: 'Burstable' },
}

const configMap: KubeObject = {
  kind: 'ConfigMap',
  apiVersion: 'v1',
  metadata: meta('web-conf'),
  data: { 'a.conf': 'x=1', empty: '' },
  binaryData: { bin: 'AAEC/w==' },
  immutable: true,
}
const secret: KubeObject = {
  kind: 'Secret',
  apiVersion: 'v1',
  metadata: meta('web-creds'),
  data: { password: 'czNjcjN0' },
  type: 'Opaque',
}
const serviceAccount: KubeObject = {
  kind: 'ServiceAccount',
  apiVersion: 'v1',
  metadata: meta('robot'),
  automountServiceAccountToken: false,
  imagePullSecrets: [{ name: 'reg' }],
}
const namespace: KubeObject = {
  kind: 'Namespace',
  apiVersion: 'v1',
  metadata: {
    name: 'dev',
    uid: 'u',
    creationTimestamp: '2026-01-15T10:00:00Z',
    labels: { 'kubernetes.io/metadata.name': 'dev' },
  },
  spec: { finalizers: ['kubernetes'] },
  status: { phase: 'Active' },
}
const service: KubeObject = {
  kind: 'Service',
  apiVersion: 'v1',
  metadata: meta('web'),
  spec: {
    ports: [
      { name: 'http', protocol: 'TCP', port: 80, targetPort: 'http' },
      { name: 'alt', protocol: 'TCP', port: 8080, targetPort: 8080 },
    ],
    selector: { app: 'web' },
    clusterIP: '10.96.0.12',
    clusterIPs: ['10.96.0.12'],
    type: 'ClusterIP',
    sessionAffinity: 'None',
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    internalTrafficPolicy: 'Cluster',
  },
  status: { loadBalancer: {} },
}
const deployment: KubeObject = {
  kind: 'Deployment',
  apiVersion: 'apps/v1',
  metadata: meta('web'),
  spec: {
    replicas: 3,
    selector: {
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }],
    },
    template: {
      metadata: { creationTimestamp: null, labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            resources: {},
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            imagePullPolicy: 'IfNotPresent',
          },
        ],
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 30,
        dnsPolicy: 'ClusterFirst',
        securityContext: {},
        schedulerName: 'default-scheduler',
      },
    },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 1 } },
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
  },
  status: {},
}
const clusterRole: KubeObject = {
  kind: 'ClusterRole',
  apiVersion: 'rbac.authorization.k8s.io/v1',
  metadata: { name: 'reader', uid: 'u', creationTimestamp: '2026-01-15T10:00:00Z' },
  rules: [
    { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] },
    { verbs: ['get'], nonResourceURLs: ['/healthz'] },
  ],
}
const roleBinding: KubeObject = {
  kind: 'RoleBinding',
  apiVersion: 'rbac.authorization.k8s.io/v1',
  metadata: meta('read-pods'),
  subjects: [
    { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'jane' },
    { kind: 'ServiceAccount', name: 'robot', namespace: 'dev' },
  ],
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'reader' },
}

const MODELLED = [
  pod,
  configMap,
  secret,
  serviceAccount,
  namespace,
  service,
  deployment,
  clusterRole,
  roleBinding,
]

describe('encodeForStorage / decodeFromStorage', () => {
  it.each(MODELLED.map((o) => [`${o.apiVersion} ${o.kind}`, o]))(
    'round-trips a %s through protobuf',
    (_, obj) => {
      const bytes = encodeForStorage(obj)
      expect(storageMediaType(obj)).toBe('application/vnd.kubernetes.protobuf')
      expect(fieldsNotStored(obj)).toEqual([])
      // The fixtures are written as kube-apiserver prints them, so the way back gives the same JSON.
      expect(decodeFromStorage(bytes)).toEqual(obj)
    },
  )

  it('writes the k8s\\x00 magic and the runtime.Unknown envelope as the real ConfigMap fixture starts', () => {
    const bytes = encodeForStorage(configMap)
    // api/testdata/HEAD/core.v1.ConfigMap.pb: 6b 38 73 00 | 0a 0f 0a 02 "v1" 12 09 "ConfigMap" | 12 <len> <raw>
    const head = [
      0x6b,
      0x38,
      0x73,
      0x00,
      0x0a,
      0x0f,
      0x0a,
      0x02,
      ...Buffer.from('v1'),
      0x12,
      0x09,
      ...Buffer.from('ConfigMap'),
      0x12,
    ]
    expect([...bytes.subarray(0, head.length)]).toEqual(head)
    // Empty contentEncoding and contentType close the envelope.
    expect([...bytes.subarray(bytes.length - 4)]).toEqual([0x1a, 0x00, 0x22, 0x00])
  })

  it('writes value fields even when empty, as Go does: an empty Pod spec still carries its strings', () => {
    const bytes = encodeForStorage({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p' } })
    const decoded = decodeFromStorage(bytes)
    expect(decoded).toEqual({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: 'p', creationTimestamp: null },
      spec: {},
      status: {},
    })
  })

  it('names the fields of a modelled kind it does not store', () => {
    expect(fieldsNotStored({ ...pod, spec: { ...(pod.spec as object), affinity: {}, bogus: 1 } })).toEqual([
      'spec.affinity',
      'spec.bogus',
    ])
  })

  it('stores custom resources as Go-style JSON: sorted keys, HTML escaped, trailing newline', () => {
    const cr = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
      spec: { z: 1, a: '<b>&' },
    }
    const bytes = encodeForStorage(cr)
    expect(storageMediaType(cr)).toBe('application/json')
    expect(Buffer.from(bytes).toString()).toBe(
      '{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"a":"\\u003cb\\u003e\\u0026","z":1}}\n',
    )
    expect(decodeFromStorage(bytes)).toEqual(cr)
  })
})

// The bar: the bytes decode with Kubernetes' own message definitions. The .proto below is written from
// k8s.io/api and k8s.io/apimachinery generated.proto (field numbers only; only the messages needed here).
const PROTO = `
syntax = "proto2";
package k8s;
message TypeMeta { optional string apiVersion = 1; optional string kind = 2; }
message Unknown { optional TypeMeta typeMeta = 1; optional bytes raw = 2; optional string contentEncoding = 3; optional string contentType = 4; }
message Time { optional int64 seconds = 1; optional int32 nanos = 2; }
message FieldsV1 { optional bytes Raw = 1; }
message Quantity { optional string string = 1; }
message IntOrString { optional int64 type = 1; optional int32 intVal = 2; optional string strVal = 3; }
message OwnerReference { optional string apiVersion = 5; optional string kind = 1; optional string name = 3; optional string uid = 4; optional bool controller = 6; optional bool blockOwnerDeletion = 7; }
message ManagedFieldsEntry { optional string manager = 1; optional string operation = 2; optional string apiVersion = 3; optional Time time = 4; optional string fieldsType = 6; optional FieldsV1 fieldsV1 = 7; optional string subresource = 8; }
message ObjectMeta { optional string name = 1; optional string generateName = 2; optional string namespace = 3; optional string selfLink = 4; optional string uid = 5; optional string resourceVersion = 6; optional int64 generation = 7; optional Time creationTimestamp = 8; optional Time deletionTimestamp = 9; optional int64 deletionGracePeriodSeconds = 10; map<string, string> labels = 11; map<string, string> annotations = 12; repeated OwnerReference ownerReferences = 13; repeated string finalizers = 14; repeated ManagedFieldsEntry managedFields = 17; }
message LabelSelectorRequirement { optional string key = 1; optional string operator = 2; repeated string values = 3; }
message LabelSelector { map<string, string> matchLabels = 1; repeated LabelSelectorRequirement matchExpressions = 2; }
message LocalObjectReference { optional string name = 1; }
message KeyToPath { optional string key = 1; optional string path = 2; optional int32 mode = 3; }
message ObjectFieldSelector { optional string apiVersion = 1; optional string fieldPath = 2; }
message ResourceFieldSelector { optional string containerName = 1; optional string resource = 2; optional Quantity divisor = 3; }
message SecretKeySelector { optional LocalObjectReference localObjectReference = 1; optional string key = 2; optional bool optional = 3; }
message EnvVarSource { optional ObjectFieldSelector fieldRef = 1; optional ResourceFieldSelector resourceFieldRef = 2; optional SecretKeySelector secretKeyRef = 4; }
message EnvVar { optional string name = 1; optional string value = 2; optional EnvVarSource valueFrom = 3; }
message ContainerPort { optional string name = 1; optional int32 hostPort = 2; optional int32 containerPort = 3; optional string protocol = 4; optional string hostIP = 5; }
message ResourceRequirements { map<string, Quantity> limits = 1; map<string, Quantity> requests = 2; }
message VolumeMount { optional string name = 1; optional bool readOnly = 2; optional string mountPath = 3; optional string subPath = 4; optional string subPathExpr = 6; }
message Capabilities { repeated string add = 1; repeated string drop = 2; }
message SeccompProfile { optional string type = 1; optional string localhostProfile = 2; }
message SecurityContext { optional Capabilities capabilities = 1; optional bool privileged = 2; optional int64 runAsUser = 4; optional bool runAsNonRoot = 5; optional bool allowPrivilegeEscalation = 7; optional SeccompProfile seccompProfile = 11; }
message HTTPGetAction { optional string path = 1; optional IntOrString port = 2; optional string host = 3; optional string scheme = 4; }
message ProbeHandler { optional HTTPGetAction httpGet = 2; }
message Probe { optional ProbeHandler handler = 1; optional int32 initialDelaySeconds = 2; optional int32 timeoutSeconds = 3; optional int32 periodSeconds = 4; optional int32 successThreshold = 5; optional int32 failureThreshold = 6; }
message Container { optional string name = 1; optional string image = 2; repeated string command = 3; repeated string args = 4; optional string workingDir = 5; repeated ContainerPort ports = 6; repeated EnvVar env = 7; optional ResourceRequirements resources = 8; repeated VolumeMount volumeMounts = 9; optional Probe livenessProbe = 10; optional string terminationMessagePath = 13; optional string imagePullPolicy = 14; optional SecurityContext securityContext = 15; optional bool stdin = 16; optional bool stdinOnce = 17; optional bool tty = 18; optional string terminationMessagePolicy = 20; }
message EmptyDirVolumeSource { optional string medium = 1; optional Quantity sizeLimit = 2; }
message SecretVolumeSource { optional string secretName = 1; repeated KeyToPath items = 2; optional int32 defaultMode = 3; optional bool optional = 4; }
message ConfigMapVolumeSource { optional LocalObjectReference localObjectReference = 1; repeated KeyToPath items = 2; optional int32 defaultMode = 3; optional bool optional = 4; }
message DownwardAPIVolumeFile { optional string path = 1; optional ObjectFieldSelector fieldRef = 2; optional ResourceFieldSelector resourceFieldRef = 3; optional int32 mode = 4; }
message DownwardAPIProjection { repeated DownwardAPIVolumeFile items = 1; }
message ConfigMapProjection { optional LocalObjectReference localObjectReference = 1; repeated KeyToPath items = 2; optional bool optional = 4; }
message ServiceAccountTokenProjection { optional string audience = 1; optional int64 expirationSeconds = 2; optional string path = 3; }
message VolumeProjection { optional DownwardAPIProjection downwardAPI = 2; optional ConfigMapProjection configMap = 3; optional ServiceAccountTokenProjection serviceAccountToken = 4; }
message ProjectedVolumeSource { repeated VolumeProjection sources = 1; optional int32 defaultMode = 2; }
message VolumeSource { optional EmptyDirVolumeSource emptyDir = 2; optional SecretVolumeSource secret = 6; optional ConfigMapVolumeSource configMap = 19; optional ProjectedVolumeSource projected = 26; }
message Volume { optional string name = 1; optional VolumeSource volumeSource = 2; }
message PodSecurityContext { optional int64 runAsUser = 2; repeated int64 supplementalGroups = 4; optional int64 fsGroup = 5; }
message Toleration { optional string key = 1; optional string operator = 2; optional string value = 3; optional string effect = 4; optional int64 tolerationSeconds = 5; }
message PodSpec { repeated Volume volumes = 1; repeated Container containers = 2; optional string restartPolicy = 3; optional int64 terminationGracePeriodSeconds = 4; optional string dnsPolicy = 6; optional string serviceAccountName = 8; optional string serviceAccount = 9; optional string nodeName = 10; optional bool hostNetwork = 11; optional bool hostPID = 12; optional bool hostIPC = 13; optional PodSecurityContext securityContext = 14; optional string hostname = 16; optional string subdomain = 17; optional string schedulerName = 19; optional bool automountServiceAccountToken = 21; repeated Toleration tolerations = 22; optional string priorityClassName = 24; optional int32 priority = 25; optional bool enableServiceLinks = 30; optional string preemptionPolicy = 31; }
message PodStatus { optional string phase = 1; optional string message = 3; optional string reason = 4; optional string hostIP = 5; optional string podIP = 6; optional string qosClass = 9; optional string nominatedNodeName = 11; }
message Pod { optional ObjectMeta metadata = 1; optional PodSpec spec = 2; optional PodStatus status = 3; }
message PodTemplateSpec { optional ObjectMeta metadata = 1; optional PodSpec spec = 2; }
message ConfigMap { optional ObjectMeta metadata = 1; optional bool immutable = 4; map<string, string> data = 2; map<string, bytes> binaryData = 3; }
message Secret { optional ObjectMeta metadata = 1; optional bool immutable = 5; map<string, bytes> data = 2; map<string, string> stringData = 4; optional string type = 3; }
message ServiceAccount { optional ObjectMeta metadata = 1; repeated LocalObjectReference imagePullSecrets = 3; optional bool automountServiceAccountToken = 4; }
message NamespaceSpec { repeated string finalizers = 1; }
message NamespaceStatus { optional string phase = 1; }
message Namespace { optional ObjectMeta metadata = 1; optional NamespaceSpec spec = 2; optional NamespaceStatus status = 3; }
message ServicePort { optional string name = 1; optional string protocol = 2; optional string appProtocol = 6; optional int32 port = 3; optional IntOrString targetPort = 4; optional int32 nodePort = 5; }
message ServiceSpec { repeated ServicePort ports = 1; map<string, string> selector = 2; optional string clusterIP = 3; repeated string clusterIPs = 18; optional string type = 4; optional string sessionAffinity = 7; repeated string ipFamilies = 19; optional string ipFamilyPolicy = 17; optional string internalTrafficPolicy = 22; }
message LoadBalancerStatus { }
message ServiceStatus { optional LoadBalancerStatus loadBalancer = 1; }
message Service { optional ObjectMeta metadata = 1; optional ServiceSpec spec = 2; optional ServiceStatus status = 3; }
message RollingUpdateDeployment { optional IntOrString maxUnavailable = 1; optional IntOrString maxSurge = 2; }
message DeploymentStrategy { optional string type = 1; optional RollingUpdateDeployment rollingUpdate = 2; }
message DeploymentSpec { optional int32 replicas = 1; optional LabelSelector selector = 2; optional PodTemplateSpec template = 3; optional DeploymentStrategy strategy = 4; optional int32 minReadySeconds = 5; optional int32 revisionHistoryLimit = 6; optional bool paused = 7; optional int32 progressDeadlineSeconds = 9; }
message DeploymentStatus { optional int64 observedGeneration = 1; optional int32 replicas = 2; }
message Deployment { optional ObjectMeta metadata = 1; optional DeploymentSpec spec = 2; optional DeploymentStatus status = 3; }
message PolicyRule { repeated string verbs = 1; repeated string apiGroups = 2; repeated string resources = 3; repeated string resourceNames = 4; repeated string nonResourceURLs = 5; }
message ClusterRole { optional ObjectMeta metadata = 1; repeated PolicyRule rules = 2; }
message Subject { optional string kind = 1; optional string apiGroup = 2; optional string name = 3; optional string namespace = 4; }
message RoleRef { optional string apiGroup = 1; optional string kind = 2; optional string name = 3; }
message RoleBinding { optional ObjectMeta metadata = 1; repeated Subject subjects = 2; optional RoleRef roleRef = 3; }
`

const root = protobuf.parse(PROTO, { keepCase: true }).root
const INLINE = new Set(['localObjectReference', 'volumeSource', 'handler'])

/** protobufjs output turned into Kubernetes JSON by type, independently of the engine's decoder. */
function toKubeJson(type: protobuf.Type, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const field of type.fieldsArray) {
    const v = value[field.name]
    if (v === undefined || v === null) continue
    const convert = (x: unknown): unknown => {
      if (field.type === 'Time') {
        const t = x as { seconds: number }
        return t.seconds ? new Date(t.seconds * 1000).toISOString().replace('.000Z', 'Z') : null
      }
      if (field.type === 'Quantity') return (x as { string: string }).string
      if (field.type === 'IntOrString') {
        const i = x as { type?: number; intVal?: number; strVal?: string }
        return i.type === 1 ? i.strVal : i.intVal
      }
      if (field.type === 'FieldsV1')
        return JSON.parse(Buffer.from((x as { Raw: string }).Raw, 'base64').toString())
      const resolved = field.resolvedType
      return resolved instanceof protobuf.Type ? toKubeJson(resolved, x as Record<string, unknown>) : x
    }
    if (field instanceof protobuf.MapField) {
      const entries: Record<string, unknown> = {}
      for (const [k, x] of Object.entries(v as object)) entries[k] = convert(x)
      out[field.name] = entries
    } else if (field.repeated) out[field.name] = (v as unknown[]).map(convert)
    else if (INLINE.has(field.name)) Object.assign(out, convert(v))
    else out[field.name] = convert(v)
  }
  return out
}

/** Drops what is empty either way ('' / 0 / false / {} / [] / null), so the two sides compare by content. */
function meaningful(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(meaningful).filter((x) => x !== undefined)
    return items.length ? items : undefined
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      const m = meaningful(v)
      if (m !== undefined) out[k] = m
    }
    return Object.keys(out).length ? out : undefined
  }
  return value === '' || value === 0 || value === false || value === null ? undefined : value
}

describe('the stored bytes decode with Kubernetes protobuf definitions (protobufjs)', () => {
  it.each(MODELLED.map((o) => [`${o.apiVersion} ${o.kind}`, o]))('%s', (_, obj) => {
    const bytes = encodeForStorage(obj)
    const unknown = root.lookupType('k8s.Unknown').decode(bytes.subarray(4)) as unknown as {
      typeMeta: { apiVersion: string; kind: string }
      raw: Uint8Array
      contentEncoding: string
      contentType: string
    }
    expect(unknown.typeMeta).toEqual({ apiVersion: obj.apiVersion, kind: obj.kind })
    expect([unknown.contentEncoding, unknown.contentType]).toEqual(['', ''])
    const type = root.lookupType(`k8s.${obj.kind}`)
    const message = type.toObject(type.decode(unknown.raw), { longs: Number, bytes: String })
    const decoded = toKubeJson(type, message)
    const { apiVersion: _a, kind: _k, ...original } = obj
    expect(meaningful(decoded)).toEqual(meaningful(original))
  })

  it('keeps a pointer false on the wire (automountServiceAccountToken: false is not "unset")', () => {
    const type = root.lookupType('k8s.ServiceAccount')
    const unknown = root
      .lookupType('k8s.Unknown')
      .decode(encodeForStorage(serviceAccount).subarray(4)) as unknown as { raw: Uint8Array }
    expect(type.toObject(type.decode(unknown.raw))).toMatchObject({ automountServiceAccountToken: false })
  })
})

describe('encryption at rest (fake cipher, real framing)', () => {
  const key = '/registry/secrets/dev/web-creds'
  const plain = encodeForStorage(secret)
  const aescbc = { type: 'aescbc' as const, keys: [{ name: 'key1', secret: 'c2VjcmV0IGlzIHNlY3VyZQ==' }] }

  it('prefixes k8s:enc:aescbc:v1:<key>: and reads it back, deterministically', () => {
    const t = createStorageTransformer([aescbc, { type: 'identity' }])
    const stored = t.toStorage(plain, key)
    expect(Buffer.from(stored.subarray(0, 23)).toString()).toBe('k8s:enc:aescbc:v1:key1:')
    expect((stored.length - 23 - 16) % 16).toBe(0)
    expect(t.toStorage(plain, key)).toEqual(stored)
    expect(t.fromStorage(stored, key)).toEqual({ ok: true, data: plain, stale: false })
  })

  it.each([
    ['identity first reads plaintext, not stale', [{ type: 'identity' as const }, aescbc], false],
    ['identity second reads plaintext as stale', [aescbc, { type: 'identity' as const }], true],
  ])('%s', (_, providers, stale) => {
    expect(createStorageTransformer(providers).fromStorage(plain, key)).toEqual({
      ok: true,
      data: plain,
      stale,
    })
  })

  it('refuses identity reads of encrypted data with the real message', () => {
    const stored = createStorageTransformer([aescbc]).toStorage(plain, key)
    expect(createStorageTransformer([{ type: 'identity' }]).fromStorage(stored, key)).toEqual({
      ok: false,
      message: ERR_IDENTITY_ENCRYPTED,
    })
  })
})
