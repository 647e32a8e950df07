// The ResourceQuota admission plugin (k8s.io/apiserver/pkg/admission/plugin/resourcequota, v1.35): validating
// only, and last in the chain so that nothing after it can reject a request it already counted. For each
// quota in the namespace that tracks what the object consumes (and whose scopes the object is in), it
// checks that the object declares what the quota requires, then that status.used plus the object's usage
// stays within status.hard. The first failure rejects the request with 403.
//
// The real plugin also writes the new status.used itself before the object is stored; the quota
// controller corrects it later if the write then fails. The simulation charges after a successful write
// instead (recalculateQuotaUsage), which gives the same stored state: rejected and dry-run requests charge
// nothing.
import type { KubeObject } from '../../types'
import { admissionForbidden } from '../forbidden'
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin, PluginVerdict } from '../types'
import { evaluatorFor, type Evaluator } from './evaluators'
import { add, quantityToString } from '../../quantity'
import {
  addLists,
  exceededNames,
  mask,
  negativeNames,
  prettyPrint,
  removeZeros,
  resourceListFrom,
  subtractNonNegative,
  type ResourceList,
} from './resourceList'
import { quotaStatusOf, scopeSelectorsOf } from './usage'

const nameOf = (quota: KubeObject) => quota.metadata?.name ?? ''
const sortedNames = (names: Iterable<string>) => [...new Set(names)].sort().join(',')

const skipped = (summary: string): PluginVerdict => ({ allowed: true, skipped: true, summary })

function reject(
  attrs: AdmissionAttributes,
  reason: string,
  summary: string,
  details: string[],
): PluginVerdict {
  return { allowed: false, status: admissionForbidden(attrs, reason), summary, details }
}

interface Charge {
  quota: string
  requested: ResourceList
  used: ResourceList
  hard: ResourceList
}

/** `requests.cpu 500m of 2 used, this Pod adds 250m` for each name the request consumes. */
function chargeText(charge: Charge, kind: string, verb: string): string {
  return [...charge.requested.keys()]
    .sort()
    .map((name) => {
      const used = charge.used.get(name)
      const hard = charge.hard.get(name)
      return `${name} ${used ? quantityToString(used) : '0'} of ${hard ? quantityToString(hard) : '?'} used, this ${kind} ${verb} ${quantityToString(charge.requested.get(name)!)}`
    })
    .join('; ')
}

function arithmetic(charge: Charge): string[] {
  return [...charge.requested.keys()].sort().map((name) => {
    const used = charge.used.get(name)
    const requested = charge.requested.get(name)!
    const hard = charge.hard.get(name)
    const total = used ? add(used, requested) : requested
    const fits = !hard || total.nanos <= hard.nanos
    return `quota "${charge.quota}" ${name}: used ${used ? quantityToString(used) : '0'} + requested ${quantityToString(requested)} = ${quantityToString(total)} ${fits ? '<=' : '>'} hard ${hard ? quantityToString(hard) : '(none)'}`
  })
}

/** CheckRequest from the quota evaluator, for one request against the namespace's quotas. */
function checkRequest(attrs: AdmissionAttributes, quotas: KubeObject[], evaluator: Evaluator): PluginVerdict {
  const object = attrs.object!
  const kind = attrs.resource.kind
  const details: string[] = []
  const interesting: KubeObject[] = []
  for (const quota of quotas) {
    const name = nameOf(quota)
    const status = quotaStatusOf(quota)
    const hardNames = Object.keys(status.hard ?? {})
    // Matches: the quota limits something this kind consumes, and the object is in all its scopes.
    const restricted = evaluator.matchingResources(hardNames)
    if (restricted.length === 0) {
      details.push(
        hardNames.length
          ? `quota "${name}" limits ${sortedNames(hardNames)}, none of which a ${kind} consumes`
          : `quota "${name}" has no status.hard yet (the quota controller has not synced it)`,
      )
      continue
    }
    const outside = scopeSelectorsOf(quota).filter((s) => !evaluator.matchesScope(s, object))
    if (outside.length) {
      details.push(
        `quota "${name}" does not apply: the ${kind} is not in scope ${outside.map((s) => s.scopeName + (s.values?.length ? ` ${s.operator} [${s.values.join(',')}]` : '')).join(', ')}`,
      )
      continue
    }
    const constraint = evaluator.constraints(restricted, object)
    if (constraint) {
      return reject(
        attrs,
        `failed quota: ${name}: ${constraint}`,
        `quota "${name}" limits compute resources, so every container must declare them: ${constraint}`,
        [
          ...details,
          `quota "${name}" tracks compute resources, and a quota on cpu or memory requires each container (init containers too) to set the matching request or limit`,
        ],
      )
    }
    const used = resourceListFrom(status.used)
    const unknown = restricted.filter((n) => !used.has(n))
    if (unknown.length) {
      return reject(
        attrs,
        `status unknown for quota: ${name}, resources: ${sortedNames(unknown)}`,
        `quota "${name}" has no status.used for ${sortedNames(unknown)} yet, so nothing it limits can be admitted`,
        details,
      )
    }
    interesting.push(quota)
  }

  if (interesting.length === 0) {
    return {
      allowed: true,
      summary: `no ResourceQuota in namespace "${attrs.namespace}" tracks this ${kind}`,
      details,
    }
  }

  const inputUsage = evaluator.usage(object)
  const negative = negativeNames(inputUsage)
  if (negative.length) {
    return reject(
      attrs,
      `quota usage is negative for resource(s): ${sortedNames(negative)}`,
      `the ${kind} would consume a negative amount of ${sortedNames(negative)}`,
      details,
    )
  }

  // On update only the growth is charged, and only to quotas the old object was already counted in.
  const deltas = new Map<KubeObject, ResourceList>()
  for (const quota of interesting) deltas.set(quota, inputUsage)
  if (attrs.operation === 'UPDATE') {
    const old = attrs.oldObject
    if (!old) {
      return reject(
        attrs,
        'unable to get previous usage since prior version of object was not found',
        'the stored object is missing, so the update cannot be charged',
        details,
      )
    }
    const delta = subtractNonNegative(inputUsage, evaluator.usage(old))
    for (const quota of interesting) {
      if (scopeSelectorsOf(quota).every((s) => evaluator.matchesScope(s, old))) deltas.set(quota, delta)
    }
  }

  const charges: Charge[] = []
  for (const quota of interesting) {
    const delta = removeZeros(deltas.get(quota)!)
    if (delta.size === 0) continue
    const status = quotaStatusOf(quota)
    const hard = resourceListFrom(status.hard)
    const used = resourceListFrom(status.used)
    const requested = mask(delta, hard.keys())
    const newUsage = mask(addLists(used, requested), requested.keys())
    const exceeded = exceededNames(newUsage, hard)
    const charge: Charge = { quota: nameOf(quota), requested, used, hard }
    if (exceeded.length) {
      const failed: Charge = { ...charge, requested: mask(requested, exceeded) }
      return reject(
        attrs,
        `exceeded quota: ${charge.quota}, requested: ${prettyPrint(mask(requested, exceeded))}, used: ${prettyPrint(mask(used, exceeded))}, limited: ${prettyPrint(mask(hard, exceeded))}`,
        `quota "${charge.quota}": ${chargeText(failed, kind, 'would add')}, which is over the limit`,
        [...details, ...charges.flatMap(arithmetic), ...arithmetic(charge)],
      )
    }
    charges.push(charge)
  }

  if (charges.length === 0) {
    return { allowed: true, summary: `the ${kind} changes nothing the namespace's quotas count`, details }
  }
  const summary = charges.map((c) => `quota "${c.quota}": ${chargeText(c, kind, 'adds')}`).join('; ')
  const note = attrs.dryRun
    ? 'dry run: the request fits, but nothing is charged to status.used'
    : 'fits: status.used grows once the object is stored (the quota controller recounts after the write)'
  return {
    allowed: true,
    summary: attrs.dryRun ? `${summary} (dry run: nothing is charged)` : summary,
    details: [...details, ...charges.flatMap(arithmetic), note],
  }
}

function validate(attrs: AdmissionAttributes, ctx: AdmissionContext): PluginVerdict {
  if (attrs.subresource) return skipped(`ignores subresources (${attrs.subresource})`)
  if (!attrs.namespace) return skipped('charges only namespaced objects')
  const { group, resource, kind } = attrs.resource
  if (attrs.operation === 'CREATE' && group === '' && resource === 'namespaces')
    return skipped('namespaces are not charged to quota')
  if (attrs.operation !== 'CREATE' && attrs.operation !== 'UPDATE')
    return skipped('charges only creates and updates')
  const evaluator = evaluatorFor({ group, resource })
  if (!evaluator) return skipped(`${resource} are never charged to quota`)
  if (!evaluator.handles(attrs)) {
    return skipped(
      attrs.operation === 'UPDATE'
        ? `this update of a ${kind} cannot change what it consumes of a quota`
        : `a ${kind} is charged only when it is created`,
    )
  }
  const quotas = ctx.cluster.list('resourcequotas', attrs.namespace)
  if (quotas.length === 0)
    return {
      allowed: true,
      summary: `namespace "${attrs.namespace}" has no ResourceQuota: nothing to charge`,
    }
  if (!attrs.object) return { allowed: true, summary: 'no object in the request' }
  return checkRequest(attrs, quotas, evaluator)
}

export const resourceQuota: AdmissionPlugin = {
  name: 'ResourceQuota',
  validate,
}
