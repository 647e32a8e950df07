// Defaulting, PrepareForCreate and validation for the kinds the admission plugins read and write:
// PriorityClass, StorageClass, PersistentVolumeClaim, RuntimeClass, IngressClass and CertificateSigningRequest
// (pkg/apis/<group>/v1/defaults.go, pkg/registry/<group>/<kind>/strategy.go, pkg/apis/<group>/validation).
// strategy.ts looks these tables up by `<group>/<Kind>`, after its own (PVC defaulting lives in defaults/core.ts).
import type { KubeObject, UserInfo } from '../types'
import { parseCSR, requestPem } from './certificateRequest'
import { orderKeys } from './defaults/order'
import { compareQuantities, parseQuantity } from './quantity'
import type { RegistryContext } from './strategy'
import {
  duplicate,
  forbidden,
  invalid,
  notSupported,
  pushMessages,
  required,
  tooLong,
  type ErrorList,
} from './validation/errors'
import { validateObjectMeta } from './validation/meta'
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  type NameValidator,
} from './validation/names'
import { asObj, isObj, list, str, type Obj } from './validation/util'

/** The registry context with the requesting user, which the CSR strategy records (genericapirequest.UserFrom). */
export type RegistryContextWithUser = RegistryContext & { user?: UserInfo }

const clusterMeta = (obj: Obj, errs: ErrorList, nameFn: NameValidator = nameIsDNSSubdomain) =>
  validateObjectMeta(obj.metadata as never, { namespaced: false, nameFn, kubeFinalizers: true }, errs)

// ---- PriorityClass (scheduling.k8s.io) ----

const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000
const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
}

function knownSystemClassError(name: string, value: number, globalDefault: boolean): string | undefined {
  const expected = SYSTEM_PRIORITY_CLASSES[name]
  if (expected === undefined) return `${name} is not a known system priority class`
  if (value !== expected) return `value of ${name} PriorityClass must be ${expected}`
  if (globalDefault) return `globalDefault of ${name} PriorityClass must be false`
  return undefined
}

function validatePreemptionPolicy(errs: ErrorList, policy: unknown, path: string): void {
  if (policy === 'PreemptLowerPriority' || policy === 'Never') return
  if (policy === '') errs.push(required(path))
  else errs.push(notSupported(path, policy, ['PreemptLowerPriority', 'Never']))
}

function validatePriorityClass(obj: Obj): ErrorList {
  const errs: ErrorList = []
  clusterMeta(obj, errs)
  const name = str(asObj(obj.metadata).name)
  // An omitted value decodes as 0: the API has no way to tell it was left out.
  const value = typeof obj.value === 'number' ? obj.value : 0
  if (name.startsWith('system-')) {
    const why = knownSystemClassError(name, value, obj.globalDefault === true)
    if (why)
      errs.push(
        forbidden(
          'metadata.name',
          `priority class names with 'system-' prefix are reserved for system use only. error: ${why}`,
        ),
      )
  } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(
      forbidden(
        'value',
        `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`,
      ),
    )
  }
  if (obj.preemptionPolicy != null) validatePreemptionPolicy(errs, obj.preemptionPolicy, 'preemptionPolicy')
  return errs
}

// ---- StorageClass (storage.k8s.io) ----

function validateStorageClass(obj: Obj): ErrorList {
  const errs: ErrorList = []
  clusterMeta(obj, errs)
  const provisioner = str(obj.provisioner)
  if (!provisioner) errs.push(required('provisioner'))
  else
    pushMessages(
      errs,
      'provisioner',
      provisioner.toLowerCase(),
      qualifiedNameErrors(provisioner.toLowerCase()),
    )
  const reclaim = str(obj.reclaimPolicy)
  if (reclaim && reclaim !== 'Delete' && reclaim !== 'Retain')
    errs.push(notSupported('reclaimPolicy', reclaim, ['Delete', 'Retain']))
  const mode = obj.volumeBindingMode
  if (mode == null) errs.push(required('volumeBindingMode'))
  else if (mode !== 'Immediate' && mode !== 'WaitForFirstConsumer')
    errs.push(notSupported('volumeBindingMode', mode, ['Immediate', 'WaitForFirstConsumer']))
  return errs
}

/** validation.IsQualifiedName, as ValidateQualifiedName reports it. */
function qualifiedNameErrors(value: string): string[] {
  const parts = value.split('/')
  const nameFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'
  const nameRe = new RegExp(`^${nameFmt}$`)
  const nameMsg = `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${nameFmt}')`
  let name: string
  const errs: string[] = []
  if (parts.length === 1) name = parts[0]!
  else if (parts.length === 2) {
    const prefix = parts[0]!
    name = parts[1]!
    if (prefix.length === 0) errs.push('prefix part must be non-empty')
    else for (const msg of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${msg}`)
  } else {
    return [
      `a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${nameFmt}') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ]
  }
  if (name.length === 0) errs.push('name part must be non-empty')
  else if (name.length > 63) errs.push('name part must be no more than 63 characters')
  if (name.length > 0 && !nameRe.test(name)) errs.push(nameMsg)
  return errs
}

function defaultStorageClass(obj: Obj): void {
  if (obj.reclaimPolicy == null) obj.reclaimPolicy = 'Delete'
  if (obj.volumeBindingMode == null) obj.volumeBindingMode = 'Immediate'
}

// ---- PersistentVolumeClaim (core) ----

const PVC_SPEC_ORDER = [
  'accessModes',
  'selector',
  'resources',
  'volumeName',
  'storageClassName',
  'volumeMode',
  'dataSource',
  'dataSourceRef',
  'volumeAttributesClassName',
] as const
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod']

function validatePersistentVolumeClaim(obj: Obj): ErrorList {
  const errs: ErrorList = []
  validateObjectMeta(
    obj.metadata as never,
    { namespaced: true, nameFn: nameIsDNSSubdomain, kubeFinalizers: true },
    errs,
  )
  const spec = asObj(obj.spec)
  const modes = list(spec.accessModes)
  if (modes.length === 0) errs.push(required('spec.accessModes', 'at least 1 access mode is required'))
  for (const mode of modes)
    if (!ACCESS_MODES.includes(str(mode))) errs.push(notSupported('spec.accessModes', mode, ACCESS_MODES))
  const requests = asObj(asObj(spec.resources).requests)
  const path = 'spec.resources.requests.storage'
  if (!('storage' in requests)) errs.push(required(path))
  else if (!(compareQuantities(parseQuantity(requests.storage), 0) > 0))
    errs.push(invalid(path, String(requests.storage), 'must be greater than zero'))
  const cls = spec.storageClassName
  if (typeof cls === 'string' && cls)
    pushMessages(errs, 'spec.storageClassName', cls, nameIsDNSSubdomain(cls, false))
  if (spec.volumeMode != null && spec.volumeMode !== 'Block' && spec.volumeMode !== 'Filesystem')
    errs.push(notSupported('spec.volumeMode', spec.volumeMode, ['Block', 'Filesystem']))
  return errs
}

// ---- RuntimeClass (node.k8s.io) ----

function validateRuntimeClass(obj: Obj): ErrorList {
  const errs: ErrorList = []
  clusterMeta(obj, errs)
  // The handler is a DNS label; an empty one fails the label regex rather than being "required".
  const handler = str(obj.handler)
  pushMessages(errs, 'handler', handler, nameIsDNSLabel(handler, false))
  const podFixed = asObj(asObj(obj.overhead).podFixed)
  for (const [name, q] of Object.entries(podFixed)) {
    if (parseQuantity(q) < 0)
      errs.push(invalid(`overhead.podFixed[${name}]`, String(q), 'must be greater than or equal to 0'))
  }
  return errs
}

// ---- IngressClass (networking.k8s.io) ----

function validateIngressClass(obj: Obj): ErrorList {
  const errs: ErrorList = []
  clusterMeta(obj, errs)
  const controller = str(asObj(obj.spec).controller)
  const path = 'spec.controller'
  if (controller.length > 250) errs.push(tooLong(path, 250))
  if (!controller) errs.push(required(path))
  else {
    const slash = controller.indexOf('/')
    const host = slash < 0 ? '' : controller.slice(0, slash)
    const rest = slash < 0 ? '' : controller.slice(slash + 1)
    if (!host || !rest)
      errs.push(invalid(path, controller, 'must be a domain-prefixed path (such as "acme.io/foo")'))
    else pushMessages(errs, path, host, isDNS1123Subdomain(host))
  }
  return errs
}

// ---- CertificateSigningRequest (certificates.k8s.io) ----

const KEY_USAGES = [
  'any',
  'cert sign',
  'client auth',
  'code signing',
  'content commitment',
  'crl sign',
  'data encipherment',
  'decipher only',
  'digital signature',
  'email protection',
  'encipher only',
  'ipsec end system',
  'ipsec tunnel',
  'ipsec user',
  'key agreement',
  'key encipherment',
  'microsoft sgc',
  'netscape sgc',
  'ocsp signing',
  's/mime',
  'server auth',
  'signing',
  'timestamping',
]

/** ValidateSignerName: `<fully qualified domain>/<path>`. */
function validateSignerName(errs: ErrorList, signer: string, path: string): void {
  if (!signer) {
    errs.push(required(path))
    return
  }
  const segments = signer.split('/')
  if (segments.length !== 2) {
    errs.push(
      invalid(
        path,
        signer,
        "must be a fully qualified domain and path of the form 'example.com/signer-name'",
      ),
    )
    return
  }
  const [domain, rest] = segments as [string, string]
  if (domain.length > 253) errs.push(tooLong(path, 253))
  const labels = domain.split('.')
  for (const label of labels) {
    const problems = isDNS1123Label(label)
    if (problems.length) {
      for (const p of problems) errs.push(invalid(path, domain, `validating label "${label}": ${p}`))
      break
    }
  }
  if (labels.length < 2)
    errs.push(invalid(path, domain, 'should be a domain with at least two segments separated by dots'))
  for (const part of rest.split('.')) {
    for (const p of isDNS1123Subdomain(part))
      errs.push(invalid(path, rest, `validating component "${part}": ${p}`))
  }
  if (rest.length > 253 + 63 + 1) errs.push(tooLong(path, 253 + 63 + 1))
}

function validateCertificateSigningRequest(obj: Obj): ErrorList {
  const errs: ErrorList = []
  // "We don't care what you call your certificate requests": any name passes here.
  clusterMeta(obj, errs, () => [])
  const spec = asObj(obj.spec)
  const parsed = parseCSR(requestPem(spec.request))
  if (!parsed.ok) errs.push(invalid('spec.request', str(spec.request), parsed.error))
  const usages = list(spec.usages)
  if (usages.length === 0) errs.push(required('spec.usages'))
  usages.forEach((u, i) => {
    if (!KEY_USAGES.includes(str(u))) errs.push(notSupported(`spec.usages[${i}]`, u, KEY_USAGES))
  })
  const seen = new Set<unknown>()
  usages.forEach((u, i) => {
    if (seen.has(u)) errs.push(duplicate(`spec.usages[${i}]`, u))
    seen.add(u)
  })
  const signer = str(spec.signerName)
  if (signer === 'kubernetes.io/legacy-unknown')
    errs.push(invalid('spec.signerName', signer, 'the legacy signerName is not allowed via this API version'))
  else validateSignerName(errs, signer, 'spec.signerName')
  if (typeof spec.expirationSeconds === 'number' && spec.expirationSeconds < 600)
    errs.push(
      invalid(
        'spec.expirationSeconds',
        spec.expirationSeconds,
        'may not specify a duration less than 600 seconds (10 minutes)',
      ),
    )
  return errs
}

/** The CSR strategy records who asked, whatever the client wrote, and a CSR is never created pre-approved. */
function prepareCertificateSigningRequest(obj: KubeObject, ctx: RegistryContext): void {
  if (!isObj(obj.spec)) obj.spec = {}
  const spec = obj.spec as Obj
  for (const k of ['username', 'uid', 'groups', 'extra']) delete spec[k]
  const user = (ctx as RegistryContextWithUser).user
  if (user) {
    spec.username = user.username
    if (user.uid) spec.uid = user.uid
    if (user.groups.length) spec.groups = [...user.groups]
    if (user.extra && Object.keys(user.extra).length) spec.extra = { ...user.extra }
  }
  orderKeys(spec, [
    'request',
    'signerName',
    'expirationSeconds',
    'usages',
    'username',
    'uid',
    'groups',
    'extra',
  ])
  obj.status = {}
}

// ---- the tables strategy.ts consults ----

export const ADMISSION_KIND_DEFAULTERS: Record<string, (obj: Obj) => void> = {
  'scheduling.k8s.io/PriorityClass': (obj) => {
    if (obj.preemptionPolicy == null) obj.preemptionPolicy = 'PreemptLowerPriority'
  },
  'storage.k8s.io/StorageClass': defaultStorageClass,
}

export const ADMISSION_KIND_VALIDATORS: Record<string, (obj: Obj) => ErrorList> = {
  'scheduling.k8s.io/PriorityClass': validatePriorityClass,
  'storage.k8s.io/StorageClass': validateStorageClass,
  '/PersistentVolumeClaim': validatePersistentVolumeClaim,
  'node.k8s.io/RuntimeClass': validateRuntimeClass,
  'networking.k8s.io/IngressClass': validateIngressClass,
  'certificates.k8s.io/CertificateSigningRequest': validateCertificateSigningRequest,
}

export const ADMISSION_KIND_PREPARERS: Record<string, (obj: KubeObject, ctx: RegistryContext) => void> = {
  '/PersistentVolumeClaim': (obj) => {
    if (isObj(obj.spec)) orderKeys(obj.spec as Obj, PVC_SPEC_ORDER)
  },
  'certificates.k8s.io/CertificateSigningRequest': prepareCertificateSigningRequest,
}
