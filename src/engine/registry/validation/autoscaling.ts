// HorizontalPodAutoscaler validation (pkg/apis/autoscaling/validation). It runs on the internal object,
// which has the autoscaling/v2 shape, so an autoscaling/v1 HPA is converted first and its errors name v2
// paths: targetCPUUtilizationPercentage 0 is reported at spec.metrics[0].resource.target.averageUtilization.
import { parseQuantity } from '../quantity'
import { forbidden, invalid, notSupported, pushMessages, required, type ErrorList } from './errors'
import { validateObjectMeta } from './meta'
import { isValidPathSegmentName, nameIsDNSSubdomain } from './names'
import { asObj, int, isObj, list, str, type Obj } from './util'

const metaOpts = { namespaced: true, nameFn: nameIsDNSSubdomain, kubeFinalizers: true }

/** Without the HPAScaleToZero gate (alpha, off) minReplicas must be at least 1. */
const MIN_REPLICAS_LOWER_BOUND = 1
const MAX_PERIOD_SECONDS = 1800
const MAX_STABILIZATION_WINDOW_SECONDS = 3600
const metricSourceTypes = ['Object', 'Pods', 'Resource', 'External', 'ContainerResource']
const sourceFields: Record<string, string> = {
  Object: 'object',
  Pods: 'pods',
  Resource: 'resource',
  External: 'external',
  ContainerResource: 'containerResource',
}

function validateRef(errs: ErrorList, ref: Obj, path: string): void {
  for (const key of ['kind', 'name']) {
    const v = str(ref[key])
    if (!v) errs.push(required(`${path}.${key}`))
    else pushMessages(errs, `${path}.${key}`, v, isValidPathSegmentName(v))
  }
}

function validateTarget(errs: ErrorList, target: Obj, path: string): void {
  const type = str(target.type)
  if (!type) errs.push(required(`${path}.type`, 'must specify a metric target type'))
  if (type !== 'Utilization' && type !== 'Value' && type !== 'AverageValue')
    errs.push(invalid(`${path}.type`, type, 'must be either Utilization, Value, or AverageValue'))
  if (target.value != null && !(parseQuantity(target.value) > 0))
    errs.push(invalid(`${path}.value`, target.value, 'must be positive'))
  if (target.averageValue != null && !(parseQuantity(target.averageValue) > 0))
    errs.push(invalid(`${path}.averageValue`, target.averageValue, 'must be positive'))
  if (typeof target.averageUtilization === 'number' && target.averageUtilization < 1)
    errs.push(invalid(`${path}.averageUtilization`, target.averageUtilization, 'must be greater than 0'))
}

function validateMetricIdentifier(errs: ErrorList, id: Obj, path: string): void {
  const name = str(id.name)
  if (!name) errs.push(required(`${path}.name`, 'must specify a metric name'))
  else pushMessages(errs, `${path}.name`, name, isValidPathSegmentName(name))
}

function validateSource(errs: ErrorList, field: string, src: Obj, path: string): void {
  const target = asObj(src.target)
  switch (field) {
    case 'object':
      validateRef(errs, asObj(src.describedObject), `${path}.describedObject`)
      validateMetricIdentifier(errs, asObj(src.metric), `${path}.metric`)
      validateTarget(errs, target, `${path}.target`)
      if (target.value == null && target.averageValue == null)
        errs.push(required(`${path}.target.value`, 'must set either a target value or averageValue'))
      break
    case 'external':
      validateMetricIdentifier(errs, asObj(src.metric), `${path}.metric`)
      validateTarget(errs, target, `${path}.target`)
      if (target.value == null && target.averageValue == null)
        errs.push(required(`${path}.target.value`, 'must set either a target value or averageValue'))
      if (target.value != null && target.averageValue != null)
        errs.push(
          forbidden(
            `${path}.target.value`,
            'may not set both a target value for metric and a per-pod target',
          ),
        )
      break
    case 'pods':
      validateMetricIdentifier(errs, asObj(src.metric), `${path}.metric`)
      validateTarget(errs, target, `${path}.target`)
      if (target.averageValue == null)
        errs.push(required(`${path}.target.averageValue`, 'must specify a positive target averageValue'))
      break
    case 'resource':
    case 'containerResource':
      if (!str(src.name)) errs.push(required(`${path}.name`, 'must specify a resource name'))
      if (field === 'containerResource' && !str(src.container))
        errs.push(required(`${path}.container`, 'must specify a container'))
      validateTarget(errs, target, `${path}.target`)
      if (target.averageUtilization == null && target.averageValue == null) {
        errs.push(
          required(
            `${path}.target.averageUtilization`,
            'must set either a target raw value or a target utilization',
          ),
        )
      }
      if (target.averageUtilization != null && target.averageValue != null) {
        errs.push(
          forbidden(
            `${path}.target.averageValue`,
            'may not set both a target raw value and a target utilization',
          ),
        )
      }
      break
  }
}

function validateMetricSpec(errs: ErrorList, m: Obj, path: string): void {
  const type = str(m.type)
  if (!type) errs.push(required(`${path}.type`, 'must specify a metric source type'))
  if (!metricSourceTypes.includes(type)) errs.push(notSupported(`${path}.type`, type, metricSourceTypes))
  const present: string[] = []
  for (const field of ['object', 'external', 'pods', 'resource', 'containerResource']) {
    if (!isObj(m[field])) continue
    present.push(field)
    // Only the first source present is validated; any further one is an error of its own below.
    if (present.length === 1) validateSource(errs, field, m[field] as Obj, `${path}.${field}`)
  }
  const expected = sourceFields[type]
  if (expected && !isObj(m[expected]))
    errs.push(required(`${path}.${expected}`, 'must populate information for the given metric source'))
  if (present.length !== 1) {
    for (const field of present)
      if (field !== expected)
        errs.push(forbidden(`${path}.${field}`, 'must populate the given metric source only'))
  }
}

function validateRules(errs: ErrorList, rules: unknown, path: string): void {
  if (!isObj(rules)) return
  const window = rules.stabilizationWindowSeconds
  if (typeof window === 'number' && window < 0)
    errs.push(invalid(`${path}.stabilizationWindowSeconds`, window, 'must be greater than or equal to zero'))
  if (typeof window === 'number' && window > MAX_STABILIZATION_WINDOW_SECONDS) {
    errs.push(
      invalid(
        `${path}.stabilizationWindowSeconds`,
        window,
        `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`,
      ),
    )
  }
  if (rules.selectPolicy != null && !['Max', 'Min', 'Disabled'].includes(str(rules.selectPolicy)))
    errs.push(notSupported(`${path}.selectPolicy`, rules.selectPolicy, ['Disabled', 'Max', 'Min']))
  const policies = list(rules.policies)
  if (policies.length === 0) errs.push(required(`${path}.policies`, 'must specify at least one Policy'))
  policies.forEach((raw, i) => {
    const p = asObj(raw)
    const pp = `${path}.policies[${i}]`
    if (p.type !== 'Pods' && p.type !== 'Percent')
      errs.push(notSupported(`${pp}.type`, str(p.type), ['Percent', 'Pods']))
    if (int(p.value) <= 0) errs.push(invalid(`${pp}.value`, int(p.value), 'must be greater than zero'))
    if (int(p.periodSeconds) <= 0)
      errs.push(invalid(`${pp}.periodSeconds`, int(p.periodSeconds), 'must be greater than zero'))
    if (int(p.periodSeconds) > MAX_PERIOD_SECONDS) {
      errs.push(
        invalid(
          `${pp}.periodSeconds`,
          int(p.periodSeconds),
          `must be less than or equal to ${MAX_PERIOD_SECONDS}`,
        ),
      )
    }
  })
}

/** ValidateHorizontalPodAutoscaler on an object in the autoscaling/v2 shape. */
export function validateHPA(obj: Obj): ErrorList {
  const errs: ErrorList = []
  validateObjectMeta(obj.metadata as never, metaOpts, errs)
  const spec = asObj(obj.spec)
  const min = spec.minReplicas
  const max = int(spec.maxReplicas)
  if (typeof min === 'number' && min < MIN_REPLICAS_LOWER_BOUND) {
    errs.push(
      invalid('spec.minReplicas', min, `must be greater than or equal to ${MIN_REPLICAS_LOWER_BOUND}`),
    )
  }
  if (max < 1) errs.push(invalid('spec.maxReplicas', max, 'must be greater than 0'))
  if (typeof min === 'number' && max < min)
    errs.push(invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'))
  validateRef(errs, asObj(spec.scaleTargetRef), 'spec.scaleTargetRef')
  list(spec.metrics).forEach((m, i) => validateMetricSpec(errs, asObj(m), `spec.metrics[${i}]`))
  if (isObj(spec.behavior)) {
    validateRules(errs, spec.behavior.scaleUp, 'spec.behavior.scaleUp')
    validateRules(errs, spec.behavior.scaleDown, 'spec.behavior.scaleDown')
  }
  return errs
}
