// SetDefaults_* for the apps/v1 and batch/v1 workloads (pkg/apis/apps/v1/defaults.go,
// pkg/apis/batch/v1/defaults.go). Their pod templates get the PodSpec defaults, never the Pod-only ones.
import { defaultPersistentVolumeClaim } from './core'
import { DEPLOYMENT_SPEC_ORDER, orderKeys } from './order'
import { defaultPodTemplate } from './pod'

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? (v.filter(isObj) as Obj[]) : [])

const MAX_INT32 = 2147483647

function specOf(obj: Obj): Obj {
  if (!isObj(obj.spec)) obj.spec = {}
  return obj.spec as Obj
}

function childObj(parent: Obj, key: string): Obj {
  if (!isObj(parent[key])) parent[key] = {}
  return parent[key] as Obj
}

export function defaultDeployment(obj: Obj): void {
  const spec = specOf(obj)
  if (spec.replicas == null) spec.replicas = 1
  defaultPodTemplate(spec.template)
  const strategy = childObj(spec, 'strategy')
  if (strategy.type === undefined || strategy.type === '') strategy.type = 'RollingUpdate'
  if (strategy.type === 'RollingUpdate') {
    const ru = childObj(strategy, 'rollingUpdate')
    if (ru.maxUnavailable == null) ru.maxUnavailable = '25%'
    if (ru.maxSurge == null) ru.maxSurge = '25%'
  }
  if (spec.revisionHistoryLimit == null) spec.revisionHistoryLimit = 10
  if (spec.progressDeadlineSeconds == null) spec.progressDeadlineSeconds = 600
  orderKeys(spec, DEPLOYMENT_SPEC_ORDER)
}

export function defaultReplicaSet(obj: Obj): void {
  const spec = specOf(obj)
  if (spec.replicas == null) spec.replicas = 1
  defaultPodTemplate(spec.template)
}

export function defaultStatefulSet(obj: Obj): void {
  const spec = specOf(obj)
  defaultPodTemplate(spec.template)
  // volumeClaimTemplates are whole PersistentVolumeClaims, so the generated defaulter runs the PVC defaults
  // on each (volumeMode Filesystem, status.phase Pending); apps/v1 also writes their apiVersion and kind.
  for (const claim of objects(spec.volumeClaimTemplates)) {
    if (!claim.apiVersion) claim.apiVersion = 'v1'
    if (!claim.kind) claim.kind = 'PersistentVolumeClaim'
    defaultPersistentVolumeClaim(claim)
  }
  if (spec.podManagementPolicy === undefined || spec.podManagementPolicy === '')
    spec.podManagementPolicy = 'OrderedReady'
  const strategy = childObj(spec, 'updateStrategy')
  if (strategy.type === undefined || strategy.type === '') strategy.type = 'RollingUpdate'
  if (strategy.type === 'RollingUpdate') {
    const ru = childObj(strategy, 'rollingUpdate')
    if (ru.partition == null) ru.partition = 0
    // maxUnavailable (MaxUnavailableStatefulSet) is only defaulted to 1 when that gate is on; it is off.
  }
  const retention = childObj(spec, 'persistentVolumeClaimRetentionPolicy')
  if (!retention.whenDeleted) retention.whenDeleted = 'Retain'
  if (!retention.whenScaled) retention.whenScaled = 'Retain'
  if (spec.replicas == null) spec.replicas = 1
  if (spec.revisionHistoryLimit == null) spec.revisionHistoryLimit = 10
}

export function defaultDaemonSet(obj: Obj): void {
  const spec = specOf(obj)
  defaultPodTemplate(spec.template)
  const strategy = childObj(spec, 'updateStrategy')
  if (strategy.type === undefined || strategy.type === '') strategy.type = 'RollingUpdate'
  if (strategy.type === 'RollingUpdate') {
    const ru = childObj(strategy, 'rollingUpdate')
    if (ru.maxUnavailable == null) ru.maxUnavailable = 1
    if (ru.maxSurge == null) ru.maxSurge = 0
  }
  if (spec.revisionHistoryLimit == null) spec.revisionHistoryLimit = 10
}

/** The JobSpec defaults; a CronJob's jobTemplate.spec gets exactly these too. */
function defaultJobSpec(spec: Obj): void {
  // A non-parallel job may leave both unset: then both become 1. Parallelism alone also defaults to 1.
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1
    spec.parallelism = 1
  }
  if (spec.parallelism == null) spec.parallelism = 1
  if (spec.backoffLimit == null) {
    // With a per-index limit the global one must not get in the way, so it becomes MaxInt32.
    spec.backoffLimit = spec.backoffLimitPerIndex != null ? MAX_INT32 : 6
  }
  if (spec.completionMode == null || spec.completionMode === '') spec.completionMode = 'NonIndexed'
  if (spec.suspend == null) spec.suspend = false
  if (spec.podReplacementPolicy == null || spec.podReplacementPolicy === '') {
    // With a podFailurePolicy a pod only counts once it is fully Failed, so replacements wait for that.
    spec.podReplacementPolicy = isObj(spec.podFailurePolicy) ? 'Failed' : 'TerminatingOrFailed'
  }
  if (isObj(spec.podFailurePolicy)) {
    for (const rule of objects(spec.podFailurePolicy.rules)) {
      for (const pattern of objects(rule.onPodConditions)) {
        if (pattern.status === undefined || pattern.status === '') pattern.status = 'True'
      }
    }
  }
  defaultPodTemplate(spec.template)
}

export function defaultJob(obj: Obj): void {
  const spec = specOf(obj)
  defaultJobSpec(spec)
  // A Job without labels takes its template's labels (those the user wrote; the generated ones come later).
  const template = isObj(spec.template) ? spec.template : undefined
  const templateLabels = template && isObj(template.metadata) ? template.metadata.labels : undefined
  copyTemplateLabels(obj, templateLabels)
}

/** SetDefaults_Job's label copy, also run when the stored Job is decoded again (so generated labels show). */
export function copyTemplateLabels(obj: Obj, labels: unknown): void {
  if (!isObj(labels)) return
  const meta = childObj(obj, 'metadata')
  if (isObj(meta.labels) && Object.keys(meta.labels).length > 0) return
  meta.labels = { ...labels }
}

export function defaultCronJob(obj: Obj): void {
  const spec = specOf(obj)
  if (spec.concurrencyPolicy === undefined || spec.concurrencyPolicy === '') spec.concurrencyPolicy = 'Allow'
  if (spec.suspend == null) spec.suspend = false
  if (spec.successfulJobsHistoryLimit == null) spec.successfulJobsHistoryLimit = 3
  if (spec.failedJobsHistoryLimit == null) spec.failedJobsHistoryLimit = 1
  // SetDefaults_Job takes a whole Job, so a jobTemplate's spec gets only the pod template defaults; the
  // Jobs the controller creates from it are defaulted when they are created.
  const jobTemplate = spec.jobTemplate
  if (isObj(jobTemplate) && isObj(jobTemplate.spec)) defaultPodTemplate(jobTemplate.spec.template)
}
