// Printers for the cluster's machinery rather than its workloads: Nodes, Events, PriorityClasses,
// StorageClasses and IngressClasses (pkg/printers/internalversion upstream).
import { DESCRIPTIONS as D } from './descriptions'
import { age } from './format'
import { AGE, col, created, int, list, name, NAME, rec, spec, status, str, wide, type KindPrinter, type Obj } from './helpers'

/** findNodeRoles: `node-role.kubernetes.io/<role>` labels and the older `kubernetes.io/role`, sorted. */
function nodeRoles(node: Obj): string {
  const roles = new Set<string>()
  for (const [key, value] of Object.entries(rec(node.metadata?.labels) as Record<string, string>)) {
    if (key.startsWith('node-role.kubernetes.io/') && key.length > 'node-role.kubernetes.io/'.length) roles.add(key.slice('node-role.kubernetes.io/'.length))
    else if (key === 'kubernetes.io/role' && value) roles.add(value)
  }
  return [...roles].sort().join(',') || '<none>'
}

function nodeStatus(node: Obj): string {
  const ready = list(status(node).conditions).map(rec).find((c) => c.type === 'Ready')
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown']
  if (spec(node).unschedulable === true) parts.push('SchedulingDisabled')
  return parts.join(',')
}

const nodeAddress = (node: Obj, type: string) => str(list(status(node).addresses).map(rec).find((a) => a.type === type)?.address) || '<none>'

const NODE: KindPrinter = {
  columns: [
    NAME,
    col('Status', 'string', 'The status of the node'),
    col('Roles', 'string', 'The roles of the node'),
    AGE,
    col('Version', 'string', D.kubeletVersion),
    wide('Internal-IP', 'string', D.nodeAddresses),
    wide('External-IP', 'string', D.nodeAddresses),
    wide('OS-Image', 'string', D.osImage),
    wide('Kernel-Version', 'string', D.kernelVersion),
    wide('Container-Runtime', 'string', D.containerRuntimeVersion),
  ],
  cells(node, now) {
    const info = rec(status(node).nodeInfo)
    const known = (v: unknown) => str(v) || '<unknown>'
    return [
      name(node),
      nodeStatus(node),
      nodeRoles(node),
      created(node, now),
      str(info.kubeletVersion),
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      known(info.osImage),
      known(info.kernelVersion),
      known(info.containerRuntimeVersion),
    ]
  },
}

const EVENT: KindPrinter = {
  columns: [
    col('Last Seen', 'string', D.eventLastTimestamp),
    col('Type', 'string', D.eventType),
    col('Reason', 'string', D.eventReason),
    col('Object', 'string', D.eventInvolvedObject),
    wide('Subobject', 'string', D.objectReferenceFieldPath),
    wide('Source', 'string', D.eventSource),
    col('Message', 'string', D.eventMessage),
    wide('First Seen', 'string', D.eventFirstTimestamp),
    wide('Count', 'string', D.eventCount),
    col('Name', 'string', D.name, { format: 'name', priority: 1 }),
  ],
  cells(event, now) {
    const first = event.firstTimestamp ? age(event.firstTimestamp, now) : age(event.eventTime, now)
    const series = event.series ? rec(event.series) : undefined
    const last = series ? age(series.lastObservedTime, now) : event.lastTimestamp ? age(event.lastTimestamp, now) : first
    // Singleton events of the events.k8s.io API carry no count.
    const count = series ? int(series.count) : int(event.count) || 1
    const involved = rec(event.involvedObject)
    const kind = str(involved.kind).toLowerCase()
    const target = str(involved.name) ? `${kind}/${str(involved.name)}` : kind
    const source = rec(event.source)
    const component = str(source.component) || str(event.reportingComponent)
    const instance = str(source.host) || str(event.reportingInstance)
    const from = component ? (instance ? `${component}, ${instance}` : component) : ''
    return [last, str(event.type), str(event.reason), target, str(involved.fieldPath), from, str(event.message).trim(), first, count, name(event)]
  },
}

const PRIORITY_CLASS: KindPrinter = {
  columns: [NAME, col('Value', 'integer', D.priorityClassValue), col('Global-Default', 'boolean', D.priorityClassGlobalDefault), AGE],
  cells: (o, now) => [name(o), int(o.value), o.globalDefault === true, created(o, now)],
}

const isDefaultClass = (o: Obj) => {
  const annotations = rec(o.metadata?.annotations)
  return annotations['storageclass.kubernetes.io/is-default-class'] === 'true' || annotations['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
}

const STORAGE_CLASS: KindPrinter = {
  columns: [
    NAME,
    col('Provisioner', 'string', D.storageClassProvisioner),
    col('ReclaimPolicy', 'string', D.storageClassReclaimPolicy),
    col('VolumeBindingMode', 'string', D.storageClassVolumeBindingMode),
    col('AllowVolumeExpansion', 'string', D.storageClassAllowVolumeExpansion),
    AGE,
  ],
  cells: (o, now) => [
    isDefaultClass(o) ? `${name(o)} (default)` : name(o),
    str(o.provisioner),
    str(o.reclaimPolicy) || 'Delete',
    str(o.volumeBindingMode) || 'Immediate',
    o.allowVolumeExpansion === true,
    created(o, now),
  ],
}

const INGRESS_CLASS: KindPrinter = {
  columns: [
    NAME,
    col('Controller', 'string', 'Controller that is responsible for handling this class'),
    col('Parameters', 'string', 'A reference to a resource with additional parameters'),
    AGE,
  ],
  cells(o, now) {
    const params = spec(o).parameters ? rec(spec(o).parameters) : undefined
    const kind = params ? (str(params.apiGroup) ? `${str(params.kind)}.${str(params.apiGroup)}` : str(params.kind)) : ''
    return [name(o), str(spec(o).controller), params ? `${kind}/${str(params.name)}` : '<none>', created(o, now)]
  },
}

export const CLUSTER_PRINTERS: Record<string, KindPrinter> = {
  '/Node': NODE,
  '/Event': EVENT,
  'scheduling.k8s.io/PriorityClass': PRIORITY_CLASS,
  'storage.k8s.io/StorageClass': STORAGE_CLASS,
  'networking.k8s.io/IngressClass': INGRESS_CLASS,
}
