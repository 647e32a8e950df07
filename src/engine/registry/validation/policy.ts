// PodDisruptionBudget validation (pkg/apis/policy/validation: ValidatePodDisruptionBudgetSpec and
// ValidatePodDisruptionBudgetStatusUpdate). The strategy checks no metadata of its own: rest.BeforeCreate's
// path-segment name check is the only one a PDB's name gets.
import { invalid, notSupported, type ErrorList } from './errors'
import { isNotMoreThan100Percent, validateLabelSelector, validatePositiveIntOrPercent } from './workloads'
import { IS_NEGATIVE_ERROR_MSG } from './names'
import { asObj, isObj, type Obj } from './util'

const UNHEALTHY_POD_EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget']

/** The internal PodDisruptionBudgetSpec as json.Marshal prints it: Go field names, no json tags. */
function internalSpec(spec: Obj): unknown {
  return {
    MinAvailable: spec.minAvailable ?? null,
    Selector: isObj(spec.selector) ? spec.selector : null,
    MaxUnavailable: spec.maxUnavailable ?? null,
    UnhealthyPodEvictionPolicy: spec.unhealthyPodEvictionPolicy ?? null,
  }
}

export function validatePodDisruptionBudget(obj: Obj): ErrorList {
  const errs: ErrorList = []
  const spec = asObj(obj.spec)
  if (spec.minAvailable != null && spec.maxUnavailable != null)
    errs.push(invalid('spec', internalSpec(spec), 'minAvailable and maxUnavailable cannot be both set'))
  for (const field of ['minAvailable', 'maxUnavailable'] as const) {
    if (spec[field] == null) continue
    validatePositiveIntOrPercent(errs, spec[field], `spec.${field}`)
    isNotMoreThan100Percent(errs, spec[field], `spec.${field}`)
  }
  if (isObj(spec.selector)) validateLabelSelector(errs, spec.selector, 'spec.selector')
  const policy = spec.unhealthyPodEvictionPolicy
  if (policy != null && !UNHEALTHY_POD_EVICTION_POLICIES.includes(String(policy)))
    errs.push(notSupported('spec.unhealthyPodEvictionPolicy', policy, UNHEALTHY_POD_EVICTION_POLICIES))
  return errs
}

/** The counters a status write may not make negative (policy/v1 only; v1beta1 skips them). */
export function validatePodDisruptionBudgetStatus(obj: Obj): ErrorList {
  const errs: ErrorList = []
  const status = asObj(obj.status)
  for (const field of ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods']) {
    const value = status[field]
    if (typeof value === 'number' && value < 0) errs.push(invalid(`status.${field}`, value, IS_NEGATIVE_ERROR_MSG))
  }
  return errs
}
