// kube-apiserver's server-side printers (pkg/printers/internalversion, AddHandlers): per kind, the Table
// columns and how one object becomes one row. Every column is sent; `-o wide` only decides on the client
// which priority-1 columns kubectl shows. A kind without a printer gets the default table (table.ts).
import { DESCRIPTIONS as D } from './descriptions'
import { age, containerCells, formatLabelSelector, formatLabels, humanDuration } from './format'
import { AGE, col, CONTAINERS, created, IMAGES, int, list, name, NAME, rec, spec, status, str, templateSpec, wide, type KindPrinter, type Obj } from './helpers'

function podReason(pod: Obj): { ready: number; reason: string; restarts: number } {
  const st = status(pod)
  let reason = str(st.reason) || str(st.phase)
  let restarts = 0
  let ready = 0
  let initializing = false
  const inits = list(st.initContainerStatuses).map(rec)
  for (const [i, c] of inits.entries()) {
    restarts += int(c.restartCount)
    const state = rec(c.state)
    const terminated = state.terminated ? rec(state.terminated) : undefined
    const waiting = state.waiting ? rec(state.waiting) : undefined
    if (terminated && int(terminated.exitCode) === 0) continue
    if (terminated) {
      reason = str(terminated.reason)
        ? `Init:${str(terminated.reason)}`
        : int(terminated.signal) !== 0 ? `Init:Signal:${int(terminated.signal)}` : `Init:ExitCode:${int(terminated.exitCode)}`
    } else if (waiting && str(waiting.reason) && waiting.reason !== 'PodInitializing') reason = `Init:${str(waiting.reason)}`
    else reason = `Init:${i}/${list(spec(pod).initContainers).length}`
    initializing = true
    break
  }
  if (!initializing) {
    restarts = 0
    let running = false
    for (const c of list(st.containerStatuses).map(rec).reverse()) {
      restarts += int(c.restartCount)
      const state = rec(c.state)
      const terminated = state.terminated ? rec(state.terminated) : undefined
      const waiting = state.waiting ? rec(state.waiting) : undefined
      if (waiting && str(waiting.reason)) reason = str(waiting.reason)
      else if (terminated && str(terminated.reason)) reason = str(terminated.reason)
      else if (terminated) reason = int(terminated.signal) !== 0 ? `Signal:${int(terminated.signal)}` : `ExitCode:${int(terminated.exitCode)}`
      else if (c.ready === true && state.running) {
        running = true
        ready++
      }
    }
    if (reason === 'Completed' && running) {
      const podReady = list(st.conditions).map(rec).some((c) => c.type === 'Ready' && c.status === 'True')
      reason = podReady ? 'Running' : 'NotReady'
    }
  }
  if (pod.metadata?.deletionTimestamp) reason = st.reason === 'NodeLost' ? 'Unknown' : 'Terminating'
  return { ready, reason, restarts }
}

const POD: KindPrinter = {
  columns: [
    NAME,
    col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'string', 'The aggregate status of the containers in this pod.'),
    col('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    AGE,
    wide('IP', 'string', D.podIP),
    wide('Node', 'string', D.nodeName),
    wide('Nominated Node', 'string', D.nominatedNodeName),
    wide('Readiness Gates', 'string', D.readinessGates),
  ],
  cells(pod, now) {
    const { ready, reason, restarts } = podReason(pod)
    const st = status(pod)
    const gates = list(spec(pod).readinessGates).map(rec)
    const conditions = list(st.conditions).map(rec)
    const trueGates = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length
    return [
      name(pod),
      `${ready}/${list(spec(pod).containers).length}`,
      reason,
      String(restarts),
      created(pod, now),
      str(rec(list(st.podIPs)[0]).ip) || '<none>',
      str(spec(pod).nodeName) || '<none>',
      str(st.nominatedNodeName) || '<none>',
      gates.length ? `${trueGates}/${gates.length}` : '<none>',
    ]
  },
  conditions(pod) {
    const phase = status(pod).phase
    if (phase === 'Succeeded') return [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]
    if (phase === 'Failed') return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]
    return undefined
  },
}

function externalIP(svc: Obj): string {
  const s = spec(svc)
  const external = list(s.externalIPs).map(str)
  switch (s.type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>'
    case 'LoadBalancer': {
      const ingress = list(rec(status(svc).loadBalancer).ingress).map(rec).map((i) => str(i.ip) || str(i.hostname)).filter(Boolean)
      const all = [...ingress, ...external]
      return all.length ? all.join(',') : '<pending>'
    }
    case 'ExternalName':
      return str(s.externalName)
  }
  return '<unknown>'
}

const SERVICE: KindPrinter = {
  columns: [
    NAME,
    col('Type', 'string', D.serviceType),
    col('Cluster-IP', 'string', D.clusterIP),
    col('External-IP', 'string', D.externalIPs),
    col('Port(s)', 'string', D.ports),
    AGE,
    wide('Selector', 'string', D.serviceSelector),
  ],
  cells(svc, now) {
    const s = spec(svc)
    const ports = list(s.ports).map(rec).map((p) => (int(p.nodePort) > 0 ? `${int(p.port)}:${int(p.nodePort)}/${str(p.protocol)}` : `${int(p.port)}/${str(p.protocol)}`))
    return [name(svc), str(s.type), str(list(s.clusterIPs)[0]) || '<none>', externalIP(svc), ports.join(','), created(svc, now), formatLabels(s.selector)]
  },
}

const replicated = (desired: string, current: string, ready: string, selector: string): KindPrinter => ({
  columns: [
    NAME,
    col('Desired', 'integer', desired),
    col('Current', 'integer', current),
    col('Ready', 'integer', ready),
    AGE,
    CONTAINERS,
    IMAGES,
    wide('Selector', 'string', selector),
  ],
  cells(o, now) {
    const [names, images] = containerCells(templateSpec(o).containers)
    return [name(o), int(spec(o).replicas), int(status(o).replicas), int(status(o).readyReplicas), created(o, now), names, images, formatLabelSelector(spec(o).selector)]
  },
})

const DEPLOYMENT: KindPrinter = {
  columns: [
    NAME,
    col('Ready', 'string', 'Number of the pod with ready state'),
    col('Up-to-date', 'string', D.deploymentUpdatedReplicas),
    col('Available', 'string', D.deploymentAvailableReplicas),
    AGE,
    CONTAINERS,
    IMAGES,
    wide('Selector', 'string', D.deploymentSelector),
  ],
  cells(o, now) {
    const [names, images] = containerCells(templateSpec(o).containers)
    const selector = formatLabelSelector(spec(o).selector)
    const st = status(o)
    return [name(o), `${int(st.readyReplicas)}/${int(spec(o).replicas)}`, int(st.updatedReplicas), int(st.availableReplicas), created(o, now), names, images, selector === '<none>' ? '' : selector]
  },
}

const STATEFUL_SET: KindPrinter = {
  columns: [NAME, col('Ready', 'string', 'Number of the pod with ready state'), AGE, CONTAINERS, IMAGES],
  cells(o, now) {
    const [names, images] = containerCells(templateSpec(o).containers)
    return [name(o), `${int(status(o).readyReplicas)}/${int(spec(o).replicas)}`, created(o, now), names, images]
  },
}

const DAEMON_SET: KindPrinter = {
  columns: [
    NAME,
    col('Desired', 'integer', D.daemonSetDesired),
    col('Current', 'integer', D.daemonSetCurrent),
    col('Ready', 'integer', D.daemonSetReady),
    col('Up-to-date', 'integer', D.daemonSetUpdated),
    col('Available', 'integer', D.daemonSetAvailable),
    col('Node Selector', 'string', D.nodeSelector),
    AGE,
    CONTAINERS,
    IMAGES,
    wide('Selector', 'string', D.daemonSetSelector),
  ],
  cells(o, now) {
    const st = status(o)
    const [names, images] = containerCells(templateSpec(o).containers)
    return [
      name(o),
      int(st.desiredNumberScheduled),
      int(st.currentNumberScheduled),
      int(st.numberReady),
      int(st.updatedNumberScheduled),
      int(st.numberAvailable),
      formatLabels(templateSpec(o).nodeSelector),
      created(o, now),
      names,
      images,
      formatLabelSelector(spec(o).selector),
    ]
  },
}

const JOB: KindPrinter = {
  columns: [
    NAME,
    col('Completions', 'string', D.jobSucceeded),
    col('Duration', 'string', 'Time required to complete the job.'),
    AGE,
    CONTAINERS,
    IMAGES,
    wide('Selector', 'string', D.jobSelector),
  ],
  cells(o, now) {
    const s = spec(o)
    const st = status(o)
    const succeeded = int(st.succeeded)
    const completions =
      typeof s.completions === 'number' ? `${succeeded}/${s.completions}` : int(s.parallelism) > 1 ? `${succeeded}/1 of ${int(s.parallelism)}` : `${succeeded}/1`
    const start = str(st.startTime)
    const end = str(st.completionTime) || now
    const duration = start ? humanDuration(Date.parse(end) - Date.parse(start)) : ''
    const [names, images] = containerCells(templateSpec(o).containers)
    return [name(o), completions, duration, created(o, now), names, images, formatLabelSelector(s.selector)]
  },
}

const CRON_JOB: KindPrinter = {
  columns: [
    NAME,
    col('Schedule', 'string', D.cronJobSchedule),
    col('Suspend', 'boolean', D.cronJobSuspend),
    col('Active', 'integer', D.cronJobActive),
    col('Last Schedule', 'string', D.cronJobLastSchedule),
    AGE,
    CONTAINERS,
    IMAGES,
    wide('Selector', 'string', D.jobSelector),
  ],
  cells(o, now) {
    const s = spec(o)
    const jobSpec = rec(rec(s.jobTemplate).spec)
    const [names, images] = containerCells(rec(rec(jobSpec.template).spec).containers)
    const suspend = typeof s.suspend === 'boolean' ? (s.suspend ? 'True' : 'False') : '<unset>'
    const last = status(o).lastScheduleTime ? age(status(o).lastScheduleTime, now) : '<none>'
    return [name(o), str(s.schedule), suspend, list(status(o).active).length, last, created(o, now), names, images, formatLabelSelector(jobSpec.selector)]
  },
}

const intOrString = (v: unknown) => (v === undefined || v === null ? 'N/A' : String(v))

const POD_DISRUPTION_BUDGET: KindPrinter = {
  columns: [
    NAME,
    col('Min Available', 'string', 'The minimum number of pods that must be available.'),
    col('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    col('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    AGE,
  ],
  cells: (o, now) => [name(o), intOrString(spec(o).minAvailable), intOrString(spec(o).maxUnavailable), int(status(o).disruptionsAllowed), created(o, now)],
}

const NAMESPACE: KindPrinter = {
  columns: [NAME, col('Status', 'string', 'The status of the namespace'), AGE],
  cells: (o, now) => [name(o), str(status(o).phase), created(o, now)],
}

const SECRET: KindPrinter = {
  columns: [NAME, col('Type', 'string', D.secretType), col('Data', 'string', D.secretData), AGE],
  cells: (o, now) => [name(o), str(o.type), Object.keys(rec(o.data)).length, created(o, now)],
}

const CONFIG_MAP: KindPrinter = {
  columns: [NAME, col('Data', 'string', D.configMapData), AGE],
  cells: (o, now) => [name(o), Object.keys(rec(o.data)).length + Object.keys(rec(o.binaryData)).length, created(o, now)],
}

const SERVICE_ACCOUNT: KindPrinter = {
  columns: [NAME, col('Secrets', 'string', D.serviceAccountSecrets), AGE],
  cells: (o, now) => [name(o), list(o.secrets).length, created(o, now)],
}

const binding = (roleRef: string, noun: string): KindPrinter => ({
  columns: [
    NAME,
    col('Role', 'string', roleRef),
    AGE,
    wide('Users', 'string', `Users in the ${noun}`),
    wide('Groups', 'string', `Groups in the ${noun}`),
    wide('ServiceAccounts', 'string', `ServiceAccounts in the ${noun}`),
  ],
  cells(o, now) {
    const ref = rec(o.roleRef)
    const subjects = list(o.subjects).map(rec)
    const of = (kind: string) => subjects.filter((s) => s.kind === kind)
    return [
      name(o),
      `${str(ref.kind)}/${str(ref.name)}`,
      created(o, now),
      of('User').map((s) => str(s.name)).join(', '),
      of('Group').map((s) => str(s.name)).join(', '),
      of('ServiceAccount').map((s) => `${str(s.namespace)}/${str(s.name)}`).join(', '),
    ]
  },
})

const RESOURCE_QUOTA: KindPrinter = {
  columns: [
    NAME,
    AGE,
    col('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    col('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
  ],
  cells(o, now) {
    const hard = rec(status(o).hard) as Record<string, string>
    const used = rec(status(o).used) as Record<string, string>
    const requests: string[] = []
    const limits: string[] = []
    for (const resource of Object.keys(hard).sort()) {
      const text = `${resource}: ${used[resource] ?? '0'}/${hard[resource]}`
      if (resource.split('.').length > 1 && resource.startsWith('limits.')) limits.push(text)
      else requests.push(text)
    }
    return [name(o), created(o, now), requests.join(', '), limits.join(', ')]
  },
}

const LEASE: KindPrinter = {
  columns: [NAME, col('Holder', 'string', D.leaseHolder), AGE],
  cells: (o, now) => [name(o), str(spec(o).holderIdentity), created(o, now)],
}

/** Printers by `<group>/<Kind>` (the core group is empty). */
export const PRINTERS: Record<string, KindPrinter> = {
  '/Pod': POD,
  '/Service': SERVICE,
  '/Namespace': NAMESPACE,
  '/Secret': SECRET,
  '/ConfigMap': CONFIG_MAP,
  '/ServiceAccount': SERVICE_ACCOUNT,
  '/ResourceQuota': RESOURCE_QUOTA,
  'apps/ReplicaSet': replicated(D.replicaSetSpecReplicas, D.replicaSetStatusReplicas, D.replicaSetReadyReplicas, D.replicaSetSelector),
  'apps/Deployment': DEPLOYMENT,
  'apps/StatefulSet': STATEFUL_SET,
  'apps/DaemonSet': DAEMON_SET,
  'batch/Job': JOB,
  'batch/CronJob': CRON_JOB,
  'policy/PodDisruptionBudget': POD_DISRUPTION_BUDGET,
  'rbac.authorization.k8s.io/RoleBinding': binding(D.roleBindingRoleRef, 'roleBinding'),
  'rbac.authorization.k8s.io/ClusterRoleBinding': binding(D.clusterRoleBindingRoleRef, 'clusterRoleBinding'),
  'coordination.k8s.io/Lease': LEASE,
}
