// SetDefaults_* for the apps/v1 and batch/v1 workloads (pkg/apis/apps/v1/defaults.go,
// pkg/apis/batch/v1/defaults.go). Their pod templates get the PodSpec defaults, never the Pod-only ones.
import { DEPLOYMENT_SPEC_ORDER, orderKeys } from './order'
import { defaultPodTemplate } from './pod'

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

function specOf(obj: Obj): Obj {
  if (!isObj(obj.spec)) obj.spec = {}
  return obj.spec as Obj
}

export function defaultDeployment(obj: Obj): void {
  const spec = specOf(obj)
  if (spec.replicas == null) spec.replicas = 1
  defaultPodTemplate(spec.template)
  if (!isObj(spec.strategy)) spec.strategy = {}
  const strategy = spec.strategy as Obj
  if (strategy.type === undefined || strategy.type === '') strategy.type = 'RollingUpdate'
  if (strategy.type === 'RollingUpdate') {
    if (!isObj(strategy.rollingUpdate)) strategy.rollingUpdate = {}
    const ru = strategy.rollingUpdate as Obj
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
  if (spec.podManagementPolicy === undefined || spec.podManagementPolicy === '')
    spec.podManagementPolicy = 'OrderedReady'
  if (!isObj(spec.updateStrategy)) spec.updateStrategy = {}
  const strategy = spec.updateStrategy as Obj
  if (strategy.type === undefined || strategy.type === '') strategy.type = 'RollingUpdate'
  if (strategy.type === 'RollingUpdate') {
    if (!isObj(strategy.rollingUpdate)) strategy.rollingUpdate = {}
    const ru = strategy.rollingUpdate as Obj
    if (ru.partition == null) ru.partition = 0
  }
  if (!isObj(spec.persistentVolumeClaimRetentionPolicy)) spec.persistentVolumeClaimRetentionPolicy = {}
  const retention = spec.persistentVolumeClaimRetentionPolicy as Obj
  if (!retention.whenDeleted) retention.whenDeleted = 'Retain'
  if (!retention.whenScaled) retention.whenScaled = 'Retain'
  if (spec.replicas == null) spec.replicas = 1
  if (spec.revisionHistoryLimit == null) spec.revisionHistoryLimit = 10
  // The real defaulter also defaults volumeClaimTemplates (volumeMode Filesystem) and their status.
}

export function defaultDaemonSet(obj: Obj): void {
  const spec = specOf(obj)
  defaultPodTemplate(spec.template)
  if (!isObj(spec.updateStrategy)) spec.updateStrategy = {}
  const strategy = spec.updateStrategy as Obj
  if (strategy.type === undefined || strategy.type === '') strategy.type = 'RollingUpdate'
  if (strategy.type === 'RollingUpdate') {
    if (!isObj(strategy.rollingUpdate)) strategy.rollingUpdate = {}
    const ru = strategy.rollingUpdate as Obj
    if (ru.maxUnavailable == null) ru.maxUnavailable = 1
    if (ru.maxSurge == null) ru.maxSurge = 0
  }
  if (spec.revisionHistoryLimit == null) spec.revisionHistoryLimit = 10
}

/** Job and CronJob: only the pod template is defaulted here (the real defaulter sets backoffLimit etc. too). */
export function defaultJob(obj: Obj): void {
  defaultPodTemplate(specOf(obj).template)
}

export function defaultCronJob(obj: Obj): void {
  const jobTemplate = specOf(obj).jobTemplate
  if (isObj(jobTemplate) && isObj(jobTemplate.spec)) defaultPodTemplate(jobTemplate.spec.template)
}
