// HorizontalPodAutoscaler conversion between autoscaling/v1 and the storage version autoscaling/v2, as
// pkg/apis/autoscaling/v1/conversion.go does it through the internal type. autoscaling/v1 only knows a CPU
// percentage, so everything else survives a v1 round trip in `autoscaling.alpha.kubernetes.io/*`
// annotations: written when a v2 object is read as v1, read back and removed when v1 is written.
import type { KubeObject } from '../../types'
import { defaultCPUMetric, defaultHPAv2 } from '../defaults/autoscaling'

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? (v.filter(isObj) as Obj[]) : [])

export const HPA_METRICS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/metrics'
export const HPA_CURRENT_METRICS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/current-metrics'
export const HPA_CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions'
export const HPA_BEHAVIOR_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior'
const roundTripAnnotations = [
  HPA_METRICS_ANNOTATION,
  HPA_CURRENT_METRICS_ANNOTATION,
  HPA_CONDITIONS_ANNOTATION,
  HPA_BEHAVIOR_ANNOTATION,
]

export const HPA_STORAGE_VERSION = 'autoscaling/v2'

/** Only set keys, in the order given: how a Go struct with omitempty fields marshals. */
function compact(entries: [string, unknown][]): Obj {
  const out: Obj = {}
  for (const [k, v] of entries) if (v !== undefined && v !== null) out[k] = v
  return out
}

const isCPUUtilization = (m: Obj): boolean => {
  const r = isObj(m.resource) ? m.resource : undefined
  return (
    m.type === 'Resource' &&
    r !== undefined &&
    r.name === 'cpu' &&
    isObj(r.target) &&
    r.target.averageUtilization != null
  )
}

// ---- metrics: v1 (the v2beta1 shape, kept in the annotation) to v2 and back ----

function v1MetricToV2(m: Obj): Obj {
  const out: Obj = { type: m.type }
  if (isObj(m.object)) {
    const o = m.object
    out.object = compact([
      ['describedObject', o.target],
      [
        'metric',
        compact([
          ['name', o.metricName ?? ''],
          ['selector', o.selector],
        ]),
      ],
      [
        'target',
        compact([
          ['type', o.averageValue == null ? 'Value' : 'AverageValue'],
          ['value', o.targetValue],
          ['averageValue', o.averageValue],
        ]),
      ],
    ])
  }
  if (isObj(m.pods)) {
    const p = m.pods
    out.pods = {
      metric: compact([
        ['name', p.metricName ?? ''],
        ['selector', p.selector],
      ]),
      target: compact([
        ['type', 'AverageValue'],
        ['averageValue', p.targetAverageValue],
      ]),
    }
  }
  for (const key of ['resource', 'containerResource']) {
    if (!isObj(m[key])) continue
    const r = m[key] as Obj
    out[key] = compact([
      ['name', r.name ?? ''],
      [
        'target',
        compact([
          ['type', r.targetAverageUtilization == null ? 'AverageValue' : 'Utilization'],
          ['averageUtilization', r.targetAverageUtilization],
          ['averageValue', r.targetAverageValue],
        ]),
      ],
      ['container', key === 'containerResource' ? (r.container ?? '') : undefined],
    ])
  }
  if (isObj(m.external)) {
    const e = m.external
    out.external = {
      metric: compact([
        ['name', e.metricName ?? ''],
        ['selector', e.metricSelector],
      ]),
      target: compact([
        ['type', e.targetValue == null ? 'AverageValue' : 'Value'],
        ['value', e.targetValue],
        ['averageValue', e.targetAverageValue],
      ]),
    }
  }
  return out
}

function v2MetricToV1(m: Obj): Obj {
  const out: Obj = { type: m.type }
  const target = (src: Obj): Obj => (isObj(src.target) ? src.target : {})
  const metric = (src: Obj): Obj => (isObj(src.metric) ? src.metric : {})
  if (isObj(m.object)) {
    const o = m.object
    out.object = compact([
      ['target', o.describedObject ?? {}],
      ['metricName', metric(o).name ?? ''],
      // targetValue is a plain Quantity in v1, so it is always written.
      ['targetValue', target(o).value ?? '0'],
      ['selector', metric(o).selector],
      ['averageValue', target(o).averageValue],
    ])
  }
  if (isObj(m.pods)) {
    const p = m.pods
    out.pods = compact([
      ['metricName', metric(p).name ?? ''],
      ['targetAverageValue', target(p).averageValue ?? '0'],
      ['selector', metric(p).selector],
    ])
  }
  for (const key of ['resource', 'containerResource']) {
    if (!isObj(m[key])) continue
    const r = m[key] as Obj
    out[key] = compact([
      ['name', r.name ?? ''],
      ['targetAverageUtilization', target(r).averageUtilization],
      ['targetAverageValue', target(r).averageValue],
      ['container', key === 'containerResource' ? (r.container ?? '') : undefined],
    ])
  }
  if (isObj(m.external)) {
    const e = m.external
    out.external = compact([
      ['metricName', metric(e).name ?? ''],
      ['metricSelector', metric(e).selector],
      ['targetValue', target(e).value],
      ['targetAverageValue', target(e).averageValue],
    ])
  }
  return out
}

// ---- behavior: the annotation holds the *internal* type, marshalled with Go field names ----

const toInternalRules = (r: unknown): unknown =>
  isObj(r)
    ? {
        StabilizationWindowSeconds: r.stabilizationWindowSeconds ?? null,
        SelectPolicy: r.selectPolicy ?? null,
        Policies: objects(r.policies).map((p) => ({
          Type: p.type ?? '',
          Value: p.value ?? 0,
          PeriodSeconds: p.periodSeconds ?? 0,
        })),
        Tolerance: r.tolerance ?? null,
      }
    : null

/** Go's encoding/json matches field names case-insensitively, so both spellings are read back. */
function field(o: Obj, name: string): unknown {
  if (name in o) return o[name]
  const lower = name.toLowerCase()
  for (const k in o) if (k.toLowerCase() === lower) return o[k]
  return undefined
}

function fromInternalRules(r: unknown): Obj | undefined {
  if (!isObj(r)) return undefined
  const policies = field(r, 'Policies')
  return compact([
    ['stabilizationWindowSeconds', field(r, 'StabilizationWindowSeconds')],
    ['selectPolicy', field(r, 'SelectPolicy')],
    [
      'policies',
      Array.isArray(policies)
        ? objects(policies).map((p) => ({
            type: field(p, 'Type'),
            value: field(p, 'Value'),
            periodSeconds: field(p, 'PeriodSeconds'),
          }))
        : undefined,
    ],
    ['tolerance', field(r, 'Tolerance')],
  ])
}

function parseJSON(text: unknown): unknown {
  if (typeof text !== 'string') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function metadataWithout(meta: unknown, drop: readonly string[]): Obj {
  const m: Obj = isObj(meta) ? { ...meta } : {}
  if (isObj(m.annotations)) {
    const annotations = { ...m.annotations }
    for (const k of drop) delete annotations[k]
    if (Object.keys(annotations).length === 0) delete m.annotations
    else m.annotations = annotations
  }
  return m
}

/** An autoscaling/v1 HPA as autoscaling/v2, the version it is stored in. */
export function hpaV1ToV2(obj: KubeObject): KubeObject {
  const spec: Obj = isObj(obj.spec) ? obj.spec : {}
  const status: Obj = isObj(obj.status) ? obj.status : {}
  const annotations: Obj = isObj(obj.metadata?.annotations) ? obj.metadata.annotations : {}
  const metrics: Obj[] = []
  if (spec.targetCPUUtilizationPercentage != null)
    metrics.push(defaultCPUMetric(spec.targetCPUUtilizationPercentage as number))
  const other = parseJSON(annotations[HPA_METRICS_ANNOTATION])
  for (const m of objects(other)) metrics.push(v1MetricToV2(m))
  // v1 had the 80% CPU target as an implicit controller default; conversion makes it explicit.
  if (metrics.length === 0) metrics.push(defaultCPUMetric())
  const behaviorJSON = parseJSON(annotations[HPA_BEHAVIOR_ANNOTATION])
  let behavior: Obj | undefined
  if (isObj(behaviorJSON)) {
    const up = fromInternalRules(field(behaviorJSON, 'ScaleUp'))
    const down = fromInternalRules(field(behaviorJSON, 'ScaleDown'))
    if (up || down)
      behavior = compact([
        ['scaleUp', up],
        ['scaleDown', down],
      ])
  }
  const conditions = parseJSON(annotations[HPA_CONDITIONS_ANNOTATION])
  const out: KubeObject = {
    apiVersion: HPA_STORAGE_VERSION,
    kind: 'HorizontalPodAutoscaler',
    metadata: metadataWithout(obj.metadata, roundTripAnnotations),
    spec: compact([
      ['scaleTargetRef', spec.scaleTargetRef],
      ['minReplicas', spec.minReplicas],
      ['maxReplicas', spec.maxReplicas ?? 0],
      ['metrics', metrics],
      ['behavior', behavior],
    ]),
  }
  if (obj.status !== undefined) {
    out.status = compact([
      ['observedGeneration', status.observedGeneration],
      ['lastScaleTime', status.lastScaleTime],
      ['currentReplicas', status.currentReplicas || undefined],
      ['desiredReplicas', status.desiredReplicas ?? 0],
      ['conditions', Array.isArray(conditions) && conditions.length ? conditions : undefined],
    ])
  }
  return out
}

/** A stored autoscaling/v2 HPA as autoscaling/v1 would return it. */
export function hpaV2ToV1(obj: KubeObject): KubeObject {
  const spec: Obj = isObj(obj.spec) ? obj.spec : {}
  const status: Obj = isObj(obj.status) ? obj.status : {}
  const metrics = objects(spec.metrics)
  const cpu = metrics.find((m) => m.type === 'Resource' && isObj(m.resource) && m.resource.name === 'cpu')
  const cpuTarget = cpu && isObj(cpu.resource) && isObj(cpu.resource.target) ? cpu.resource.target : {}
  const other = metrics.filter((m) => !isCPUUtilization(m)).map(v2MetricToV1)
  const meta = metadataWithout(obj.metadata, roundTripAnnotations)
  const extra: Obj = {}
  if (other.length) extra[HPA_METRICS_ANNOTATION] = JSON.stringify(other)
  if (isObj(spec.behavior)) {
    extra[HPA_BEHAVIOR_ANNOTATION] = JSON.stringify({
      ScaleUp: toInternalRules(spec.behavior.scaleUp),
      ScaleDown: toInternalRules(spec.behavior.scaleDown),
    })
  }
  const conditions = objects(status.conditions)
  if (conditions.length) extra[HPA_CONDITIONS_ANNOTATION] = JSON.stringify(conditions)
  // The controller's current metrics (HPA_CURRENT_METRICS_ANNOTATION) are not simulated: status stays empty.
  if (Object.keys(extra).length) {
    const merged: Obj = { ...(isObj(meta.annotations) ? meta.annotations : {}), ...extra }
    // Go marshals map keys sorted.
    meta.annotations = Object.fromEntries(
      Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    )
  }
  const cpuStatus = objects(status.currentMetrics).find(
    (m) => m.type === 'Resource' && isObj(m.resource) && m.resource.name === 'cpu',
  )
  const current = cpuStatus && isObj(cpuStatus.resource) && isObj(cpuStatus.resource.current)
  const out: KubeObject = {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta,
    spec: compact([
      ['scaleTargetRef', spec.scaleTargetRef],
      ['minReplicas', spec.minReplicas],
      ['maxReplicas', spec.maxReplicas ?? 0],
      ['targetCPUUtilizationPercentage', cpuTarget.averageUtilization],
    ]),
  }
  if (obj.status !== undefined) {
    out.status = compact([
      ['observedGeneration', status.observedGeneration],
      ['lastScaleTime', status.lastScaleTime],
      ['currentReplicas', status.currentReplicas ?? 0],
      ['desiredReplicas', status.desiredReplicas ?? 0],
      [
        'currentCPUUtilizationPercentage',
        current ? (cpuStatus.resource as { current: Obj }).current.averageUtilization : undefined,
      ],
    ])
  }
  return out
}

const isHPA = (obj: KubeObject): boolean =>
  obj.kind === 'HorizontalPodAutoscaler' &&
  typeof obj.apiVersion === 'string' &&
  obj.apiVersion.startsWith('autoscaling/')

/**
 * The object as etcd keeps it: kinds served in several versions are converted to their storage version
 * (autoscaling/v1 HPAs become autoscaling/v2). Every other object is returned as it is. Pure: never mutates.
 */
export function convertToStorageVersion(obj: KubeObject): KubeObject {
  if (isHPA(obj) && obj.apiVersion === 'autoscaling/v1') return hpaV1ToV2(obj)
  return obj
}

/**
 * A stored object as a client asked for it (`version` is the request's version, e.g. `v1` for
 * /apis/autoscaling/v1). Decoding from storage runs the storage version's defaulting first, as the
 * apiserver's storage codec does. Pure: never mutates its argument.
 */
export function convertFromStorageVersion(obj: KubeObject, version: string): KubeObject {
  if (!isHPA(obj)) return obj
  const stored = structuredCopy(obj)
  defaultHPAv2(stored as Obj)
  return version === 'v1' ? hpaV2ToV1(stored) : stored
}

const structuredCopy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T
