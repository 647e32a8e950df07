// The baseline checks of the Pod Security Standards (pod-security-admission/policy/check_*.go, v1.35),
// each with the policy versions its revisions start at. The reason and detail texts are the real ones:
// users read them in 403 bodies and warnings, so they must match exactly.
import {
  containerName,
  containersPhrase,
  isUserNamespacePod,
  joinQuote,
  pluralize,
  sortedSet,
  visitContainers,
} from './helpers'
import { goQuote } from '../../../goQuote'
import type { Check, CheckPodFn, CheckResult, Container, HostHandler, SELinuxOptions } from './types'

// --- appArmorProfile (v1.0): the field (since it exists) and the deprecated beta annotation ---

const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/'

const allowedAppArmorType = (t: string | null | undefined) => t === 'RuntimeDefault' || t === 'Localhost'
const allowedAppArmorAnnotation = (v: string) =>
  v === '' || v === 'runtime/default' || v.startsWith('localhost/')

const appArmorProfile_1_0: CheckPodFn = (meta, spec) => {
  const setters: string[] = []
  const badTypes: string[] = []
  const podProfile = spec.securityContext?.appArmorProfile
  if (podProfile && !allowedAppArmorType(podProfile.type)) {
    setters.push('pod')
    badTypes.push(podProfile.type ?? '')
  }
  const badContainers: string[] = []
  visitContainers(spec, (c) => {
    const profile = c.securityContext?.appArmorProfile
    if (profile && !allowedAppArmorType(profile.type)) {
      badContainers.push(containerName(c))
      badTypes.push(profile.type ?? '')
    }
  })
  if (badContainers.length) setters.push(containersPhrase(badContainers))

  const badAnnotations: string[] = []
  for (const [key, value] of Object.entries(meta.annotations ?? {})) {
    if (key.startsWith(APPARMOR_ANNOTATION_PREFIX) && !allowedAppArmorAnnotation(value)) {
      badAnnotations.push(`${key}=${goQuote(value)}`)
    }
  }
  const badValues = sortedSet(badTypes)
  if (badAnnotations.length) {
    badAnnotations.sort()
    badValues.push(...badAnnotations)
    setters.push(pluralize('annotation', 'annotations', badAnnotations.length))
  }
  if (!setters.length) return null
  return {
    reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', badValues.length),
    detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(badValues)}`,
  }
}

// --- capabilities_baseline (v1.0): only the container runtime's default capabilities may be added ---

const CAPABILITIES_ALLOWED_1_0 = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
])

const capabilitiesBaseline_1_0: CheckPodFn = (_meta, spec) => {
  const badContainers: string[] = []
  const nonDefault: string[] = []
  visitContainers(spec, (c) => {
    const caps = c.securityContext?.capabilities
    if (!caps) return
    let valid = true
    for (const cap of caps.add ?? []) {
      if (!CAPABILITIES_ALLOWED_1_0.has(cap)) {
        valid = false
        nonDefault.push(cap)
      }
    }
    if (!valid) badContainers.push(containerName(c))
  })
  if (!badContainers.length) return null
  return {
    reason: 'non-default capabilities',
    detail: `${containersPhrase(badContainers)} must not include ${joinQuote(sortedSet(nonDefault))} in securityContext.capabilities.add`,
  }
}

// --- hostNamespaces (v1.0) ---

const hostNamespaces_1_0: CheckPodFn = (_meta, spec) => {
  const used: string[] = []
  if (spec.hostNetwork) used.push('hostNetwork=true')
  if (spec.hostPID) used.push('hostPID=true')
  if (spec.hostIPC) used.push('hostIPC=true')
  return used.length ? { reason: 'host namespaces', detail: used.join(', ') } : null
}

// --- hostPathVolumes (v1.0; replaced by restrictedVolumes at the restricted level) ---

const hostPathVolumes_1_0: CheckPodFn = (_meta, spec) => {
  const names: string[] = []
  for (const v of spec.volumes ?? []) if (v.hostPath != null) names.push(v.name ?? '')
  if (!names.length) return null
  return {
    reason: 'hostPath volumes',
    detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`,
  }
}

// --- hostPorts (v1.0) ---

const hostPorts_1_0: CheckPodFn = (_meta, spec) => {
  const badContainers: string[] = []
  const ports: string[] = []
  visitContainers(spec, (c) => {
    let valid = true
    for (const p of c.ports ?? []) {
      if (p.hostPort) {
        valid = false
        ports.push(String(p.hostPort))
      }
    }
    if (!valid) badContainers.push(containerName(c))
  })
  if (!badContainers.length) return null
  const sorted = sortedSet(ports)
  return {
    reason: 'hostPort',
    detail:
      `${containersPhrase(badContainers)} ${pluralize('uses', 'use', badContainers.length)} ` +
      `${pluralize('hostPort', 'hostPorts', sorted.length)} ${sorted.join(', ')}`,
  }
}

// --- hostProbesAndHostLifecycle (v1.34): probes and lifecycle hooks may not target another host ---

function forbiddenHosts(handler: HostHandler | null | undefined, into: string[]): boolean {
  if (!handler) return false
  const before = into.length
  if (handler.httpGet?.host) into.push(handler.httpGet.host)
  if (handler.tcpSocket?.host) into.push(handler.tcpSocket.host)
  return into.length > before
}

const hostProbesAndHostLifecycle_1_34: CheckPodFn = (_meta, spec) => {
  const badContainers = new Set<string>()
  const hosts: string[] = []
  visitContainers(spec, (c: Container) => {
    let bad = forbiddenHosts(c.livenessProbe, hosts)
    bad = forbiddenHosts(c.readinessProbe, hosts) || bad
    bad = forbiddenHosts(c.startupProbe, hosts) || bad
    bad = forbiddenHosts(c.lifecycle?.postStart, hosts) || bad
    bad = forbiddenHosts(c.lifecycle?.preStop, hosts) || bad
    if (bad) badContainers.add(containerName(c))
  })
  if (!badContainers.size) return null
  // Unlike most checks, this one reports container names as a sorted set.
  const names = sortedSet(badContainers)
  const sortedHosts = sortedSet(hosts)
  return {
    reason: 'probe or lifecycle host',
    detail:
      `${containersPhrase(names)} ${pluralize('uses', 'use', names.length)} ` +
      `${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', sortedHosts.length)} ${joinQuote(sortedHosts)}`,
  }
}

// --- privileged (v1.0) ---

const privileged_1_0: CheckPodFn = (_meta, spec) => {
  const bad: string[] = []
  visitContainers(spec, (c) => {
    if (c.securityContext?.privileged === true) bad.push(containerName(c))
  })
  if (!bad.length) return null
  return {
    reason: 'privileged',
    detail: `${containersPhrase(bad)} must not set securityContext.privileged=true`,
  }
}

// --- procMount (v1.0, relaxed for user-namespace pods from v1.35; restricted keeps the strict form) ---

/** Any procMount other than Default is forbidden, whatever the pod's user namespace. */
export const procMountStrict: CheckPodFn = (_meta, spec) => {
  const bad: string[] = []
  const types: string[] = []
  visitContainers(spec, (c) => {
    const pm = c.securityContext?.procMount
    if (pm != null && pm !== 'Default') {
      bad.push(containerName(c))
      types.push(pm)
    }
  })
  if (!bad.length) return null
  return {
    reason: 'procMount',
    detail: `${containersPhrase(bad)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`,
  }
}

// A pod with its own user namespace may unmask /proc: the mask no longer protects the host.
const procMount_1_35: CheckPodFn = (meta, spec) =>
  isUserNamespacePod(spec) ? null : procMountStrict(meta, spec)

// --- seLinuxOptions (v1.0; v1.31 adds container_engine_t) ---

function seLinuxOptionsCheck(allowedTypes: ReadonlySet<string>): CheckPodFn {
  return (_meta, spec) => {
    const setters: string[] = []
    const badTypes: string[] = []
    let setUser = false
    let setRole = false
    const valid = (o: SELinuxOptions) => {
      let ok = true
      if (!allowedTypes.has(o.type ?? '')) {
        ok = false
        badTypes.push(o.type ?? '')
      }
      if (o.user) {
        ok = false
        setUser = true
      }
      if (o.role) {
        ok = false
        setRole = true
      }
      return ok
    }
    const podOptions = spec.securityContext?.seLinuxOptions
    if (podOptions && !valid(podOptions)) setters.push('pod')
    const badContainers: string[] = []
    visitContainers(spec, (c) => {
      const o = c.securityContext?.seLinuxOptions
      if (o && !valid(o)) badContainers.push(containerName(c))
    })
    if (badContainers.length) setters.push(containersPhrase(badContainers))
    if (!setters.length) return null
    const problems: string[] = []
    if (badTypes.length) {
      const types = sortedSet(badTypes)
      problems.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`)
    }
    if (setUser) problems.push('user may not be set')
    if (setRole) problems.push('role may not be set')
    return {
      reason: 'seLinuxOptions',
      detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${problems.join('; ')}`,
    }
  }
}

const SELINUX_TYPES_1_0 = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t'])
const SELINUX_TYPES_1_31 = new Set([...SELINUX_TYPES_1_0, 'container_engine_t'])

// --- seccompProfile_baseline (annotations before v1.19, the field from v1.19) ---

const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod'
const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/'

const validSeccompAnnotation = (v: string) =>
  v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/')
export const validSeccompType = (t: string | null | undefined) => t === 'Localhost' || t === 'RuntimeDefault'

const seccompProfileBaseline_1_0: CheckPodFn = (meta, spec) => {
  const annotations = meta.annotations ?? {}
  const forbidden: string[] = []
  const podValue = annotations[SECCOMP_POD_ANNOTATION]
  if (podValue !== undefined && !validSeccompAnnotation(podValue)) {
    forbidden.push(`${SECCOMP_POD_ANNOTATION}=${goQuote(podValue)}`)
  }
  visitContainers(spec, (c) => {
    const key = SECCOMP_CONTAINER_ANNOTATION_PREFIX + containerName(c)
    const value = annotations[key]
    if (value !== undefined && !validSeccompAnnotation(value)) forbidden.push(`${key}=${goQuote(value)}`)
  })
  if (!forbidden.length) return null
  const list = sortedSet(forbidden)
  return {
    reason: 'seccompProfile',
    detail: `forbidden ${pluralize('annotation', 'annotations', list.length)} ${list.join(', ')}`,
  }
}

/** Explicitly bad seccomp types on the pod or containers (shared with the restricted check). */
export function explicitSeccompViolation(
  setters: string[],
  badContainers: string[],
  badTypes: string[],
): CheckResult | null {
  if (badContainers.length) setters.push(containersPhrase(badContainers))
  if (!setters.length) return null
  return {
    reason: 'seccompProfile',
    detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badTypes))}`,
  }
}

const seccompProfileBaseline_1_19: CheckPodFn = (_meta, spec) => {
  const setters: string[] = []
  const badTypes: string[] = []
  const pod = spec.securityContext?.seccompProfile
  if (pod && !validSeccompType(pod.type)) {
    setters.push('pod')
    badTypes.push(pod.type ?? '')
  }
  const badContainers: string[] = []
  visitContainers(spec, (c) => {
    const p = c.securityContext?.seccompProfile
    if (p && !validSeccompType(p.type)) {
      badContainers.push(containerName(c))
      badTypes.push(p.type ?? '')
    }
  })
  return explicitSeccompViolation(setters, badContainers, badTypes)
}

// --- sysctls: only the namespaced, isolated "safe" set, which grew over the versions ---

const SYSCTLS_1_0 = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
])
const SYSCTLS_1_27 = new Set([...SYSCTLS_1_0, 'net.ipv4.ip_local_reserved_ports'])
const SYSCTLS_1_29 = new Set([
  ...SYSCTLS_1_27,
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
])
const SYSCTLS_1_32 = new Set([...SYSCTLS_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'])

function sysctlsCheck(allowed: ReadonlySet<string>): CheckPodFn {
  return (_meta, spec) => {
    const forbidden: string[] = []
    for (const s of spec.securityContext?.sysctls ?? []) {
      const name = s.name ?? ''
      if (!allowed.has(name)) forbidden.push(name)
    }
    return forbidden.length ? { reason: 'forbidden sysctls', detail: forbidden.join(', ') } : null
  }
}

// --- windowsHostProcess (v1.0) ---

const windowsHostProcess_1_0: CheckPodFn = (_meta, spec) => {
  const bad: string[] = []
  visitContainers(spec, (c) => {
    if (c.securityContext?.windowsOptions?.hostProcess === true) bad.push(containerName(c))
  })
  const setters: string[] = []
  if (spec.securityContext?.windowsOptions?.hostProcess === true) setters.push('pod')
  if (bad.length) setters.push(containersPhrase(bad))
  if (!setters.length) return null
  return {
    reason: 'hostProcess',
    detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
  }
}

export const BASELINE_CHECKS: readonly Check[] = [
  {
    id: 'appArmorProfile',
    level: 'baseline',
    versions: [{ minimumVersion: 0, checkPod: appArmorProfile_1_0 }],
  },
  {
    id: 'capabilities_baseline',
    level: 'baseline',
    versions: [{ minimumVersion: 0, checkPod: capabilitiesBaseline_1_0 }],
  },
  {
    id: 'hostNamespaces',
    level: 'baseline',
    versions: [{ minimumVersion: 0, checkPod: hostNamespaces_1_0 }],
  },
  {
    id: 'hostPathVolumes',
    level: 'baseline',
    versions: [{ minimumVersion: 0, checkPod: hostPathVolumes_1_0 }],
  },
  { id: 'hostPorts', level: 'baseline', versions: [{ minimumVersion: 0, checkPod: hostPorts_1_0 }] },
  {
    id: 'hostProbesAndHostLifecycle',
    level: 'baseline',
    versions: [{ minimumVersion: 34, checkPod: hostProbesAndHostLifecycle_1_34 }],
  },
  { id: 'privileged', level: 'baseline', versions: [{ minimumVersion: 0, checkPod: privileged_1_0 }] },
  {
    id: 'procMount',
    level: 'baseline',
    versions: [
      { minimumVersion: 0, checkPod: procMountStrict },
      { minimumVersion: 35, checkPod: procMount_1_35 },
    ],
  },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    versions: [
      { minimumVersion: 0, checkPod: seLinuxOptionsCheck(SELINUX_TYPES_1_0) },
      { minimumVersion: 31, checkPod: seLinuxOptionsCheck(SELINUX_TYPES_1_31) },
    ],
  },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    versions: [
      { minimumVersion: 0, checkPod: seccompProfileBaseline_1_0 },
      { minimumVersion: 19, checkPod: seccompProfileBaseline_1_19 },
    ],
  },
  {
    id: 'sysctls',
    level: 'baseline',
    versions: [
      { minimumVersion: 0, checkPod: sysctlsCheck(SYSCTLS_1_0) },
      { minimumVersion: 27, checkPod: sysctlsCheck(SYSCTLS_1_27) },
      { minimumVersion: 29, checkPod: sysctlsCheck(SYSCTLS_1_29) },
      { minimumVersion: 32, checkPod: sysctlsCheck(SYSCTLS_1_32) },
    ],
  },
  {
    id: 'windowsHostProcess',
    level: 'baseline',
    versions: [{ minimumVersion: 0, checkPod: windowsHostProcess_1_0 }],
  },
]
