// How the stored object is written out. kube-apiserver encodes Go structs, so fields come out in the order
// the types declare them (kind before apiVersion, metadata's uid before resourceVersion...). The tables
// below give that order for the fields learners read most; other fields keep the order they arrived in.
import type { KubeObject, ManagedFieldsEntry } from './types'

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

// Lists whose items the structured-merge machinery identifies by key, so managedFields names them as
// k:{...}. Lists not named here are atomic and owned whole.
const LIST_KEYS: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  imagePullSecrets: ['name'],
  ports: ['containerPort', 'protocol'],
}
const SERVICE_PORT_KEYS = ['port', 'protocol']
// Fields that are maps of strings: their entries are owned one by one and the map itself is a member.
const STRING_MAPS = new Set(['labels', 'annotations', 'data', 'stringData', 'binaryData', 'matchLabels', 'selector', 'nodeSelector'])

function fieldSet(value: unknown, path: string[], kind: string): Record<string, unknown> {
  const set: Record<string, unknown> = {}
  if (!value || typeof value !== 'object' || Array.isArray(value)) return set
  for (const [key, child] of Object.entries(value)) {
    const name = `f:${key}`
    const childPath = [...path, key]
    if (Array.isArray(child)) {
      const keys = key === 'ports' && kind === 'Service' ? SERVICE_PORT_KEYS : LIST_KEYS[key]
      if (!keys) {
        set[name] = {}
        continue
      }
      const items: Record<string, unknown> = {}
      for (const item of child) {
        if (!item || typeof item !== 'object') continue
        const id: Record<string, unknown> = {}
        for (const k of keys) if (k in item) id[k] = (item as Record<string, unknown>)[k]
        items[`k:${JSON.stringify(id)}`] = { '.': {}, ...fieldSet(item, childPath, kind) }
      }
      set[name] = items
    } else if (child && typeof child === 'object') {
      const inner = fieldSet(child, childPath, kind)
      set[name] = STRING_MAPS.has(key) && Object.keys(inner).length ? { '.': {}, ...inner } : inner
    } else {
      set[name] = {}
    }
  }
  return set
}

/** FieldsV1 lists its members sorted, with the "." entry (the node itself) first. */
function sortFieldSet(set: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(set).sort((a, b) => (a === '.' ? -1 : b === '.' ? 1 : a < b ? -1 : a > b ? 1 : 0)))
    out[key] = sortFieldSet(set[key] as Record<string, unknown>)
  return out
}

/** A stored object as a read returns it: resourceVersion is the key's mod revision, not part of the value. */
export function withResourceVersion(obj: KubeObject, revision: number): KubeObject {
  const metadata = ordered({ ...(obj.metadata ?? {}), resourceVersion: String(revision) }, FIELD_ORDER.metadata!)
  return { ...obj, metadata }
}

/** The managedFields entry a write records for its field manager: every field the object set, as FieldsV1. */
export function managedFieldsFor(obj: KubeObject, manager: string, operation: 'Update' | 'Apply', time: string): ManagedFieldsEntry[] {
  const { apiVersion: _a, kind: _k, status: _s, ...content } = obj
  const meta = { ...(content.metadata ?? {}) }
  for (const field of ['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'generateName'])
    delete meta[field]
  const fields = fieldSet({ ...content, metadata: meta }, [], obj.kind ?? '')
  if (fields['f:metadata'] && Object.keys(fields['f:metadata'] as object).length === 0) delete fields['f:metadata']
  return [{ manager, operation, apiVersion: obj.apiVersion ?? 'v1', time, fieldsType: 'FieldsV1', fieldsV1: sortFieldSet(fields) }]
}
