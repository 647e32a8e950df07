// A simulated Istio sidecar injector (istiod's /inject endpoint, Istio 1.24, default revision): what it adds
// to a Pod, returned as the JSON Patch istiod computes from the Pod before and after injection. Which
// namespaces it sees is decided by the MutatingWebhookConfiguration's selectors (istio-injection=enabled);
// the injector itself honours the Pod's `sidecar.istio.io/inject` label, then annotation.
import fastJsonPatch from 'fast-json-patch'
import { cloneJson } from '../../clone'
import type { JsonPatchOperation, KubeObject } from '../../types'
import type { AdmissionRequest } from './types'

export const ISTIO_VERSION = '1.24.2'
export const ISTIO_PROXY_IMAGE = `docker.io/istio/proxyv2:${ISTIO_VERSION}`

const VOLUMES = [
  'workload-socket',
  'credential-socket',
  'workload-certs',
  'istio-envoy',
  'istio-data',
  'istio-podinfo',
  'istio-token',
  'istiod-ca-cert',
]

type Obj = Record<string, unknown>
type Container = { name: string; ports?: Obj[] } & Obj

const fieldEnv = (name: string, fieldPath: string) => ({
  name,
  valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } },
})
const resourceEnv = (name: string, resource: string) => ({
  name,
  valueFrom: { resourceFieldRef: { divisor: '0', resource } },
})

/** Why the injector leaves this Pod alone, or undefined when it injects. */
export function injectionSkipReason(pod: KubeObject): string | undefined {
  const label = pod.metadata?.labels?.['sidecar.istio.io/inject']
  const annotation = pod.metadata?.annotations?.['sidecar.istio.io/inject']
  const decision = label ?? annotation
  if (
    decision !== undefined &&
    decision.toLowerCase() !== 'true' &&
    decision.toLowerCase() !== 'y' &&
    decision !== ''
  )
    return `sidecar.istio.io/inject is "${decision}"`
  const spec = (pod.spec ?? {}) as Obj
  if (spec.hostNetwork === true) return 'the Pod uses the host network'
  if (pod.metadata?.annotations?.['sidecar.istio.io/status']) return 'the Pod is already injected'
  return undefined
}

function podPortsJson(containers: Container[]): string {
  const ports = containers.flatMap((c) => c.ports ?? [])
  if (!ports.length) return '[\n]'
  return `[\n${ports.map((p, i) => `    ${i ? ',' : ''}${JSON.stringify(p)}`).join('\n')}\n]`
}

/** The Pod after injection; the input is not changed. */
export function injectSidecar(pod: KubeObject, namespace: string): KubeObject {
  const out = cloneJson(pod)
  const meta = (out.metadata ??= {})
  const spec = (out.spec ??= {}) as Obj
  const containers = (spec.containers ?? []) as Container[]
  const appNames = containers.map((c) => c.name)
  const labels = (meta.labels ??= {})
  const podName = meta.name || meta.generateName?.replace(/-$/, '') || ''
  const canonicalName = labels['app.kubernetes.io/name'] ?? labels.app ?? podName
  const canonicalRevision = labels['app.kubernetes.io/version'] ?? labels.version ?? 'latest'

  const initContainer = {
    name: 'istio-init',
    image: ISTIO_PROXY_IMAGE,
    args: [
      'istio-iptables',
      '-p',
      '15001',
      '-z',
      '15006',
      '-u',
      '1337',
      '-m',
      'REDIRECT',
      '-i',
      '*',
      '-x',
      '',
      '-b',
      '*',
      '-d',
      '15090,15021,15020',
      '--log_output_level=default:info',
    ],
    resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '10m', memory: '40Mi' } },
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: false,
      runAsGroup: 0,
      runAsNonRoot: false,
      runAsUser: 0,
    },
  }
  const proxy = {
    name: 'istio-proxy',
    image: ISTIO_PROXY_IMAGE,
    args: [
      'proxy',
      'sidecar',
      '--domain',
      '$(POD_NAMESPACE).svc.cluster.local',
      '--proxyLogLevel=warning',
      '--proxyComponentLogLevel=misc:error',
      '--log_output_level=default:info',
    ],
    env: [
      { name: 'PILOT_CERT_PROVIDER', value: 'istiod' },
      { name: 'CA_ADDR', value: 'istiod.istio-system.svc:15012' },
      fieldEnv('POD_NAME', 'metadata.name'),
      fieldEnv('POD_NAMESPACE', 'metadata.namespace'),
      fieldEnv('INSTANCE_IP', 'status.podIP'),
      fieldEnv('SERVICE_ACCOUNT', 'spec.serviceAccountName'),
      fieldEnv('HOST_IP', 'status.hostIP'),
      resourceEnv('ISTIO_CPU_LIMIT', 'limits.cpu'),
      { name: 'PROXY_CONFIG', value: '{}\n' },
      { name: 'ISTIO_META_POD_PORTS', value: podPortsJson(containers) },
      { name: 'ISTIO_META_APP_CONTAINERS', value: appNames.join(',') },
      resourceEnv('GOMEMLIMIT', 'limits.memory'),
      resourceEnv('GOMAXPROCS', 'limits.cpu'),
      { name: 'ISTIO_META_CLUSTER_ID', value: 'Kubernetes' },
      fieldEnv('ISTIO_META_NODE_NAME', 'spec.nodeName'),
      { name: 'ISTIO_META_INTERCEPTION_MODE', value: 'REDIRECT' },
      { name: 'ISTIO_META_WORKLOAD_NAME', value: podName },
      { name: 'ISTIO_META_OWNER', value: `kubernetes://apis/v1/namespaces/${namespace}/pods/${podName}` },
      { name: 'ISTIO_META_MESH_ID', value: 'cluster.local' },
      { name: 'TRUST_DOMAIN', value: 'cluster.local' },
    ],
    ports: [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }],
    readinessProbe: {
      failureThreshold: 4,
      httpGet: { path: '/healthz/ready', port: 15021 },
      periodSeconds: 15,
      timeoutSeconds: 3,
    },
    resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '100m', memory: '128Mi' } },
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsGroup: 1337,
      runAsNonRoot: true,
      runAsUser: 1337,
    },
    startupProbe: {
      failureThreshold: 600,
      httpGet: { path: '/healthz/ready', port: 15021 },
      periodSeconds: 1,
      timeoutSeconds: 3,
    },
    volumeMounts: [
      { mountPath: '/var/run/secrets/workload-spiffe-uds', name: 'workload-socket' },
      { mountPath: '/var/run/secrets/credential-uds', name: 'credential-socket' },
      { mountPath: '/var/run/secrets/workload-spiffe-credentials', name: 'workload-certs' },
      { mountPath: '/var/run/secrets/istio', name: 'istiod-ca-cert' },
      { mountPath: '/var/lib/istio/data', name: 'istio-data' },
      { mountPath: '/etc/istio/proxy', name: 'istio-envoy' },
      { mountPath: '/var/run/secrets/tokens', name: 'istio-token' },
      { mountPath: '/etc/istio/pod', name: 'istio-podinfo' },
    ],
  }
  const volumes = [
    { emptyDir: {}, name: 'workload-socket' },
    { emptyDir: {}, name: 'credential-socket' },
    { emptyDir: {}, name: 'workload-certs' },
    { emptyDir: { medium: 'Memory' }, name: 'istio-envoy' },
    { emptyDir: {}, name: 'istio-data' },
    {
      downwardAPI: {
        items: [
          { fieldRef: { fieldPath: 'metadata.labels' }, path: 'labels' },
          { fieldRef: { fieldPath: 'metadata.annotations' }, path: 'annotations' },
        ],
      },
      name: 'istio-podinfo',
    },
    {
      name: 'istio-token',
      projected: {
        sources: [
          { serviceAccountToken: { audience: 'istio-ca', expirationSeconds: 43200, path: 'istio-token' } },
        ],
      },
    },
    { configMap: { name: 'istio-ca-root-cert' }, name: 'istiod-ca-cert' },
  ]

  spec.initContainers = [...((spec.initContainers as Obj[] | undefined) ?? []), initContainer]
  spec.containers = [...containers, proxy]
  spec.volumes = [...((spec.volumes as Obj[] | undefined) ?? []), ...volumes]

  const annotations = (meta.annotations ??= {})
  if (appNames[0] && !annotations['kubectl.kubernetes.io/default-container'])
    annotations['kubectl.kubernetes.io/default-container'] = appNames[0]
  if (appNames[0] && !annotations['kubectl.kubernetes.io/default-logs-container'])
    annotations['kubectl.kubernetes.io/default-logs-container'] = appNames[0]
  annotations['prometheus.io/path'] = '/stats/prometheus'
  annotations['prometheus.io/port'] = '15020'
  annotations['prometheus.io/scrape'] = 'true'
  annotations['sidecar.istio.io/status'] = JSON.stringify({
    initContainers: ['istio-init'],
    containers: ['istio-proxy'],
    volumes: VOLUMES,
    imagePullSecrets: null,
    revision: 'default',
  })
  labels['security.istio.io/tlsMode'] = 'istio'
  labels['service.istio.io/canonical-name'] = canonicalName
  labels['service.istio.io/canonical-revision'] = canonicalRevision
  return out
}

export interface InjectorAnswer {
  patch?: JsonPatchOperation[]
  note: string
}

/** istiod's answer to an AdmissionReview: a patch for Pods it injects, nothing for anything else. */
export function istioInjectorAnswer(request: AdmissionRequest): InjectorAnswer {
  const pod = request.object
  if (request.kind.kind !== 'Pod' || request.operation !== 'CREATE' || !pod)
    return { note: 'not a Pod create' }
  const skip = injectionSkipReason(pod)
  if (skip) return { note: `skipped injection: ${skip}` }
  const injected = injectSidecar(pod, request.namespace ?? '')
  return {
    patch: fastJsonPatch.compare(pod, injected) as JsonPatchOperation[],
    note: 'injected istio-init and istio-proxy',
  }
}
