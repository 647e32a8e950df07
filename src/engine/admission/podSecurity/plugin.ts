// The PodSecurity admission plugin (plugin/pkg/admission/security/podsecurity and
// pod-security-admission/admission/admission.go, v1.35). It validates three kinds of request:
//  - Pods (create, and updates that can change what the checks see): enforce rejects, warn warns, audit
//    records; the enforce message is the exact 403 text kubectl prints.
//  - Workloads with a pod template: warn and audit only, never enforce; the Pods they create are checked
//    when they are created.
//  - Namespaces: the labels must parse (else 422), and tightening the enforce level warns about existing
//    Pods that would now be rejected.
import { aggregateMessage, fieldErrorString, internalError, invalid } from '../../status'
import type { FieldError, KubeObject } from '../../types'
import { admissionForbidden } from '../forbidden'
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin, PluginVerdict } from '../types'
import { containerName } from './checks/helpers'
import type { Container, PodMetadata, PodSpec } from './checks/types'
import { evaluateParsed, forbiddenDetail, forbiddenReason } from './evaluate'
import {
  DEFAULT_POLICY,
  LATEST,
  LEVEL_RANK,
  type Level,
  MODES,
  type Mode,
  type ParsedLevelVersion,
  type Policy,
  equivalentPolicies,
  fullyPrivileged,
  levelLabel,
  levelVersionString,
  parseVersion,
  policyToEvaluate,
  sameLevelVersion,
  sameVersion,
  versionLabel,
} from './levels'

/** PodSecurityConfiguration (pod-security.admission.config.k8s.io/v1): defaults and exemptions. */
export interface PodSecurityConfiguration {
  defaults?: {
    enforce?: Level
    'enforce-version'?: string
    audit?: Level
    'audit-version'?: string
    warn?: Level
    'warn-version'?: string
  }
  exemptions?: {
    usernames?: readonly string[]
    runtimeClasses?: readonly string[]
    namespaces?: readonly string[]
  }
}

/** The limit on existing Pods checked when a namespace's enforce level changes. */
export const NAMESPACE_MAX_PODS_TO_CHECK = 3000

// Subresources that cannot change what the checks look at; any other Pod subresource (ephemeralcontainers,
// resize) carries a Pod and is evaluated like an update.
const IGNORED_POD_SUBRESOURCES = new Set([
  'exec',
  'attach',
  'binding',
  'eviction',
  'log',
  'portforward',
  'proxy',
  'status',
])

// The workload resources whose pod template is checked, and where the template sits in each.
type TemplateOf = (obj: KubeObject) => { metadata?: PodMetadata; spec?: PodSpec } | null | undefined
const specTemplate: TemplateOf = (o) =>
  (o.spec as { template?: ReturnType<TemplateOf> } | undefined)?.template
const POD_CONTROLLERS: Record<string, TemplateOf> = {
  '/replicationcontrollers': specTemplate,
  '/podtemplates': (o) => o.template as ReturnType<TemplateOf>,
  'apps/replicasets': specTemplate,
  'apps/deployments': specTemplate,
  'apps/statefulsets': specTemplate,
  'apps/daemonsets': specTemplate,
  'batch/jobs': specTemplate,
  'batch/cronjobs': (o) =>
    (o.spec as { jobTemplate?: { spec?: { template?: ReturnType<TemplateOf> } } } | undefined)?.jobTemplate
      ?.spec?.template,
}

interface Resolved {
  defaults: Policy
  usernames: ReadonlySet<string>
  runtimeClasses: ReadonlySet<string>
  namespaces: ReadonlySet<string>
}

function resolve(config: PodSecurityConfiguration): Resolved {
  const d = config.defaults ?? {}
  const lv = (mode: Mode): ParsedLevelVersion => ({
    level: d[mode] ?? DEFAULT_POLICY[mode].level,
    version: parseVersion(d[`${mode}-version`] ?? 'latest') ?? LATEST,
  })
  return {
    defaults: { enforce: lv('enforce'), audit: lv('audit'), warn: lv('warn') },
    usernames: new Set(config.exemptions?.usernames ?? []),
    runtimeClasses: new Set(config.exemptions?.runtimeClasses ?? []),
    namespaces: new Set(config.exemptions?.namespaces ?? []),
  }
}

const allowed = (summary: string, details?: string[], warnings?: string[]): PluginVerdict => {
  const verdict: PluginVerdict = { allowed: true, summary }
  if (details?.length) verdict.details = details
  if (warnings?.length) verdict.warnings = warnings
  return verdict
}

const policyText = (p: Policy) => MODES.map((m) => `${m}=${levelVersionString(p[m])}`).join(', ')

const labelsOf = (obj: KubeObject | undefined) => obj?.metadata?.labels as Record<string, string> | undefined

export function createPodSecurity(config: PodSecurityConfiguration = {}): AdmissionPlugin {
  const cfg = resolve(config)
  const exemptNamespace = (ns: string) => ns !== '' && cfg.namespaces.has(ns)
  const exemptUser = (user: string) => user !== '' && cfg.usernames.has(user)
  const exemptRuntimeClass = (rc: string | null | undefined) => !!rc && cfg.runtimeClasses.has(rc)

  /** EvaluatePod: the three modes against one pod (or pod template); enforce only for real Pods. */
  function evaluate(
    attrs: AdmissionAttributes,
    policy: Policy,
    policyErrors: FieldError[],
    meta: PodMetadata,
    spec: PodSpec,
    enforce: boolean,
    what: string,
  ): PluginVerdict {
    const ns = attrs.namespace
    if (exemptRuntimeClass(spec.runtimeClassName)) {
      return allowed(
        `${what} uses the exempt RuntimeClass "${spec.runtimeClassName}"; Pod Security is not checked`,
      )
    }
    const details: string[] = []
    if (policyErrors.length) {
      // Recorded as the pod-security.kubernetes.io/error audit annotation.
      details.push(`Failed to parse policy: ${aggregateMessage(policyErrors.map(fieldErrorString))}`)
    }
    // The same level:version is evaluated once and shared between the modes.
    const cache = new Map<string, ReturnType<typeof evaluateParsed>>()
    const run = (lv: ParsedLevelVersion) => {
      const key = levelVersionString(lv)
      let results = cache.get(key)
      if (!results) cache.set(key, (results = evaluateParsed(lv, meta, spec)))
      return results
    }

    let rejection: string | undefined
    if (enforce) {
      const failed = run(policy.enforce)
      details.push(
        `enforce ${levelVersionString(policy.enforce)}: ${failed.length ? `violated by ${failed.length} check${failed.length === 1 ? '' : 's'}` : 'met'}`,
      )
      if (failed.length)
        rejection = `violates PodSecurity "${levelVersionString(policy.enforce)}": ${forbiddenDetail(failed)}`
    }
    const auditFailed = run(policy.audit)
    if (auditFailed.length) {
      // The pod-security.kubernetes.io/audit-violations annotation on the request's audit event.
      details.push(
        `audit-violations: would violate PodSecurity "${levelVersionString(policy.audit)}": ${forbiddenDetail(auditFailed)}`,
      )
    }
    if (rejection) {
      return {
        allowed: false,
        status: admissionForbidden(attrs, rejection),
        summary: `namespace ${ns} enforces ${levelVersionString(policy.enforce)}; the Pod violates it`,
        details,
      }
    }
    // No warnings on a request that is rejected anyway.
    const warnings: string[] = []
    const warnFailed = run(policy.warn)
    if (warnFailed.length) {
      warnings.push(
        `would violate PodSecurity "${levelVersionString(policy.warn)}": ${forbiddenDetail(warnFailed)}`,
      )
    }
    let summary: string
    if (enforce) {
      summary = `namespace ${ns} enforces ${levelVersionString(policy.enforce)}; the Pod meets it`
      if (warnings.length) summary += `, but would violate the warn level ${levelVersionString(policy.warn)}`
    } else {
      summary = warnings.length
        ? `namespace ${ns} warns at ${levelVersionString(policy.warn)}; ${what} would violate it (workloads are warned, never rejected)`
        : `namespace ${ns} warns at ${levelVersionString(policy.warn)} and audits at ${levelVersionString(policy.audit)}; ${what} meets them`
    }
    return allowed(summary, details, warnings)
  }

  function validatePod(attrs: AdmissionAttributes, ctx: AdmissionContext): PluginVerdict {
    if (IGNORED_POD_SUBRESOURCES.has(attrs.subresource)) {
      return {
        allowed: true,
        skipped: true,
        summary: `the ${attrs.subresource} subresource cannot change what Pod Security checks`,
      }
    }
    if (exemptNamespace(attrs.namespace))
      return allowed(`namespace ${attrs.namespace} is exempt from Pod Security`)
    if (exemptUser(attrs.userInfo.username))
      return allowed(`user "${attrs.userInfo.username}" is exempt from Pod Security`)
    const namespace = ctx.cluster.get('namespaces', '', attrs.namespace)
    if (!namespace) {
      return {
        allowed: false,
        status: internalError(`failed to lookup namespace "${attrs.namespace}"`),
        summary: `could not read namespace ${attrs.namespace} to find its Pod Security levels`,
      }
    }
    const { policy, errors } = policyToEvaluate(labelsOf(namespace), cfg.defaults)
    if (!errors.length && fullyPrivileged(policy)) {
      return allowed(
        `namespace ${attrs.namespace} is privileged for enforce, warn and audit, which allows every Pod`,
      )
    }
    const pod = attrs.object
    if (!pod) return allowed('no Pod in the request')
    if (attrs.operation === 'UPDATE' && attrs.oldObject && !isSignificantPodUpdate(pod, attrs.oldObject)) {
      return allowed('the update changes nothing Pod Security checks (no container added, no image changed)')
    }
    return evaluate(
      attrs,
      policy,
      errors,
      (pod.metadata ?? {}) as PodMetadata,
      (pod.spec ?? {}) as PodSpec,
      true,
      'the Pod',
    )
  }

  function validatePodController(
    attrs: AdmissionAttributes,
    ctx: AdmissionContext,
    templateOf: TemplateOf,
  ): PluginVerdict {
    const kind = attrs.resource.kind
    if (attrs.subresource)
      return {
        allowed: true,
        skipped: true,
        summary: `the ${attrs.subresource} subresource of a ${kind} is not checked`,
      }
    if (exemptNamespace(attrs.namespace))
      return allowed(`namespace ${attrs.namespace} is exempt from Pod Security`)
    if (exemptUser(attrs.userInfo.username))
      return allowed(`user "${attrs.userInfo.username}" is exempt from Pod Security`)
    const namespace = ctx.cluster.get('namespaces', '', attrs.namespace)
    if (!namespace) {
      // Workloads fail open: the error goes to the audit log only.
      return allowed(`could not read namespace ${attrs.namespace}; the ${kind} is let through`, [
        `error: failed to lookup namespace "${attrs.namespace}"`,
      ])
    }
    const { policy, errors } = policyToEvaluate(labelsOf(namespace), cfg.defaults)
    if (!errors.length && policy.warn.level === 'privileged' && policy.audit.level === 'privileged') {
      return allowed(
        `namespace ${attrs.namespace} warns and audits at privileged; the ${kind}'s pod template is not checked (enforce applies to its Pods)`,
      )
    }
    const template = attrs.object ? templateOf(attrs.object) : undefined
    if (!template) return allowed(`the ${kind} has no pod template to check`)
    return evaluate(
      attrs,
      policy,
      errors,
      template.metadata ?? {},
      template.spec ?? {},
      false,
      `the ${kind}'s pod template`,
    )
  }

  /** EvaluatePodsInNamespace: which existing Pods the new enforce level would reject, as warnings. */
  function evaluatePodsInNamespace(
    ctx: AdmissionContext,
    namespace: string,
    enforce: ParsedLevelVersion,
  ): string[] {
    const pods = prioritizePods(ctx.cluster.list('pods', namespace), exemptRuntimeClass)
    const total = pods.length
    const checked = pods.slice(0, NAMESPACE_MAX_PODS_TO_CHECK)
    const order: string[] = []
    const counts = new Map<string, { podName: string; count: number }>()
    for (const pod of checked) {
      const failed = evaluateParsed(enforce, (pod.metadata ?? {}) as PodMetadata, (pod.spec ?? {}) as PodSpec)
      if (!failed.length) continue
      const warning = forbiddenReason(failed)
      const name = pod.metadata?.name ?? ''
      const seen = counts.get(warning)
      if (!seen) {
        counts.set(warning, { podName: name, count: 1 })
        order.push(warning)
      } else {
        seen.count++
        if (name < seen.podName) seen.podName = name
      }
    }
    const warnings: string[] = []
    if (checked.length < total) {
      warnings.push(
        `new PodSecurity enforce level only checked against the first ${checked.length} of ${total} existing pods`,
      )
    }
    if (order.length) {
      warnings.push(
        `existing pods in namespace "${namespace}" violate the new PodSecurity enforce level "${levelVersionString(enforce)}"`,
      )
    }
    const podWarnings = order.map((warning) => {
      const { podName, count } = counts.get(warning)!
      if (count === 1) return `${podName}: ${warning}`
      if (count === 2) return `${podName} (and 1 other pod): ${warning}`
      return `${podName} (and ${count - 1} other pods): ${warning}`
    })
    // Sorted so the warnings come in a stable order.
    podWarnings.sort()
    return [...warnings, ...podWarnings]
  }

  function exemptNamespaceWarning(
    name: string,
    policy: Policy,
    labels: Record<string, string>,
  ): string | undefined {
    if (fullyPrivileged(policy) || equivalentPolicies(policy, cfg.defaults)) return undefined
    const parts: string[] = []
    for (const mode of MODES) {
      const set = labels[levelLabel(mode)] !== undefined || labels[versionLabel(mode)] !== undefined
      if (policy[mode].level !== 'privileged' && set)
        parts.push(`${mode}=${levelVersionString(policy[mode])}`)
    }
    return `namespace "${name}" is exempt from Pod Security, and the policy (${parts.join(', ')}) will be ignored`
  }

  function validateNamespace(attrs: AdmissionAttributes, ctx: AdmissionContext): PluginVerdict {
    if (attrs.subresource)
      return { allowed: true, skipped: true, summary: 'namespace subresources are not checked' }
    const ns = attrs.object
    const name = attrs.name || ns?.metadata?.name || ''
    const labels = labelsOf(ns) ?? {}
    const { policy, errors } = policyToEvaluate(labels, cfg.defaults)
    const invalidLabels = (): PluginVerdict => ({
      allowed: false,
      status: invalid('', 'Namespace', name, errors),
      summary: `namespace ${name} has invalid pod-security.kubernetes.io labels`,
      details: errors.map(fieldErrorString),
    })
    const exemptVerdict = () => {
      const warning = exemptNamespaceWarning(ns?.metadata?.name ?? '', policy, labels)
      return allowed(
        `namespace ${name} is exempt from Pod Security`,
        undefined,
        warning ? [warning] : undefined,
      )
    }

    if (attrs.operation === 'CREATE') {
      if (errors.length) return invalidLabels()
      if (exemptNamespace(attrs.namespace)) return exemptVerdict()
      return allowed(`the Pod Security labels of namespace ${name} are valid (${policyText(policy)})`)
    }
    const old = policyToEvaluate(labelsOf(attrs.oldObject), cfg.defaults)
    if (errors.length && (!old.errors.length || !sameErrors(errors, old.errors))) return invalidLabels()

    const was = levelVersionString(old.policy.enforce)
    const now = levelVersionString(policy.enforce)
    if (sameLevelVersion(policy.enforce, old.policy.enforce)) {
      return allowed(`the enforce level of namespace ${name} is unchanged (${now})`)
    }
    if (policy.enforce.level === 'privileged')
      return allowed(`namespace ${name} now enforces ${now}, which allows every Pod`)
    if (
      sameVersion(policy.enforce.version, old.policy.enforce.version) &&
      LEVEL_RANK[policy.enforce.level] <= LEVEL_RANK[old.policy.enforce.level]
    ) {
      return allowed(
        `namespace ${name} relaxes its enforce level from ${was} to ${now}; existing Pods still comply`,
      )
    }
    if (exemptNamespace(attrs.namespace)) return exemptVerdict()
    const warnings = evaluatePodsInNamespace(ctx, ns?.metadata?.name ?? name, policy.enforce)
    return allowed(
      warnings.length
        ? `namespace ${name} now enforces ${now}; existing Pods that violate it keep running (warnings list them)`
        : `namespace ${name} now enforces ${now}; every existing Pod complies`,
      [`existing Pods were checked against ${now} (was ${was}); nothing is evicted`],
      warnings,
    )
  }

  return {
    name: 'PodSecurity',
    validate(attrs, ctx) {
      if (attrs.operation !== 'CREATE' && attrs.operation !== 'UPDATE') {
        return { allowed: true, skipped: true, summary: 'checks only creates and updates' }
      }
      const { group, resource } = attrs.resource
      if (group === '' && resource === 'namespaces') return validateNamespace(attrs, ctx)
      if (group === '' && resource === 'pods') return validatePod(attrs, ctx)
      const templateOf = POD_CONTROLLERS[`${group}/${resource}`]
      if (templateOf) return validatePodController(attrs, ctx, templateOf)
      return {
        allowed: true,
        skipped: true,
        summary: 'checks Pods, pod templates of workloads, and namespace Pod Security labels',
      }
    },
  }
}

/** The plugin as kube-apiserver runs it without an AdmissionConfiguration: no exemptions, privileged defaults. */
export const podSecurity: AdmissionPlugin = createPodSecurity()

const sameErrors = (a: FieldError[], b: FieldError[]) =>
  a.length === b.length && a.every((e, i) => fieldErrorString(e) === fieldErrorString(b[i]!))

/**
 * Pods whose RuntimeClass is exempt are left out, and for Pods owned by the same controller only the first
 * is checked before the others, so a limit on the number checked still covers every workload.
 */
function prioritizePods(
  pods: KubeObject[],
  exemptRuntimeClass: (rc: string | undefined) => boolean,
): KubeObject[] {
  const first: KubeObject[] = []
  const duplicates: KubeObject[] = []
  const seen = new Set<string>()
  for (const pod of pods) {
    if (exemptRuntimeClass((pod.spec as PodSpec | undefined)?.runtimeClassName ?? undefined)) continue
    const owners = (pod.metadata?.ownerReferences ?? []) as { controller?: boolean; uid?: string }[]
    const controller = owners.find((o) => o.controller === true)
    if (!controller) first.push(pod)
    else if (seen.has(controller.uid ?? '')) duplicates.push(pod)
    else {
      seen.add(controller.uid ?? '')
      first.push(pod)
    }
  }
  return [...first, ...duplicates]
}

/**
 * isSignificantPodUpdate: most of a Pod is immutable once created, so only updates that add or change
 * containers' images, add ephemeral containers, or change container seccomp annotations are evaluated.
 */
function isSignificantPodUpdate(pod: KubeObject, oldPod: KubeObject): boolean {
  const spec = (pod.spec ?? {}) as PodSpec
  const oldSpec = (oldPod.spec ?? {}) as PodSpec
  const annotations = (pod.metadata?.annotations ?? {}) as Record<string, string>
  const oldAnnotations = (oldPod.metadata?.annotations ?? {}) as Record<string, string>
  const changed = (c: Container, old: Container) => {
    if (c.image !== old.image) return true
    const key = `container.seccomp.security.alpha.kubernetes.io/${containerName(c)}`
    return (annotations[key] ?? '') !== (oldAnnotations[key] ?? '')
  }
  for (const field of ['containers', 'initContainers'] as const) {
    const now = spec[field] ?? []
    const before = oldSpec[field] ?? []
    if (now.length !== before.length) return true
    for (let i = 0; i < now.length; i++) if (changed(now[i]!, before[i]!)) return true
  }
  for (const c of spec.ephemeralContainers ?? []) {
    const old = (oldSpec.ephemeralContainers ?? []).find((o) => o.name === c.name)
    if (!old || changed(c, old)) return true
  }
  return false
}
