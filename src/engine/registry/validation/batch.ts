// Job and CronJob validation (pkg/apis/batch/validation: ValidateJob, ValidateCronJobCreate), in the
// order the real code appends errors.
import { invalid, notSupported, pushMessages, required, type ErrorList } from './errors'
import { validateObjectMeta } from './meta'
import { isDNS1123Label, IS_NEGATIVE_ERROR_MSG, maxLenError, nameIsDNSSubdomain } from './names'
import { validatePodTemplateSpec } from './pod'
import { asObj, isObj, list, str, strMap, type Obj } from './util'
import { cronScheduleError, cronTimeZoneMessages } from './cron'
import { selectorJSON, selectorMatches, validateLabelSelector } from './workloads'

const metaOpts = { namespaced: true, nameFn: nameIsDNSSubdomain, kubeFinalizers: true }

const MAX_PARALLELISM_FOR_INDEXED_JOB = 100000
const MAX_COMPLETIONS_FOR_INDEXED_JOB = 100000
const completionModes = ['NonIndexed', 'Indexed']
const podReplacementPolicies = ['Failed', 'TerminatingOrFailed']

const nonNegativeIfSet = (errs: ErrorList, path: string, v: unknown): void => {
  if (typeof v === 'number' && v < 0) errs.push(invalid(path, v, IS_NEGATIVE_ERROR_MSG))
}

/** validateJobSpec: what a Job and a CronJob's jobTemplate share. `path` is `spec` or `spec.jobTemplate.spec`. */
function validateJobSpecCommon(errs: ErrorList, spec: Obj, path: string): void {
  nonNegativeIfSet(errs, `${path}.parallelism`, spec.parallelism)
  nonNegativeIfSet(errs, `${path}.completions`, spec.completions)
  nonNegativeIfSet(errs, `${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds)
  nonNegativeIfSet(errs, `${path}.backoffLimit`, spec.backoffLimit)
  nonNegativeIfSet(errs, `${path}.ttlSecondsAfterFinished`, spec.ttlSecondsAfterFinished)
  if (spec.backoffLimitPerIndex != null && spec.completionMode !== 'Indexed') {
    errs.push(
      required(
        `${path}.completionMode`,
        'when backoffLimitPerIndex is specified, completionMode must be Indexed',
      ),
    )
  }
  nonNegativeIfSet(errs, `${path}.backoffLimitPerIndex`, spec.backoffLimitPerIndex)
  if (spec.completionMode != null) {
    const mode = str(spec.completionMode)
    if (!completionModes.includes(mode))
      errs.push(notSupported(`${path}.completionMode`, spec.completionMode, completionModes))
    if (mode === 'Indexed') {
      if (spec.completions == null)
        errs.push(required(`${path}.completions`, 'when completion mode is Indexed'))
      if (typeof spec.parallelism === 'number' && spec.parallelism > MAX_PARALLELISM_FOR_INDEXED_JOB) {
        errs.push(
          invalid(
            `${path}.parallelism`,
            spec.parallelism,
            `must be less than or equal to ${MAX_PARALLELISM_FOR_INDEXED_JOB} when completion mode is Indexed`,
          ),
        )
      }
      if (typeof spec.completions === 'number' && spec.completions > MAX_COMPLETIONS_FOR_INDEXED_JOB) {
        errs.push(
          invalid(
            `${path}.completions`,
            spec.completions,
            `must be less than or equal to ${MAX_COMPLETIONS_FOR_INDEXED_JOB} when completion mode is Indexed`,
          ),
        )
      }
    }
  }
  if (spec.podReplacementPolicy != null) {
    const policy = str(spec.podReplacementPolicy)
    const p = `${path}.podReplacementPolicy`
    // With a podFailurePolicy only Failed is allowed.
    if (isObj(spec.podFailurePolicy)) {
      if (policy !== 'Failed') errs.push(notSupported(p, policy, ['Failed']))
    } else if (!podReplacementPolicies.includes(policy))
      errs.push(notSupported(p, policy, podReplacementPolicies))
  }
  // The real validator also checks podFailurePolicy rules, successPolicy and maxFailedIndexes.
  const template = asObj(spec.template)
  validatePodTemplateSpec(errs, template, `${path}.template`)
  const restartPolicy = str(asObj(template.spec).restartPolicy)
  // The pod template's defaulting turns a missing restartPolicy into Always, so both read as "not chosen".
  if (restartPolicy === 'Always' || restartPolicy === '') {
    errs.push(required(`${path}.template.spec.restartPolicy`, 'valid values: "OnFailure", "Never"'))
  } else if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') {
    errs.push(notSupported(`${path}.template.spec.restartPolicy`, restartPolicy, ['OnFailure', 'Never']))
  } else if (restartPolicy === 'OnFailure' && isObj(spec.podFailurePolicy)) {
    errs.push(
      invalid(
        `${path}.template.spec.restartPolicy`,
        restartPolicy,
        'only "Never" is supported when podFailurePolicy is specified',
      ),
    )
  }
}

/** validateGeneratedSelector: with a generated selector, the uid labels must be the Job's own. */
function validateGeneratedSelector(errs: ErrorList, job: Obj): void {
  const spec = asObj(job.spec)
  if (spec.manualSelector === true) return
  const uid = str(asObj(job.metadata).uid)
  const labels = strMap(asObj(asObj(spec.template).metadata).labels)
  if (!labels) {
    errs.push(invalid('spec.template.metadata.labels', null, '`selector` not auto-generated'))
    return
  }
  for (const key of ['controller-uid', 'batch.kubernetes.io/controller-uid']) {
    if (labels[key] !== undefined && labels[key] !== uid) {
      errs.push(invalid(`spec.template.metadata.labels[${key}]`, labels[key], `must be '${uid}'`))
    }
  }
  // The selector must be exactly the generated one: a selector the user wrote gets the uid added, and fails.
  const selector = asObj(spec.selector)
  const matchLabels = strMap(selector.matchLabels) ?? {}
  const keys = Object.keys(matchLabels)
  const generated =
    keys.length === 1 &&
    list(selector.matchExpressions).length === 0 &&
    (matchLabels['batch.kubernetes.io/controller-uid'] === uid || matchLabels['controller-uid'] === uid)
  if (!generated) errs.push(invalid('spec.selector', selectorJSON(selector), '`selector` not auto-generated'))
}

export function validateJob(job: Obj): ErrorList {
  const errs: ErrorList = []
  validateObjectMeta(job.metadata as never, metaOpts, errs)
  validateGeneratedSelector(errs, job)
  const spec = asObj(job.spec)
  validateJobSpecCommon(errs, spec, 'spec')
  let selectorOk = true
  if (!isObj(spec.selector)) errs.push(required('spec.selector'))
  else {
    const before = errs.length
    validateLabelSelector(errs, spec.selector, 'spec.selector')
    selectorOk = errs.length === before
  }
  // Generated or manual, the selector must select the Pods the Job makes.
  const labels = strMap(asObj(asObj(spec.template).metadata).labels)
  if (selectorOk && (!isObj(spec.selector) || !selectorMatches(spec.selector, labels))) {
    errs.push(
      invalid('spec.template.metadata.labels', labels ?? null, '`selector` does not match template `labels`'),
    )
  }
  // An Indexed Job's Pods are named <job>-<index>, which must still be a DNS label.
  const name = str(asObj(job.metadata).name)
  if (spec.completionMode === 'Indexed' && typeof spec.completions === 'number' && spec.completions > 0) {
    const hostname = `${name}-${spec.completions - 1}`
    if (isDNS1123Label(hostname).length > 0) {
      errs.push(
        invalid('metadata.name', name, `will not able to create pod with invalid DNS label: ${hostname}`),
      )
    }
  }
  return errs
}

const concurrencyPolicies = ['Allow', 'Forbid', 'Replace']

/** A CronJob's name plus an 11-character suffix names its Jobs, so it is capped at 52. */
const CRONJOB_MAX_NAME = 52

export function validateCronJob(obj: Obj): ErrorList {
  const errs: ErrorList = []
  validateObjectMeta(obj.metadata as never, metaOpts, errs)
  const spec = asObj(obj.spec)
  const schedule = str(spec.schedule)
  if (!schedule) errs.push(required('spec.schedule'))
  else {
    const err = cronScheduleError(schedule)
    if (err) errs.push(invalid('spec.schedule', schedule, err))
    if (schedule.includes('TZ')) {
      errs.push(
        invalid(
          'spec.schedule',
          schedule,
          'cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
        ),
      )
    }
  }
  nonNegativeIfSet(errs, 'spec.startingDeadlineSeconds', spec.startingDeadlineSeconds)
  const policy = str(spec.concurrencyPolicy)
  if (!policy) errs.push(required('spec.concurrencyPolicy'))
  else if (!concurrencyPolicies.includes(policy))
    errs.push(notSupported('spec.concurrencyPolicy', policy, concurrencyPolicies))

  const jobTemplate = asObj(spec.jobTemplate)
  const jobSpec = asObj(jobTemplate.spec)
  validateJobSpecCommon(errs, jobSpec, 'spec.jobTemplate.spec')
  if (jobSpec.selector != null) {
    errs.push(
      invalid('spec.jobTemplate.spec.selector', jobSpec.selector, '`selector` will be auto-generated'),
    )
  }
  if (jobSpec.manualSelector === true) {
    errs.push(notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']))
  }
  nonNegativeIfSet(errs, 'spec.successfulJobsHistoryLimit', spec.successfulJobsHistoryLimit)
  nonNegativeIfSet(errs, 'spec.failedJobsHistoryLimit', spec.failedJobsHistoryLimit)
  if (typeof spec.timeZone === 'string') {
    pushMessages(errs, 'spec.timeZone', spec.timeZone, cronTimeZoneMessages(spec.timeZone))
  }
  // Checked after the spec: the name plus the controller's 11-character suffix must fit a Job name.
  const name = str(asObj(obj.metadata).name)
  if (name.length > CRONJOB_MAX_NAME) errs.push(invalid('metadata.name', name, maxLenError(CRONJOB_MAX_NAME)))
  return errs
}
