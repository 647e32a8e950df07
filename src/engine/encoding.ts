// How the stored object is written out. kube-apiserver encodes Go structs, so fields come out in the order
// the types declare them (kind before apiVersion, metadata's uid before resourceVersion...). The tables
// below give that order for the fields learners read most; other fields keep the order they arrived in.
import type { KubeObject } from './types'

const TOP = ['kind', 'apiVersion', 'metadata', 'spec', 'status']
const FIELD_ORDER: Record<string, string[]> = {
  metadata: ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
    'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'],
  podSpec: ['volumes', 'initContainers', 'containers', 'ephemeralContainers', 'restartPolicy', 'terminationGracePeriodSeconds',
    'activeDeadlineSeconds', 'dnsPolicy', 'nodeSelector', 'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken',
    'nodeName', 'hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'securityContext', 'imagePullSecrets', 'hostname',
    'subdomain', 'affinity', 'schedulerName', 'tolerations', 'hostAliases', 'priorityClassName', 'priority', 'dnsConfig',
    'readinessGates', 'runtimeClassName', 'enableServiceLinks', 'preemptionPolicy', 'overhead', 'topologySpreadConstraints',
    'setHostnameAsFQDN', 'os', 'hostUsers', 'schedulingGates', 'resourceClaims', 'resources'],
  container: ['name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'resizePolicy',
    'restartPolicy', 'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle',
    'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy', 'securityContext', 'stdin', 'stdinOnce', 'tty'],
}

function ordered(obj: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of order) if (key in obj) out[key] = obj[key]
  for (const key of Object.keys(obj)) if (!(key in out)) out[key] = obj[key]
  return out
}

function orderPodSpec(spec: Record<string, unknown>): Record<string, unknown> {
  const out = ordered(spec, FIELD_ORDER.podSpec!)
  for (const list of ['initContainers', 'containers']) {
    const containers = out[list]
    if (Array.isArray(containers))
      out[list] = containers.map((c) => (c && typeof c === 'object' ? ordered(c as Record<string, unknown>, FIELD_ORDER.container!) : c))
  }
  return out
}

/**
 * The object in its v1 wire form: Go's field order, and the deprecated spec.serviceAccount that v1
 * conversion still fills from spec.serviceAccountName.
 */
export function encodeForResponse(obj: KubeObject): KubeObject {
  const out = ordered(obj, TOP) as KubeObject
  if (out.metadata) out.metadata = ordered(out.metadata, FIELD_ORDER.metadata!)
  const spec = out.spec as Record<string, unknown> | undefined
  if (spec && out.kind === 'Pod') {
    if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName
    out.spec = orderPodSpec(spec)
  }
  const template = spec?.template as { spec?: Record<string, unknown> } | undefined
  if (template?.spec) {
    if (template.spec.serviceAccountName) template.spec.serviceAccount = template.spec.serviceAccountName
    template.spec = orderPodSpec(template.spec)
  }
  return out
}

/** A stored object as a read returns it: resourceVersion is the key's mod revision, not part of the value. */
export function withResourceVersion(obj: KubeObject, revision: number): KubeObject {
  const metadata = ordered({ ...(obj.metadata ?? {}), resourceVersion: String(revision) }, FIELD_ORDER.metadata!)
  return { ...obj, metadata }
}

/**
 * JSON with the keys of every object sorted, as Go writes a map[string]interface{}: the form of
 * kubectl's last-applied annotation and of the one the API server keeps in step with it.
 */
export function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${sortedJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  return JSON.stringify(value)
}
