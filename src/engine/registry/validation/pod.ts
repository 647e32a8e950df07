// Pod and PodSpec validation (pkg/apis/core/validation/validation.go: ValidatePodCreate, ValidatePodSpec,
// validateContainers, validateContainerCommon and friends), in the order the real code appends errors.
import { compareQuantities, parseQuantity, quantityString } from '../quantity'
import {
  duplicate,
  forbidden,
  invalid,
  notFound,
  notSupported,
  pushMessages,
  required,
  type ErrorList,
} from './errors'
import { validateAnnotations, validateLabels, validateObjectMeta } from './meta'
import {
  inclusiveRangeError,
  IS_NEGATIVE_ERROR_MSG,
  isConfigMapKey,
  isDNS1123Label,
  isHTTPHeaderName,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidPortName,
  isValidPortNum,
  nameIsDNSSubdomain,
} from './names'
import { asObj, int, isObj, list, str, strMap, type Obj } from './util'

interface PodOptions {
  /** The spec belongs to a Pod, not a template: hostNetwork pods must then set hostPort = containerPort. */
  resourceIsPod: boolean
}

const nonNegative = (errs: ErrorList, path: string, value: unknown): void => {
  if (int(value) < 0) errs.push(invalid(path, value, IS_NEGATIVE_ERROR_MSG))
}

const validateDNS1123Label = (errs: ErrorList, path: string, value: string): void =>
  pushMessages(errs, path, value, isDNS1123Label(value))

// ---- volumes ----

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive'

function validateMode(errs: ErrorList, path: string, mode: unknown): void {
  if (typeof mode === 'number' && (mode < 0 || mode > 0o777)) errs.push(invalid(path, mode, FILE_MODE_ERROR))
}

/** validateLocalDescendingPath: relative, and no '..' element. */
function validateLocalDescendingPath(errs: ErrorList, path: string, target: string): void {
  if (target.startsWith('/')) errs.push(invalid(path, target, 'must be a relative path'))
  if (target.split('/').includes('..')) errs.push(invalid(path, target, "must not contain '..'"))
}

function validateKeyToPaths(errs: ErrorList, path: string, items: unknown): void {
  list(items).forEach((raw, i) => {
    const item = asObj(raw)
    const itemPath = `${path}[${i}]`
    if (!str(item.key)) errs.push(required(`${itemPath}.key`))
    if (!str(item.path)) errs.push(required(`${itemPath}.path`))
    else validateLocalNonReservedPath(errs, `${itemPath}.path`, str(item.path))
    validateMode(errs, `${itemPath}.mode`, item.mode)
  })
}

function validateLocalNonReservedPath(errs: ErrorList, path: string, target: string): void {
  const before = errs.length
  validateLocalDescendingPath(errs, path, target)
  if (errs.length === before && target.startsWith('..'))
    errs.push(invalid(path, target, "must not start with '..'"))
}

// The volume types a pod may use, in the order validateVolumeSource checks them.
const volumeTypes: readonly [string, string][] = [
  ['emptyDir', 'emptyDir'],
  ['hostPath', 'hostPath'],
  ['gitRepo', 'gitRepo'],
  ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['secret', 'secret'],
  ['nfs', 'nfs'],
  ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'],
  ['flocker', 'flocker'],
  ['persistentVolumeClaim', 'persistentVolumeClaim'],
  ['rbd', 'rbd'],
  ['cinder', 'cinder'],
  ['cephfs', 'cephFS'],
  ['quobyte', 'quobyte'],
  ['downwardAPI', 'downwarAPI'], // sic: the real error path carries this typo
  ['fc', 'fc'],
  ['flexVolume', 'flexVolume'],
  ['configMap', 'configMap'],
  ['azureFile', 'azureFile'],
  ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'],
  ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'],
  ['projected', 'projected'],
  ['scaleIO', 'scaleIO'],
  ['csi', 'csi'],
  ['ephemeral', 'ephemeral'],
  ['image', 'image'],
]

function validateVolumeSource(errs: ErrorList, vol: Obj, path: string): void {
  let count = 0
  for (const [key, errKey] of volumeTypes) {
    const source = vol[key]
    if (source == null) continue
    if (count > 0) {
      errs.push(forbidden(`${path}.${errKey}`, 'may not specify more than 1 volume type'))
      continue
    }
    count++
    const s = asObj(source)
    const p = `${path}.${key}`
    switch (key) {
      case 'emptyDir':
        if (s.sizeLimit !== undefined && parseQuantity(s.sizeLimit) < 0) {
          errs.push(forbidden(`${p}.sizeLimit`, 'SizeLimit field must be a valid resource quantity'))
        }
        break
      case 'hostPath':
        if (!str(s.path)) errs.push(required(`${p}.path`))
        break
      case 'secret':
        if (!str(s.secretName)) errs.push(required(`${p}.secretName`))
        validateMode(errs, `${p}.defaultMode`, s.defaultMode)
        validateKeyToPaths(errs, `${p}.items`, s.items)
        break
      case 'configMap':
        if (!str(s.name)) errs.push(required(`${p}.name`))
        validateMode(errs, `${p}.defaultMode`, s.defaultMode)
        validateKeyToPaths(errs, `${p}.items`, s.items)
        break
      case 'persistentVolumeClaim':
        if (!str(s.claimName)) errs.push(required(`${p}.claimName`))
        break
      case 'nfs':
        if (!str(s.server)) errs.push(required(`${p}.server`))
        if (!str(s.path)) errs.push(required(`${p}.path`))
        else if (!str(s.path).startsWith('/'))
          errs.push(invalid(`${p}.path`, s.path, 'must be an absolute path'))
        break
      // Other sources: the real server checks their required fields too; the engine accepts them as given.
    }
  }
  if (count === 0) errs.push(required(path, 'must specify a volume type'))
}

/** ValidateVolumes: returns the names of the volumes that validated, for the volumeMounts lookup. */
function validateVolumes(errs: ErrorList, volumes: unknown, path: string): Set<string> {
  const names = new Set<string>()
  list(volumes).forEach((raw, i) => {
    const vol = asObj(raw)
    const idx = `${path}[${i}]`
    const name = str(vol.name)
    const el: ErrorList = []
    validateVolumeSource(el, vol, idx)
    if (!name) el.push(required(`${idx}.name`))
    else validateDNS1123Label(el, `${idx}.name`, name)
    if (names.has(name)) el.push(duplicate(`${idx}.name`, name))
    if (el.length === 0) names.add(name)
    else errs.push(...el)
  })
  return names
}

// ---- containers ----

const supportedProtocols = ['SCTP', 'TCP', 'UDP']

function validateContainerPorts(errs: ErrorList, ports: unknown, path: string): void {
  const names = new Set<string>()
  list(ports).forEach((raw, i) => {
    const port = asObj(raw)
    const idx = `${path}[${i}]`
    const name = str(port.name)
    if (name) {
      const msgs = isValidPortName(name)
      if (msgs.length) pushMessages(errs, `${idx}.name`, name, msgs)
      else if (names.has(name)) errs.push(duplicate(`${idx}.name`, name))
      else names.add(name)
    }
    const containerPort = int(port.containerPort)
    if (containerPort === 0) errs.push(required(`${idx}.containerPort`))
    else pushMessages(errs, `${idx}.containerPort`, containerPort, isValidPortNum(containerPort))
    const hostPort = int(port.hostPort)
    if (hostPort !== 0) pushMessages(errs, `${idx}.hostPort`, hostPort, isValidPortNum(hostPort))
    const protocol = str(port.protocol)
    if (!protocol) errs.push(required(`${idx}.protocol`))
    else if (!supportedProtocols.includes(protocol))
      errs.push(notSupported(`${idx}.protocol`, protocol, supportedProtocols))
  })
}

const envFieldPaths = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]
const subscriptedFieldPathRe = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/

function validateObjectFieldSelector(errs: ErrorList, ref: Obj, path: string): void {
  if (!str(ref.apiVersion)) {
    errs.push(required(`${path}.apiVersion`))
    return
  }
  const fieldPath = str(ref.fieldPath)
  if (!fieldPath) {
    errs.push(required(`${path}.fieldPath`))
    return
  }
  const sub = subscriptedFieldPathRe.exec(fieldPath)
  if (sub) {
    const key = sub[1] === 'metadata.annotations' ? sub[2]!.toLowerCase() : sub[2]!
    pushMessages(errs, path, key, isQualifiedName(key))
  } else if (!envFieldPaths.includes(fieldPath)) {
    errs.push(notSupported(`${path}.fieldPath`, fieldPath, envFieldPaths))
  }
  // The real server also converts the path per apiVersion and rejects unknown versions.
}

function validateKeySelector(errs: ErrorList, ref: Obj, path: string): void {
  const name = str(ref.name)
  pushMessages(errs, `${path}.name`, name, nameIsDNSSubdomain(name, false))
  const key = str(ref.key)
  if (!key) errs.push(required(`${path}.key`))
  else pushMessages(errs, `${path}.key`, key, isConfigMapKey(key))
}

function validateEnv(errs: ErrorList, env: unknown, path: string): void {
  list(env).forEach((raw, i) => {
    const ev = asObj(raw)
    const idx = `${path}[${i}]`
    const name = str(ev.name)
    if (!name) errs.push(required(`${idx}.name`))
    else pushMessages(errs, `${idx}.name`, name, isRelaxedEnvVarName(name))
    if (!isObj(ev.valueFrom)) return
    const from = ev.valueFrom
    const fromPath = `${idx}.valueFrom`
    let sources = 0
    if (isObj(from.fieldRef)) {
      sources++
      validateObjectFieldSelector(errs, from.fieldRef, `${fromPath}.fieldRef`)
    }
    if (isObj(from.resourceFieldRef)) {
      sources++
      if (!str(from.resourceFieldRef.resource)) errs.push(required(`${fromPath}.resourceFieldRef.resource`))
      // The real server also checks the resource name and divisor against the supported sets.
    }
    if (isObj(from.configMapKeyRef)) {
      sources++
      validateKeySelector(errs, from.configMapKeyRef, `${fromPath}.configMapKeyRef`)
    }
    if (isObj(from.secretKeyRef)) {
      sources++
      validateKeySelector(errs, from.secretKeyRef, `${fromPath}.secretKeyRef`)
    }
    if (sources === 0) {
      errs.push(
        invalid(
          fromPath,
          '',
          'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
        ),
      )
    } else if (str(ev.value)) {
      errs.push(invalid(fromPath, '', 'may not be specified when `value` is not empty'))
    } else if (sources > 1) {
      errs.push(invalid(fromPath, '', 'may not have more than one field specified at a time'))
    }
  })
}

function validateEnvFrom(errs: ErrorList, envFrom: unknown, path: string): void {
  list(envFrom).forEach((raw, i) => {
    const ev = asObj(raw)
    const idx = `${path}[${i}]`
    const prefix = str(ev.prefix)
    if (prefix) pushMessages(errs, `${idx}.prefix`, prefix, isRelaxedEnvVarName(prefix))
    let sources = 0
    for (const key of ['configMapRef', 'secretRef']) {
      const ref = ev[key]
      if (!isObj(ref)) continue
      sources++
      const name = str(ref.name)
      if (!name) errs.push(required(`${idx}.${key}.name`))
      else pushMessages(errs, `${idx}.${key}.name`, name, nameIsDNSSubdomain(name, true))
    }
    // sic: these two are reported against the list, not the entry.
    if (sources === 0) errs.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'))
    else if (sources > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'))
  })
}

function validateVolumeMounts(errs: ErrorList, mounts: unknown, volumes: Set<string>, path: string): void {
  const mountPoints = new Set<string>()
  list(mounts).forEach((raw, i) => {
    const mnt = asObj(raw)
    const idx = `${path}[${i}]`
    const name = str(mnt.name)
    const mountPath = str(mnt.mountPath)
    if (!name) errs.push(required(`${idx}.name`))
    if (!volumes.has(name)) errs.push(notFound(`${idx}.name`, name))
    if (!mountPath) errs.push(required(`${idx}.mountPath`))
    if (mountPoints.has(mountPath)) errs.push(invalid(`${idx}.mountPath`, mountPath, 'must be unique'))
    mountPoints.add(mountPath)
    // sic: subPath problems are reported without the mount's index.
    const subPath = str(mnt.subPath)
    if (subPath) validateLocalDescendingPath(errs, `${path}.subPath`, subPath)
    const subPathExpr = str(mnt.subPathExpr)
    if (subPathExpr) {
      if (subPath)
        errs.push(
          invalid(`${idx}.subPathExpr`, subPathExpr, 'subPathExpr and subPath are mutually exclusive'),
        )
      validateLocalDescendingPath(errs, `${path}.subPathExpr`, subPathExpr)
    }
    // The real server also checks mountPropagation, recursiveReadOnly and overlaps with volumeDevices.
  })
}

const pullPolicies = ['Always', 'IfNotPresent', 'Never']

const standardContainerResources = new Set(['cpu', 'memory', 'ephemeral-storage'])
const standardResources = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'persistentvolumeclaims',
  'configmaps',
  'storage',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
])

const isHugePages = (name: string): boolean => name.startsWith('hugepages-')
const isNativeResource = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/')
const overcommitAllowed = (name: string): boolean => isNativeResource(name) && !isHugePages(name)

function validateContainerResourceName(errs: ErrorList, name: string, path: string): void {
  const before = errs.length
  pushMessages(errs, path, name, isQualifiedName(name))
  if (errs.length === before && !name.includes('/') && !standardResources.has(name) && !isHugePages(name)) {
    errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'))
  }
  if (!name.includes('/')) {
    if (!standardContainerResources.has(name) && !isHugePages(name)) {
      errs.push(invalid(path, name, 'must be a standard resource for containers'))
    }
  }
  // The real server also checks extended resource names (no requests.* prefix, no kubernetes.io domain).
}

function validateQuantityValue(errs: ErrorList, path: string, value: unknown): void {
  if (parseQuantity(value) < 0) errs.push(invalid(path, quantityString(value), IS_NEGATIVE_ERROR_MSG))
}

function validateResources(errs: ErrorList, resources: unknown, path: string): void {
  const r = asObj(resources)
  const limits = asObj(r.limits)
  const requests = asObj(r.requests)
  const limPath = `${path}.limits`
  const reqPath = `${path}.requests`
  for (const name in limits) {
    const p = `${limPath}[${name}]`
    validateContainerResourceName(errs, name, p)
    validateQuantityValue(errs, p, limits[name])
  }
  for (const name in requests) {
    const p = `${reqPath}[${name}]`
    validateContainerResourceName(errs, name, p)
    validateQuantityValue(errs, p, requests[name])
    const request = requests[name]
    if (name in limits) {
      const cmp = compareQuantities(parseQuantity(request), parseQuantity(limits[name]))
      const limit = quantityString(limits[name])
      // sic: the request/limit comparison is reported against the whole requests map.
      if (cmp !== 0 && !overcommitAllowed(name)) {
        errs.push(invalid(reqPath, quantityString(request), `must be equal to ${name} limit of ${limit}`))
      } else if (cmp > 0) {
        errs.push(
          invalid(
            reqPath,
            quantityString(request),
            `must be less than or equal to ${name} limit of ${limit}`,
          ),
        )
      }
    } else if (!overcommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'))
    }
  }
  // The real server also checks hugepages (divisibility, need cpu or memory) and resource claims.
}

const ID_MAX = 0xffffffff

function validateSecurityContext(errs: ErrorList, sc: unknown, path: string): void {
  if (!isObj(sc)) return
  for (const key of ['runAsUser', 'runAsGroup']) {
    const v = sc[key]
    if (typeof v === 'number' && (v < 0 || v > ID_MAX))
      errs.push(invalid(`${path}.${key}`, v, inclusiveRangeError(0, ID_MAX)))
  }
  // The real server also checks procMount, seccomp and AppArmor profiles, and privilege-escalation combinations.
}

function validateContainerCommon(errs: ErrorList, c: Obj, volumes: Set<string>, path: string): void {
  const name = str(c.name)
  if (!name) errs.push(required(`${path}.name`))
  else validateDNS1123Label(errs, `${path}.name`, name)
  if (!str(c.image)) errs.push(required(`${path}.image`))
  const policy = str(c.terminationMessagePolicy)
  if (!policy) errs.push(required(`${path}.terminationMessagePolicy`))
  else if (policy !== 'File' && policy !== 'FallbackToLogsOnError') {
    errs.push(notSupported(`${path}.terminationMessagePolicy`, policy, ['File', 'FallbackToLogsOnError']))
  }
  validateContainerPorts(errs, c.ports, `${path}.ports`)
  validateEnv(errs, c.env, `${path}.env`)
  validateEnvFrom(errs, c.envFrom, `${path}.envFrom`)
  validateVolumeMounts(errs, c.volumeMounts, volumes, `${path}.volumeMounts`)
  const pull = str(c.imagePullPolicy)
  if (!pull) errs.push(required(`${path}.imagePullPolicy`))
  else if (!pullPolicies.includes(pull))
    errs.push(notSupported(`${path}.imagePullPolicy`, pull, pullPolicies))
  validateResources(errs, c.resources, `${path}.resources`)
  validateSecurityContext(errs, c.securityContext, `${path}.securityContext`)
}

/** ValidatePortNumOrName on an IntOrString: a number must be a port, a string a port name. */
function validatePortNumOrName(errs: ErrorList, port: unknown, path: string): void {
  if (typeof port === 'string') pushMessages(errs, path, port, isValidPortName(port))
  else pushMessages(errs, path, int(port), isValidPortNum(int(port)))
}

function validateHandler(
  errs: ErrorList,
  h: Obj,
  path: string,
  gracePeriod: number | undefined,
  lifecycle: boolean,
): void {
  let count = 0
  const kinds = lifecycle
    ? ['exec', 'httpGet', 'tcpSocket', 'sleep']
    : ['exec', 'httpGet', 'tcpSocket', 'grpc']
  for (const kind of kinds) {
    if (!isObj(h[kind])) continue
    const p = `${path}.${kind}`
    if (count > 0) {
      errs.push(forbidden(p, 'may not specify more than 1 handler type'))
      continue
    }
    count++
    const a = h[kind] as Obj
    if (kind === 'exec' && list(a.command).length === 0) errs.push(required(`${p}.command`))
    if (kind === 'httpGet') {
      if (!str(a.path)) errs.push(required(`${p}.path`))
      validatePortNumOrName(errs, a.port, `${p}.port`)
      const scheme = str(a.scheme)
      if (scheme !== 'HTTP' && scheme !== 'HTTPS')
        errs.push(notSupported(`${p}.scheme`, scheme, ['HTTP', 'HTTPS']))
      for (const header of list(a.httpHeaders)) {
        const headerName = str(asObj(header).name)
        pushMessages(errs, `${p}.httpHeaders`, headerName, isHTTPHeaderName(headerName))
      }
    }
    if (kind === 'tcpSocket') validatePortNumOrName(errs, a.port, `${p}.port`)
    if (kind === 'grpc') validatePortNumOrName(errs, int(a.port), `${p}.port`)
    if (kind === 'sleep' && gracePeriod !== undefined) {
      const seconds = int(a.seconds)
      if (seconds < 0 || seconds > gracePeriod) {
        errs.push(
          invalid(
            p,
            seconds,
            `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`,
          ),
        )
      }
    }
  }
  if (count === 0) errs.push(required(path, 'must specify a handler type'))
}

function validateProbe(
  errs: ErrorList,
  probe: unknown,
  path: string,
  kind: 'liveness' | 'readiness' | 'startup',
): void {
  if (!isObj(probe)) return
  validateHandler(errs, probe, path, undefined, false)
  for (const key of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ]) {
    nonNegative(errs, `${path}.${key}`, probe[key])
  }
  const grace = probe.terminationGracePeriodSeconds
  if (typeof grace === 'number' && grace <= 0) {
    errs.push(invalid(`${path}.terminationGracePeriodSeconds`, grace, 'must be greater than 0'))
  }
  if (kind !== 'readiness' && int(probe.successThreshold) !== 1) {
    errs.push(invalid(`${path}.successThreshold`, int(probe.successThreshold), 'must be 1'))
  }
  if (kind === 'readiness' && typeof grace === 'number') {
    errs.push(invalid(`${path}.terminationGracePeriodSeconds`, grace, 'must not be set for readinessProbes'))
  }
}

function validateLifecycle(
  errs: ErrorList,
  lc: unknown,
  path: string,
  gracePeriod: number | undefined,
): void {
  if (!isObj(lc)) return
  if (isObj(lc.postStart)) validateHandler(errs, lc.postStart, `${path}.postStart`, gracePeriod, true)
  if (isObj(lc.preStop)) validateHandler(errs, lc.preStop, `${path}.preStop`, gracePeriod, true)
}

/** AccumulateUniqueHostPorts: one protocol/hostIP/hostPort may be claimed once. */
function checkHostPortConflicts(errs: ErrorList, containers: Obj[], path: string, offset = 0): void {
  const seen = new Set<string>()
  containers.forEach((c, ci) => {
    list(c.ports).forEach((raw, pi) => {
      const port = asObj(raw)
      const hostPort = int(port.hostPort)
      if (hostPort === 0) return
      const key = `${str(port.protocol)}/${str(port.hostIP)}/${hostPort}`
      if (seen.has(key)) errs.push(duplicate(`${path}[${ci + offset}].ports[${pi}].hostPort`, key))
      else seen.add(key)
    })
  })
}

function validateContainers(
  errs: ErrorList,
  containers: Obj[],
  volumes: Set<string>,
  path: string,
  grace?: number,
): void {
  if (containers.length === 0) {
    errs.push(required(path))
    return
  }
  const names = new Set<string>()
  containers.forEach((c, i) => {
    const idx = `${path}[${i}]`
    validateContainerCommon(errs, c, volumes, idx)
    const name = str(c.name)
    if (names.has(name)) errs.push(duplicate(`${idx}.name`, name))
    else names.add(name)
    validateLifecycle(errs, c.lifecycle, `${idx}.lifecycle`, grace)
    validateProbe(errs, c.livenessProbe, `${idx}.livenessProbe`, 'liveness')
    validateProbe(errs, c.readinessProbe, `${idx}.readinessProbe`, 'readiness')
    validateProbe(errs, c.startupProbe, `${idx}.startupProbe`, 'startup')
    if (c.restartPolicy != null)
      errs.push(forbidden(`${idx}.restartPolicy`, 'may not be set for non-init containers'))
  })
  checkHostPortConflicts(errs, containers, path)
}

function validateInitContainers(
  errs: ErrorList,
  inits: Obj[],
  regular: Obj[],
  volumes: Set<string>,
  path: string,
  grace?: number,
): void {
  const names = new Set(regular.map((c) => str(c.name)))
  inits.forEach((c, i) => {
    const idx = `${path}[${i}]`
    validateContainerCommon(errs, c, volumes, idx)
    let restartAlways = false
    if (c.restartPolicy != null) {
      if (c.restartPolicy !== 'Always')
        errs.push(notSupported(`${idx}.restartPolicy`, c.restartPolicy, ['Always']))
      restartAlways = c.restartPolicy === 'Always'
    }
    const name = str(c.name)
    if (names.has(name)) errs.push(duplicate(`${idx}.name`, name))
    else if (name) names.add(name)
    // Init containers run one by one, so each is checked for host port conflicts on its own.
    // sic: the check runs on a one-element list, so a conflict is reported at index 0.
    checkHostPortConflicts(errs, [c], path)
    if (restartAlways) {
      validateLifecycle(errs, c.lifecycle, `${idx}.lifecycle`, grace)
      validateProbe(errs, c.livenessProbe, `${idx}.livenessProbe`, 'liveness')
      validateProbe(errs, c.readinessProbe, `${idx}.readinessProbe`, 'readiness')
      validateProbe(errs, c.startupProbe, `${idx}.startupProbe`, 'startup')
    } else {
      for (const key of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[key] != null)
          errs.push(
            forbidden(`${idx}.${key}`, 'may not be set for init containers without restartPolicy=Always'),
          )
      }
    }
  })
}

const restartPolicies = ['Always', 'OnFailure', 'Never']
const dnsPolicies = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']

const objects = (v: unknown): Obj[] => list(v).map(asObj)

/** ValidatePodSpec. `path` is `spec` for a Pod and `spec.template.spec` for a template. */
export function validatePodSpec(errs: ErrorList, spec: Obj, path: string, opts: PodOptions): void {
  if (spec.terminationGracePeriodSeconds == null) errs.push(required(`${path}.terminationGracePeriodSeconds`))
  const grace =
    typeof spec.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : undefined
  const volumes = validateVolumes(errs, spec.volumes, `${path}.volumes`)
  const containers = objects(spec.containers)
  const inits = objects(spec.initContainers)
  validateContainers(errs, containers, volumes, `${path}.containers`, grace)
  validateInitContainers(errs, inits, containers, volumes, `${path}.initContainers`, grace)

  if (spec.hostNetwork === true) {
    containers.forEach((c, i) => {
      list(c.ports).forEach((raw, pi) => {
        const port = asObj(raw)
        const hp = int(port.hostPort)
        if ((opts.resourceIsPod || hp !== 0) && hp !== int(port.containerPort)) {
          errs.push(
            invalid(
              `${path}.containers[${i}].ports[${pi}].hostPort`,
              hp,
              'must match `containerPort` when `hostNetwork` is true',
            ),
          )
        }
      })
    })
  }
  const restartPolicy = str(spec.restartPolicy)
  if (!restartPolicy) errs.push(required(`${path}.restartPolicy`))
  else if (!restartPolicies.includes(restartPolicy))
    errs.push(notSupported(`${path}.restartPolicy`, restartPolicy, restartPolicies))
  const dnsPolicy = str(spec.dnsPolicy)
  if (!dnsPolicy) errs.push(required(`${path}.dnsPolicy`))
  else if (!dnsPolicies.includes(dnsPolicy))
    errs.push(notSupported(`${path}.dnsPolicy`, dnsPolicy, dnsPolicies))
  validateLabels(strMap(spec.nodeSelector), `${path}.nodeSelector`, errs)

  const sc = spec.securityContext
  if (isObj(sc)) {
    for (const key of ['fsGroup', 'runAsUser', 'runAsGroup']) {
      const v = sc[key]
      if (typeof v === 'number' && (v < 0 || v > ID_MAX)) {
        errs.push(invalid(`${path}.securityContext.${key}`, v, inclusiveRangeError(0, ID_MAX)))
      }
    }
  }
  if (dnsPolicy === 'None') {
    const config = spec.dnsConfig
    if (!isObj(config))
      errs.push(required(`${path}.dnsConfig`, 'must provide `dnsConfig` when `dnsPolicy` is None'))
    else if (list(config.nameservers).length === 0) {
      errs.push(
        required(
          `${path}.dnsConfig.nameservers`,
          'must provide at least one DNS nameserver when `dnsPolicy` is None',
        ),
      )
    }
  }
  // The real server also validates imagePullSecrets, affinity, dnsConfig contents, readiness and scheduling
  // gates, topology spread constraints, sysctls, OS-specific fields and tolerations.

  const serviceAccountName = str(spec.serviceAccountName)
  if (serviceAccountName) {
    pushMessages(
      errs,
      `${path}.serviceAccountName`,
      serviceAccountName,
      nameIsDNSSubdomain(serviceAccountName, false),
    )
  }
  const nodeName = str(spec.nodeName)
  if (nodeName) pushMessages(errs, `${path}.nodeName`, nodeName, nameIsDNSSubdomain(nodeName, false))
  const deadline = spec.activeDeadlineSeconds
  if (typeof deadline === 'number' && (deadline < 1 || deadline > 2147483647)) {
    errs.push(invalid(`${path}.activeDeadlineSeconds`, deadline, inclusiveRangeError(1, 2147483647)))
  }
  const hostname = str(spec.hostname)
  if (hostname) validateDNS1123Label(errs, `${path}.hostname`, hostname)
  const subdomain = str(spec.subdomain)
  if (subdomain) validateDNS1123Label(errs, `${path}.subdomain`, subdomain)
  const priorityClassName = str(spec.priorityClassName)
  if (priorityClassName) {
    pushMessages(
      errs,
      `${path}.priorityClassName`,
      priorityClassName,
      nameIsDNSSubdomain(priorityClassName, false),
    )
  }
  if (spec.preemptionPolicy != null) {
    const p = str(spec.preemptionPolicy)
    if (!p) errs.push(required(`${path}.preemptionPolicy`))
    else if (p !== 'PreemptLowerPriority' && p !== 'Never') {
      errs.push(notSupported(`${path}.preemptionPolicy`, p, ['PreemptLowerPriority', 'Never']))
    }
  }
}

/** ValidatePodCreate: metadata, spec, then the pod-only checks. */
export function validatePodCreate(pod: Obj, namespaced: boolean): ErrorList {
  const errs: ErrorList = []
  validateObjectMeta(
    pod.metadata as never,
    { namespaced, nameFn: nameIsDNSSubdomain, kubeFinalizers: true },
    errs,
  )
  const spec = asObj(pod.spec)
  validatePodSpec(errs, spec, 'spec', { resourceIsPod: true })
  if (!str(spec.serviceAccountName)) {
    list(spec.volumes).forEach((raw, vi) => {
      const projected = asObj(raw).projected
      if (!isObj(projected)) return
      list(projected.sources).forEach((source, si) => {
        if (isObj(asObj(source).serviceAccountToken)) {
          errs.push(
            forbidden(
              `spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`,
              'must not be specified when serviceAccountName is not set',
            ),
          )
        }
      })
    })
  }
  for (const key of ['containers', 'initContainers']) {
    list(spec[key]).forEach((raw, i) => {
      const image = str(asObj(raw).image)
      if (image.length !== image.trim().length) {
        errs.push(invalid(`spec.${key}[${i}].image`, image, 'must not have leading or trailing whitespace'))
      }
    })
  }
  if (list(spec.ephemeralContainers).length > 0)
    errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'))
  if (str(spec.nodeName) && list(spec.schedulingGates).length > 0) {
    errs.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'))
  }
  return errs
}

/** ValidatePodTemplateSpec, for workloads: `path` is e.g. `spec.template`. */
export function validatePodTemplateSpec(errs: ErrorList, template: Obj, path: string): void {
  const meta = asObj(template.metadata)
  // sic: a template's labels are reported as `<path>.labels`, without `.metadata`.
  validateLabels(strMap(meta.labels), `${path}.labels`, errs)
  validateAnnotations(strMap(meta.annotations), `${path}.annotations`, errs)
  const spec = asObj(template.spec)
  validatePodSpec(errs, spec, `${path}.spec`, { resourceIsPod: false })
  if (list(spec.ephemeralContainers).length > 0) {
    errs.push(
      forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'),
    )
  }
}
