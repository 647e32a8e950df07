// The restricted checks of the Pod Security Standards (pod-security-admission/policy/check_*.go, v1.35).
// The restricted level runs every baseline check except those a restricted revision overrides (the
// stricter check already covers them), plus these.
import { explicitSeccompViolation, procMountStrict, validSeccompType } from './baseline'
import {
  containerName,
  containersPhrase,
  isUserNamespacePod,
  isWindowsPod,
  joinQuote,
  pluralize,
  sortedSet,
  visitContainers,
} from './helpers'
import type { Check, CheckPodFn } from './types'

// Windows pods cannot set these Linux-only fields at all (Pod validation rejects them), so from v1.25 the
// checks let a pod with spec.os.name: windows through instead of demanding fields it may not set.
const exceptWindows =
  (check: CheckPodFn): CheckPodFn =>
  (meta, spec) =>
    isWindowsPod(spec) ? null : check(meta, spec)

// A pod in its own user namespace runs as root only inside that namespace, so from v1.35 the runAs*
// checks do not apply to it.
const exceptUserNamespace =
  (check: CheckPodFn): CheckPodFn =>
  (meta, spec) =>
    isUserNamespacePod(spec) ? null : check(meta, spec)

// --- allowPrivilegeEscalation (v1.8, Windows exemption v1.25) ---

const allowPrivilegeEscalation_1_8: CheckPodFn = (_meta, spec) => {
  const bad: string[] = []
  visitContainers(spec, (c) => {
    if (c.securityContext?.allowPrivilegeEscalation !== false) bad.push(containerName(c))
  })
  if (!bad.length) return null
  return {
    reason: 'allowPrivilegeEscalation != false',
    detail: `${containersPhrase(bad)} must set securityContext.allowPrivilegeEscalation=false`,
  }
}

// --- capabilities_restricted (v1.22, Windows exemption v1.25): drop ALL, add at most NET_BIND_SERVICE ---

const capabilitiesRestricted_1_22: CheckPodFn = (_meta, spec) => {
  const missingDropAll: string[] = []
  const addingForbidden: string[] = []
  const forbiddenCaps: string[] = []
  visitContainers(spec, (c) => {
    const caps = c.securityContext?.capabilities
    if (!caps) {
      missingDropAll.push(containerName(c))
      return
    }
    if (!(caps.drop ?? []).includes('ALL')) missingDropAll.push(containerName(c))
    let added = false
    for (const cap of caps.add ?? []) {
      if (cap !== 'NET_BIND_SERVICE') {
        added = true
        forbiddenCaps.push(cap)
      }
    }
    if (added) addingForbidden.push(containerName(c))
  })
  const details: string[] = []
  if (missingDropAll.length) {
    details.push(`${containersPhrase(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`)
  }
  if (addingForbidden.length) {
    details.push(
      `${containersPhrase(addingForbidden)} must not include ${joinQuote(sortedSet(forbiddenCaps))} in securityContext.capabilities.add`,
    )
  }
  return details.length ? { reason: 'unrestricted capabilities', detail: details.join('; ') } : null
}

// --- restrictedVolumes (v1.0): only volume types that cannot reach the node directly ---

const ALLOWED_VOLUME_SOURCES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
]

// The known restricted sources, named as the detail names them (the JSON field names).
const RESTRICTED_VOLUME_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
]

const restrictedVolumes_1_0: CheckPodFn = (_meta, spec) => {
  const badVolumes: string[] = []
  const badTypes: string[] = []
  for (const v of spec.volumes ?? []) {
    if (ALLOWED_VOLUME_SOURCES.some((s) => v[s] != null)) continue
    badVolumes.push(v.name ?? '')
    badTypes.push(RESTRICTED_VOLUME_SOURCES.find((s) => v[s] != null) ?? 'unknown')
  }
  if (!badVolumes.length) return null
  const types = sortedSet(badTypes)
  return {
    reason: 'restricted volume types',
    detail:
      `${pluralize('volume', 'volumes', badVolumes.length)} ${joinQuote(badVolumes)} ` +
      `${pluralize('uses', 'use', badVolumes.length)} ` +
      `${pluralize('restricted volume type', 'restricted volume types', types.length)} ${joinQuote(types)}`,
  }
}

// --- runAsNonRoot (v1.0, user-namespace relaxation v1.35) ---

const runAsNonRoot_1_0: CheckPodFn = (_meta, spec) => {
  const setters: string[] = []
  let podRunAsNonRoot = false
  const podValue = spec.securityContext?.runAsNonRoot
  if (podValue != null) {
    if (!podValue) setters.push('pod')
    else podRunAsNonRoot = true
  }
  const explicitlyBad: string[] = []
  const implicitlyBad: string[] = []
  visitContainers(spec, (c) => {
    const value = c.securityContext?.runAsNonRoot
    if (value != null) {
      if (!value) explicitlyBad.push(containerName(c))
    } else if (!podRunAsNonRoot) implicitlyBad.push(containerName(c))
  })
  if (explicitlyBad.length) setters.push(containersPhrase(explicitlyBad))
  if (setters.length) {
    return {
      reason: 'runAsNonRoot != true',
      detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`,
    }
  }
  if (implicitlyBad.length) {
    return {
      reason: 'runAsNonRoot != true',
      detail: `pod or ${containersPhrase(implicitlyBad)} must set securityContext.runAsNonRoot=true`,
    }
  }
  return null
}

// --- runAsUser (v1.23, user-namespace relaxation v1.35) ---

const runAsUser_1_23: CheckPodFn = (_meta, spec) => {
  const setters: string[] = []
  if (spec.securityContext?.runAsUser === 0) setters.push('pod')
  const bad: string[] = []
  visitContainers(spec, (c) => {
    if (c.securityContext?.runAsUser === 0) bad.push(containerName(c))
  })
  if (bad.length) setters.push(containersPhrase(bad))
  if (!setters.length) return null
  return { reason: 'runAsUser=0', detail: `${setters.join(' and ')} must not set runAsUser=0` }
}

// --- seccompProfile_restricted (v1.19, Windows exemption v1.25): a profile must be set ---

const seccompProfileRestricted_1_19: CheckPodFn = (_meta, spec) => {
  const setters: string[] = []
  const badTypes: string[] = []
  let podSet = false
  const pod = spec.securityContext?.seccompProfile
  if (pod) {
    if (!validSeccompType(pod.type)) {
      setters.push('pod')
      badTypes.push(pod.type ?? '')
    } else podSet = true
  }
  const explicitlyBad: string[] = []
  const implicitlyBad: string[] = []
  visitContainers(spec, (c) => {
    const p = c.securityContext?.seccompProfile
    if (p) {
      if (!validSeccompType(p.type)) {
        explicitlyBad.push(containerName(c))
        badTypes.push(p.type ?? '')
      }
    } else if (!podSet) implicitlyBad.push(containerName(c))
  })
  const explicit = explicitSeccompViolation(setters, explicitlyBad, badTypes)
  if (explicit) return explicit
  if (!implicitlyBad.length) return null
  return {
    reason: 'seccompProfile',
    detail: `pod or ${containersPhrase(implicitlyBad)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
  }
}

export const RESTRICTED_CHECKS: readonly Check[] = [
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    versions: [
      { minimumVersion: 8, checkPod: allowPrivilegeEscalation_1_8 },
      { minimumVersion: 25, checkPod: exceptWindows(allowPrivilegeEscalation_1_8) },
    ],
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    versions: [
      { minimumVersion: 22, checkPod: capabilitiesRestricted_1_22, overrides: ['capabilities_baseline'] },
      {
        minimumVersion: 25,
        checkPod: exceptWindows(capabilitiesRestricted_1_22),
        overrides: ['capabilities_baseline'],
      },
    ],
  },
  {
    // From v1.35 baseline lets user-namespace pods unmask /proc; restricted keeps forbidding it.
    id: 'procMount_restricted',
    level: 'restricted',
    versions: [{ minimumVersion: 35, checkPod: procMountStrict, overrides: ['procMount'] }],
  },
  {
    id: 'restrictedVolumes',
    level: 'restricted',
    versions: [{ minimumVersion: 0, checkPod: restrictedVolumes_1_0, overrides: ['hostPathVolumes'] }],
  },
  {
    id: 'runAsNonRoot',
    level: 'restricted',
    versions: [
      { minimumVersion: 0, checkPod: runAsNonRoot_1_0 },
      { minimumVersion: 35, checkPod: exceptUserNamespace(runAsNonRoot_1_0) },
    ],
  },
  {
    id: 'runAsUser',
    level: 'restricted',
    versions: [
      { minimumVersion: 23, checkPod: runAsUser_1_23 },
      { minimumVersion: 35, checkPod: exceptUserNamespace(runAsUser_1_23) },
    ],
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    versions: [
      { minimumVersion: 19, checkPod: seccompProfileRestricted_1_19, overrides: ['seccompProfile_baseline'] },
      {
        minimumVersion: 25,
        checkPod: exceptWindows(seccompProfileRestricted_1_19),
        overrides: ['seccompProfile_baseline'],
      },
    ],
  },
]
