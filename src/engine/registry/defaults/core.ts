// SetDefaults_* for the non-pod core kinds the engine models, and RBAC's (pkg/apis/rbac/v1/defaults.go).
import { orderKeys, SERVICE_PORT_ORDER, SERVICE_SPEC_ORDER } from './order'

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? (v.filter(isObj) as Obj[]) : [])

const RBAC_GROUP = 'rbac.authorization.k8s.io'

export function defaultService(obj: Obj): void {
  if (!isObj(obj.spec)) obj.spec = {}
  const spec = obj.spec as Obj
  if (spec.sessionAffinity === undefined || spec.sessionAffinity === '') spec.sessionAffinity = 'None'
  if (spec.type === undefined || spec.type === '') spec.type = 'ClusterIP'
  for (const port of objects(spec.ports)) {
    if (port.protocol === undefined || port.protocol === '') port.protocol = 'TCP'
    // An unset or zero targetPort (int 0 or empty string) means "the same as port".
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '')
      port.targetPort = port.port
    orderKeys(port, SERVICE_PORT_ORDER)
  }
  if (spec.sessionAffinity === 'ClientIP') {
    if (!isObj(spec.sessionAffinityConfig)) spec.sessionAffinityConfig = {}
    const config = spec.sessionAffinityConfig as Obj
    if (!isObj(config.clientIP)) config.clientIP = {}
    const clientIP = config.clientIP as Obj
    if (clientIP.timeoutSeconds == null) clientIP.timeoutSeconds = 10800
  }
  if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && !spec.externalTrafficPolicy) {
    spec.externalTrafficPolicy = 'Cluster'
  }
  if (
    spec.internalTrafficPolicy == null &&
    (spec.type === 'ClusterIP' || spec.type === 'NodePort' || spec.type === 'LoadBalancer')
  ) {
    spec.internalTrafficPolicy = 'Cluster'
  }
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts == null)
    spec.allocateLoadBalancerNodePorts = true
  orderKeys(spec, SERVICE_SPEC_ORDER)
}

export function defaultSecret(obj: Obj): void {
  if (obj.type === undefined || obj.type === '') obj.type = 'Opaque'
}

/** SetDefaults_Namespace: the immutable name label (the strategy's Canonicalize repeats it for generated names). */
export function defaultNamespace(obj: Obj): void {
  const meta = isObj(obj.metadata) ? obj.metadata : undefined
  const name = meta && typeof meta.name === 'string' ? meta.name : ''
  if (name && meta) {
    if (!isObj(meta.labels)) meta.labels = {}
    ;(meta.labels as Obj)['kubernetes.io/metadata.name'] = name
  }
  // SetDefaults_NamespaceStatus; the strategy sets the phase again when preparing the create.
  if (isObj(obj.status) && !obj.status.phase) obj.status.phase = 'Active'
}

/** User and Group subjects belong to rbac.authorization.k8s.io; ServiceAccount subjects to the core group. */
function defaultSubjects(obj: Obj): void {
  for (const s of objects(obj.subjects)) {
    if (s.apiGroup === undefined || s.apiGroup === '') {
      // ServiceAccount subjects keep the core group, which omitempty leaves out of the JSON.
      if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = RBAC_GROUP
    }
  }
}

export function defaultBinding(obj: Obj): void {
  if (!isObj(obj.roleRef)) obj.roleRef = {}
  const roleRef = obj.roleRef as Obj
  if (roleRef.apiGroup === undefined || roleRef.apiGroup === '') roleRef.apiGroup = RBAC_GROUP
  defaultSubjects(obj)
}

/** SetDefaults_PersistentVolumeClaim and its spec: a new claim is Pending and mounts a filesystem. */
export function defaultPersistentVolumeClaim(obj: Obj): void {
  if (!isObj(obj.spec)) obj.spec = {}
  const spec = obj.spec as Obj
  if (spec.volumeMode == null || spec.volumeMode === '') spec.volumeMode = 'Filesystem'
  if (!isObj(obj.status)) obj.status = {}
  const status = obj.status as Obj
  if (status.phase === undefined || status.phase === '') status.phase = 'Pending'
}
