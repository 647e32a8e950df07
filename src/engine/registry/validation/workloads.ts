// Deployment validation (pkg/apis/apps/validation: ValidateDeployment, ValidateDeploymentSpec) and the
// label selector checks of k8s.io/apimachinery/pkg/apis/meta/v1/validation.
import { forbidden, invalid, notSupported, pushMessages, required, type ErrorList } from './errors'
import { validateAnnotations, validateLabelName, validateLabels, validateObjectMeta } from './meta'
import { IS_NEGATIVE_ERROR_MSG, isValidLabelValue, isValidPercent, nameIsDNSSubdomain } from './names'
import { validatePodTemplateSpec } from './pod'
import { asObj, int, isObj, list, str, strMap, type Obj } from './util'

/** ValidateLabelSelector: matchLabels, then each matchExpression's operator, key and values. */
export function validateLabelSelector(errs: ErrorList, selector: Obj, path: string): void {
  validateLabels(strMap(selector.matchLabels), `${path}.matchLabels`, errs)
  list(selector.matchExpressions).forEach((raw, i) => {
    const expr = asObj(raw)
    const p = `${path}.matchExpressions[${i}]`
    const values = list(expr.values)
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0)
          errs.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"))
        break
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) {
          errs.push(
            forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
          )
        }
        break
      default:
        errs.push(invalid(`${p}.operator`, str(expr.operator), 'not a valid selector operator'))
    }
    validateLabelName(str(expr.key), `${p}.key`, errs)
    values.forEach((v, vi) => pushMessages(errs, `${p}.values[${vi}]`, str(v), isValidLabelValue(str(v))))
  })
}

/** Whether a LabelSelector selects a label set: every matchLabel and every requirement must hold. */
export function selectorMatches(selector: Obj, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {}
  const matchLabels = strMap(selector.matchLabels) ?? {}
  for (const key in matchLabels) if (l[key] !== matchLabels[key]) return false
  for (const raw of list(selector.matchExpressions)) {
    const expr = asObj(raw)
    const key = str(expr.key)
    const values = list(expr.values).map(str)
    const has = Object.prototype.hasOwnProperty.call(l, key)
    switch (expr.operator) {
      case 'In':
        if (!has || !values.includes(l[key]!)) return false
        break
      case 'NotIn':
        if (has && values.includes(l[key]!)) return false
        break
      case 'Exists':
        if (!has) return false
        break
      case 'DoesNotExist':
        if (has) return false
        break
    }
  }
  return true
}

const nonNegative = (errs: ErrorList, path: string, value: number): void => {
  if (value < 0) errs.push(invalid(path, value, IS_NEGATIVE_ERROR_MSG))
}

/** getIntOrPercentValue: "25%" is 25, a number is itself, any other string reads as 0. */
export function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return v
  if (typeof v === 'string') {
    if (isValidPercent(v).length === 0) return Number(v.slice(0, -1))
    return /^-?\d+$/.test(v) ? Number(v) : 0
  }
  return 0
}

export function validatePositiveIntOrPercent(errs: ErrorList, v: unknown, path: string): void {
  if (typeof v === 'string') pushMessages(errs, path, v, isValidPercent(v))
  else nonNegative(errs, path, int(v))
}

export function isNotMoreThan100Percent(errs: ErrorList, v: unknown, path: string): void {
  if (typeof v === 'string' && isValidPercent(v).length === 0 && Number(v.slice(0, -1)) > 100) {
    errs.push(invalid(path, v, 'must not be greater than 100%'))
  }
}

/** The internal DeploymentStrategy as json.Marshal prints it: Go field names, no json tags. */
function internalStrategy(strategy: Obj): unknown {
  const ru = isObj(strategy.rollingUpdate)
    ? {
        MaxUnavailable: strategy.rollingUpdate.maxUnavailable ?? 0,
        MaxSurge: strategy.rollingUpdate.maxSurge ?? 0,
      }
    : null
  return { Type: str(strategy.type), RollingUpdate: ru }
}

function validateStrategy(errs: ErrorList, strategy: Obj, path: string): void {
  switch (strategy.type) {
    case 'Recreate':
      if (strategy.rollingUpdate != null) {
        errs.push(
          forbidden(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'"),
        )
      }
      break
    case 'RollingUpdate': {
      if (!isObj(strategy.rollingUpdate)) {
        errs.push(required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil'))
        break
      }
      const ru = strategy.rollingUpdate
      const p = `${path}.rollingUpdate`
      validatePositiveIntOrPercent(errs, ru.maxUnavailable, `${p}.maxUnavailable`)
      validatePositiveIntOrPercent(errs, ru.maxSurge, `${p}.maxSurge`)
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(invalid(`${p}.maxUnavailable`, ru.maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0'))
      }
      isNotMoreThan100Percent(errs, ru.maxUnavailable, `${p}.maxUnavailable`)
      break
    }
    default:
      errs.push(notSupported(path, internalStrategy(strategy), ['Recreate', 'RollingUpdate']))
  }
}

/** ValidatePodTemplateSpecForReplicaSet: selector/labels agreement, the template, restartPolicy Always. */
function validateTemplateForReplicaSet(
  errs: ErrorList,
  selector: Obj | null,
  template: Obj,
  path: string,
  kind: string,
): void {
  const labels = strMap(asObj(template.metadata).labels)
  // A missing selector selects nothing, so it never matches; an empty one selects everything.
  const empty =
    selector !== null &&
    list(selector.matchExpressions).length === 0 &&
    Object.keys(asObj(selector.matchLabels)).length === 0
  if (!empty && (selector === null || !selectorMatches(selector, labels))) {
    errs.push(
      invalid(`${path}.metadata.labels`, labels ?? null, '`selector` does not match template `labels`'),
    )
  }
  validatePodTemplateSpec(errs, template, path)
  const spec = asObj(template.spec)
  const restartPolicy = str(spec.restartPolicy)
  if (restartPolicy !== 'Always')
    errs.push(notSupported(`${path}.spec.restartPolicy`, restartPolicy, ['Always']))
  if (spec.activeDeadlineSeconds != null) {
    errs.push(
      forbidden(`${path}.spec.activeDeadlineSeconds`, `activeDeadlineSeconds in ${kind} is not Supported`),
    )
  }
}

/** The selector as metav1.LabelSelector marshals it (json tags, omitempty). */
export function selectorJSON(selector: Obj): Obj {
  const out: Obj = {}
  if (isObj(selector.matchLabels) && Object.keys(selector.matchLabels).length)
    out.matchLabels = selector.matchLabels
  if (list(selector.matchExpressions).length) out.matchExpressions = selector.matchExpressions
  return out
}

export function validateDeployment(obj: Obj): ErrorList {
  const errs: ErrorList = []
  validateObjectMeta(
    obj.metadata as never,
    { namespaced: true, nameFn: nameIsDNSSubdomain, kubeFinalizers: true },
    errs,
  )
  const spec = asObj(obj.spec)
  nonNegative(errs, 'spec.replicas', int(spec.replicas))

  let selector: Obj | null = null
  let selectorValid = true
  if (!isObj(spec.selector)) {
    errs.push(required('spec.selector'))
  } else {
    selector = spec.selector
    const before = errs.length
    validateLabelSelector(errs, selector, 'spec.selector')
    // LabelSelectorAsSelector fails on exactly what the checks above reject.
    selectorValid = errs.length === before
    if (list(selector.matchExpressions).length + Object.keys(asObj(selector.matchLabels)).length === 0) {
      errs.push(invalid('spec.selector', selectorJSON(selector), 'empty selector is invalid for deployment'))
    }
  }
  if (selectorValid)
    validateTemplateForReplicaSet(errs, selector, asObj(spec.template), 'spec.template', 'ReplicaSet')
  else errs.push(invalid('spec.selector', selectorJSON(selector ?? {}), 'invalid label selector'))

  validateStrategy(errs, asObj(spec.strategy), 'spec.strategy')
  const minReadySeconds = int(spec.minReadySeconds)
  nonNegative(errs, 'spec.minReadySeconds', minReadySeconds)
  if (typeof spec.revisionHistoryLimit === 'number')
    nonNegative(errs, 'spec.revisionHistoryLimit', spec.revisionHistoryLimit)
  if (typeof spec.progressDeadlineSeconds === 'number') {
    nonNegative(errs, 'spec.progressDeadlineSeconds', spec.progressDeadlineSeconds)
    if (spec.progressDeadlineSeconds <= minReadySeconds) {
      errs.push(
        invalid(
          'spec.progressDeadlineSeconds',
          spec.progressDeadlineSeconds,
          'must be greater than minReadySeconds',
        ),
      )
    }
  }
  return errs
}

const metaOpts = { namespaced: true, nameFn: nameIsDNSSubdomain, kubeFinalizers: true }

/** The selector block every apps validator opens with: required, well formed, not empty. */
function validateSelector(errs: ErrorList, spec: Obj, kind: string): { selector: Obj | null; ok: boolean } {
  if (!isObj(spec.selector)) {
    errs.push(required('spec.selector'))
    return { selector: null, ok: true }
  }
  const selector = spec.selector
  const before = errs.length
  validateLabelSelector(errs, selector, 'spec.selector')
  const ok = errs.length === before
  if (list(selector.matchExpressions).length + Object.keys(asObj(selector.matchLabels)).length === 0) {
    errs.push(invalid('spec.selector', selectorJSON(selector), `empty selector is invalid for ${kind}`))
  }
  return { selector, ok }
}

export function validateReplicaSet(obj: Obj): ErrorList {
  const errs: ErrorList = []
  validateObjectMeta(obj.metadata as never, metaOpts, errs)
  const spec = asObj(obj.spec)
  nonNegative(errs, 'spec.replicas', int(spec.replicas))
  nonNegative(errs, 'spec.minReadySeconds', int(spec.minReadySeconds))
  // sic: the ReplicaSet validator reuses the Deployment wording for an empty selector.
  const { selector, ok } = validateSelector(errs, spec, 'deployment')
  if (ok) validateTemplateForReplicaSet(errs, selector, asObj(spec.template), 'spec.template', 'ReplicaSet')
  else errs.push(invalid('spec.selector', selectorJSON(selector ?? {}), 'invalid label selector'))
  return errs
}

const podManagementPolicies = ['OrderedReady', 'Parallel']
const retentionPolicies = ['Retain', 'Delete']

/** The template's labels as the bad value prints them: a missing map is JSON null. */
const templateLabels = (template: Obj): unknown => strMap(asObj(template.metadata).labels) ?? null

export function validateStatefulSet(obj: Obj): ErrorList {
  const errs: ErrorList = []
  validateObjectMeta(obj.metadata as never, metaOpts, errs)
  const spec = asObj(obj.spec)
  const policy = str(spec.podManagementPolicy)
  if (!policy) errs.push(required('spec.podManagementPolicy'))
  else if (!podManagementPolicies.includes(policy))
    errs.push(invalid('spec.podManagementPolicy', policy, "must be 'OrderedReady' or 'Parallel'"))

  const strategy = asObj(spec.updateStrategy)
  switch (str(strategy.type)) {
    case '':
      errs.push(required('spec.updateStrategy'))
      break
    case 'OnDelete':
      if (strategy.rollingUpdate != null) {
        errs.push(
          invalid(
            'spec.updateStrategy.rollingUpdate',
            strategy.rollingUpdate,
            "only allowed for updateStrategy 'RollingUpdate'",
          ),
        )
      }
      break
    case 'RollingUpdate':
      if (isObj(strategy.rollingUpdate)) {
        const ru = strategy.rollingUpdate
        nonNegative(errs, 'spec.updateStrategy.rollingUpdate.partition', int(ru.partition))
        // maxUnavailable is only accepted with the MaxUnavailableStatefulSet gate, which is off.
      }
      break
    default:
      errs.push(
        invalid(
          'spec.updateStrategy',
          { type: str(strategy.type), rollingUpdate: strategy.rollingUpdate ?? null },
          "must be 'RollingUpdate' or 'OnDelete'",
        ),
      )
  }

  const retention = spec.persistentVolumeClaimRetentionPolicy
  if (isObj(retention)) {
    for (const key of ['whenDeleted', 'whenScaled']) {
      const v = str(retention[key])
      const p = `spec.persistentVolumeClaimRetentionPolicy.${key}`
      if (!retentionPolicies.includes(v)) errs.push(notSupported(p, v, retentionPolicies))
    }
  }
  nonNegative(errs, 'spec.replicas', int(spec.replicas))
  nonNegative(errs, 'spec.minReadySeconds', int(spec.minReadySeconds))
  if (isObj(spec.ordinals)) nonNegative(errs, 'spec.ordinals.start', int(spec.ordinals.start))

  const { selector, ok } = validateSelector(errs, spec, 'statefulset')
  const template = asObj(spec.template)
  if (!ok) errs.push(invalid('spec.selector', selectorJSON(selector ?? {}), ''))
  else {
    const empty =
      selector !== null &&
      list(selector.matchExpressions).length === 0 &&
      Object.keys(asObj(selector.matchLabels)).length === 0
    if (
      !empty &&
      (selector === null || !selectorMatches(selector, strMap(asObj(template.metadata).labels)))
    ) {
      errs.push(
        invalid(
          'spec.template.metadata.labels',
          templateLabels(template),
          '`selector` does not match template `labels`',
        ),
      )
    }
    // The StatefulSet validator checks only the template's labels and annotations, not its pod spec: a
    // StatefulSet whose containers are invalid is accepted, and its Pods are refused when the controller
    // creates them.
    const meta = asObj(template.metadata)
    validateLabels(strMap(meta.labels), 'spec.template.labels', errs)
    validateAnnotations(strMap(meta.annotations), 'spec.template.annotations', errs)
  }
  const tspec = asObj(template.spec)
  const restartPolicy = str(tspec.restartPolicy)
  if (restartPolicy !== 'Always')
    errs.push(notSupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']))
  if (tspec.activeDeadlineSeconds != null) {
    errs.push(
      forbidden(
        'spec.template.spec.activeDeadlineSeconds',
        'activeDeadlineSeconds in StatefulSet is not Supported',
      ),
    )
  }
  return errs
}

export function validateDaemonSet(obj: Obj): ErrorList {
  const errs: ErrorList = []
  validateObjectMeta(obj.metadata as never, metaOpts, errs)
  const spec = asObj(obj.spec)
  const template = asObj(spec.template)
  const selector = isObj(spec.selector) ? spec.selector : null
  const before = errs.length
  if (selector) validateLabelSelector(errs, selector, 'spec.selector')
  // A missing selector selects nothing, so it can never match the template.
  if (
    errs.length === before &&
    (selector === null || !selectorMatches(selector, strMap(asObj(template.metadata).labels)))
  ) {
    errs.push(
      invalid(
        'spec.template.metadata.labels',
        templateLabels(template),
        '`selector` does not match template `labels`',
      ),
    )
  }
  if (
    selector &&
    list(selector.matchExpressions).length + Object.keys(asObj(selector.matchLabels)).length === 0
  ) {
    errs.push(invalid('spec.selector', selectorJSON(selector), 'empty selector is invalid for daemonset'))
  }
  validatePodTemplateSpec(errs, template, 'spec.template')
  const tspec = asObj(template.spec)
  const restartPolicy = str(tspec.restartPolicy)
  if (restartPolicy !== 'Always')
    errs.push(notSupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']))
  if (tspec.activeDeadlineSeconds != null) {
    errs.push(
      forbidden(
        'spec.template.spec.activeDeadlineSeconds',
        'activeDeadlineSeconds in DaemonSet is not Supported',
      ),
    )
  }
  nonNegative(errs, 'spec.minReadySeconds', int(spec.minReadySeconds))
  nonNegative(errs, 'spec.templateGeneration', int(spec.templateGeneration))

  const strategy = asObj(spec.updateStrategy)
  const p = 'spec.updateStrategy'
  switch (strategy.type) {
    case 'OnDelete':
      break
    case 'RollingUpdate': {
      if (!isObj(strategy.rollingUpdate)) {
        errs.push(required(`${p}.rollingUpdate`))
        break
      }
      const ru = strategy.rollingUpdate
      validatePositiveIntOrPercent(errs, ru.maxUnavailable, `${p}.rollingUpdate.maxUnavailable`)
      validatePositiveIntOrPercent(errs, ru.maxSurge, `${p}.rollingUpdate.maxSurge`)
      isNotMoreThan100Percent(errs, ru.maxUnavailable, `${p}.rollingUpdate.maxUnavailable`)
      isNotMoreThan100Percent(errs, ru.maxSurge, `${p}.rollingUpdate.maxSurge`)
      const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0
      const hasSurge = intOrPercentValue(ru.maxSurge) !== 0
      if (hasUnavailable && hasSurge) {
        errs.push(
          invalid(
            `${p}.rollingUpdate.maxSurge`,
            ru.maxSurge ?? 0,
            'may not be set when maxUnavailable is non-zero',
          ),
        )
      } else if (!hasUnavailable && !hasSurge) {
        errs.push(required(`${p}.rollingUpdate.maxUnavailable`, 'cannot be 0 when maxSurge is 0'))
      }
      break
    }
    default:
      errs.push(
        notSupported(p, { Type: str(strategy.type), RollingUpdate: strategy.rollingUpdate ?? null }, [
          'RollingUpdate',
          'OnDelete',
        ]),
      )
  }
  if (typeof spec.revisionHistoryLimit === 'number')
    nonNegative(errs, 'spec.revisionHistoryLimit', spec.revisionHistoryLimit)
  return errs
}
