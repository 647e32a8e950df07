// Kubernetes writes struct fields in declaration order. After defaulting adds fields, the engine moves the
// known ones back into that order so the JSON reads like a real server's; unknown keys keep their place
// after them. Tests compare parsed objects, so this only matters to people reading the output.

type Obj = Record<string, unknown>

export function orderKeys(obj: Obj, order: readonly string[]): void {
  const keys = Object.keys(obj)
  // Cheap check first: most objects are already in order and need no rewrite.
  let expected = 0
  let sorted = true
  const rank = rankOf(order)
  for (const k of keys) {
    const r = rank.get(k) ?? Number.MAX_SAFE_INTEGER
    if (r < expected) {
      sorted = false
      break
    }
    expected = r
  }
  if (sorted) return
  const entries = keys.map((k) => [k, obj[k]] as const)
  for (const k of keys) delete obj[k]
  for (const k of order) {
    const e = entries.find((x) => x[0] === k)
    if (e) obj[k] = e[1]
  }
  for (const [k, v] of entries) if (!rank.has(k)) obj[k] = v
}

const rankCache = new WeakMap<readonly string[], Map<string, number>>()
function rankOf(order: readonly string[]): Map<string, number> {
  let m = rankCache.get(order)
  if (!m) {
    m = new Map(order.map((k, i) => [k, i]))
    rankCache.set(order, m)
  }
  return m
}

export const POD_SPEC_ORDER = [
  'volumes',
  'initContainers',
  'containers',
  'ephemeralContainers',
  'restartPolicy',
  'terminationGracePeriodSeconds',
  'activeDeadlineSeconds',
  'dnsPolicy',
  'nodeSelector',
  'serviceAccountName',
  'serviceAccount',
  'automountServiceAccountToken',
  'nodeName',
  'hostNetwork',
  'hostPID',
  'hostIPC',
  'shareProcessNamespace',
  'securityContext',
  'imagePullSecrets',
  'hostname',
  'subdomain',
  'affinity',
  'schedulerName',
  'tolerations',
  'hostAliases',
  'priorityClassName',
  'priority',
  'dnsConfig',
  'readinessGates',
  'runtimeClassName',
  'enableServiceLinks',
  'preemptionPolicy',
  'overhead',
  'topologySpreadConstraints',
  'setHostnameAsFQDN',
  'os',
  'hostUsers',
  'schedulingGates',
  'resourceClaims',
  'resources',
] as const

export const CONTAINER_ORDER = [
  'name',
  'image',
  'command',
  'args',
  'workingDir',
  'ports',
  'envFrom',
  'env',
  'resources',
  'resizePolicy',
  'restartPolicy',
  'restartPolicyRules',
  'volumeMounts',
  'volumeDevices',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'lifecycle',
  'terminationMessagePath',
  'terminationMessagePolicy',
  'imagePullPolicy',
  'securityContext',
  'stdin',
  'stdinOnce',
  'tty',
] as const

export const PROBE_ORDER = [
  'exec',
  'httpGet',
  'tcpSocket',
  'grpc',
  'initialDelaySeconds',
  'timeoutSeconds',
  'periodSeconds',
  'successThreshold',
  'failureThreshold',
  'terminationGracePeriodSeconds',
] as const

export const HTTP_GET_ORDER = ['path', 'port', 'host', 'scheme', 'httpHeaders'] as const
export const CONTAINER_PORT_ORDER = ['name', 'hostPort', 'containerPort', 'protocol', 'hostIP'] as const
export const SERVICE_PORT_ORDER = [
  'name',
  'protocol',
  'appProtocol',
  'port',
  'targetPort',
  'nodePort',
] as const

export const SERVICE_SPEC_ORDER = [
  'ports',
  'selector',
  'clusterIP',
  'clusterIPs',
  'type',
  'externalIPs',
  'sessionAffinity',
  'loadBalancerIP',
  'loadBalancerSourceRanges',
  'externalName',
  'externalTrafficPolicy',
  'healthCheckNodePort',
  'publishNotReadyAddresses',
  'sessionAffinityConfig',
  'ipFamilies',
  'ipFamilyPolicy',
  'allocateLoadBalancerNodePorts',
  'loadBalancerClass',
  'internalTrafficPolicy',
  'trafficDistribution',
] as const

export const DEPLOYMENT_SPEC_ORDER = [
  'replicas',
  'selector',
  'template',
  'strategy',
  'minReadySeconds',
  'revisionHistoryLimit',
  'paused',
  'progressDeadlineSeconds',
] as const

/** The top level of every object: kind and apiVersion, metadata, then the kind's own fields. */
export const TOP_LEVEL_ORDER = ['kind', 'apiVersion', 'metadata', 'spec', 'status'] as const
