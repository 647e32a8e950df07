// The registry's per-kind work for a create: defaulting while decoding, then the strategy's
// PrepareForCreate, Validate and WarningsOnCreate, as k8s.io/apiserver's rest.BeforeCreate runs them.
import type { ResourceInfo } from '../resources'
import {
  ADMISSION_KIND_DEFAULTERS,
  ADMISSION_KIND_PREPARERS,
  ADMISSION_KIND_VALIDATORS,
} from './admissionKinds'
import { POLICY_KIND_DEFAULTERS, POLICY_KIND_VALIDATORS } from '../admission/policy/registry'
import { WEBHOOK_KIND_DEFAULTERS, WEBHOOK_KIND_VALIDATORS } from '../admission/webhook/registry'
import type { Clock, FieldError, IdSource, KubeObject } from '../types'
import { hpaV1ToV2 } from './conversion/hpa'
import { defaultHPAv1, defaultHPAv2 } from './defaults/autoscaling'
import {
  defaultBinding,
  defaultNamespace,
  defaultPersistentVolumeClaim,
  defaultSecret,
  defaultService,
} from './defaults/core'
import { defaultNetworkPolicy } from './defaults/networking'
import { orderKeys, SERVICE_SPEC_ORDER } from './defaults/order'
import { defaultPod } from './defaults/pod'
import {
  defaultCronJob,
  defaultDaemonSet,
  defaultDeployment,
  defaultJob,
  defaultReplicaSet,
  defaultStatefulSet,
  copyTemplateLabels,
} from './defaults/workloads'
import { computePodQOS } from './quantity'
import {
  validateConfigMap,
  validateNamespace,
  validateSecret,
  validateServiceAccount,
} from './validation/config'
import { validateHPA } from './validation/autoscaling'
import { validateCronJob, validateJob } from './validation/batch'
import type { ErrorList } from './validation/errors'
import { invalid } from './validation/errors'
import { validateObjectMeta } from './validation/meta'
import { validateIngress, validateNetworkPolicy } from './validation/networking'
import {
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  pathSegmentName,
  type NameValidator,
} from './validation/names'
import { validatePodCreate } from './validation/pod'
import { validatePodDisruptionBudget } from './validation/policy'
import { validateBinding, validateRole } from './validation/rbac'
import { validateService } from './validation/service'
import { asObj, isObj, list, str, type Obj } from './validation/util'
import {
  validateDaemonSet,
  validateDeployment,
  validateReplicaSet,
  validateStatefulSet,
} from './validation/workloads'

export interface RegistryContext {
  clock: Clock
  ids: IdSource
  allocateClusterIP(): string
  /** Allocates a port from the NodePort range (30000-32767). Without it, node ports stay unset. */
  allocateNodePort?(): number
}

export interface CreateStrategy {
  /** strategy.PrepareForCreate: clear status, set generation, etc. Mutates in place. */
  prepareForCreate(obj: KubeObject, ctx: RegistryContext): void
  /** strategy.Validate followed by object-meta validation exactly as rest.BeforeCreate orders them. */
  validate(obj: KubeObject): FieldError[]
  /** strategy.WarningsOnCreate (may return []). */
  warningsOnCreate(obj: KubeObject): string[]
}

const key = (info: { group: string; kind: string }): string => `${info.group}/${info.kind}`

// ---- defaulting ----

const defaulters: Record<string, (obj: Obj) => void> = {
  '/Pod': defaultPod,
  '/Service': defaultService,
  '/Secret': defaultSecret,
  '/Namespace': defaultNamespace,
  'apps/Deployment': defaultDeployment,
  'apps/ReplicaSet': defaultReplicaSet,
  'apps/StatefulSet': defaultStatefulSet,
  'apps/DaemonSet': defaultDaemonSet,
  'batch/Job': defaultJob,
  'batch/CronJob': defaultCronJob,
  'rbac.authorization.k8s.io/RoleBinding': defaultBinding,
  'rbac.authorization.k8s.io/ClusterRoleBinding': defaultBinding,
  '/PersistentVolumeClaim': defaultPersistentVolumeClaim,
  'networking.k8s.io/NetworkPolicy': defaultNetworkPolicy,
}

/** Kinds served in several versions, whose defaults differ per version: keyed group/version/kind. */
const versionedDefaulters: Record<string, (obj: Obj) => void> = {
  'autoscaling/v1/HorizontalPodAutoscaler': defaultHPAv1,
  'autoscaling/v2/HorizontalPodAutoscaler': defaultHPAv2,
}

/** SetDefaults_* for the versioned object, run while decoding (before admission). Mutates obj in place. */
/** rest.WipeObjectMetaSystemFields: the metadata a client may not choose on a create. */
export function wipeObjectMetaSystemFields(meta: Record<string, unknown>): void {
  for (const field of ['creationTimestamp', 'uid', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink'])
    delete meta[field]
}

export function applyDefaults(obj: KubeObject, info: ResourceInfo): void {
  const fn =
    defaulters[key(info)] ??
    versionedDefaulters[`${info.group}/${info.version}/${info.kind}`] ??
    ADMISSION_KIND_DEFAULTERS[key(info)] ??
    POLICY_KIND_DEFAULTERS[key(info)] ??
    WEBHOOK_KIND_DEFAULTERS[key(info)]
  fn?.(obj as Obj)
}

// ---- PrepareForCreate ----

/** The status each strategy starts an object with: the zero status struct as it serialises. */
const initialStatus: Record<string, () => Obj> = {
  'apps/Deployment': () => ({}),
  'apps/ReplicaSet': () => ({ replicas: 0 }),
  'apps/StatefulSet': () => ({ replicas: 0, availableReplicas: 0 }),
  'apps/DaemonSet': () => ({
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    desiredNumberScheduled: 0,
    numberReady: 0,
  }),
  'batch/Job': () => ({}),
  'batch/CronJob': () => ({}),
  '/ReplicationController': () => ({ replicas: 0 }),
  '/ResourceQuota': () => ({}),
  '/PersistentVolumeClaim': () => ({ phase: 'Pending' }),
  '/PersistentVolume': () => ({ phase: 'Pending' }),
  'networking.k8s.io/Ingress': () => ({ loadBalancer: {} }),
  'policy/PodDisruptionBudget': () => ({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 }),
}

/** HPA status starts as the zero struct; v1 writes both replica counts, v2 omits an empty currentReplicas. */
const hpaStatus = (version: string): Obj =>
  version === 'v1' ? { currentReplicas: 0, desiredReplicas: 0 } : { desiredReplicas: 0 }

/** Kinds whose strategy starts metadata.generation at 1. */
const generationOne = new Set([
  '/Pod',
  '/ReplicationController',
  'apps/Deployment',
  'apps/ReplicaSet',
  'apps/StatefulSet',
  'apps/DaemonSet',
  'batch/Job',
  'batch/CronJob',
  'networking.k8s.io/Ingress',
  'networking.k8s.io/NetworkPolicy',
  'policy/PodDisruptionBudget',
])

function metadataOf(obj: KubeObject): Obj {
  if (!isObj(obj.metadata)) obj.metadata = {}
  return obj.metadata as Obj
}

function preparePod(obj: KubeObject): void {
  const spec = asObj(obj.spec)
  const containers = [...list(spec.initContainers), ...list(spec.containers)].map(asObj)
  obj.status = { phase: 'Pending', qosClass: computePodQOS(containers) }
}

/**
 * The Job strategy's PrepareForCreate: unless the user manages the selector, label the template with the
 * Job's name and uid (both the batch.kubernetes.io/ keys and the legacy ones) and select the uid label.
 */
function prepareJob(obj: KubeObject): void {
  const spec = isObj(obj.spec) ? obj.spec : (obj.spec = {})
  if (spec.manualSelector == null) spec.manualSelector = false
  if (spec.manualSelector !== true) {
    const meta = metadataOf(obj)
    const name = str(meta.name)
    const uid = str(meta.uid)
    const template = isObj(spec.template) ? spec.template : (spec.template = {})
    const tmeta = isObj(template.metadata) ? template.metadata : (template.metadata = {})
    const labels = isObj(tmeta.labels) ? tmeta.labels : (tmeta.labels = {})
    // A label the user already set is kept; a conflicting one fails validation.
    for (const k of ['batch.kubernetes.io/controller-uid', 'controller-uid'])
      if (labels[k] === undefined) labels[k] = uid
    for (const k of ['batch.kubernetes.io/job-name', 'job-name'])
      if (labels[k] === undefined) labels[k] = name
    const selector = isObj(spec.selector) ? spec.selector : (spec.selector = {})
    const matchLabels = isObj(selector.matchLabels) ? selector.matchLabels : (selector.matchLabels = {})
    if (matchLabels['batch.kubernetes.io/controller-uid'] === undefined)
      matchLabels['batch.kubernetes.io/controller-uid'] = uid
    // Reading the Job back from storage runs SetDefaults_Job again, which now copies these template labels
    // onto a Job that has none: that is why a created Job shows the generated labels in its metadata.
    copyTemplateLabels(obj as Obj, labels)
  }
}

/** NodePort range of the default --service-node-port-range. */
const NODE_PORT_RANGE = { min: 30000, max: 32767 }

/**
 * Errors from the Service REST storage's allocation step, which runs before the strategy's Validate and
 * answers 422 on its own. Kept per object between prepareForCreate and validate.
 */
const allocationErrors = new WeakMap<KubeObject, FieldError[]>()

function prepareNamespace(obj: KubeObject): void {
  if (!isObj(obj.spec)) obj.spec = {}
  const spec = obj.spec as Obj
  const finalizers = list(spec.finalizers).map(str)
  if (!finalizers.includes('kubernetes')) finalizers.push('kubernetes')
  spec.finalizers = finalizers
  obj.status = { phase: 'Active' }
  // The strategy's Canonicalize sets the name label for names that generateName produced.
  const meta = metadataOf(obj)
  const name = str(meta.name)
  if (name) {
    if (!isObj(meta.labels)) meta.labels = {}
    ;(meta.labels as Obj)['kubernetes.io/metadata.name'] = name
  }
}

/**
 * The Service REST storage's beginCreate hook (IP family defaults, ClusterIP and NodePort allocation),
 * which runs just before BeforeCreate, together with the strategy's own PrepareForCreate.
 */
function prepareService(obj: KubeObject, ctx: RegistryContext): void {
  if (!isObj(obj.spec)) obj.spec = {}
  const spec = obj.spec as Obj
  obj.status = { loadBalancer: {} }
  const type = str(spec.type)
  // NormalizeClusterIPs: a lone clusterIP seeds clusterIPs.
  if (str(spec.clusterIP) && list(spec.clusterIPs).length === 0) spec.clusterIPs = [spec.clusterIP]
  if (type === 'ExternalName') return

  const headless = spec.clusterIP === 'None'
  const selectorless = !isObj(spec.selector) || Object.keys(spec.selector).length === 0
  if (headless && selectorless && type === 'ClusterIP') {
    // Headless services without selectors have no IPs to allocate: they default to dual-stack-if-possible.
    if (spec.ipFamilyPolicy == null) spec.ipFamilyPolicy = 'RequireDualStack'
  } else if (spec.ipFamilyPolicy == null) {
    spec.ipFamilyPolicy = 'SingleStack'
  }
  if (list(spec.ipFamilies).length === 0) spec.ipFamilies = ['IPv4']
  if (!str(spec.clusterIP)) {
    const ip = ctx.allocateClusterIP()
    spec.clusterIP = ip
    spec.clusterIPs = [ip]
  }
  if (type === 'NodePort' || type === 'LoadBalancer') {
    const errs: FieldError[] = []
    list(spec.ports).forEach((port, i) => {
      const nodePort = isObj(port) && typeof port.nodePort === 'number' ? port.nodePort : 0
      if (nodePort !== 0 && (nodePort < NODE_PORT_RANGE.min || nodePort > NODE_PORT_RANGE.max)) {
        errs.push(
          invalid(
            `spec.ports[${i}].nodePort`,
            nodePort,
            `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`,
          ),
        )
      }
    })
    if (errs.length) {
      allocationErrors.set(obj, errs)
      return
    }
  }
  if (ctx.allocateNodePort && (type === 'NodePort' || type === 'LoadBalancer')) {
    if (!(type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === false)) {
      for (const port of list(spec.ports)) {
        if (isObj(port) && !port.nodePort) port.nodePort = ctx.allocateNodePort()
      }
    }
    if (type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local' && !spec.healthCheckNodePort) {
      spec.healthCheckNodePort = ctx.allocateNodePort()
    }
  }
  orderKeys(spec, SERVICE_SPEC_ORDER)
}

const utf8ToBase64 = (s: string): string => {
  const bytes = new TextEncoder().encode(s)
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}

/**
 * Converting a v1 Secret to the internal version folds stringData into data (stringData wins), so the
 * stored object only ever has data. The engine does that here, before validation sees the keys.
 */
function prepareSecret(obj: KubeObject): void {
  if (!isObj(obj.stringData)) return
  const data = isObj(obj.data) ? obj.data : {}
  for (const k in obj.stringData) data[k] = utf8ToBase64(str(obj.stringData[k]))
  delete obj.stringData
  obj.data = data
}

// ---- validation ----

/** The name rule each kind's ValidateObjectMeta call uses; DNS subdomain when not listed. */
const nameRules: Record<string, NameValidator> = {
  '/Namespace': nameIsDNSLabel,
  '/Service': nameIsDNS1035Label,
  'rbac.authorization.k8s.io/Role': pathSegmentName,
  'rbac.authorization.k8s.io/ClusterRole': pathSegmentName,
  'rbac.authorization.k8s.io/RoleBinding': pathSegmentName,
  'rbac.authorization.k8s.io/ClusterRoleBinding': pathSegmentName,
}

const coreGroups = new Set(['', 'apps', 'batch', 'networking.k8s.io'])

type Validator = (obj: Obj, info: ResourceInfo) => ErrorList

const validators: Record<string, Validator> = {
  '/Pod': (obj, info) => validatePodCreate(obj, info.namespaced),
  '/Service': (obj) => validateService(obj),
  '/ConfigMap': (obj) => validateConfigMap(obj),
  '/Secret': (obj) => validateSecret(obj),
  '/ServiceAccount': (obj) => validateServiceAccount(obj),
  '/Namespace': (obj) => validateNamespace(obj),
  'apps/Deployment': (obj) => validateDeployment(obj),
  'apps/ReplicaSet': (obj) => validateReplicaSet(obj),
  'apps/StatefulSet': (obj) => validateStatefulSet(obj),
  'apps/DaemonSet': (obj) => validateDaemonSet(obj),
  'batch/Job': (obj) => validateJob(obj),
  'batch/CronJob': (obj) => validateCronJob(obj),
  'networking.k8s.io/Ingress': (obj) => validateIngress(obj),
  'networking.k8s.io/NetworkPolicy': (obj) => validateNetworkPolicy(obj),
  'policy/PodDisruptionBudget': (obj) => validatePodDisruptionBudget(obj),
  // Validation runs on the internal object, which has the v2 shape.
  'autoscaling/HorizontalPodAutoscaler': (obj, info) =>
    validateHPA((info.version === 'v1' ? hpaV1ToV2(obj as KubeObject) : obj) as Obj),
  'rbac.authorization.k8s.io/Role': (obj) => validateRole(obj, false),
  'rbac.authorization.k8s.io/ClusterRole': (obj) => validateRole(obj, true),
  'rbac.authorization.k8s.io/RoleBinding': (obj) => validateBinding(obj, false),
  'rbac.authorization.k8s.io/ClusterRoleBinding': (obj) => validateBinding(obj, true),
}

/** Kinds the engine does not model: only their metadata is checked, with the kind's name rule. */
function genericValidator(obj: Obj, info: ResourceInfo): ErrorList {
  const errs: ErrorList = []
  const k = key(info)
  validateObjectMeta(
    obj.metadata as never,
    {
      namespaced: info.namespaced,
      nameFn: nameRules[k] ?? nameIsDNSSubdomain,
      kubeFinalizers: coreGroups.has(info.group),
    },
    errs,
  )
  // The real server validates these kinds' specs too; the engine leaves them unchecked.
  return errs
}

export function createStrategyFor(info: ResourceInfo): CreateStrategy {
  const k = key(info)
  // A kind with a validator here is modelled, whatever resources.ts says (its flag predates these kinds).
  const validator = validators[k] ?? ADMISSION_KIND_VALIDATORS[k] ?? POLICY_KIND_VALIDATORS[k] ?? WEBHOOK_KIND_VALIDATORS[k] ?? genericValidator
  const status = initialStatus[k]
  const setGeneration = generationOne.has(k)
  return {
    prepareForCreate(obj, ctx) {
      if (status) obj.status = status()
      if (k === 'autoscaling/HorizontalPodAutoscaler') obj.status = hpaStatus(info.version)
      if (setGeneration) metadataOf(obj).generation = 1
      if (k === '/Pod') preparePod(obj)
      else if (k === '/Namespace') prepareNamespace(obj)
      else if (k === '/Service') prepareService(obj, ctx)
      else if (k === '/Secret') prepareSecret(obj)
      else if (k === 'batch/Job') prepareJob(obj)
      ADMISSION_KIND_PREPARERS[k]?.(obj, ctx)
    },
    validate(obj) {
      const allocation = allocationErrors.get(obj)
      if (allocation) return allocation
      const errs = validator(obj as Obj, info)
      if (errs.length) return errs
      // rest.BeforeCreate then re-checks metadata with the loosest name rule, only once Validate passed.
      const metaErrs: ErrorList = []
      validateObjectMeta(obj.metadata, { namespaced: info.namespaced, nameFn: pathSegmentName }, metaErrs)
      return metaErrs
    },
    warningsOnCreate() {
      // The real Pod, Service and workload strategies warn about deprecated fields and annotations,
      // duplicate ports and similar; the engine emits none of those yet.
      return []
    },
  }
}
