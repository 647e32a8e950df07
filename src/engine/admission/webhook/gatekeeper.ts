// A simulated OPA Gatekeeper (validation.gatekeeper.sh): the constraint templates of the Gatekeeper library
// that the scenarios use, evaluated natively with the messages their Rego produces, and the webhook's answer
// as Gatekeeper builds it (403 Forbidden, `[<constraint>] <msg>` lines joined by newlines, warn → warnings).
import { compareQuantities, parseQuantity } from '../../registry/quantity'
import { fromMetaLabelSelector, matchesLabels } from '../../selectors/labels'
import type { KubeObject } from '../../types'
import type { AdmissionContext } from '../types'
import type { AdmissionRequest, GatekeeperConstraint } from './types'

type Obj = Record<string, unknown>
interface Container {
  name?: string
  image?: string
  resources?: { limits?: Record<string, unknown> }
}

/** How Rego's sprintf prints a value with %v: strings bare at top level, quoted inside sets and arrays. */
function regoValue(value: unknown, top = true): string {
  if (typeof value === 'string') return top ? value : JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map((v) => regoValue(v, false)).join(', ')}]`
  if (value instanceof Set)
    return `{${[...(value as Set<unknown>)]
      .map((v) => regoValue(v, false))
      .sort()
      .join(', ')}}`
  return JSON.stringify(value)
}

const getMessage = (parameters: Obj, fallback: string) =>
  typeof parameters.message === 'string' ? parameters.message : fallback

function podContainers(obj: KubeObject): { kind: string; c: Container }[] {
  const spec = (obj.spec ?? {}) as Obj
  const list = (key: string, kind: string) =>
    ((spec[key] as Container[] | undefined) ?? []).map((c) => ({ kind, c }))
  return [
    ...list('containers', 'container'),
    ...list('initContainers', 'initContainer'),
    ...list('ephemeralContainers', 'ephemeralContainer'),
  ]
}

function requiredLabels(obj: KubeObject, parameters: Obj): string[] {
  const provided = obj.metadata?.labels ?? {}
  const wanted = (parameters.labels as { key: string; allowedRegex?: string }[] | undefined) ?? []
  const missing = new Set(wanted.map((l) => l.key).filter((k) => !(k in provided)))
  if (missing.size) return [getMessage(parameters, `you must provide labels: ${regoValue(missing)}`)]
  const out: string[] = []
  for (const { key, allowedRegex } of wanted) {
    if (!allowedRegex) continue
    const value = provided[key] ?? ''
    if (!new RegExp(allowedRegex).test(value))
      out.push(
        getMessage(parameters, `Label <${key}: ${value}> does not satisfy allowed regex: ${allowedRegex}`),
      )
  }
  return out
}

function allowedRepos(obj: KubeObject, parameters: Obj): string[] {
  if (obj.kind !== 'Pod') return []
  const repos = (parameters.repos as string[] | undefined) ?? []
  return podContainers(obj)
    .filter(({ c }) => !repos.some((r) => (c.image ?? '').startsWith(r)))
    .map(
      ({ kind, c }) =>
        `${kind} <${c.name}> has an invalid image repo <${c.image}>, allowed repos are ${regoValue(repos, false)}`,
    )
}

function containerLimits(obj: KubeObject, parameters: Obj): string[] {
  if (obj.kind !== 'Pod') return []
  const exempt = (parameters.exemptImages as string[] | undefined) ?? []
  const out: string[] = []
  const spec = (obj.spec ?? {}) as Obj
  for (const c of (spec.containers as Container[] | undefined) ?? []) {
    if (exempt.some((e) => (e.endsWith('*') ? (c.image ?? '').startsWith(e.slice(0, -1)) : c.image === e)))
      continue
    const limits = c.resources?.limits
    if (!limits) {
      out.push(`container <${c.name}> has no resource limits`)
      continue
    }
    for (const res of ['cpu', 'memory'] as const) {
      const max = parameters[res]
      if (limits[res] === undefined) {
        out.push(`container <${c.name}> has no ${res} limit`)
        continue
      }
      if (max === undefined) continue
      if (compareQuantities(parseQuantity(limits[res]), parseQuantity(max)) > 0)
        out.push(
          `container <${c.name}> ${res} limit <${String(limits[res])}> is higher than the maximum allowed of <${String(max)}>`,
        )
    }
  }
  return out
}

function blockNodePort(obj: KubeObject): string[] {
  const spec = (obj.spec ?? {}) as Obj
  return obj.kind === 'Service' && spec.type === 'NodePort'
    ? ['User is not allowed to create service of type NodePort']
    : []
}

const TEMPLATES: Record<GatekeeperConstraint['kind'], (obj: KubeObject, parameters: Obj) => string[]> = {
  K8sRequiredLabels: requiredLabels,
  K8sAllowedRepos: allowedRepos,
  K8sContainerLimits: containerLimits,
  K8sBlockNodePort: blockNodePort,
}

/** The constraint's `spec.match` (Gatekeeper's match library), on the review's kind, namespace and labels. */
function constraintMatches(
  constraint: GatekeeperConstraint,
  request: AdmissionRequest,
  obj: KubeObject,
  ctx: AdmissionContext,
) {
  const match = constraint.match ?? {}
  if (match.kinds?.length) {
    const ok = match.kinds.some(
      (k) =>
        (k.apiGroups ?? ['*']).some((g) => g === '*' || g === request.kind.group) &&
        (k.kinds ?? ['*']).some((kind) => kind === '*' || kind === request.kind.kind),
    )
    if (!ok) return false
  }
  const ns = request.namespace ?? ''
  const glob = (pattern: string) =>
    pattern.endsWith('*') ? ns.startsWith(pattern.slice(0, -1)) : ns === pattern
  if (match.namespaces && (!ns || !match.namespaces.some(glob))) return false
  if (match.excludedNamespaces && ns && match.excludedNamespaces.some(glob)) return false
  if (match.scope === 'Namespaced' && !ns) return false
  if (match.scope === 'Cluster' && ns) return false
  if (match.labelSelector) {
    const sel = fromMetaLabelSelector(match.labelSelector)
    if (sel && !matchesLabels(sel, obj.metadata?.labels ?? {})) return false
  }
  if (match.namespaceSelector && ns) {
    const sel = fromMetaLabelSelector(match.namespaceSelector)
    const nsLabels = ctx.cluster.get('namespaces', '', ns)?.metadata?.labels ?? {}
    if (sel && !matchesLabels(sel, nsLabels)) return false
  }
  return true
}

export interface GatekeeperAnswer {
  allowed: boolean
  message?: string
  warnings: string[]
  /** dryrun results, which Gatekeeper only records in audit. */
  dryRun: string[]
}

export function gatekeeperAnswer(
  request: AdmissionRequest,
  constraints: readonly GatekeeperConstraint[],
  ctx: AdmissionContext,
): GatekeeperAnswer {
  const obj = request.operation === 'DELETE' ? request.oldObject : request.object
  const deny: string[] = []
  const warnings: string[] = []
  const dryRun: string[] = []
  if (obj) {
    for (const constraint of constraints) {
      if (!constraintMatches(constraint, request, obj, ctx)) continue
      const messages = TEMPLATES[constraint.kind]?.(obj, constraint.parameters ?? {}) ?? []
      const lines = messages.map((m) => `[${constraint.name}] ${m}`)
      const action = constraint.enforcementAction ?? 'deny'
      if (action === 'deny') deny.push(...lines)
      else if (action === 'warn') warnings.push(...lines)
      else dryRun.push(...lines)
    }
  }
  return deny.length
    ? { allowed: false, message: deny.join('\n'), warnings, dryRun }
    : { allowed: true, warnings, dryRun }
}
