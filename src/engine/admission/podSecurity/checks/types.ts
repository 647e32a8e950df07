// The shapes the checks read, as loose JSON views of core/v1 types: every field is optional because the
// checks also run on pod templates of workloads and on stored Pods, and JSON null means "unset" as a nil
// pointer does in Go.

export interface SeccompProfile {
  type?: string | null
}

export interface AppArmorProfile {
  type?: string | null
}

export interface SELinuxOptions {
  user?: string | null
  role?: string | null
  type?: string | null
}

export interface Capabilities {
  add?: string[] | null
  drop?: string[] | null
}

export interface SecurityContext {
  privileged?: boolean | null
  allowPrivilegeEscalation?: boolean | null
  capabilities?: Capabilities | null
  procMount?: string | null
  runAsNonRoot?: boolean | null
  runAsUser?: number | null
  seLinuxOptions?: SELinuxOptions | null
  seccompProfile?: SeccompProfile | null
  appArmorProfile?: AppArmorProfile | null
  windowsOptions?: { hostProcess?: boolean | null } | null
}

export interface HostHandler {
  httpGet?: { host?: string | null } | null
  tcpSocket?: { host?: string | null } | null
}

export interface Container {
  name?: string
  image?: string
  ports?: { hostPort?: number | null }[] | null
  securityContext?: SecurityContext | null
  livenessProbe?: HostHandler | null
  readinessProbe?: HostHandler | null
  startupProbe?: HostHandler | null
  lifecycle?: { postStart?: HostHandler | null; preStop?: HostHandler | null } | null
}

export interface PodSecurityContext {
  runAsNonRoot?: boolean | null
  runAsUser?: number | null
  seLinuxOptions?: SELinuxOptions | null
  seccompProfile?: SeccompProfile | null
  appArmorProfile?: AppArmorProfile | null
  windowsOptions?: { hostProcess?: boolean | null } | null
  sysctls?: { name?: string; value?: string }[] | null
}

export interface PodSpec {
  hostNetwork?: boolean | null
  hostPID?: boolean | null
  hostIPC?: boolean | null
  hostUsers?: boolean | null
  os?: { name?: string } | null
  runtimeClassName?: string | null
  securityContext?: PodSecurityContext | null
  initContainers?: Container[] | null
  containers?: Container[] | null
  ephemeralContainers?: Container[] | null
  volumes?: ({ name?: string } & Record<string, unknown>)[] | null
}

export interface PodMetadata {
  name?: string
  annotations?: Record<string, string> | null
}

/** A failed check: the short reason and, when there is one, the detail that goes in parentheses. */
export interface CheckResult {
  reason: string
  detail: string
}

/** One version of a check; `null` means the pod passes. */
export type CheckPodFn = (meta: PodMetadata, spec: PodSpec) => CheckResult | null

export interface VersionedCheck {
  /** The first policy minor version (v1.<minor>) this revision applies to. */
  minimumVersion: number
  checkPod: CheckPodFn
  /** Baseline check IDs this restricted revision replaces at the restricted level. */
  overrides?: readonly string[]
}

export interface Check {
  id: string
  level: 'baseline' | 'restricted'
  /** Strictly increasing minimum versions. */
  versions: readonly VersionedCheck[]
}
