import { forbidden, internalError } from '../../status'
import type { KubeObject } from '../../types'
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin, PluginVerdict } from '../types'
import { isMain, plainError, skip } from './common'

const ANNOTATION = 'scheduler.alpha.kubernetes.io/node-selector'

type Labels = Record<string, string>

/** labels.ConvertSelectorToLabelsMap: `a=b,c=d`, spaces trimmed; anything else is an error. */
export function selectorToMap(selector: string): Labels | string {
  const out: Labels = {}
  if (selector === '') return out
  for (const part of selector.split(',')) {
    const kv = part.split('=')
    // Go prints the split pieces with %s: [a b c].
    if (kv.length !== 2) return `invalid selector: [${kv.join(' ')}]`
    out[kv[0]!.trim()] = kv[1]!.trim()
  }
  return out
}

/** labels.Conflicts: a key both sets have, with different values. */
function conflict(a: Labels, b: Labels): string | undefined {
  return Object.keys(a).find((k) => k in b && a[k] !== b[k])
}

const sorted = (m: Labels): Labels =>
  Object.fromEntries(
    Object.keys(m)
      .sort()
      .map((k) => [k, m[k]!]),
  )

/** The namespace's node selector, or the failure the real plugin returns. */
function namespaceSelector(attrs: AdmissionAttributes, ctx: AdmissionContext): Labels | PluginVerdict {
  const ns = ctx.cluster.get('namespaces', '', attrs.namespace)
  if (!ns) {
    // defaultGetNamespace wraps the live lookup's NotFound in a plain error, which NewInternalError then wraps.
    return {
      allowed: false,
      status: internalError(`namespace ${attrs.namespace} does not exist`),
      summary: `namespace "${attrs.namespace}" does not exist`,
    }
  }
  const raw = (ns as KubeObject).metadata?.annotations?.[ANNOTATION]
  // Without the annotation the cluster default from the plugin's config file applies; the simulation has none.
  if (raw === undefined) return {}
  const parsed = selectorToMap(raw)
  if (typeof parsed === 'string')
    return {
      allowed: false,
      status: plainError(parsed),
      summary: `the namespace's ${ANNOTATION} annotation does not parse`,
    }
  return parsed
}

const isVerdict = (x: Labels | PluginVerdict): x is PluginVerdict =>
  'allowed' in x && typeof x.allowed === 'boolean'

function conflictVerdict(
  attrs: AdmissionAttributes,
  key: string,
  nsValue: string,
  podValue: string,
): PluginVerdict {
  // errors.NewForbidden with pod.Name: unlike admission.NewForbidden, no generateName fallback.
  const name = String(attrs.object?.metadata?.name ?? '')
  return {
    allowed: false,
    status: forbidden(
      { group: '', resource: 'pods' },
      name,
      'pod node label selector conflicts with its namespace node label selector',
    ),
    summary: `the Pod's nodeSelector ${key}=${podValue} contradicts the namespace's ${key}=${nsValue}`,
    details: [
      `Namespace "${attrs.namespace}" pins its Pods with the ${ANNOTATION} annotation; a Pod may add labels but not contradict it.`,
    ],
  }
}

/**
 * Merges the namespace's node selector (annotation scheduler.alpha.kubernetes.io/node-selector) into every new
 * Pod's nodeSelector, and refuses a Pod whose own selector contradicts it.
 */
export const podNodeSelector: AdmissionPlugin = {
  name: 'PodNodeSelector',
  admit(attrs, ctx) {
    if (!isMain(attrs, '', 'pods') || attrs.operation !== 'CREATE') return skip('acts only on Pod creation')
    const selector = namespaceSelector(attrs, ctx)
    if (isVerdict(selector)) return selector
    const spec = (attrs.object!.spec ??= {}) as { nodeSelector?: Labels }
    const own = spec.nodeSelector ?? {}
    const key = conflict(selector, own)
    if (key) return conflictVerdict(attrs, key, selector[key]!, own[key]!)
    if (Object.keys(selector).length === 0)
      return {
        allowed: true,
        summary: `namespace "${attrs.namespace}" has no ${ANNOTATION} annotation: nothing to merge`,
      }
    const added = Object.keys(selector).filter((k) => !(k in own))
    spec.nodeSelector = sorted({ ...selector, ...own })
    return {
      allowed: true,
      summary: added.length
        ? `added ${added.map((k) => `${k}=${selector[k]}`).join(', ')} to the Pod's nodeSelector`
        : "the Pod's nodeSelector already holds the namespace's labels",
      details: [
        `Namespace "${attrs.namespace}" says its Pods run only on nodes labelled ${Object.entries(selector)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')}.`,
      ],
    }
  },
  validate(attrs, ctx) {
    if (!isMain(attrs, '', 'pods') || attrs.operation !== 'CREATE') return skip('acts only on Pod creation')
    const selector = namespaceSelector(attrs, ctx)
    if (isVerdict(selector)) return selector
    const own = ((attrs.object!.spec ?? {}) as { nodeSelector?: Labels }).nodeSelector ?? {}
    const key = conflict(selector, own)
    if (key) return conflictVerdict(attrs, key, selector[key]!, own[key]!)
    // The per-namespace whitelist lives in the plugin's config file, which this cluster does not have.
    return { allowed: true, summary: "the Pod's nodeSelector agrees with its namespace" }
  },
}
