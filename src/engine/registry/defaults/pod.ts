// SetDefaults_* for Pod, PodSpec, Container, probes and volumes (pkg/apis/core/v1/defaults.go and the
// +default markers of k8s.io/api/core/v1), applied to the versioned JSON object in place.
import { formatQuantity, parseQuantity } from '../quantity'
import {
  CONTAINER_ORDER,
  CONTAINER_PORT_ORDER,
  HTTP_GET_ORDER,
  orderKeys,
  POD_SPEC_ORDER,
  PROBE_ORDER,
} from './order'

type Obj = Record<string, unknown>

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? (v.filter(isObj) as Obj[]) : [])

// A docker reference as distribution/reference parses it: [domain[:port]/]path[:tag][@digest].
const imageRefRe =
  /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::([\w][\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$/

/**
 * The tag parsers.ParseImageName reports: the explicit tag, `latest` when there is neither tag nor digest,
 * and '' for a digest-only or unparseable reference.
 */
export function imageTag(image: string): string {
  const m = imageRefRe.exec(image)
  if (!m) return ''
  if (m[1]) return m[1]
  return m[2] ? '' : 'latest'
}

function defaultHTTPGet(h: unknown): void {
  if (!isObj(h)) return
  if (h.path === undefined || h.path === '') h.path = '/'
  if (h.scheme === undefined || h.scheme === '') h.scheme = 'HTTP'
  orderKeys(h, HTTP_GET_ORDER)
}

function defaultHandler(handler: unknown): void {
  if (!isObj(handler)) return
  defaultHTTPGet(handler.httpGet)
  if (isObj(handler.grpc) && handler.grpc.service === undefined) handler.grpc.service = ''
}

function defaultProbe(probe: unknown): void {
  if (!isObj(probe)) return
  defaultHandler(probe)
  if (!probe.timeoutSeconds) probe.timeoutSeconds = 1
  if (!probe.periodSeconds) probe.periodSeconds = 10
  if (!probe.successThreshold) probe.successThreshold = 1
  if (!probe.failureThreshold) probe.failureThreshold = 3
  orderKeys(probe, PROBE_ORDER)
}

function defaultFieldRef(ref: unknown): void {
  if (isObj(ref) && (ref.apiVersion === undefined || ref.apiVersion === '')) ref.apiVersion = 'v1'
}

function defaultContainer(c: Obj): void {
  if (c.imagePullPolicy === undefined || c.imagePullPolicy === '') {
    c.imagePullPolicy =
      imageTag(typeof c.image === 'string' ? c.image : '') === 'latest' ? 'Always' : 'IfNotPresent'
  }
  if (c.terminationMessagePath === undefined || c.terminationMessagePath === '') {
    c.terminationMessagePath = '/dev/termination-log'
  }
  if (c.terminationMessagePolicy === undefined || c.terminationMessagePolicy === '') {
    c.terminationMessagePolicy = 'File'
  }
  // ResourceRequirements is a struct, not a pointer: it always serialises, empty or not.
  if (!isObj(c.resources)) c.resources = {}
  for (const p of objects(c.ports)) {
    if (p.protocol === undefined || p.protocol === '') p.protocol = 'TCP'
    orderKeys(p, CONTAINER_PORT_ORDER)
  }
  for (const e of objects(c.env)) if (isObj(e.valueFrom)) defaultFieldRef(e.valueFrom.fieldRef)
  defaultProbe(c.livenessProbe)
  defaultProbe(c.readinessProbe)
  defaultProbe(c.startupProbe)
  if (isObj(c.lifecycle)) {
    defaultHandler(c.lifecycle.postStart)
    defaultHandler(c.lifecycle.preStop)
  }
  orderKeys(c, CONTAINER_ORDER)
}

const volumeSources = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
]

const DEFAULT_MODE = 0o644

function defaultDownwardAPIItems(items: unknown): void {
  for (const item of objects(items)) defaultFieldRef(item.fieldRef)
}

function defaultVolume(v: Obj): void {
  if (!volumeSources.some((s) => v[s] != null)) v.emptyDir = {}
  if (isObj(v.secret) && v.secret.defaultMode === undefined) v.secret.defaultMode = DEFAULT_MODE
  if (isObj(v.configMap) && v.configMap.defaultMode === undefined) v.configMap.defaultMode = DEFAULT_MODE
  if (isObj(v.downwardAPI)) {
    if (v.downwardAPI.defaultMode === undefined) v.downwardAPI.defaultMode = DEFAULT_MODE
    defaultDownwardAPIItems(v.downwardAPI.items)
  }
  if (isObj(v.hostPath) && v.hostPath.type === undefined) v.hostPath.type = ''
  if (isObj(v.projected)) {
    if (v.projected.defaultMode === undefined) v.projected.defaultMode = DEFAULT_MODE
    for (const source of objects(v.projected.sources)) {
      const token = source.serviceAccountToken
      if (isObj(token) && token.expirationSeconds === undefined) token.expirationSeconds = 3600
      if (isObj(source.downwardAPI)) defaultDownwardAPIItems(source.downwardAPI.items)
    }
  }
  // The real defaulter also fills iscsi, rbd, azureDisk and other legacy in-tree sources.
}

/** SetDefaults_PodSpec plus everything inside it. Used for Pods and for every pod template. */
export function defaultPodSpec(spec: Obj): void {
  for (const v of objects(spec.volumes)) defaultVolume(v)
  for (const c of objects(spec.initContainers)) defaultContainer(c)
  for (const c of objects(spec.containers)) defaultContainer(c)
  // Ephemeral containers share the container type, so the generated defaulter fills them the same way.
  for (const c of objects(spec.ephemeralContainers)) defaultContainer(c)
  if (spec.restartPolicy === undefined || spec.restartPolicy === '') spec.restartPolicy = 'Always'
  if (spec.terminationGracePeriodSeconds == null) spec.terminationGracePeriodSeconds = 30
  if (spec.dnsPolicy === undefined || spec.dnsPolicy === '') spec.dnsPolicy = 'ClusterFirst'
  if (spec.securityContext == null) spec.securityContext = {}
  if (spec.schedulerName === undefined || spec.schedulerName === '') spec.schedulerName = 'default-scheduler'
  orderKeys(spec, POD_SPEC_ORDER)
}

/** SetDefaults_Pod: what only a Pod gets, not a template; then the PodSpec defaults. */
export function defaultPod(pod: Obj): void {
  if (!isObj(pod.spec)) pod.spec = {}
  const spec = pod.spec as Obj
  // Requests default from limits for containers that set only limits (and only for the missing names).
  for (const list of [spec.containers, spec.initContainers]) {
    for (const c of objects(list)) {
      const resources = c.resources
      if (!isObj(resources) || !isObj(resources.limits)) continue
      const limits = resources.limits
      const requests = isObj(resources.requests) ? resources.requests : {}
      let added = false
      for (const name in limits) {
        if (requests[name] === undefined) {
          requests[name] = limits[name]
          added = true
        }
      }
      if (added && !isObj(resources.requests)) resources.requests = requests
    }
  }
  // Only Pods, not templates, copy containerPort into hostPort under hostNetwork (templates stopped in 1.28).
  if (spec.hostNetwork === true) {
    for (const c of [...objects(spec.containers), ...objects(spec.initContainers)]) {
      for (const p of objects(c.ports)) {
        if (!p.hostPort) p.hostPort = p.containerPort
        orderKeys(p, CONTAINER_PORT_ORDER)
      }
    }
  }
  if (spec.enableServiceLinks === undefined) spec.enableServiceLinks = true
  defaultPodLevelRequests(spec)
  defaultPodSpec(spec)
}

const podLevelResources = new Set(['cpu', 'memory'])

/**
 * defaultPodRequests (PodLevelResources, beta and on in v1.35): with pod-level limits, each missing pod-level
 * request becomes the containers' effective request for it when any container asks for it, else the limit.
 */
function defaultPodLevelRequests(spec: Obj): void {
  const resources = spec.resources
  if (!isObj(resources) || !isObj(resources.limits) || Object.keys(resources.limits).length === 0) return
  const requests: Obj = isObj(resources.requests) ? resources.requests : {}
  const effective = effectiveContainerRequests(spec)
  for (const [name, value] of effective) {
    if (requests[name] === undefined && podLevelResources.has(name)) requests[name] = formatQuantity(value)
  }
  for (const name in resources.limits) {
    if (requests[name] === undefined && podLevelResources.has(name)) requests[name] = resources.limits[name]
  }
  if (Object.keys(requests).length > 0) resources.requests = requests
}

/** Sum of app and sidecar containers, but at least the largest plain init container: what a pod needs. */
function effectiveContainerRequests(spec: Obj): Map<string, number> {
  const sum = new Map<string, number>()
  const add = (c: Obj): void => {
    const req = isObj(c.resources) && isObj(c.resources.requests) ? c.resources.requests : {}
    for (const name in req) sum.set(name, (sum.get(name) ?? 0) + parseQuantity(req[name]))
  }
  for (const c of objects(spec.containers)) add(c)
  for (const c of objects(spec.initContainers)) if (c.restartPolicy === 'Always') add(c)
  for (const c of objects(spec.initContainers)) {
    if (c.restartPolicy === 'Always') continue
    const req = isObj(c.resources) && isObj(c.resources.requests) ? c.resources.requests : {}
    for (const name in req) {
      const v = parseQuantity(req[name])
      if (v > (sum.get(name) ?? 0)) sum.set(name, v)
    }
  }
  return sum
}

/** A pod template (Deployment, ReplicaSet, ...): PodSpec defaults only, no Pod-level ones. */
export function defaultPodTemplate(template: unknown): void {
  if (!isObj(template)) return
  if (!isObj(template.spec)) template.spec = {}
  defaultPodSpec(template.spec as Obj)
}
